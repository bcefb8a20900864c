// Keys that tell when a stage of an earlier analysis can be reused: an
// edit in one stage leaves the others' models and diagnostics as they are,
// unless they read the edited stage.
#include <algorithm>
#include <cctype>
#include <functional>
#include <unordered_map>

#include "dockpath/syntax/expand.h"
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

// Positions are mixed in relative to the stage's first line, so a stage
// that only moved keeps its key.
void mixRelative(size_t &hash, Position p, uint32_t base) {
  mixPosition(hash, {p.line - std::min(p.line, base), p.column});
}

size_t contentHashOf(const Instruction &instruction) {
  if (instruction.contentHash) return instruction.contentHash;
  size_t hash = static_cast<size_t>(instruction.kind) + 1;
  mix(hash, instruction.sourceHash);
  mixText(hash, instruction.keyword);
  for (const Flag &flag : instruction.flags) {
    mixText(hash, flag.name);
    mixText(hash, flag.value.value_or("\x01"));
  }
  mixText(hash, instruction.argText);
  for (const Heredoc &doc : instruction.heredocs) mixText(hash, doc.body);
  if (instruction.trigger) mix(hash, contentHashOf(*instruction.trigger));
  instruction.contentHash = hash ? hash : 1;
  return instruction.contentHash;
}

size_t instructionHash(const Instruction &instruction, uint32_t base) {
  uint32_t relative =
      instruction.firstLine() - std::min(instruction.firstLine(), base);
  if (instruction.relativeLine == relative) return instruction.relativeHash;
  size_t hash = contentHashOf(instruction);
  mixRelative(hash, instruction.range.start, base);
  mixRelative(hash, instruction.range.end, base);
  mixRelative(hash, instruction.argRange.start, base);
  instruction.relativeHash = hash;
  instruction.relativeLine = relative;
  return hash;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char &c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Calls visit with each stage name an instruction reads: FROM's image,
// --from, and the from= option of RUN --mount. "*" stands for a name
// dockpath cannot resolve before expansion.
// Default values of the global ARGs, the only variables a FROM line can
// use, and the FROM images expanded with them so far. Many stages name
// their image with the same text ("python:${PY}-slim").
struct GlobalDefaults {
  std::unordered_map<std::string, std::string> values;
  std::unordered_map<std::string, std::string> images;

  // The lower-case image name, or "*" when it does not expand.
  const std::string &expandImage(const std::string &image) {
    auto [it, added] = images.try_emplace(image);
    if (!added) return it->second;
    auto lookup = [&](std::string_view n) -> std::optional<std::string> {
      auto found = values.find(std::string(n));
      if (found == values.end()) return std::nullopt;
      return found->second;
    };
    ExpandResult expanded = expand(image, lookup);
    it->second = expanded.error ? "*" : lower(expanded.value);
    return it->second;
  }
};

template <typename Visit>
void visitReferencedNames(const Instruction &instruction,
                          GlobalDefaults &globals, const Visit &visit) {
  if (instruction.flags.empty() && instruction.kind != InstructionKind::From)
    return;
  auto add = [&](std::string_view name) {
    visit(name.find('$') == std::string_view::npos ? lower(name) : "*");
  };
  if (instruction.kind == InstructionKind::From && !instruction.args.empty()) {
    // "FROM python:${PY}-slim" names an image through global ARGs, whose
    // values are part of every key already. Only a name that expands to a
    // stage makes this stage depend on it.
    const std::string &image = instruction.args[0].text;
    if (image.find('$') != std::string::npos) {
      visit(globals.expandImage(image));
    } else {
      add(instruction.args[0].value);
    }
  }
  for (const Flag &flag : instruction.flags) {
    if (!flag.value) continue;
    if (flag.name == "from") add(*flag.value);
    if (flag.name != "mount") continue;
    size_t at = flag.value->find("from=");
    if (at == std::string::npos) continue;
    std::string_view rest = std::string_view(*flag.value).substr(at + 5);
    add(rest.substr(0, rest.find(',')));
  }
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
  // A stage may name itself (COPY --from=<own name>); BuildKit rejects
  // that, and it adds nothing to the key.
  if (auto it = byName.find(name); it != byName.end()) {
    if (it->second < keys.size()) mix(hash, keys[it->second]);
    return;
  }
  bool digits = !name.empty() &&
                name.find_first_not_of("0123456789") == std::string::npos;
  if (digits && name.size() < 6 && std::stoul(name) < keys.size())
    mix(hash, keys[std::stoul(name)]);
}

// Sets the stage's pointers to instructions of the current parse. The
// instruction objects of a kept stage may have moved in the vector or been
// parsed again with the same text.
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
}

}  // namespace

std::vector<size_t> stageKeys(const ParsedFile &file) {
  size_t globals =
      static_cast<unsigned char>(file.escape);  // expansion reads it
  std::vector<size_t> keys;
  std::vector<std::string> names;
  std::unordered_map<std::string, size_t> byName;  // first stage of a name
  size_t current = 0;
  uint32_t base = 0;
  GlobalDefaults globalDefaults;
  auto finish = [&] {
    if (!names.empty()) keys.push_back(current);
  };
  for (size_t i = 0; i < file.instructions.size(); ++i) {
    const Instruction &instruction = file.instructions[i];
    if (instruction.kind == InstructionKind::From) {
      finish();
      current = globals;
      base = instruction.firstLine();
      const auto &args = instruction.args;
      names.push_back(args.size() >= 3 ? lower(args[2].value) : "");
    } else if (names.empty()) {
      // Global ARGs keep their absolute positions: moving them rebuilds
      // every stage, which is rare and keeps the shifting simple.
      mix(globals, instructionHash(instruction, 0));
      mix(globals, i);
      if (instruction.kind == InstructionKind::Arg)
        for (const KeyValue &pair : instruction.pairs)
          globalDefaults.values[pair.key.value] =
              pair.value ? pair.value->value : "";
      continue;
    }
    mix(current, instructionHash(instruction, base));
    visitReferencedNames(instruction, globalDefaults,
                         [&](const std::string &name) {
                           mixReferenced(current, name, byName, keys);
                         });
    if (instruction.kind == InstructionKind::From && !names.back().empty())
      byName.emplace(names.back(), names.size() - 1);
  }
  finish();
  return keys;
}

StageMover::StageMover(std::vector<Stage> &stages, const ParsedFile &file)
    : stages_(stages), file_(file) {
  for (const Stage &stage : stages_) oldLines_.push_back(stage.fromLine);
  indexDelta_.assign(oldLines_.size(), 0);
  lineDelta_.assign(oldLines_.size(), 0);
}

bool StageMover::keep(size_t stageIndex, size_t key, int fromIndex) {
  if (stageIndex >= stages_.size()) return false;
  Stage &stage = stages_[stageIndex];
  if (stage.key != key || stage.fromIndex < 0) return false;
  indexDelta_[stageIndex] = fromIndex - stage.fromIndex;
  lineDelta_[stageIndex] = static_cast<int>(
      file_.instructions[fromIndex].firstLine() - stage.fromLine);
  moved_ =
      moved_ || indexDelta_[stageIndex] != 0 || lineDelta_[stageIndex] != 0;
  shift(stage);
  return true;
}

void StageMover::shiftPosition(Position &p) const {
  // The stage that held the line before the edit gives how far it moved.
  auto after = std::upper_bound(oldLines_.begin(), oldLines_.end(), p.line);
  if (after == oldLines_.begin()) return;  // above the first stage
  size_t stage = static_cast<size_t>(after - oldLines_.begin()) - 1;
  p.line = static_cast<uint32_t>(static_cast<int>(p.line) + lineDelta_[stage]);
}

void StageMover::shiftDiagnostic(Diagnostic &d) const {
  shiftPosition(d.range.start);
  shiftPosition(d.range.end);
  for (auto &related : d.related)
    if (related.path.empty()) {
      shiftPosition(related.range.start);
      shiftPosition(related.range.end);
    }
  for (auto &fix : d.fixes)
    for (auto &edit : fix.edits) {
      shiftPosition(edit.range.start);
      shiftPosition(edit.range.end);
    }
}

void StageMover::shift(Stage &stage) const {
  if (!moved_) {
    repoint(stage, file_);
    return;
  }
  auto shiftOrigin = [&](Origin &origin) {
    if (origin.instruction >= 0 && origin.stage >= 0 &&
        origin.stage < (int)indexDelta_.size())
      origin.instruction += indexDelta_[origin.stage];
  };
  int own = indexDelta_[stage.index];
  stage.fromIndex += own;
  stage.fromLine = file_.instructions[stage.fromIndex].firstLine();
  for (int &index : stage.instructions) index += own;
  stage.fs.shiftOrigins(shiftOrigin);
  for (auto *variables : {&stage.env, &stage.args})
    for (auto &[name, variable] : *variables) shiftOrigin(variable.origin);
  shiftOrigin(stage.entrypoint.origin);
  shiftOrigin(stage.cmd.origin);
  shiftOrigin(stage.workdirOrigin);
  for (Interpreter &python : stage.pythons) shiftOrigin(python.origin);
  for (auto &missing : stage.missingCopySources) missing.instruction += own;
  for (auto &venv : stage.relocatedVenvs) {
    venv.instruction += own;
    shiftOrigin(venv.createdBy);
  }
  for (Diagnostic &d : stage.diagnostics) shiftDiagnostic(d);
  repoint(stage, file_);
}

}  // namespace dockpath::model
