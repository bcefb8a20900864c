// DP006 shell-form-without-shell: shell-form RUN, CMD or ENTRYPOINT in a
// stage that has no shell at the SHELL path (/bin/sh by default).
// Distroless images have no /bin/sh; their :debug variants have busybox
// under /busybox only (distroless README and busybox build rules).
//
//   FROM gcr.io/distroless/static-debian12:debug
//   RUN mkdir -p /var/lib/app          <- no /bin/sh
//
// Fix: exec form, RUN ["mkdir", "-p", "/var/lib/app"], when the program
// is on the stage's PATH.
#include <fmt/format.h>

#include "../model/stage_builder.h"
#include "checks.h"

namespace dockpath::rules {

namespace {

constexpr RuleInfo kInfo{
    "DP006", "shell-form-without-shell", "path", Severity::Error,
    "A shell-form instruction runs in a stage that has no shell."};

void checkInstruction(RuleContext &ctx, const Stage &stage,
                      const Instruction &instruction) {
  bool shellForm = !instruction.execForm &&
                   (instruction.kind == InstructionKind::Run ||
                    instruction.kind == InstructionKind::Cmd ||
                    instruction.kind == InstructionKind::Entrypoint);
  if (!shellForm || stage.shell.empty()) return;
  const std::string &shell = stage.shell.front();
  if (stage.fs.exists(shell) != Existence::Absent) return;
  Diagnostic &d = ctx.report(
      kInfo, argumentsRange(instruction),
      fmt::format("shell-form {} needs {}, which {} does not have. Use the "
                  "exec form (a JSON array).",
                  keywordOf(instruction.kind), shell, imageName(stage)));
  auto words = simpleCommand(instruction.argText);
  if (!words || words->empty() || !instruction.heredocs.empty()) return;
  if (model::lookupProgram(stage, words->front()).path.empty()) return;
  std::string array = execFormArray(*words);
  d.fixes.push_back({fmt::format("Use exec form: {}", array),
                     {{argumentsRange(instruction), array}}});
}

void check(RuleContext &ctx, const Stage &stage) {
  for (int index : stage.instructions)
    checkInstruction(ctx, stage, ctx.file.instructions[index]);
}

}  // namespace

const Rule kShellFormWithoutShell{kInfo, nullptr, check};

}  // namespace dockpath::rules
