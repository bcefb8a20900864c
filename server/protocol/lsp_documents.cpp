// The analysis-thread half of LspServer for documents: applying edits,
// analysing and publishing diagnostics.
#include "dockpath/protocol/conversions.h"
#include "dockpath/protocol/log.h"
#include "dockpath/protocol/lsp_server.h"
#include "dockpath/protocol/uri.h"

namespace dockpath::protocol {

void LspServer::openDocument(const std::string &uri, const std::string &text,
                             int64_t version) {
  // Documents that are not files ("untitled:", "test:") get an empty path,
  // so they have no build context.
  std::string path = uriToPath(uri).value_or("");
  engine_->open(uri, std::move(path), text, version);
}

// Applies the changes of one didChange in order: each range refers to the
// text left by the previous change (LSP 3.17, DidChangeTextDocumentParams).
void LspServer::applyChanges(const std::string &uri,
                             const std::vector<ContentChange> &changes,
                             int64_t version) {
  Document *document = engine_->find(uri);
  if (!document) {
    log::error("change to {} after it was closed; ignored", uri);
    return;
  }
  for (const ContentChange &change : changes) {
    if (!change.range) {
      document->applyChange(std::nullopt, change.text);
      continue;
    }
    Range range =
        toCoreRange(document->text().lines(), *change.range, client_.encoding);
    document->applyChange(range, change.text);
  }
  document->setVersion(version);
}

void LspServer::analyze(const std::string &uri, uint64_t edit,
                        const EditCounter &counter) {
  if (counter->load() != edit) return;  // a later edit queued its own
  Document *document = engine_->find(uri);
  if (!document) return;
  auto superseded = [&] { return counter->load() != edit; };
  const Analysis *analysis = engine_->analyze(*document, superseded);
  if (!analysis) {
    log::verbose("analysis of {} version {} superseded", uri,
                 document->version());
    return;
  }
  publish(uri, *document, *analysis);
}

std::vector<json> LspServer::lspDiagnostics(const std::string &uri,
                                            const Document &document,
                                            const Analysis &analysis) const {
  DocumentRef ref{uri, document.text().lines(), client_.encoding};
  FileLines files;
  std::vector<json> result;
  result.reserve(analysis.diagnostics.size());
  for (const Diagnostic &diagnostic : analysis.diagnostics)
    result.push_back(toLspDiagnostic(diagnostic, ref, files));
  return result;
}

void LspServer::publish(const std::string &uri, const Document &document,
                        const Analysis &analysis) {
  json params = {{"uri", uri},
                 {"version", document.version()},
                 {"diagnostics", lspDiagnostics(uri, document, analysis)}};
  log::verbose("publishing {} diagnostics for {} version {}",
               analysis.diagnostics.size(), uri, document.version());
  dispatcher_.notify("textDocument/publishDiagnostics", std::move(params));
}

}  // namespace dockpath::protocol
