// Keys that tell when a stage of an earlier analysis can be reused: an
// edit in one stage leaves the others' models and diagnostics as they are,
// unless they read the edited stage.
#include <algorithm>
#include <cctype>
#include <functional>
#include <optional>
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

// Calls visit with each stage name an instruction reads: FROM's image,
// --from, and the from= option of RUN --mount. "*" stands for a name
// dockpath cannot resolve before expansion.
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

// Hashes the instructions before the first FROM and collects their ARG
// defaults.
size_t hashGlobals(const ParsedFile &file, size_t firstFrom,
                   GlobalDefaults &defaults) {
  size_t globals = static_cast<unsigned char>(file.escape);  // expand reads it
  for (size_t i = 0; i < firstFrom; ++i) {
    const Instruction &instruction = file.instructions[i];
    // Global ARGs keep their absolute positions: moving them rebuilds
    // every stage, which is rare and keeps the shifting simple.
    mix(globals, instructionHash(instruction, 0));
    mix(globals, i);
    if (instruction.kind == InstructionKind::Arg)
      for (const KeyValue &pair : instruction.pairs)
        defaults.values[pair.key.value] = pair.value ? pair.value->value : "";
  }
  return globals;
}

// The parts of a stage's key that its own instructions give.
struct StageReading {
  size_t local = 0;
  std::vector<std::string> references;  // lower case; "*" for any
  std::string name;
};

// Reads the stage's instructions [from, end).
StageReading readStage(const ParsedFile &file, size_t from, size_t end,
                       GlobalDefaults &defaults) {
  StageReading reading;
  uint32_t base = file.instructions[from].firstLine();
  for (size_t i = from; i < end; ++i) {
    const Instruction &instruction = file.instructions[i];
    mix(reading.local, instructionHash(instruction, base));
    visitReferencedNames(instruction, defaults, [&](const std::string &name) {
      reading.references.push_back(name);
    });
  }
  const auto &args = file.instructions[from].args;
  reading.name = args.size() >= 3 ? lower(args[2].value) : "";
  return reading;
}

// Resolves a referenced name against the earlier stages' names: the first
// stage with that AS name, or the stage with that index; -1 for "*".
// byName, when given, maps each name to its first stage.
std::optional<int32_t> resolve(
    const std::string &name, size_t stage,
    const std::vector<std::string> &names,
    const std::unordered_map<std::string_view, int32_t> *byName) {
  if (name == "*") return -1;
  // A stage may name itself (COPY --from=<own name>); BuildKit rejects
  // that, and it adds nothing to the key.
  if (byName) {
    auto found = byName->find(name);
    if (found != byName->end() && found->second < static_cast<int32_t>(stage))
      return found->second;
  } else {
    for (size_t s = 0; s < stage; ++s)
      if (names[s] == name) return static_cast<int32_t>(s);
  }
  if (auto index = stageIndexOf(name); index && *index < stage)
    return static_cast<int32_t>(*index);
  return std::nullopt;  // an image
}

// Stores a stage that was read at plan index s, resolving its references.
void storeReading(
    const ParsedFile &file, size_t s, size_t from, StageReading reading,
    StagePlan &plan, std::vector<int32_t> &reads,
    const std::unordered_map<std::string_view, int32_t> *byName = nullptr) {
  StageKey &key = plan.keys[s];
  key.local = reading.local;
  key.from = static_cast<uint32_t>(from);
  key.fromLine = file.instructions[from].firstLine();
  key.firstRead = static_cast<uint32_t>(reads.size());
  for (const std::string &name : reading.references)
    if (auto target = resolve(name, s, plan.names, byName))
      reads.push_back(*target);
  key.readCount = static_cast<uint32_t>(reads.size()) - key.firstRead;
  plan.names[s] = std::move(reading.name);
}

// Finds the stages of the file from its FROM instructions and reads them
// all.
void planAll(const ParsedFile &file, StagePlan &plan,
             GlobalDefaults &defaults) {
  const auto &instructions = file.instructions;
  std::vector<size_t> froms;
  for (size_t i = 0; i < instructions.size(); ++i)
    if (instructions[i].kind == InstructionKind::From) froms.push_back(i);
  plan.firstFrom = froms.empty() ? instructions.size() : froms[0];
  plan.globals = hashGlobals(file, plan.firstFrom, defaults);
  plan.keys.resize(froms.size());
  plan.names.resize(froms.size());
  std::unordered_map<std::string_view, int32_t> byName;  // first of a name
  for (size_t s = 0; s < froms.size(); ++s) {
    size_t end = s + 1 < froms.size() ? froms[s + 1] : instructions.size();
    storeReading(file, s, froms[s], readStage(file, froms[s], end, defaults),
                 plan, plan.reads, &byName);
    if (!plan.names[s].empty())
      byName.emplace(plan.names[s], static_cast<int32_t>(s));
  }
}

// Plans from the previous model's keys and the instructions parsed again
// since it was built: a stage whose instructions all lie outside the
// changed ones is not read again. Returns false when the change reaches
// the global ARGs, adds or removes a stage or renames one; planAll() then
// reads everything.
bool planChanged(const ParsedFile &file, BuildModel &previous,
                 const InstructionChanges &changes, StagePlan &plan,
                 GlobalDefaults &defaults) {
  const std::vector<StageKey> &old = previous.keys;
  const size_t count = old.size();
  const size_t size = file.instructions.size();
  const auto oldSize = static_cast<int64_t>(size) - changes.delta;
  if (count == 0 || oldSize < 0 || previous.stageNames.size() != count)
    return false;
  auto oldEnd = [&](size_t s) {
    return s + 1 < count ? static_cast<int64_t>(old[s + 1].from) : oldSize;
  };
  const auto lo = static_cast<int64_t>(changes.first);
  const auto hiOld = static_cast<int64_t>(changes.end) - changes.delta;
  if (changes.any && lo <= old[0].from) return false;

  // Stages [0, firstRead) end before the change and keep their indices;
  // stages [lastRead, count) start after it and move by delta.
  size_t firstRead = count, lastRead = count;
  if (changes.any) {
    firstRead = 0;
    while (firstRead < count && oldEnd(firstRead) < lo) ++firstRead;
    while (lastRead > firstRead && old[lastRead - 1].from >= hiOld) --lastRead;
  }
  size_t scanFrom = firstRead < count ? old[firstRead].from : size;
  size_t scanEnd = lastRead < count
                       ? static_cast<size_t>(old[lastRead].from + changes.delta)
                       : size;
  if (scanFrom > scanEnd || scanEnd > size) return false;
  std::vector<size_t> froms;
  for (size_t i = scanFrom; i < scanEnd; ++i)
    if (file.instructions[i].kind == InstructionKind::From) froms.push_back(i);
  if (froms.size() != lastRead - firstRead ||
      (scanFrom < scanEnd && froms.front() != scanFrom))
    return false;

  plan.firstFrom = old[0].from;
  plan.globals = hashGlobals(file, plan.firstFrom, defaults);
  plan.keys = std::move(previous.keys);
  plan.names = std::move(previous.stageNames);
  std::vector<int32_t> &oldReads = previous.stageReads;
  // Lines before a change do not move, and the lines after it all move by
  // the same amount, which the first stage after it gives. Without a
  // parsed change, any blank or comment line may have moved the stages.
  std::optional<int64_t> lineShift;
  for (size_t s = 0; s < count; ++s) {
    StageKey &key = plan.keys[s];
    if (s < firstRead || s >= lastRead) {
      if (s >= lastRead) key.from += static_cast<int32_t>(changes.delta);
      // The mover compares it with the previous model's line.
      if (!changes.any) {
        key.fromLine = file.instructions[key.from].firstLine();
      } else if (s >= lastRead) {
        if (!lineShift)
          lineShift = static_cast<int64_t>(
                          file.instructions[key.from].firstLine()) -
                      key.fromLine;
        key.fromLine = static_cast<uint32_t>(key.fromLine + *lineShift);
      }
      uint32_t first = static_cast<uint32_t>(plan.reads.size());
      plan.reads.insert(plan.reads.end(), oldReads.begin() + key.firstRead,
                        oldReads.begin() + key.firstRead + key.readCount);
      key.firstRead = first;
      continue;
    }
    size_t at = s - firstRead;
    size_t end = at + 1 < froms.size() ? froms[at + 1] : scanEnd;
    StageReading reading = readStage(file, froms[at], end, defaults);
    // A renamed stage changes what later stages' names resolve to.
    if (reading.name != plan.names[s]) return false;
    storeReading(file, s, froms[at], std::move(reading), plan, plan.reads);
  }
  return true;
}

}  // namespace

StagePlan planStages(const ParsedFile &file, BuildModel *previous,
                     const InstructionChanges *changes) {
  StagePlan plan;
  GlobalDefaults defaults;
  if (!previous || !changes || changes->all ||
      !planChanged(file, *previous, *changes, plan, defaults)) {
    plan = StagePlan{};
    defaults = GlobalDefaults{};
    planAll(file, plan, defaults);
  }
  // The keys, with the keys of the earlier stages each one reads.
  for (size_t s = 0; s < plan.keys.size(); ++s) {
    StageKey &stage = plan.keys[s];
    stage.key = plan.globals;
    mix(stage.key, stage.local);
    for (uint32_t r = 0; r < stage.readCount; ++r) {
      int32_t target = plan.reads[stage.firstRead + r];
      if (target < 0) {
        for (size_t e = 0; e < s; ++e) mix(stage.key, plan.keys[e].key);
      } else {
        mix(stage.key, plan.keys[target].key);
      }
    }
  }
  return plan;
}

StageMover::StageMover(std::vector<Stage> &stages,
                       std::vector<StageKey> oldKeys,
                       const Instruction *oldData, const ParsedFile &file)
    : stages_(stages),
      oldKeys_(std::move(oldKeys)),
      file_(file),
      sameData_(oldData == file.instructions.data()) {
  if (oldKeys_.size() != stages_.size()) oldKeys_.clear();
  for (const StageKey &key : oldKeys_) oldLines_.push_back(key.fromLine);
  indexDelta_.assign(oldLines_.size(), 0);
  lineDelta_.assign(oldLines_.size(), 0);
}

bool StageMover::keep(size_t stageIndex, size_t key, int fromIndex) {
  if (stageIndex >= oldKeys_.size()) return false;
  const StageKey &old = oldKeys_[stageIndex];
  if (old.key != key) return false;
  indexDelta_[stageIndex] = fromIndex - static_cast<int>(old.from);
  lineDelta_[stageIndex] = static_cast<int>(
      file_.instructions[fromIndex].firstLine() - old.fromLine);
  bool moved = indexDelta_[stageIndex] != 0 || lineDelta_[stageIndex] != 0;
  moved_ = moved_ || moved;
  // Unmoved, in an instruction array that did not move: its pointers and
  // positions hold, so the stage is not even read.
  if (!moved_ && sameData_) return true;
  shift(stages_[stageIndex]);
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
