// Go to definition and find references for stage names and variables,
// both computed from the SymbolIndex.
//
//   ARG BASE=alpine:3.20
//   FROM ${BASE} AS build        <- ${BASE} goes to BASE on line 1
//   FROM build                   <- build goes to "AS build"
#include "dockpath/features/features.h"
#include "symbol_index.h"

namespace dockpath {

std::optional<Definition> findDefinition(const TextDocument &text,
                                         const ParsedFile &file,
                                         const BuildModel &model,
                                         Position position) {
  navigation::SymbolIndex index =
      navigation::buildSymbolIndex(text, file, model);
  const navigation::Occurrence *at = index.at(position);
  if (!at) return std::nullopt;
  if (at->binding >= 0)
    return Definition{at->range, index.occurrences[at->binding].range};
  const navigation::Symbol &symbol = index.symbols[at->symbol];
  // An unnamed stage named by index has its FROM as definition.
  if (symbol.type == navigation::SymbolType::Stage)
    return Definition{at->range, symbol.target};
  return std::nullopt;
}

std::vector<SymbolReference> findSymbolReferences(const TextDocument &text,
                                                  const ParsedFile &file,
                                                  const BuildModel &model,
                                                  Position position,
                                                  bool includeDeclaration) {
  navigation::SymbolIndex index =
      navigation::buildSymbolIndex(text, file, model);
  const navigation::Occurrence *at = index.at(position);
  if (!at) return {};
  std::vector<SymbolReference> out;
  for (const navigation::Occurrence *occurrence :
       index.occurrencesOf(at->symbol)) {
    if (occurrence->declaration && !includeDeclaration) continue;
    out.push_back({occurrence->range, occurrence->declaration});
  }
  return out;
}

}  // namespace dockpath
