// Internal to the navigation features: every stage name and variable in a
// Dockerfile, each use resolved to the declaration it reads.
//
// Scope follows BuildKit. Global ARGs (before the first FROM) are visible
// to FROM lines only, and inside a stage through a bare "ARG NAME" that
// takes the global default. A stage can use its own ARG and ENV variables
// from the instruction after the declaration on. A "FROM <stage>" stage
// can also use the variables of the stage it builds on, as the
// UndefinedVar check counts them. An ENV overrides an ARG of the same name
// from the ENV on, even an ARG declared after it (Dockerfile reference,
// "Using ARG variables"). RUN reads ARG and ENV. The shell form of CMD,
// ENTRYPOINT and HEALTHCHECK runs in the container, which has ENV only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dockpath/model/build_model.h"
#include "dockpath/text/document.h"

namespace dockpath::navigation {

enum class SymbolType : uint8_t { Stage, Variable };

// The source of a name: this file, or what sets it when nothing here
// declares it.
enum class Declarer : uint8_t {
  File,       // an ARG, ENV or AS name in this Dockerfile
  Image,      // the base image's ENV, from the image catalog
  BuildKit,   // an automatic platform ARG such as TARGETARCH
  Undeclared  // no declaration in scope (a shell variable, a typo)
};

struct Symbol {
  SymbolType type = SymbolType::Variable;
  std::string name;  // as its first declaration writes it
  Declarer declarer = Declarer::File;
  int stage = -1;  // a stage's index, or the stage that declares a
                   // variable (-1 for a global ARG)
  Range target;    // where go-to-definition lands when no declaration
                   // occurrence exists (an unnamed stage's FROM)
};

struct Occurrence {
  Range range;  // the name only
  int symbol = -1;
  // The declaration occurrence this one resolves to: itself for most
  // declarations, the global ARG for a bare in-stage "ARG NAME" that takes
  // its default, and -1 for an undeclared name.
  int binding = -1;
  bool declaration = false;
  bool renamable = true;  // false for a stage named by index (--from=0)
};

struct SymbolIndex {
  std::vector<Symbol> symbols;
  std::vector<Occurrence> occurrences;
  std::vector<int> byPosition;  // occurrence indices sorted by start

  // Returns the occurrence whose range contains position, or one that ends
  // there (a cursor just after a name), or nullptr.
  const Occurrence *at(Position position) const;
  // The occurrences of symbol in document order.
  std::vector<const Occurrence *> occurrencesOf(int symbol) const;
};

// TODO: every request builds the index again, a median of 3 to 4 ms for a
// 10,000-line file (docs/benchmarks.md). Keeping it with the document's
// model would remove that cost.
SymbolIndex buildSymbolIndex(const TextDocument &text, const ParsedFile &file,
                             const BuildModel &model);

// True for a name that $NAME can reference: a letter or '_', then
// letters, digits and '_'.
bool isVariableName(std::string_view name);

// True for the automatic platform ARGs and the predefined proxy ARGs,
// which BuildKit sets without a declaration.
bool isBuildKitArg(std::string_view name);

}  // namespace dockpath::navigation
