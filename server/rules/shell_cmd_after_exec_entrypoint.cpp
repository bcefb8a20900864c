// DP003 shell-cmd-after-exec-entrypoint: a shell-form CMD after an
// exec-form ENTRYPOINT becomes "/bin/sh -c '<cmd>'" arguments to the
// entrypoint (Dockerfile reference, "Understand how CMD and ENTRYPOINT
// interact").
//
//   ENTRYPOINT ["python3"]
//   CMD python3 -m svc          <- runs python3 /bin/sh -c "python3 -m svc"
//
// Fix: write CMD in exec form, without a repeated interpreter:
// CMD ["-m", "svc"].
#include <fmt/format.h>

#include "../model/stage_builder.h"
#include "checks.h"

namespace dockpath::rules {

namespace {

constexpr RuleInfo kInfo{
    "DP003", "shell-cmd-after-exec-entrypoint", "path", Severity::Error,
    "A shell-form CMD after an exec-form ENTRYPOINT is passed to the "
    "entrypoint as /bin/sh -c arguments."};

// Programs that read their first argument as a script or class to run.
// Wrappers such as tini, dumb-init or gosu run their arguments as a
// command, so "/bin/sh -c ..." after them works and is not flagged.
bool readsScriptArgument(std::string_view program) {
  static const std::string_view kInterpreters[] = {
      "node", "nodejs", "java", "ruby", "perl", "php", "bash", "sh",
      "deno", "bun"};
  if (model::isPythonName(program)) return true;
  for (std::string_view name : kInterpreters)
    if (program == name) return true;
  return false;
}

void check(RuleContext &ctx, const Stage &stage) {
  if (!isRuntimeStage(ctx.model, stage)) return;
  auto command = effectiveCommand(stage);
  if (!command || !command->shellCmdAppended || !stage.cmd.instruction ||
      !readsScriptArgument(baseName(stage.entrypoint.argv.front())))
    return;
  const Instruction &cmd = *stage.cmd.instruction;
  const std::string &entry = stage.entrypoint.argv.front();
  Diagnostic &d = ctx.report(
      kInfo, argumentsRange(cmd),
      fmt::format("shell-form CMD is appended to the exec-form ENTRYPOINT "
                  "as `{} -c \"{}\"`, so {} receives a shell as its "
                  "arguments. Write CMD in exec form (JSON array).",
                  stage.shell.empty() ? "/bin/sh" : stage.shell.front(),
                  stage.cmd.shellText, entry));
  if (stage.entrypoint.instruction)
    d.related.push_back({"", stage.entrypoint.instruction->range,
                         "exec-form ENTRYPOINT is set here"});
  auto words = simpleCommand(stage.cmd.shellText);
  if (!words || words->empty()) return;
  // The entrypoint already is the program: keep only its arguments.
  if (baseName(words->front()) == baseName(entry) ||
      (model::isPythonName(baseName(entry)) &&
       model::isPythonName(baseName(words->front()))))
    words->erase(words->begin());
  d.fixes.push_back({fmt::format("Use exec form: CMD {}",
                                 execFormArray(*words)),
                     {{argumentsRange(cmd), execFormArray(*words)}}});
}

}  // namespace

const Rule kShellCmdAfterExecEntrypoint{kInfo, nullptr, check};

}  // namespace dockpath::rules
