// JSONArgsRecommended: CMD or ENTRYPOINT in shell form while the stage has
// no SHELL instruction. The shell then runs as PID 1 and does not pass
// signals such as SIGTERM on to the program. An explicit SHELL, in the
// stage or a stage it builds on, marks the shell as intended and silences
// the check (dockerfile2llb/convert.go, dispatchCmd and dispatchEntrypoint).
//
//   CMD node server.js            <- flagged
//   CMD ["node", "server.js"]     <- fine
//
// Fix: for a command of plain words, the same words as a JSON array.
#include <fmt/format.h>

#include "common.h"

namespace dockpath::rules {

namespace {

constexpr RuleInfo kInfo{
    "JSONArgsRecommended", "JSONArgsRecommended", "buildkit", Severity::Warning,
    "JSON arguments are recommended for ENTRYPOINT and CMD so that the "
    "program receives OS signals."};

// Whether a SHELL instruction applies to instruction `index` of stage s.
// NOTE: a SHELL in the base image's config would count too, but the image
// catalog does not record one.
bool shellSet(const BuildModel &model, const ParsedFile &file,
              const Stage &stage, const Instruction &command) {
  for (int i : stage.instructions) {
    const Instruction &in = file.instructions[i];
    if (&in == &command) break;
    if (in.kind == InstructionKind::Shell) return true;
  }
  return stage.parentStage >= 0 && model.stages[stage.parentStage].shellSet;
}

void check(RuleContext &ctx, const Stage &stage) {
  for (int i : stage.instructions) {
    const Instruction &in = ctx.file.instructions[i];
    bool command = in.kind == InstructionKind::Cmd ||
                   in.kind == InstructionKind::Entrypoint;
    if (!command || in.execForm || shellSet(ctx.model, ctx.file, stage, in))
      continue;
    std::string keyword(keywordOf(in.kind));
    Diagnostic &d = ctx.report(
        kInfo, argumentsRange(in),
        fmt::format("{} in shell form runs under /bin/sh -c, which does not "
                    "pass OS signals such as SIGTERM to the program. Write "
                    "it as a JSON array, or set SHELL if the shell is "
                    "wanted.",
                    keyword));
    // A broken JSON array also lands here; rewriting it is no plain fix.
    if (!in.heredocs.empty() || in.argText.rfind("[", 0) == 0) continue;
    auto words = simpleCommand(in.argText);
    if (!words || words->empty()) continue;
    d.fixes.push_back({"Convert to a JSON array",
                       {{argumentsRange(in), execFormArray(*words)}}});
  }
}

}  // namespace

const Rule kJsonArgsRecommended{kInfo, nullptr, check};

}  // namespace dockpath::rules
