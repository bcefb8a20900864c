#include "dockpath/model/build_model.h"

#include <algorithm>
#include <cctype>

#include "stage_builder.h"

namespace dockpath {

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char &c : out) c = static_cast<char>(std::tolower((unsigned char)c));
  return out;
}

// The empty image: every path is absent and there is no shell.
const ImageFacts &scratchImage() {
  static const ImageFacts facts = [] {
    ImageFacts f;
    f.name = "scratch";
    f.summary = "the empty image";
    f.rootListed = true;
    f.sources = {"Dockerfile reference, FROM scratch"};
    return f;
  }();
  return facts;
}

}  // namespace

std::string Stage::home() const {
  if (const Variable *home = variable("HOME"); home && home->known)
    return home->value;
  // The image's default user and HOME (distroless sets no HOME variable;
  // the runtime reads /etc/passwd).
  if (image && user == image->user) return image->home;
  if (user.empty() || user == "root" || user == "0" ||
      user.rfind("root:", 0) == 0 || user.rfind("0:", 0) == 0)
    return "/root";
  if (image && image->name.find("distroless") != std::string::npos &&
      (user == "nonroot" || user.rfind("65532", 0) == 0))
    return "/home/nonroot";
  return "";
}

const KeyValue *Variable::pairIn(const ParsedFile &file) const {
  if (origin.instruction < 0 ||
      origin.instruction >= static_cast<int>(file.instructions.size()))
    return nullptr;
  const auto &pairs = file.instructions[origin.instruction].pairs;
  if (pairIndex < 0 || pairIndex >= static_cast<int>(pairs.size()))
    return nullptr;
  return &pairs[pairIndex];
}

std::shared_ptr<const PythonInstall> catalogPython(
    const PythonInstall &python) {
  // The catalog lives as long as the program, so the pointer owns nothing.
  return std::shared_ptr<const PythonInstall>(std::shared_ptr<void>(),
                                              &python);
}

const Variable *Stage::variable(const std::string &name) const {
  if (auto it = env.find(name); it != env.end()) return &it->second;
  if (auto it = args.find(name); it != args.end()) return &it->second;
  return nullptr;
}

const Stage *BuildModel::stageNamed(const std::string &nameOrIndex) const {
  std::string key = lower(nameOrIndex);
  // The flat name array, rather than the stages, because on a keystroke
  // most stages are out of the caches.
  if (!key.empty())
    for (size_t s = 0; s < stageNames.size() && s < stages.size(); ++s)
      if (stageNames[s] == key && stages[s].name == key) return &stages[s];
  if (auto index = stageIndexOf(key); index && *index < stages.size())
    return &stages[*index];
  return nullptr;
}

std::optional<size_t> stageIndexOf(std::string_view reference) {
  if (reference.empty() ||
      reference.find_first_not_of("0123456789") != std::string_view::npos)
    return std::nullopt;
  size_t first = reference.find_first_not_of('0');
  std::string_view digits =
      first == std::string_view::npos ? "0" : reference.substr(first);
  if (digits.size() > 9) return std::nullopt;  // more stages than a file has
  size_t index = 0;
  for (char c : digits) index = index * 10 + static_cast<size_t>(c - '0');
  return index;
}

namespace model {

namespace {

void countKeyword(Stage &stage, std::string_view keyword) {
  auto has = [&](char first, char last) {
    return std::any_of(keyword.begin(), keyword.end(),
                       [&](char c) { return c >= first && c <= last; });
  };
  ++stage.keywords;
  if (!has('A', 'Z')) ++stage.lowerKeywords;
  if (!has('a', 'z')) ++stage.upperKeywords;
}

}  // namespace

Expanded StageBuilder::expandIn(const Stage &stage,
                                std::string_view text) const {
  bool known = true;
  auto lookup = [&](std::string_view name) -> std::optional<std::string> {
    const Variable *v = stage.variable(std::string(name));
    if (!v) return std::nullopt;
    if (!v->known) known = false;
    return v->value;
  };
  ExpandResult result = expand(text, lookup, file_.escape);
  if (result.error) known = false;
  return {std::move(result.value), known};
}

void applyGlobalArg(BuildModel &model, const Instruction &instruction,
                    int index, char escape) {
  for (const KeyValue &pair : instruction.pairs) {
    Variable v;
    v.origin = {index, -1};
    v.pairIndex = static_cast<int>(&pair - instruction.pairs.data());
    if (pair.value) {
      auto lookup = [&](std::string_view name) -> std::optional<std::string> {
        auto it = model.globalArgs.find(std::string(name));
        if (it == model.globalArgs.end()) return std::nullopt;
        if (!it->second.known) v.known = false;
        return it->second.value;
      };
      v.value = expand(pair.value->text, lookup, escape).value;
    } else {
      v.known = false;  // set only by --build-arg
    }
    model.globalArgs[pair.key.value] = std::move(v);
  }
}

Stage StageBuilder::begin(const Instruction &from, int index, int stageIndex) {
  Stage stage;
  std::vector<const Word *> words;
  for (const Word &w : from.args) words.push_back(&w);
  Stage scope;  // FROM sees only the global ARGs
  scope.args = model_.globalArgs;
  if (!words.empty()) {
    Expanded ref = expandIn(scope, words[0]->text);
    stage.baseReference = ref.known ? ref.value : "";
  }
  if (words.size() >= 3 && lower(words[1]->value) == "as")
    stage.name = lower(words[2]->value);

  if (const Stage *parent = model_.stageNamed(stage.baseReference);
      parent && parent->index < stageIndex &&
      lower(stage.baseReference) == parent->name) {
    stage = *parent;
    stage.name = words.size() >= 3 ? lower(words[2]->value) : "";
    stage.parentStage = parent->index;
    stage.instructions.clear();
    stage.args.clear();
    // What the rules found in the parent belongs to the parent's
    // instructions; this stage is checked on its own.
    stage.missingCopySources.clear();
    stage.relocatedVenvs.clear();
    stage.diagnostics.clear();
    stage.checked = false;
    stage.checkedAsLast = false;
    stage.baseReference = parent->name;
  } else if (lower(stage.baseReference) == "scratch") {
    stage.image = &scratchImage();
    stage.baseKnown = true;
    stage.fs = FileSystem(stage.image);
  } else if (const ImageFacts *facts = lookupImage(stage.baseReference)) {
    stage.image = facts;
    stage.imageReference = stage.baseReference;
    stage.baseKnown = true;
    stage.fs = FileSystem(facts);
    for (const auto &[key, value] : facts->env)
      stage.env[key] = Variable{value, true, Origin{}};
    stage.workdir = facts->workdir.empty() ? "/" : facts->workdir;
    stage.user = facts->user;
    if (facts->entrypoint) {
      stage.entrypoint.set = true;
      stage.entrypoint.argv = *facts->entrypoint;
    }
    if (facts->cmd) {
      stage.cmd.set = true;
      stage.cmd.argv = *facts->cmd;
    }
    if (facts->python)
      stage.pythons.push_back({catalogPython(*facts->python), "", {}});
    for (const auto &other : facts->otherPythons)
      stage.pythons.push_back({catalogPython(other), "", {}});
  }
  stage.index = stageIndex;
  stage.keywords = stage.lowerKeywords = stage.upperKeywords = 0;
  countKeyword(stage, from.keyword);
  stage.nameHasUpper = !stage.name.empty() && words.size() >= 3 &&
                       std::any_of(words[2]->text.begin(), words[2]->text.end(),
                                   [](char c) { return c >= 'A' && c <= 'Z'; });
  stage.from = &from;
  stage.fromIndex = index;
  stage.fromLine = from.firstLine();
  return stage;
}

void StageBuilder::applyArg(Stage &stage, const Instruction &instruction,
                            int index) {
  for (const KeyValue &pair : instruction.pairs) {
    Variable v;
    v.origin = {index, stage.index};
    v.pairIndex = static_cast<int>(&pair - instruction.pairs.data());
    if (pair.value) {
      Expanded e = expandIn(stage, pair.value->text);
      v.value = e.value;
      v.known = e.known;
    } else if (auto it = model_.globalArgs.find(pair.key.value);
               it != model_.globalArgs.end()) {
      v.value = it->second.value;
      v.known = it->second.known;
    } else {
      v.known = false;
    }
    stage.args[pair.key.value] = std::move(v);
  }
}

void StageBuilder::applyEnv(Stage &stage, const Instruction &instruction,
                            int index) {
  // Every value of one ENV sees the variables as they were before it.
  std::vector<std::pair<std::string, Variable>> updates;
  for (const KeyValue &pair : instruction.pairs) {
    Expanded e = pair.value ? expandIn(stage, pair.value->text) : Expanded{};
    updates.push_back(
        {pair.key.value,
         Variable{e.value,
                  e.known,
                  {index, stage.index},
                  static_cast<int>(&pair - instruction.pairs.data())}});
  }
  for (auto &[key, value] : updates) stage.env[key] = std::move(value);
}

void StageBuilder::applyWorkdir(Stage &stage, const Instruction &instruction,
                                int index) {
  Expanded dir = expandIn(stage, instruction.argText);
  if (!dir.known || dir.value.empty()) return;
  stage.workdir = joinPath(stage.workdir, dir.value);
  stage.workdirOrigin = {index, stage.index};
  FsEntry entry;
  entry.kind = EntryKind::Directory;
  entry.origin = stage.workdirOrigin;
  if (!stage.fs.find(stage.workdir)) {
    entry.complete = true;
    stage.fs.add(stage.workdir, entry);
  }
}

void StageBuilder::applyCommand(Stage &stage, const Instruction &instruction,
                                int index) {
  Command command;
  command.set = true;
  command.execForm = instruction.execForm;
  command.origin = {index, stage.index};
  command.instruction = &instruction;
  if (instruction.execForm)
    for (const Word &w : instruction.args) command.argv.push_back(w.value);
  else
    command.shellText = instruction.argText;

  if (instruction.kind == InstructionKind::Entrypoint) {
    // Setting ENTRYPOINT resets a CMD inherited from the base image.
    if (stage.cmd.set && stage.cmd.origin.stage != stage.index)
      stage.cmd = Command{};
    stage.entrypoint = std::move(command);
  } else {
    stage.cmd = std::move(command);
  }
}

void StageBuilder::apply(Stage &stage, const Instruction &instruction,
                         int index) {
  stage.instructions.push_back(index);
  countKeyword(stage, instruction.keyword);
  switch (instruction.kind) {
    case InstructionKind::Arg:
      applyArg(stage, instruction, index);
      break;
    case InstructionKind::Env:
      applyEnv(stage, instruction, index);
      break;
    case InstructionKind::Workdir:
      applyWorkdir(stage, instruction, index);
      break;
    case InstructionKind::User: {
      Expanded user = expandIn(stage, instruction.argText);
      stage.user = user.known ? user.value : "?";
      break;
    }
    case InstructionKind::Cmd:
    case InstructionKind::Entrypoint:
      applyCommand(stage, instruction, index);
      break;
    case InstructionKind::Shell:
      if (instruction.execForm && !instruction.args.empty()) {
        stage.shell.clear();
        for (const Word &w : instruction.args) stage.shell.push_back(w.value);
        stage.shellSet = true;
      }
      break;
    case InstructionKind::Copy:
    case InstructionKind::Add:
      applyCopy(stage, instruction, index, model_, context_, *this);
      break;
    case InstructionKind::Run:
      applyRun(stage, instruction, index, context_, *this);
      break;
    default:
      break;
  }
}

}  // namespace model

BuildModel buildModel(const ParsedFile &file, const BuildContext *context,
                      BuildModel *previous, const InstructionChanges *changes) {
  BuildModel model;
  // The previous stages stay in place where their key is unchanged, and
  // the others are overwritten. Moving each into a new vector would cost
  // more than the analysis of the edited stage.
  std::vector<StageKey> oldKeys;
  const Instruction *oldData = nullptr;
  if (previous) {
    model.stages = std::move(previous->stages);
    oldKeys = previous->keys;  // the plan takes previous->keys
    oldData = previous->instructionData;
  }
  model::StagePlan plan = model::planStages(file, previous, changes);
  // Growing the vector instead would hold the old and the new buffer at
  // once.
  model.stages.reserve(plan.keys.size());
  // The builder looks up earlier stages by name in it.
  model.stageNames = std::move(plan.names);
  model::StageBuilder builder(file, model, context);
  for (size_t i = 0; i < plan.firstFrom; ++i)
    if (file.instructions[i].kind == InstructionKind::Arg)
      model::applyGlobalArg(model, file.instructions[i], static_cast<int>(i),
                            file.escape);

  model.stageOf.assign(file.instructions.size(), -1);
  model::StageMover mover(model.stages, std::move(oldKeys), oldData, file);
  const size_t count = plan.keys.size();
  for (size_t s = 0; s < count; ++s) {
    const size_t from = plan.keys[s].from;
    const size_t end =
        s + 1 < count ? plan.keys[s + 1].from : file.instructions.size();
    const int index = static_cast<int>(s);
    std::fill(model.stageOf.begin() + from, model.stageOf.begin() + end, index);
    if (mover.keep(s, plan.keys[s].key, static_cast<int>(from))) continue;
    // Stages from s on are the previous model's until they are
    // overwritten; the builder only reads earlier ones.
    Stage stage =
        builder.begin(file.instructions[from], static_cast<int>(from), index);
    for (size_t i = from + 1; i < end; ++i)
      builder.apply(stage, file.instructions[i], static_cast<int>(i));
    if (s < model.stages.size())
      model.stages[s] = std::move(stage);
    else
      model.stages.push_back(std::move(stage));
  }
  model.stages.resize(count);
  model.keys = std::move(plan.keys);
  model.stageReads = std::move(plan.reads);
  model.instructionData = file.instructions.data();
  return model;
}

Stage stageBefore(const ParsedFile &file, const BuildModel &model,
                  const BuildContext *context, int before) {
  int stageIndex =
      before < (int)model.stageOf.size() ? model.stageOf[before] : -1;
  if (stageIndex < 0) return Stage();
  model::StageBuilder builder(file, model, context);
  const Stage &final = model.stages[stageIndex];
  Stage stage = builder.begin(file.instructions[final.fromIndex],
                              final.fromIndex, stageIndex);
  for (int i : final.instructions) {
    if (i >= before) break;
    builder.apply(stage, file.instructions[i], i);
  }
  return stage;
}

}  // namespace dockpath
