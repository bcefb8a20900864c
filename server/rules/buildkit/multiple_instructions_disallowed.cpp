// MultipleInstructionsDisallowed: a second CMD, ENTRYPOINT or HEALTHCHECK
// in one stage. Only the last one takes effect, so BuildKit reports the
// earlier one (dockerfile2llb/convert.go, validateUsedOnce). A stage that
// builds on another stage starts with none seen.
//
//   CMD ["./server"]        <- flagged: replaced below
//   CMD ["./server", "-v"]
//
// No fix: which one the author meant is not known.
#include <fmt/format.h>

#include <map>

#include "common.h"

namespace dockpath::rules {

namespace {

constexpr RuleInfo kInfo{
    "MultipleInstructionsDisallowed", "MultipleInstructionsDisallowed",
    "buildkit", Severity::Warning,
    "Only the last CMD, ENTRYPOINT or HEALTHCHECK of a stage takes effect."};

bool trackedKind(InstructionKind kind) {
  return kind == InstructionKind::Cmd || kind == InstructionKind::Entrypoint ||
         kind == InstructionKind::Healthcheck;
}

void check(RuleContext &ctx, const Stage &stage) {
  // The previous instruction of each kind in the stage.
  std::map<InstructionKind, const Instruction *> previous;
  for (int i : stage.instructions) {
    const Instruction &in = ctx.file.instructions[i];
    if (!trackedKind(in.kind)) continue;
    const Instruction *&earlier = previous[in.kind];
    if (earlier) {
      std::string keyword(keywordOf(in.kind));
      Diagnostic &d = ctx.report(
          kInfo, earlier->keywordRange,
          fmt::format("This {} has no effect: a later {} in the same "
                      "stage replaces it. Remove one of them.",
                      keyword, keyword));
      d.related.push_back({"", in.range, "the " + keyword + " that is used"});
      d.tags.push_back(DiagnosticTag::Unnecessary);
    }
    earlier = &in;
  }
}

}  // namespace

const Rule kMultipleInstructionsDisallowed{kInfo, nullptr, check};

}  // namespace dockpath::rules
