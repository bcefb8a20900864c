// CopyIgnoredFile: COPY or ADD names a source that .dockerignore leaves
// out of the build context, so the build cannot find it. BuildKit runs
// this check only when "# check=experimental=CopyIgnoredFile" (or
// experimental=all) turns it on (linter/ruleset.go, Experimental: true;
// dockerfile2llb/convert.go, validateCopySourcePath).
//
//   # .dockerignore: config/
//   COPY config/settings.yaml /etc/app/     <- flagged
//
// No fix: either the ignore file or the COPY is wrong.
#include <fmt/format.h>

#include "common.h"
#include "dockpath/context/build_context.h"
#include "dockpath/context/dockerignore.h"

namespace dockpath::rules {

namespace {

constexpr RuleInfo kInfo{
    "CopyIgnoredFile", "CopyIgnoredFile", "buildkit", Severity::Warning,
    "COPY and ADD should not name files that .dockerignore excludes."};

// The .dockerignore of the context root, or nullopt when there is none or
// when another ignore file may apply instead.
// TODO: BuildKit prefers "<Dockerfile name>.dockerignore" beside the
// Dockerfile; RuleContext does not carry the Dockerfile's path, so any such
// file makes this check stay silent.
std::optional<DockerignoreMatcher> ignoreMatcher(const BuildContext &context) {
  for (const std::string &path : context.glob("*.dockerignore", 16))
    if (path != ".dockerignore") return std::nullopt;
  auto text = context.readFile(".dockerignore");
  if (!text) return std::nullopt;
  return DockerignoreMatcher(parseDockerignore(*text));
}

bool isRemote(std::string_view source) {
  return source.rfind("http://", 0) == 0 || source.rfind("https://", 0) == 0 ||
         source.rfind("git@", 0) == 0;
}

void checkSources(RuleContext &ctx, const Instruction &in,
                  const DockerignoreMatcher &matcher) {
  for (size_t i = 0; i + 1 < in.args.size(); ++i) {
    const Word &word = in.args[i];
    const std::string &source = word.value;
    // NOTE: sources with variables are skipped; BuildKit expands them.
    if (source.rfind("<<", 0) == 0 || isRemote(source) ||
        word.text.find('$') != std::string::npos)
      continue;
    std::string_view relative = source;
    while (!relative.empty() && relative.front() == '/')
      relative.remove_prefix(1);
    auto path = BuildContext::normalise(relative);
    if (!path || path->empty()) continue;
    const IgnorePattern *pattern = matcher.excludedBy(*path);
    if (!pattern) continue;
    std::string keyword(keywordOf(in.kind));
    ctx.report(
        kInfo, word.range,
        fmt::format("{} source '{}' is excluded by .dockerignore line "
                    "{} ('{}'), so the build cannot find it. Remove "
                    "the pattern or the source.",
                    keyword, source, pattern->line + 1, pattern->pattern));
  }
}

void check(RuleContext &ctx) {
  if (!ctx.context || !ctx.context->readable()) return;
  auto matcher = ignoreMatcher(*ctx.context);
  if (!matcher || matcher->empty()) return;
  for (const Instruction &in : ctx.file.instructions) {
    bool copy = in.kind == InstructionKind::Copy && !in.flag("from");
    if (copy || in.kind == InstructionKind::Add)
      checkSources(ctx, in, *matcher);
  }
}

}  // namespace

const Rule kCopyIgnoredFile{kInfo, check};

}  // namespace dockpath::rules
