// Editor features computed from a document's parse and model. They return
// plain structs; the protocol layer renders them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dockpath/engine/engine.h"
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

}  // namespace dockpath
