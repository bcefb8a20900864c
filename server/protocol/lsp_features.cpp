// The analysis-thread half of LspServer for requests: hover, completion
// and code actions.
#include "dockpath/protocol/conversions.h"
#include "dockpath/protocol/log.h"
#include "dockpath/protocol/lsp_server.h"

namespace dockpath::protocol {

json LspServer::hoverResult(const std::string &uri, const json &position) {
  Document *document = engine_->find(uri);
  if (!document) return nullptr;
  const Lines &lines = document->text().lines();
  Position at = toCorePosition(lines, position, client_.encoding);
  std::optional<HoverInfo> info = engine_->hover(*document, at);
  if (!info) return nullptr;
  DocumentRef ref{uri, lines, client_.encoding};
  return toLspHover(*info, ref, client_.hoverMarkdown);
}

json LspServer::completionResult(const std::string &uri, const json &position) {
  json empty = {{"isIncomplete", false}, {"items", json::array()}};
  Document *document = engine_->find(uri);
  if (!document) return empty;
  const Lines &lines = document->text().lines();
  // A line past the end has no text to complete. A column past the end of
  // its line is clamped like any other position.
  if (position.at("line").get<int64_t>() >= static_cast<int64_t>(lines.size()))
    return empty;
  Position at = toCorePosition(lines, position, client_.encoding);
  CompletionList list = engine_->completion(*document, at);
  DocumentRef ref{uri, lines, client_.encoding};
  return toLspCompletionList(list, ref, client_.completionSnippets);
}

json LspServer::codeActionResult(const std::string &uri, const json &range,
                                 const std::vector<std::string> &fingerprints) {
  Document *document = engine_->find(uri);
  if (!document) return json::array();
  const Lines &lines = document->text().lines();
  Range core = toCoreRange(lines, range, client_.encoding);
  std::vector<CodeAction> actions =
      engine_->codeActions(*document, core, fingerprints);

  // The indices refer to the analysis codeActions used, which is current.
  std::vector<json> published;
  if (const Analysis *analysis = document->analysis())
    published = lspDiagnostics(uri, *document, *analysis);

  DocumentRef ref{uri, lines, client_.encoding};
  json result = json::array();
  for (const CodeAction &action : actions) {
    result.push_back(toLspCodeAction(action, ref, document->version(),
                                     published, client_.documentChanges));
  }
  return result;
}

}  // namespace dockpath::protocol
