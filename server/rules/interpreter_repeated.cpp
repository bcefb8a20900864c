// DP002 interpreter-repeated: CMD (or the rest of ENTRYPOINT) names a
// Python interpreter while ENTRYPOINT already is one, so the interpreter
// takes the name as the path of a script.
//
//   FROM gcr.io/distroless/python3-debian12   # ENTRYPOINT /usr/bin/python3.11
//   CMD ["python3", "-m", "app"]                <- runs python3.11 python3 ...
//
// Fix: drop the repeated interpreter: CMD ["-m", "app"].
#include <fmt/format.h>

#include "../model/stage_builder.h"
#include "checks.h"

namespace dockpath::rules {

namespace {

constexpr RuleInfo kInfo{
    "DP002", "interpreter-repeated", "path", Severity::Error,
    "CMD names a Python interpreter although ENTRYPOINT already is one, so "
    "the interpreter runs its own name as a script."};

std::string commandLine(const EffectiveCommand &command) {
  std::string out;
  for (const auto &part : command.argv)
    out += (out.empty() ? "" : " ") + part.value;
  return out;
}

// Deletes item `index` of an exec-form array, with the comma after it
// (or before it, for the last item).
TextEdit deleteItem(const Instruction &instruction, size_t index) {
  const auto &args = instruction.args;
  if (args.size() == 1) return {args[0].range, ""};
  if (index + 1 < args.size())
    return {{args[index].range.start, args[index + 1].range.start}, ""};
  return {{args[index - 1].range.end, args[index].range.end}, ""};
}

void check(RuleContext &ctx, const Stage &stage) {
  if (!isRuntimeStage(ctx.model, stage)) return;
  auto command = effectiveCommand(stage);
  if (!command || command->argv.size() < 2) return;
  const CommandPart &program = command->argv[0];
  if (program.source != CommandPart::Source::Entrypoint ||
      !model::isPythonName(baseName(program.value)))
    return;
  const CommandPart &next = command->argv[1];
  if (!model::isPythonName(baseName(next.value))) return;
  const Word *word = wordOf(stage, next);
  if (!word) return;
  const Command &owner = next.source == CommandPart::Source::Cmd
                             ? stage.cmd
                             : stage.entrypoint;
  std::string origin =
      stage.entrypoint.origin.fromImage()
          ? fmt::format("the ENTRYPOINT of {}", imageName(stage))
          : stage.entrypoint.origin.stage == stage.index
                ? std::string("the ENTRYPOINT of this stage")
                : fmt::format("the ENTRYPOINT inherited from stage '{}'",
                              ctx.model.stages[stage.entrypoint.origin.stage]
                                  .name);
  Diagnostic &d = ctx.report(
      kInfo, word->range,
      fmt::format("'{}' is passed to the interpreter as a script path: {} "
                  "is already the interpreter {}, so the container runs "
                  "`{}`. Drop the interpreter from {}.",
                  next.value, origin, program.value, commandLine(*command),
                  next.source == CommandPart::Source::Cmd ? "CMD"
                                                          : "ENTRYPOINT"));
  if (stage.entrypoint.instruction)
    d.related.push_back({"", stage.entrypoint.instruction->range,
                         "ENTRYPOINT is set here"});
  d.fixes.push_back(
      {fmt::format("Remove '{}'", next.value),
       {deleteItem(*owner.instruction, static_cast<size_t>(next.index))}});
}

}  // namespace

const Rule kInterpreterRepeated{kInfo, nullptr, check};

}  // namespace dockpath::rules
