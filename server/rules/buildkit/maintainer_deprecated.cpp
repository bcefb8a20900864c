// MaintainerDeprecated: the MAINTAINER instruction, deprecated in favour
// of the org.opencontainers.image.authors label (linter/ruleset.go; the
// Dockerfile reference, "MAINTAINER (deprecated)").
//
//   MAINTAINER Jane Doe <jane@example.org>                            <-
//   flagged LABEL org.opencontainers.image.authors="Jane Doe
//   <jane@example.org>"
//
// Fix: replace it with that LABEL.
#include <fmt/format.h>

#include "common.h"

namespace dockpath::rules {

namespace {

constexpr RuleInfo kInfo{
    "MaintainerDeprecated", "MaintainerDeprecated", "buildkit",
    Severity::Warning,
    "MAINTAINER is deprecated; use the org.opencontainers.image.authors "
    "label."};

// The text as a double-quoted LABEL value. MAINTAINER expands no variables
// but LABEL does, so '$' is escaped too.
std::string quoted(std::string_view text, char escape) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '$' || c == escape) out += escape;
    out += c;
  }
  return out + "\"";
}

void check(RuleContext &ctx, const Stage &stage) {
  buildkit::forEachInStage(ctx.file, stage, [&](const Instruction &in) {
    // ONBUILD triggers are not linted where they are defined.
    if (in.kind != InstructionKind::Maintainer) return;
    const Instruction *target = &in;
    Diagnostic &d =
        ctx.report(kInfo, target->keywordRange,
                   "MAINTAINER is deprecated: set the author with LABEL "
                   "org.opencontainers.image.authors instead.");
    d.tags.push_back(DiagnosticTag::Deprecated);
    if (target->argText.empty() || target->segments.size() > 1) return;
    std::string label = "LABEL org.opencontainers.image.authors=" +
                        quoted(target->argText, ctx.file.escape);
    d.fixes.push_back(
        {"Replace MAINTAINER with an authors LABEL",
         {{{target->keywordRange.start, target->argRange.end}, label}}});
  });
}

}  // namespace

const Rule kMaintainerDeprecated{kInfo, nullptr, check};

}  // namespace dockpath::rules
