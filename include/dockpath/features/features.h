// Editor features computed from a document's parse and model. They return
// plain structs; the protocol layer renders them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dockpath/engine/engine.h"
#include "dockpath/engine/navigation.h"
#include "dockpath/model/build_model.h"

namespace dockpath {

// Hover on a path, a stage name, an image, PYTHONPATH, CMD or ENTRYPOINT.
std::optional<HoverInfo> computeHover(const ParsedFile &file,
                                      const BuildModel &model,
                                      const BuildContext *context,
                                      Position position);

// Completion at position: instruction keywords, flags and their values,
// stage names, the variables in scope, base images and paths.
CompletionList computeCompletion(const ParsedFile &file,
                                 const TextDocument &text,
                                 const BuildModel &model,
                                 const BuildContext *context,
                                 Position position);

// The fixes of the analysis' diagnostics that are named by fingerprint or
// whose range intersects range.
std::vector<CodeAction> collectCodeActions(
    const Analysis &analysis, Range range,
    const std::vector<std::string> &fingerprints);

// The outline: global ARGs, then one symbol per stage with a child per
// instruction, or per variable for ARG and ENV.
std::vector<DocumentSymbol> computeDocumentSymbols(const ParsedFile &file);

// Where the stage name or variable at position is declared.
std::optional<Definition> findDefinition(const TextDocument &text,
                                         const ParsedFile &file,
                                         const BuildModel &model,
                                         Position position);

// Every use of the stage name or variable at position in document order,
// with its declarations when includeDeclaration is set.
std::vector<SymbolReference> findSymbolReferences(const TextDocument &text,
                                                  const ParsedFile &file,
                                                  const BuildModel &model,
                                                  Position position,
                                                  bool includeDeclaration);

// Checks that the name at position can be renamed. Returns nullopt when no
// stage name or variable is there, and an outcome with error set when the
// name cannot be renamed.
std::optional<RenameOutcome> prepareRename(const TextDocument &text,
                                           const ParsedFile &file,
                                           const BuildModel &model,
                                           Position position);

// The edits that rename the stage or variable at position to newName, or
// an outcome with error set when newName is invalid or would change what
// a use reads.
std::optional<RenameOutcome> computeRename(const TextDocument &text,
                                           const ParsedFile &file,
                                           const BuildModel &model,
                                           Position position,
                                           const std::string &newName);

// Foldable stages, multi-line instructions, heredoc bodies and blocks of
// comment lines, ordered by start line.
std::vector<FoldingRange> computeFoldingRanges(const ParsedFile &file);

}  // namespace dockpath
