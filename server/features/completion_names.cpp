// Completion of names from the model and the catalog: stages, the ARG and ENV
// variables in scope, ARG names to declare, and base images from the catalog.
#include <fmt/format.h>

#include <map>
#include <set>

#include "completion.h"
#include "dockpath/images/catalog.h"

namespace dockpath::completion {

namespace {

// BuildKit sets these in the global scope (Dockerfile reference, "Automatic
// platform ARGs in the global scope").
constexpr std::string_view kPlatformArgs[] = {
    "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
    "BUILDPLATFORM",  "BUILDOS",  "BUILDARCH",  "BUILDVARIANT",
};

// Usable without an ARG instruction (Dockerfile reference, "Predefined
// ARGs").
constexpr std::string_view kProxyArgs[] = {
    "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY",
    "ftp_proxy",  "NO_PROXY",   "no_proxy",    "ALL_PROXY",   "all_proxy",
};

// A variable in scope, by name.
struct ScopeEntry {
  std::string detail;  // the value, or why it has none
  bool env = false;    // set by ENV, which wins over a later ARG
  std::string origin;
};
using Scope = std::map<std::string, ScopeEntry>;

// Cuts a long value for the detail line, at a UTF-8 character boundary.
std::string shortened(std::string_view value) {
  constexpr size_t kMax = 80;
  if (value.size() <= kMax) return std::string(value);
  size_t end = kMax;
  while (end > 0 && (static_cast<unsigned char>(value[end]) & 0xC0) == 0x80)
    --end;
  return std::string(value.substr(0, end)) + "...";
}

std::string lineOf(const Instruction &instruction) {
  return fmt::format("line {}", instruction.firstLine() + 1);
}

// Adds the pairs of an ARG or ENV instruction. An ARG without a value in a
// stage takes the default of the global ARG of that name.
void addPairs(const Instruction &instruction, const BuildModel &model,
              bool global, Scope &scope) {
  bool env = instruction.kind == InstructionKind::Env;
  for (const KeyValue &pair : instruction.pairs) {
    const std::string &name = pair.key.value;
    auto existing = scope.find(name);
    if (!env && existing != scope.end() && existing->second.env) continue;
    ScopeEntry entry;
    entry.env = env;
    entry.origin =
        fmt::format("{} on {}", env ? "ENV" : "ARG", lineOf(instruction));
    if (pair.value) {
      entry.detail = shortened(pair.value->value);
    } else if (auto it = model.globalArgs.find(name);
               !global && it != model.globalArgs.end() && it->second.known) {
      entry.detail = shortened(it->second.value);
    } else {
      entry.detail = "no default";
    }
    scope[name] = std::move(entry);
  }
}

void addInherited(const std::map<std::string, Variable> &variables,
                  const std::string &origin, bool env, Scope &scope) {
  for (const auto &[name, variable] : variables)
    scope[name] = {variable.known ? shortened(variable.value)
                                  : "depends on a build argument",
                   env, origin};
}

// The global scope: the ARGs before the first FROM that come before the
// cursor, and BuildKit's platform ARGs.
Scope globalScope(const Cursor &cursor) {
  Scope scope;
  for (std::string_view name : kPlatformArgs)
    scope[std::string(name)] = {"set by BuildKit", false, "BuildKit"};
  const auto &instructions = cursor.file.instructions;
  for (int i = 0; i < cursor.instruction; ++i) {
    if (static_cast<size_t>(i) < cursor.model.stageOf.size() &&
        cursor.model.stageOf[i] >= 0)
      break;
    if (instructions[i].kind == InstructionKind::Arg)
      addPairs(instructions[i], cursor.model, true, scope);
  }
  return scope;
}

std::string stageLabel(const Stage &stage) {
  return stage.name.empty() ? fmt::format("stage {}", stage.index)
                            : "stage " + stage.name;
}

// The scope of a stage before the cursor's instruction: what the base
// stage or image sets, then the stage's own ARG and ENV instructions.
Scope stageScope(const Cursor &cursor, const Stage &stage) {
  Scope scope;
  const BuildModel &model = cursor.model;
  if (stage.parentStage >= 0 &&
      static_cast<size_t>(stage.parentStage) < model.stages.size()) {
    const Stage &parent = model.stages[stage.parentStage];
    std::string origin = "from " + stageLabel(parent);
    // A stage based on another inherits its ARGs too (Dockerfile
    // reference, ARG "Scope").
    addInherited(parent.args, origin, false, scope);
    addInherited(parent.env, origin, true, scope);
  } else if (stage.image) {
    for (const auto &[name, value] : stage.image->env)
      scope[name] = {shortened(value), true, "ENV of the base image"};
  }
  for (int i : stage.instructions) {
    if (i >= cursor.instruction) break;
    const Instruction &instruction = cursor.file.instructions[i];
    if (instruction.kind == InstructionKind::Arg ||
        instruction.kind == InstructionKind::Env)
      addPairs(instruction, model, false, scope);
  }
  return scope;
}

void addItem(std::string label, CompletionKind kind, std::string detail,
             std::string documentation, Range range, std::string sortText,
             CompletionList &out) {
  CompletionItem item;
  item.newText = label;
  item.label = std::move(label);
  item.kind = kind;
  item.detail = std::move(detail);
  item.documentation = std::move(documentation);
  item.range = range;
  item.sortText = std::move(sortText);
  out.items.push_back(std::move(item));
}

}  // namespace

void addStages(const Cursor &cursor, int beforeStage, Range range,
               CompletionList &out) {
  const auto &stages = cursor.model.stages;
  size_t count = beforeStage < 0 ? 0 : static_cast<size_t>(beforeStage);
  for (size_t i = 0; i < count && i < stages.size(); ++i) {
    const Stage &stage = stages[i];
    std::string detail =
        fmt::format("stage {}: FROM {}", i, shortened(stage.baseReference));
    if (stage.name.empty()) {
      addItem(std::to_string(i), CompletionKind::Stage, detail, "", range,
              fmt::format("1{:06}", i), out);
      continue;
    }
    // The name as the FROM line writes it; the model keeps it lower case.
    std::string name = stage.name;
    if (stage.from && stage.from->args.size() >= 3)
      name = stage.from->args[2].value;
    addItem(name, CompletionKind::Stage, detail, "", range, "0" + name, out);
  }
}

void addVariables(const Cursor &cursor, Range range, bool closeBrace,
                  CompletionList &out) {
  int stage = cursor.stage();
  bool global = stage < 0 ||
                static_cast<size_t>(stage) >= cursor.model.stages.size() ||
                cursor.file.instructions[cursor.instruction].kind ==
                    InstructionKind::From;
  Scope scope = global ? globalScope(cursor)
                       : stageScope(cursor, cursor.model.stages[stage]);
  for (auto &[name, entry] : scope) {
    addItem(name, CompletionKind::Variable, std::move(entry.detail),
            "Set by " + entry.origin, range, "", out);
    if (closeBrace) out.items.back().newText += '}';
  }
}

void addArgNames(const Cursor &cursor, Range range, CompletionList &out) {
  std::set<std::string> seen;
  for (const auto &[name, variable] : cursor.model.globalArgs) {
    seen.insert(name);
    std::string detail =
        variable.known ? "global ARG, default " + shortened(variable.value)
                       : "global ARG";
    addItem(name, CompletionKind::Variable, std::move(detail),
            "Declare it again to use it in this stage", range, "0" + name, out);
  }
  for (std::string_view name : kPlatformArgs)
    if (seen.insert(std::string(name)).second)
      addItem(std::string(name), CompletionKind::Variable,
              "platform ARG set by BuildKit",
              "Declare it to use it in this stage", range,
              fmt::format("1{}", name), out);
  for (std::string_view name : kProxyArgs)
    if (seen.insert(std::string(name)).second)
      addItem(std::string(name), CompletionKind::Variable,
              "predefined proxy ARG",
              "Declare it to keep it in the build cache key and history", range,
              fmt::format("2{}", name), out);
}

void addImages(std::string_view typed, Range range, CompletionList &out) {
  // After "name:" only that image's tags fit.
  size_t colon = typed.rfind(':');
  size_t slash = typed.rfind('/');
  std::string_view name;
  if (colon != std::string_view::npos &&
      (slash == std::string_view::npos || colon > slash))
    name = typed.substr(0, colon);

  std::set<std::string> seen;
  for (const ImageFacts &facts : allImages()) {
    if (!name.empty() && facts.name != name) continue;
    std::vector<std::string> tags = {facts.tag};
    tags.insert(tags.end(), facts.tagAliases.begin(), facts.tagAliases.end());
    for (const std::string &tag : tags) {
      std::string label = facts.name + ":" + tag;
      if (!seen.insert(label).second) continue;
      addItem(label, CompletionKind::Image, facts.summary,
              "Base image that dockpath has facts about", range, "", out);
    }
  }
  if (name.empty())
    addItem("scratch", CompletionKind::Image, "An empty image",
            "Start from an empty file system", range, "", out);
}

}  // namespace dockpath::completion
