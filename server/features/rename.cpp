// Rename of stage names and ARG or ENV variables.
//
//   FROM golang:1.22 AS build      FROM golang:1.22 AS compile
//   FROM alpine:3.20         ->    FROM alpine:3.20
//   COPY --from=BUILD /out /       COPY --from=compile /out /
//
// Stage names match in any letter case, as in BuildKit, so every spelling
// is replaced; --from=0 names a stage by index and stays. A variable is
// renamed at its declarations and at every use that reads them. A rename
// that would make another use read the renamed variable, or a FROM or
// --from name the renamed stage, is rejected.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "dockpath/features/features.h"
#include "symbol_index.h"

namespace dockpath {

namespace {

using navigation::Declarer;
using navigation::Occurrence;
using navigation::Symbol;
using navigation::SymbolIndex;
using navigation::SymbolType;

std::string lower(std::string_view text) {
  std::string out(text);
  for (char &c : out) c = static_cast<char>(std::tolower((unsigned char)c));
  return out;
}

std::string textAt(const TextDocument &text, Range range) {
  std::string_view line = text.line(range.start.line);
  if (range.start.column > line.size()) return "";
  return std::string(
      line.substr(range.start.column, range.end.column - range.start.column));
}

// BuildKit's rule for stage names, applied to the lower-case name
// (instructions/parse.go, as server/syntax/commands.cpp checks it).
bool isStageName(std::string_view name) {
  std::string key = lower(name);
  if (key.empty() || !std::islower(static_cast<unsigned char>(key[0])))
    return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) ||
           std::isdigit(static_cast<unsigned char>(c)) || c == '-' ||
           c == '_' || c == '.';
  });
}

std::string stageLabel(const BuildModel &model, int stage) {
  if (stage < 0) return "the global scope";
  const Stage &s = model.stages[stage];
  return s.name.empty() ? fmt::format("stage {}", stage)
                        : fmt::format("stage '{}'", s.name);
}

// True for environment variables that the programs of a container read
// by name: the POSIX shell and locale ones (POSIX.1-2017, Base Definitions,
// chapter 8, Environment Variables), the dynamic linker's (ld.so(8)) and
// Python's (the python(1) ENVIRONMENT section). Renaming one changes what the
// image does, not only the Dockerfile.
bool readByPrograms(const std::string &name) {
  static const char *const kNames[] = {"PATH",
                                       "HOME",
                                       "USER",
                                       "SHELL",
                                       "TERM",
                                       "TZ",
                                       "LANG",
                                       "LANGUAGE",
                                       "LC_ALL",
                                       "TMPDIR",
                                       "PWD",
                                       "LD_LIBRARY_PATH",
                                       "LD_PRELOAD",
                                       "PYTHONPATH",
                                       "PYTHONHOME",
                                       "PYTHONUNBUFFERED",
                                       "PYTHONDONTWRITEBYTECODE",
                                       "PYTHONUSERBASE",
                                       "PYTHONNOUSERSITE",
                                       "PYTHONSAFEPATH",
                                       "PYTHONIOENCODING"};
  return std::any_of(std::begin(kNames), std::end(kNames),
                     [&](const char *known) { return name == known; });
}

// Why the symbol at occurrence cannot be renamed, or "".
std::string renameBlocker(const BuildModel &model, const SymbolIndex &index,
                          const Occurrence &at) {
  const Symbol &symbol = index.symbols[at.symbol];
  if (symbol.type == SymbolType::Stage) {
    if (symbol.name.empty())
      return fmt::format(
          "stage {} has no name to rename; add 'AS <name>' to "
          "its FROM first",
          symbol.stage);
    if (!at.renamable)
      return fmt::format(
          "this names stage '{}' by its index {}; rename the "
          "stage at its 'AS {}' instead",
          model.stages[symbol.stage].name, symbol.stage, symbol.name);
    return "";
  }
  switch (symbol.declarer) {
    case Declarer::File:
      if (readByPrograms(symbol.name))
        return fmt::format(
            "'{}' is read by the programs in the container under this "
            "name, so renaming it would change what they do",
            symbol.name);
      return "";
    case Declarer::Image:
      return fmt::format(
          "'{}' is set by the base image, not declared in "
          "this Dockerfile, so it cannot be renamed",
          symbol.name);
    case Declarer::BuildKit:
      return fmt::format(
          "'{}' is a build argument that BuildKit sets; "
          "under another name BuildKit would not set it",
          symbol.name);
    case Declarer::Undeclared:
      return fmt::format(
          "'{}' is not declared by an ARG or ENV in scope, "
          "so there is nothing to rename",
          symbol.name);
  }
  return "";
}

int stageAtLine(const ParsedFile &file, const BuildModel &model,
                uint32_t line) {
  const Instruction *instruction = file.instructionAt(line);
  if (!instruction) return -1;
  size_t i = static_cast<size_t>(instruction - file.instructions.data());
  return i < model.stageOf.size() ? model.stageOf[i] : -1;
}

std::string stageNameConflict(const ParsedFile &file, const BuildModel &model,
                              const Symbol &symbol,
                              const std::string &newName) {
  if (!isStageName(newName))
    return fmt::format(
        "'{}' is not a valid stage name: start with a letter "
        "and use only letters, digits, '-', '_' and '.'",
        newName);
  std::string key = lower(newName);
  if (key == "scratch" || key == "context")
    return fmt::format(
        "'{}' is reserved by BuildKit and cannot name a "
        "stage",
        key);
  for (const Stage &stage : model.stages)
    if (stage.index != symbol.stage && stage.name == key)
      return fmt::format(
          "stage {} is already named '{}'; choose another "
          "name",
          stage.index, key);
  // An image of that name would become a reference to this stage.
  const Stage &renamed = model.stages[symbol.stage];
  for (size_t i = 0; i < file.instructions.size(); ++i) {
    const Instruction &in = file.instructions[i];
    const Word *image = in.kind == InstructionKind::From && !in.args.empty() &&
                                static_cast<int>(i) > renamed.fromIndex
                            ? &in.args[0]
                            : nullptr;
    const Flag *from =
        in.kind == InstructionKind::Copy ? in.flag("from") : nullptr;
    bool captured = (image && lower(image->text) == key) ||
                    (from && from->value && lower(*from->value) == key);
    if (captured)
      return fmt::format(
          "line {} names the image '{}', which would then "
          "name this stage; choose another name",
          in.firstLine() + 1, newName);
  }
  return "";
}

std::string variableNameConflict(const ParsedFile &file,
                                 const BuildModel &model,
                                 const SymbolIndex &index, int symbolId,
                                 const std::string &newName) {
  if (!navigation::isVariableName(newName))
    return fmt::format(
        "'{}' is not a valid variable name: start with a "
        "letter or '_' and use only letters, digits and '_'",
        newName);
  // The stages whose uses could start reading a variable of the new name:
  // those with an occurrence of the symbol, and the stages they build on.
  std::set<int> stages;
  for (const Occurrence *occurrence : index.occurrencesOf(symbolId)) {
    int stage = stageAtLine(file, model, occurrence->range.start.line);
    stages.insert(stage);
    while (stage >= 0 && (stage = model.stages[stage].parentStage) >= 0)
      stages.insert(stage);
  }
  if (navigation::isBuildKitArg(newName))
    return fmt::format(
        "'{}' is a build argument that BuildKit sets; "
        "choose another name",
        newName);
  for (int stage : stages) {
    if (stage < 0) continue;
    const ImageFacts *image = model.stages[stage].image;
    bool imageSets = image && std::any_of(image->env.begin(), image->env.end(),
                                          [&](const auto &entry) {
                                            return entry.first == newName;
                                          });
    if (newName == "PATH" || imageSets)
      return fmt::format(
          "'{}' is set by the base image of {}; choose "
          "another name",
          newName, stageLabel(model, stage));
  }
  for (const Occurrence &other : index.occurrences) {
    const Symbol &symbol = index.symbols[other.symbol];
    if (other.symbol == symbolId || symbol.type != SymbolType::Variable ||
        symbol.name != newName)
      continue;
    int stage = stageAtLine(file, model, other.range.start.line);
    if (stages.count(stage))
      return fmt::format(
          "'{}' is already used in {} (line {}); renaming to "
          "it would change what a use reads",
          newName, stageLabel(model, stage), other.range.start.line + 1);
  }
  return "";
}

// Starts the outcome for the name at occurrence: its range, its text and
// why it cannot be renamed, if it cannot.
RenameOutcome startOutcome(const TextDocument &text, const BuildModel &model,
                           const SymbolIndex &index, const Occurrence &at) {
  RenameOutcome outcome;
  outcome.range = at.range;
  outcome.placeholder = textAt(text, at.range);
  outcome.error = renameBlocker(model, index, at);
  return outcome;
}

}  // namespace

std::optional<RenameOutcome> prepareRename(const TextDocument &text,
                                           const ParsedFile &file,
                                           const BuildModel &model,
                                           Position position) {
  SymbolIndex index = navigation::buildSymbolIndex(text, file, model);
  const Occurrence *at = index.at(position);
  if (!at) return std::nullopt;
  return startOutcome(text, model, index, *at);
}

std::optional<RenameOutcome> computeRename(const TextDocument &text,
                                           const ParsedFile &file,
                                           const BuildModel &model,
                                           Position position,
                                           const std::string &newName) {
  SymbolIndex index = navigation::buildSymbolIndex(text, file, model);
  const Occurrence *at = index.at(position);
  if (!at) return std::nullopt;
  RenameOutcome outcome = startOutcome(text, model, index, *at);
  if (!outcome.error.empty()) return outcome;

  const Symbol &symbol = index.symbols[at->symbol];
  outcome.error =
      symbol.type == SymbolType::Stage
          ? stageNameConflict(file, model, symbol, newName)
          : variableNameConflict(file, model, index, at->symbol, newName);
  if (!outcome.error.empty()) return outcome;

  for (const Occurrence *occurrence : index.occurrencesOf(at->symbol))
    if (occurrence->renamable)
      outcome.edits.push_back({occurrence->range, newName});
  return outcome;
}

}  // namespace dockpath
