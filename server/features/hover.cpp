// Hover: what dockpath's model knows at the hovered word. Paths say where
// they come from, stage names and images what they contain, PYTHONPATH
// and CMD/ENTRYPOINT the effective sys.path and command line.
#include <fmt/format.h>

#include "dockpath/features/features.h"
#include "dockpath/model/runtime.h"
#include "hover_sections.h"

namespace dockpath {

namespace {

const Word *wordAt(const Instruction &instruction, Position position) {
  for (const Word &w : instruction.args)
    if (w.range.touches(position)) return &w;
  for (const KeyValue &pair : instruction.pairs)
    if (pair.range.touches(position))
      return pair.value && pair.value->range.touches(position)
                 ? &*pair.value
                 : &pair.key;
  return nullptr;
}

const KeyValue *pairAt(const Instruction &instruction, Position position) {
  for (const KeyValue &pair : instruction.pairs)
    if (pair.range.touches(position)) return &pair;
  return nullptr;
}

}  // namespace

std::optional<HoverInfo> computeHover(const ParsedFile &file,
                                      const BuildModel &model,
                                      const BuildContext *context,
                                      Position position) {
  const Instruction *instruction = file.instructionAt(position.line);
  if (!instruction) return std::nullopt;
  int index = static_cast<int>(instruction - file.instructions.data());
  int stageIndex = model.stageOf[index];
  if (stageIndex < 0) return std::nullopt;
  const Stage &final = model.stages[stageIndex];
  hover::Writer out;

  if (instruction->kind == InstructionKind::From) {
    hover::describeStage(out, model, final);
    return out.finish(instruction->range);
  }
  if (const Flag *from = instruction->flag("from");
      from && from->range.touches(position) && from->value) {
    if (const Stage *source = model.stageNamed(*from->value)) {
      hover::describeStage(out, model, *source);
      return out.finish(from->range);
    }
  }
  // The state the instruction sees, and the state after it.
  Stage before = stageBefore(file, model, context, index);
  Stage after = stageBefore(file, model, context, index + 1);
  if (index + 1 >= (int)file.instructions.size() ||
      model.stageOf[index + 1] != stageIndex)
    after = final;

  if (instruction->kind == InstructionKind::Cmd ||
      instruction->kind == InstructionKind::Entrypoint) {
    hover::describeCommand(out, file, after);
    return out.finish(instruction->range);
  }
  if (const KeyValue *pair = pairAt(*instruction, position);
      pair && pair->key.value == "PYTHONPATH") {
    hover::describePythonPath(out, file, after);
    return out.finish(pair->range);
  }
  const Word *word = wordAt(*instruction, position);
  if (!word) return std::nullopt;
  bool isDest = instruction->kind == InstructionKind::Copy ||
                instruction->kind == InstructionKind::Add;
  // A source is not a path of this stage: the model describes it in the
  // build context or the --from stage, or not at all.
  if (isDest && word != &instruction->args.back()) {
    if (!hover::describeCopySource(out, file, model, context, *instruction,
                                   *word))
      return std::nullopt;
    return out.finish(word->range);
  }
  const Stage &view = isDest ? after : before;
  if (hover::describePath(out, file, model, view, *instruction, *word))
    return out.finish(word->range);
  return std::nullopt;
}

}  // namespace dockpath
