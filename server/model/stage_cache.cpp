// Keys that tell when a stage of an earlier analysis can be reused: an
// edit in one stage leaves the others' models and diagnostics as they are,
// unless they read the edited stage.
#include <cctype>
#include <functional>
#include <unordered_map>

#include "stage_builder.h"

namespace dockpath::model {

namespace {

void mix(size_t &hash, size_t value) {
  hash ^= value + 0x9e3779b97f4a7c15ull + (hash << 6) + (hash >> 2);
}

void mixText(size_t &hash, std::string_view text) {
  mix(hash, std::hash<std::string_view>{}(text));
}

void mixPosition(size_t &hash, Position p) {
  mix(hash, (static_cast<size_t>(p.line) << 32) | p.column);
}

size_t instructionHash(const Instruction &instruction) {
  size_t hash = static_cast<size_t>(instruction.kind);
  mixText(hash, instruction.keyword);
  mixPosition(hash, instruction.range.start);
  mixPosition(hash, instruction.range.end);
  mixPosition(hash, instruction.argRange.start);
  for (const Flag &flag : instruction.flags) {
    mixText(hash, flag.name);
    mixText(hash, flag.value.value_or("\x01"));
  }
  mixText(hash, instruction.argText);
  for (const Heredoc &doc : instruction.heredocs) mixText(hash, doc.body);
  if (instruction.trigger) mix(hash, instructionHash(*instruction.trigger));
  return hash;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char &c : out) c = static_cast<char>(std::tolower((unsigned char)c));
  return out;
}

// Stage names an instruction reads: FROM's image, --from, and the from=
// option of RUN --mount. "*" stands for a name dockpath cannot resolve
// before expansion.
std::vector<std::string> referencedNames(const Instruction &instruction) {
  std::vector<std::string> names;
  auto add = [&](std::string_view name) {
    names.push_back(name.find('$') == std::string_view::npos ? lower(name)
                                                              : "*");
  };
  if (instruction.kind == InstructionKind::From && !instruction.args.empty())
    add(instruction.args[0].value);
  for (const Flag &flag : instruction.flags) {
    if (!flag.value) continue;
    if (flag.name == "from") add(*flag.value);
    if (flag.name != "mount") continue;
    size_t at = flag.value->find("from=");
    if (at == std::string::npos) continue;
    std::string_view rest = std::string_view(*flag.value).substr(at + 5);
    add(rest.substr(0, rest.find(',')));
  }
  return names;
}

// Mixes in the key of the earlier stage a name refers to: by AS name, by
// index, or every earlier stage for a name with a variable.
void mixReferenced(size_t &hash, const std::string &name,
                   const std::unordered_map<std::string, size_t> &byName,
                   const std::vector<size_t> &keys) {
  if (name == "*") {
    for (size_t key : keys) mix(hash, key);
    return;
  }
  if (auto it = byName.find(name); it != byName.end()) {
    mix(hash, keys[it->second]);
    return;
  }
  bool digits = !name.empty() &&
                name.find_first_not_of("0123456789") == std::string::npos;
  if (digits && name.size() < 6 && std::stoul(name) < keys.size())
    mix(hash, keys[std::stoul(name)]);
}

}  // namespace

std::vector<size_t> stageKeys(const ParsedFile &file) {
  size_t globals = 0;
  std::vector<size_t> keys;
  std::vector<std::string> names;
  std::unordered_map<std::string, size_t> byName;  // first stage of a name
  size_t current = 0;
  auto finish = [&] {
    if (!names.empty()) keys.push_back(current);
  };
  for (size_t i = 0; i < file.instructions.size(); ++i) {
    const Instruction &instruction = file.instructions[i];
    if (instruction.kind == InstructionKind::From) {
      finish();
      current = globals;
      mix(current, i);
      const auto &args = instruction.args;
      names.push_back(args.size() >= 3 ? lower(args[2].value) : "");
    } else if (names.empty()) {
      mix(globals, instructionHash(instruction));
      continue;
    }
    mix(current, instructionHash(instruction));
    for (const std::string &name : referencedNames(instruction))
      mixReferenced(current, name, byName, keys);
    if (instruction.kind == InstructionKind::From && !names.back().empty())
      byName.emplace(names.back(), names.size() - 1);
  }
  finish();
  return keys;
}

void repoint(Stage &stage, const ParsedFile &file) {
  auto instructionAt = [&](const Origin &origin) -> const Instruction * {
    if (origin.instruction < 0 ||
        origin.instruction >= (int)file.instructions.size())
      return nullptr;
    return &file.instructions[origin.instruction];
  };
  stage.from = &file.instructions[stage.fromIndex];
  for (Command *command : {&stage.entrypoint, &stage.cmd})
    command->instruction = instructionAt(command->origin);
  for (auto *variables : {&stage.env, &stage.args})
    for (auto &[name, variable] : *variables) {
      const Instruction *at = instructionAt(variable.origin);
      variable.pair = at && variable.pairIndex >= 0 &&
                              variable.pairIndex < (int)at->pairs.size()
                          ? &at->pairs[variable.pairIndex]
                          : nullptr;
    }
}

}  // namespace dockpath::model
