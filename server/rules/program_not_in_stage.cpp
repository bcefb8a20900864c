// DP004 program-not-in-stage: the program that the container starts, or
// the interpreter in its shebang, does not exist in the stage.
//
//   FROM gcr.io/distroless/python3-debian12
//   ENTRYPOINT ["/usr/local/bin/python3", "app.py"]   <- only in python:*
//
// Fix: name the interpreter the stage has (/usr/bin/python3).
#include <fmt/format.h>

#include "../model/stage_builder.h"
#include "checks.h"

namespace dockpath::rules {

namespace {

constexpr RuleInfo kInfo{
    "DP004", "program-not-in-stage", "path", Severity::Error,
    "The program the container starts, or the interpreter its shebang "
    "names, does not exist in the stage."};

// The stage's interpreter path to use instead of a missing one: an alias
// with the same name, or the interpreter itself.
std::string replacementFor(const Stage &stage, std::string_view missing) {
  if (!model::isPythonName(baseName(missing))) return "";
  for (const Interpreter &python : stage.pythons) {
    if (!python.venv.empty()) continue;
    for (const auto &alias : python.install->aliases)
      if (baseName(alias) == baseName(missing) &&
          stage.fs.exists(alias) == Existence::Present)
        return alias;
    if (stage.fs.exists(python.install->executable) == Existence::Present)
      return python.install->executable;
  }
  return "";
}

void check(RuleContext &ctx, const Stage &stage) {
  if (!isRuntimeStage(ctx.model, stage)) return;
  auto command = effectiveCommand(stage);
  if (!command) return;
  const CommandPart &program = command->argv.front();
  const Word *word = wordOf(stage, program);
  model::PathLookup found = model::lookupProgram(stage, program.value);
  if (found.path.empty()) {
    // TODO: report bare names missing from every PATH folder once the
    // catalog lists whole PATH folders of an image.
    return;
  }
  if (stage.fs.exists(found.path) == Existence::Absent && word) {
    std::string resolved = stage.fs.resolve(found.path);
    std::string via = resolved == found.path
                          ? ""
                          : fmt::format(" (a link to {})", resolved);
    Diagnostic &d = ctx.report(
        kInfo, word->range,
        fmt::format("{}{} does not exist in this stage (based on {}).",
                    found.path, via, imageName(stage)));
    std::string replacement = replacementFor(stage, program.value);
    if (!replacement.empty())
      d.fixes.push_back({fmt::format("Use {}", replacement),
                         {{word->range, fmt::format("\"{}\"", replacement)}}});
    return;
  }
  // A script: the interpreter in its shebang must exist too.
  const FsEntry *script = stage.fs.find(stage.fs.resolve(found.path));
  if (!script || script->shebang().empty() || !word) return;
  if (stage.fs.exists(script->shebang()) != Existence::Absent) return;
  std::string resolved = stage.fs.resolve(script->shebang());
  Diagnostic &d = ctx.report(
      kInfo, word->range,
      fmt::format("{} starts with #!{}, which does not exist in this stage{}"
                  "; the script was put here by {} and made for another file system.",
                  found.path, script->shebang(),
                  resolved == script->shebang()
                      ? ""
                      : fmt::format(" (it links to {})", resolved),
                  describeInstruction(ctx.file, script->origin.instruction)));
  if (script->origin.instruction >= 0)
    d.related.push_back(
        {"", ctx.file.instructions[script->origin.instruction].range,
         "the script is put here"});
}

}  // namespace

const Rule kProgramNotInStage{kInfo, nullptr, check};

}  // namespace dockpath::rules
