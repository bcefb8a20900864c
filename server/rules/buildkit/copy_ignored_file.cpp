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

// TODO: BuildKit prefers "<Dockerfile name>.dockerignore" beside the
// Dockerfile; RuleContext does not carry the Dockerfile's path, so any such
// file makes this check stay silent (BuildContext::rootDockerignore).
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

void check(RuleContext &ctx, const Stage &stage) {
  if (!ctx.context || !ctx.context->readable()) return;
  const DockerignoreMatcher *matcher = ctx.context->rootDockerignore();
  if (!matcher || matcher->empty()) return;
  buildkit::forEachInStage(ctx.file, stage, [&](const Instruction &in) {
    bool copy = in.kind == InstructionKind::Copy && !in.flag("from");
    if (copy || in.kind == InstructionKind::Add)
      checkSources(ctx, in, *matcher);
  });
}

}  // namespace

const Rule kCopyIgnoredFile{kInfo, nullptr, check};

}  // namespace dockpath::rules
