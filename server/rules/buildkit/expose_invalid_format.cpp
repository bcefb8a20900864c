// ExposeInvalidFormat: an EXPOSE port with an IP address or a host port,
// as in `docker run -p`. EXPOSE records only the container port, so the
// rest has no effect; BuildKit warns that it will become an error
// (dockerfile2llb/convert_expose.go, parsePort and splitParts;
// docs.docker.com/reference/build-checks/expose-invalid-format).
//
//   EXPOSE 127.0.0.1:8080:80     <- flagged
//   EXPOSE 80                    <- fine
//
// Fix: keep only the container port, which is all EXPOSE records.
#include <fmt/format.h>

#include "common.h"

namespace dockpath::rules {

namespace {

constexpr RuleInfo kInfo{
    "ExposeInvalidFormat", "ExposeInvalidFormat", "buildkit", Severity::Warning,
    "EXPOSE should not define an IP address or a host port mapping."};

void checkWord(RuleContext &ctx, const Word &word) {
  // NOTE: words with variables are skipped; BuildKit expands them first.
  if (word.text.find('$') != std::string::npos) return;
  size_t lastColon = word.text.rfind(':');
  if (lastColon == std::string::npos) return;
  std::string container = word.text.substr(lastColon + 1);
  Range mapping = buildkit::subRange(word, 0, lastColon + 1);
  Diagnostic &d = ctx.report(
      kInfo, mapping,
      fmt::format("EXPOSE {} names an IP address or host port, which EXPOSE "
                  "ignores; publish ports with `docker run -p`. This will "
                  "become an error in a future BuildKit release.",
                  word.text));
  if (container.empty() || mapping == word.range) return;
  d.fixes.push_back(
      {fmt::format("Expose only {}", container), {{mapping, ""}}});
}

void check(RuleContext &ctx, const Stage &stage) {
  buildkit::forEachInStage(ctx.file, stage, [&](const Instruction &in) {
    if (in.kind == InstructionKind::Expose)
      for (const Word &word : in.args) checkWord(ctx, word);
  });
}

}  // namespace

const Rule kExposeInvalidFormat{kInfo, nullptr, check};

}  // namespace dockpath::rules
