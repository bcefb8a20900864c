// Builds the SymbolIndex in one pass over the instructions, keeping one
// variable scope per stage (see symbol_index.h for the scope rules).
#include "symbol_index.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <tuple>

#include "dockpath/syntax/expand.h"
#include "reference_ranges.h"

namespace dockpath::navigation {

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char &c : out) c = static_cast<char>(std::tolower((unsigned char)c));
  return out;
}

bool isDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
}

// Build arguments that BuildKit sets without an ARG: the automatic
// platform ARGs, visible to FROM lines and to a stage through a bare ARG,
// and the predefined proxy ARGs, visible to RUN (Dockerfile reference,
// "Automatic platform ARGs in the global scope" and "Predefined ARGs").
bool isPlatformArg(std::string_view name) {
  static const char *const kNames[] = {
      "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
      "BUILDPLATFORM",  "BUILDOS",  "BUILDARCH",  "BUILDVARIANT"};
  return std::find(std::begin(kNames), std::end(kNames), name) !=
         std::end(kNames);
}

bool isProxyArg(std::string_view name) {
  static const char *const kNames[] = {
      "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY",
      "ftp_proxy",  "NO_PROXY",   "no_proxy",    "ALL_PROXY",   "all_proxy"};
  return std::find(std::begin(kNames), std::end(kNames), name) !=
         std::end(kNames);
}

// A variable visible in a scope: its symbol and declaration occurrence,
// or only where it comes from when nothing in the file declares it.
struct Binding {
  int symbol = -1;
  int declaration = -1;
  Declarer declarer = Declarer::File;
};

struct Scope {
  std::map<std::string, Binding> env;
  std::map<std::string, Binding> args;

  const Binding *find(const std::string &name, bool envOnly) const {
    if (auto it = env.find(name); it != env.end()) return &it->second;
    if (envOnly) return nullptr;
    if (auto it = args.find(name); it != args.end()) return &it->second;
    return nullptr;
  }
};

// The context that evaluates a use: a FROM line, a build step, or the
// running container.
enum class UseContext { Global, Build, Runtime };

class IndexBuilder {
 public:
  IndexBuilder(const TextDocument &text, const ParsedFile &file,
               const BuildModel &model)
      : text_(text), file_(file), model_(model) {}

  SymbolIndex build() {
    if (model_.stageOf.size() != file_.instructions.size()) return {};
    declareStages();
    scopes_.resize(model_.stages.size());
    for (size_t i = 0; i < file_.instructions.size(); ++i) {
      const Instruction &instruction = file_.instructions[i];
      int stage = model_.stageOf[i];
      if (stage < 0) {
        if (instruction.kind == InstructionKind::Arg)
          indexGlobalArg(instruction);
      } else if (instruction.kind == InstructionKind::From) {
        indexFrom(instruction, stage);
      } else {
        indexInstruction(instruction, stage);
      }
    }
    sortByPosition();
    return std::move(index_);
  }

 private:
  int addSymbol(Symbol symbol) {
    index_.symbols.push_back(std::move(symbol));
    return static_cast<int>(index_.symbols.size()) - 1;
  }

  int addOccurrence(Occurrence occurrence) {
    index_.occurrences.push_back(occurrence);
    return static_cast<int>(index_.occurrences.size()) - 1;
  }

  // A declaration occurrence that resolves to itself.
  int declare(int symbol, Range range) {
    int at = addOccurrence({range, symbol, -1, true, true});
    index_.occurrences[at].binding = at;
    return at;
  }

  // The one symbol per (stage, name, declarer) for names that nothing in
  // the file declares; stage -1 for those BuildKit sets for every stage.
  int undeclaredSymbol(int stage, const std::string &name, Declarer by) {
    auto key = std::make_tuple(stage, name, by);
    auto it = undeclared_.find(key);
    if (it != undeclared_.end()) return it->second;
    int symbol = addSymbol({SymbolType::Variable, name, by, stage, {}});
    undeclared_.emplace(key, symbol);
    return symbol;
  }

  void declareStages() {
    stageSymbols_.resize(model_.stages.size(), -1);
    stageDeclarations_.resize(model_.stages.size(), -1);
    for (const Stage &stage : model_.stages) {
      const Instruction &from = file_.instructions[stage.fromIndex];
      bool named = !stage.name.empty() && from.args.size() >= 3;
      Symbol symbol{SymbolType::Stage, named ? from.args[2].text : "",
                    Declarer::File, stage.index, from.keywordRange};
      if (named)
        symbol.target = from.args[2].range;
      else if (!from.args.empty())
        symbol.target = from.args[0].range;
      int id = addSymbol(symbol);
      stageSymbols_[stage.index] = id;
      if (!named) continue;
      stageDeclarations_[stage.index] = declare(id, from.args[2].range);
      stagesByName_.emplace(stage.name, stage.index);  // the first wins
    }
  }

  // The stage a --from or mount from= value names: by name in any letter
  // case, or by index.
  int stageNamed(std::string_view value) const {
    if (auto it = stagesByName_.find(lower(value)); it != stagesByName_.end())
      return it->second;
    if (auto index = stageIndexOf(value);
        index && *index < model_.stages.size())
      return static_cast<int>(*index);
    return -1;
  }

  void referenceStage(int stage, const std::string &written, Range range) {
    bool byName = !isDigits(written);
    addOccurrence({range, stageSymbols_[stage], stageDeclarations_[stage],
                   false, byName});
  }

  void use(const NameRef &ref, int stage, UseContext context) {
    if (!isVariableName(ref.name)) return;
    const Scope &scope = stage < 0 ? globals_ : scopes_[stage];
    const Binding *binding =
        scope.find(ref.name, context == UseContext::Runtime);
    int symbol = -1;
    int declaration = -1;
    if (binding && binding->declarer == Declarer::File) {
      symbol = binding->symbol;
      declaration = binding->declaration;
    } else if (binding) {
      symbol = binding->symbol >= 0
                   ? binding->symbol
                   : undeclaredSymbol(stage, ref.name, binding->declarer);
      declaration = binding->declaration;
    } else if ((context == UseContext::Global && isPlatformArg(ref.name)) ||
               (context == UseContext::Build && isProxyArg(ref.name))) {
      symbol = undeclaredSymbol(-1, ref.name, Declarer::BuildKit);
    } else {
      symbol = undeclaredSymbol(stage, ref.name, Declarer::Undeclared);
    }
    addOccurrence({ref.range, symbol, declaration, false, true});
  }

  void useAll(const std::vector<NameRef> &refs, int stage, UseContext context) {
    for (const NameRef &ref : refs) use(ref, stage, context);
  }

  void indexGlobalArg(const Instruction &instruction) {
    for (const KeyValue &pair : instruction.pairs) {
      if (pair.value)
        useAll(wordNames(instruction, *pair.value, false, file_.escape), -1,
               UseContext::Global);
      const std::string &name = pair.key.value;
      if (!isVariableName(name)) continue;
      Binding binding;
      if (isPlatformArg(name) || isProxyArg(name)) {
        binding.symbol = undeclaredSymbol(-1, name, Declarer::BuildKit);
        binding.declarer = Declarer::BuildKit;
      } else {
        binding.symbol =
            addSymbol({SymbolType::Variable, name, Declarer::File, -1, {}});
      }
      binding.declaration = declare(binding.symbol, pair.key.range);
      globals_.args[name] = binding;
    }
  }

  void beginStage(int stage) {
    const Stage &model = model_.stages[stage];
    Scope &scope = scopes_[stage];
    if (model.parentStage >= 0 && model.parentStage < stage) {
      scope = scopes_[model.parentStage];
      return;
    }
    // BuildKit sets PATH when the image has none.
    scope.env["PATH"] = {-1, -1, Declarer::Image};
    if (model.image)
      for (const auto &[name, value] : model.image->env)
        scope.env[name] = {-1, -1, Declarer::Image};
  }

  void indexFrom(const Instruction &from, int stage) {
    for (const Flag &flag : from.flags)
      useAll(flagNames(text_, flag, file_.escape), -1, UseContext::Global);
    if (!from.args.empty()) {
      const Word &base = from.args[0];
      int parent = model_.stages[stage].parentStage;
      if (base.text.find('$') != std::string::npos)
        useAll(wordNames(from, base, false, file_.escape), -1,
               UseContext::Global);
      else if (parent >= 0)
        referenceStage(parent, base.text, base.range);
    }
    beginStage(stage);
  }

  void declareArg(const KeyValue &pair, int stage) {
    const std::string &name = pair.key.value;
    if (!isVariableName(name)) return;
    Binding binding;
    auto global = globals_.args.find(name);
    if (!pair.value && global != globals_.args.end()) {
      // A bare ARG takes the global ARG's default: one build argument.
      binding = global->second;
      binding.declaration =
          addOccurrence({pair.key.range, binding.symbol,
                         global->second.declaration, true, true});
    } else if (isPlatformArg(name) || isProxyArg(name)) {
      binding.symbol = undeclaredSymbol(-1, name, Declarer::BuildKit);
      binding.declarer = Declarer::BuildKit;
      binding.declaration = declare(binding.symbol, pair.key.range);
    } else {
      binding.symbol =
          addSymbol({SymbolType::Variable, name, Declarer::File, stage, {}});
      binding.declaration = declare(binding.symbol, pair.key.range);
    }
    scopes_[stage].args[name] = binding;
  }

  void indexArg(const Instruction &instruction, int stage) {
    // Each ARG item reads the items before it.
    for (const KeyValue &pair : instruction.pairs) {
      if (pair.value)
        useAll(wordNames(instruction, *pair.value, false, file_.escape), stage,
               UseContext::Build);
      declareArg(pair, stage);
    }
  }

  void indexEnv(const Instruction &instruction, int stage) {
    // Every ENV value reads the variables as they were before the ENV.
    for (const KeyValue &pair : instruction.pairs) {
      if (pair.value)
        useAll(wordNames(instruction, *pair.value, false, file_.escape), stage,
               UseContext::Build);
    }
    for (const KeyValue &pair : instruction.pairs) {
      const std::string &name = pair.key.value;
      if (!isVariableName(name)) {
        useAll(wordNames(instruction, pair.key, false, file_.escape), stage,
               UseContext::Build);
        continue;
      }
      int symbol =
          addSymbol({SymbolType::Variable, name, Declarer::File, stage, {}});
      int declaration = declare(symbol, pair.key.range);
      scopes_[stage].env[name] = {symbol, declaration, Declarer::File};
    }
  }

  void indexStageFlag(const Flag &flag, int stage) {
    std::optional<NameRef> value = flagText(text_, flag);
    if (!value || value->name.empty()) return;
    if (value->name.find('$') != std::string::npos) {
      useAll(flagNames(text_, flag, file_.escape), stage, UseContext::Build);
      return;
    }
    if (int source = stageNamed(value->name); source >= 0)
      referenceStage(source, value->name, value->range);
  }

  void indexMount(const Flag &flag, int stage) {
    useAll(flagNames(text_, flag, file_.escape), stage, UseContext::Build);
    std::optional<NameRef> from = mountOption(text_, flag, "from");
    if (!from || from->name.find('$') != std::string::npos) return;
    if (int source = stageNamed(from->name); source >= 0)
      referenceStage(source, from->name, from->range);
  }

  void indexWords(const Instruction &instruction, int stage) {
    for (const Word &word : instruction.args)
      useAll(wordNames(instruction, word, instruction.execForm, file_.escape),
             stage, UseContext::Build);
  }

  void indexCopy(const Instruction &instruction, int stage) {
    for (const Flag &flag : instruction.flags) {
      if (flag.name == "from" && instruction.kind == InstructionKind::Copy)
        indexStageFlag(flag, stage);
      else if (flag.name == "chown" || flag.name == "checksum")
        useAll(flagNames(text_, flag, file_.escape), stage, UseContext::Build);
    }
    indexWords(instruction, stage);
    for (const Heredoc &heredoc : instruction.heredocs)
      if (!heredoc.quoted)
        useAll(heredocNames(text_, heredoc, file_.escape), stage,
               UseContext::Build);
  }

  void indexRun(const Instruction &instruction, int stage) {
    for (const Flag &flag : instruction.flags)
      if (flag.name == "mount") indexMount(flag, stage);
    if (!instruction.execForm)
      useAll(argTextNames(instruction, 0, file_.escape), stage,
             UseContext::Build);
    // NOTE: a shell variable of the same name as an ARG or ENV in scope
    // (a loop variable, say) counts as a use of that ARG or ENV.
    // The shell expands the script's variables even when a quoted
    // delimiter stops BuildKit from doing so.
    for (const Heredoc &heredoc : instruction.heredocs)
      useAll(heredocNames(text_, heredoc, file_.escape), stage,
             UseContext::Build);
  }

  void indexRuntimeCommand(const Instruction &instruction, int stage) {
    size_t start = 0;
    if (instruction.kind == InstructionKind::Healthcheck) {
      // "CMD <command>"; exec form and NONE run no shell.
      std::string_view text = instruction.argText;
      if (lower(text.substr(0, 4)) != "cmd ") return;
      start = text.find_first_not_of(" \t", 4);
      if (start == std::string_view::npos || text[start] == '[') return;
    } else if (instruction.execForm) {
      return;
    }
    useAll(argTextNames(instruction, start, file_.escape), stage,
           UseContext::Runtime);
  }

  void indexInstruction(const Instruction &instruction, int stage) {
    switch (instruction.kind) {
      case InstructionKind::Arg:
        indexArg(instruction, stage);
        break;
      case InstructionKind::Env:
        indexEnv(instruction, stage);
        break;
      case InstructionKind::Label:
        for (const KeyValue &pair : instruction.pairs) {
          useAll(wordNames(instruction, pair.key, false, file_.escape), stage,
                 UseContext::Build);
          if (pair.value)
            useAll(wordNames(instruction, *pair.value, false, file_.escape),
                   stage, UseContext::Build);
        }
        break;
      case InstructionKind::Copy:
      case InstructionKind::Add:
        indexCopy(instruction, stage);
        break;
      case InstructionKind::Workdir:
      case InstructionKind::User:
      case InstructionKind::Volume:
      case InstructionKind::Stopsignal:
      case InstructionKind::Expose:
        indexWords(instruction, stage);
        break;
      case InstructionKind::Run:
        indexRun(instruction, stage);
        break;
      case InstructionKind::Cmd:
      case InstructionKind::Entrypoint:
      case InstructionKind::Healthcheck:
        indexRuntimeCommand(instruction, stage);
        break;
      default:
        // TODO: ONBUILD triggers run in a later build, so their names are
        // not indexed; SHELL and MAINTAINER expand nothing.
        break;
    }
  }

  void sortByPosition() {
    auto &order = index_.byPosition;
    order.resize(index_.occurrences.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
    std::sort(order.begin(), order.end(), [&](int a, int b) {
      return index_.occurrences[a].range.start <
             index_.occurrences[b].range.start;
    });
  }

  const TextDocument &text_;
  const ParsedFile &file_;
  const BuildModel &model_;
  SymbolIndex index_;
  Scope globals_;
  std::vector<Scope> scopes_;
  std::vector<int> stageSymbols_;
  std::vector<int> stageDeclarations_;
  std::map<std::string, int> stagesByName_;  // lower-case name to stage
  std::map<std::tuple<int, std::string, Declarer>, int> undeclared_;
};

}  // namespace

bool isVariableName(std::string_view name) {
  if (name.empty()) return false;
  auto letter = [](char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
  };
  if (!letter(name[0])) return false;
  return std::all_of(name.begin() + 1, name.end(), [&](char c) {
    return letter(c) || std::isdigit(static_cast<unsigned char>(c));
  });
}

bool isBuildKitArg(std::string_view name) {
  return isPlatformArg(name) || isProxyArg(name);
}

const Occurrence *SymbolIndex::at(Position position) const {
  auto next = std::upper_bound(
      byPosition.begin(), byPosition.end(), position,
      [&](Position p, int i) { return p < occurrences[i].range.start; });
  if (next == byPosition.begin()) return nullptr;
  const Occurrence &candidate = occurrences[*std::prev(next)];
  return candidate.range.touches(position) ? &candidate : nullptr;
}

std::vector<const Occurrence *> SymbolIndex::occurrencesOf(int symbol) const {
  std::vector<const Occurrence *> out;
  for (int i : byPosition)
    if (occurrences[i].symbol == symbol) out.push_back(&occurrences[i]);
  return out;
}

SymbolIndex buildSymbolIndex(const TextDocument &text, const ParsedFile &file,
                             const BuildModel &model) {
  return IndexBuilder(text, file, model).build();
}

}  // namespace dockpath::navigation
