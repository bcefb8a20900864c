#include <fmt/format.h>

#include "../model/stage_builder.h"
#include "checks.h"

namespace dockpath::rules {

std::string describeInstruction(const ParsedFile &file, int instruction) {
  if (instruction < 0 || instruction >= (int)file.instructions.size())
    return "the base image";
  const Instruction &at = file.instructions[instruction];
  std::string out(keywordOf(at.kind));
  if (const Flag *from = at.flag("from"); from && from->value)
    out += " --from=" + *from->value;
  return out;
}

const Word *wordOf(const Stage &stage, const CommandPart &part) {
  const Command *command = nullptr;
  if (part.source == CommandPart::Source::Entrypoint)
    command = &stage.entrypoint;
  else if (part.source == CommandPart::Source::Cmd)
    command = &stage.cmd;
  if (!command || !command->instruction || !command->execForm ||
      part.index < 0 ||
      part.index >= (int)command->instruction->args.size())
    return nullptr;
  return &command->instruction->args[part.index];
}

Range argumentsRange(const Instruction &instruction) {
  if (instruction.argRange.empty()) return instruction.range;
  return instruction.argRange;
}

std::string imageName(const Stage &stage) {
  if (stage.image && !stage.imageReference.empty())
    return stage.imageReference;
  if (stage.image) return stage.image->name;
  return stage.baseReference.empty() ? "an unknown image"
                                     : stage.baseReference;
}

std::string execFormArray(const std::vector<std::string> &words) {
  std::string out = "[";
  for (size_t i = 0; i < words.size(); ++i) {
    if (i) out += ", ";
    out += '"';
    for (char c : words[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "]";
}

std::optional<std::vector<std::string>> simpleCommand(std::string_view text) {
  // Variables, globs and redirections need a shell to mean the same.
  if (text.find_first_of("$*?~<>|&;`(){}") != std::string_view::npos)
    return std::nullopt;
  std::vector<std::vector<std::string>> commands;
  if (!model::splitShellCommands(text, commands) || commands.size() != 1)
    return std::nullopt;
  return commands.front();
}

}  // namespace dockpath::rules
