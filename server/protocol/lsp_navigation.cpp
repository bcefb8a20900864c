// LspServer's navigation requests: documentSymbol, definition, references,
// documentHighlight, prepareRename, rename and foldingRange. Each handler
// reads its params on the reader thread and replies from the analysis
// thread. An unknown URI gets the empty result of its method.
#include "dockpath/protocol/conversions.h"
#include "dockpath/protocol/log.h"
#include "dockpath/protocol/lsp_server.h"

namespace dockpath::protocol {

namespace {

std::string uriOf(const json &params) {
  return params.at("textDocument").at("uri").get<std::string>();
}

}  // namespace

void LspServer::registerNavigationHandlers() {
  // Requests whose result needs only the open document and the params.
  using ComputeResult =
      std::function<json(Document &, const DocumentRef &, const json &params)>;
  auto onDocument = [this](std::string method, json emptyResult,
                           ComputeResult compute) {
    dispatcher_.onRequest(
        method, [this, emptyResult, compute](const json &params, Reply reply) {
          std::string uri = uriOf(params);
          queueRequest(reply, [this, reply, uri, params, emptyResult, compute] {
            Document *document = engine_->find(uri);
            if (!document) return reply.result(emptyResult);
            DocumentRef ref{uri, document->text().lines(), client_.encoding};
            reply.result(compute(*document, ref, params));
          });
        });
  };
  auto position = [](const DocumentRef &ref, const json &params) {
    return toCorePosition(ref.lines, params.at("position"), ref.encoding);
  };

  onDocument("textDocument/documentSymbol", json::array(),
             [this](Document &document, const DocumentRef &ref, const json &) {
               return toLspDocumentSymbols(engine_->documentSymbols(document),
                                           ref, client_.hierarchicalSymbols);
             });

  onDocument("textDocument/foldingRange", json::array(),
             [this](Document &document, const DocumentRef &, const json &) {
               return toLspFoldingRanges(engine_->foldingRanges(document),
                                         client_.foldingRangeLimit);
             });

  onDocument("textDocument/definition", nullptr,
             [this, position](Document &document, const DocumentRef &ref,
                              const json &params) {
               auto found =
                   engine_->definition(document, position(ref, params));
               if (!found) return json(nullptr);
               return toLspDefinition(*found, ref, client_.definitionLinks);
             });

  onDocument("textDocument/references", json::array(),
             [this, position](Document &document, const DocumentRef &ref,
                              const json &params) {
               const json context = params.value("context", json::object());
               bool declarations = context.is_object() &&
                                   context.value("includeDeclaration", false);
               json out = json::array();
               for (const SymbolReference &found : engine_->references(
                        document, position(ref, params), declarations))
                 out.push_back(toLspLocation(found.range, ref));
               return out;
             });

  onDocument("textDocument/documentHighlight", json::array(),
             [this, position](Document &document, const DocumentRef &ref,
                              const json &params) {
               json out = json::array();
               for (const SymbolReference &found :
                    engine_->references(document, position(ref, params), true))
                 out.push_back(toLspHighlight(found, ref));
               return out;
             });

  registerRenameHandlers();
}

// Rejections are RequestFailed errors, whose message editors show.
void LspServer::registerRenameHandlers() {
  dispatcher_.onRequest(
      "textDocument/prepareRename", [this](const json &params, Reply reply) {
        std::string uri = uriOf(params);
        json at = params.at("position");
        queueRequest(reply, [this, reply, uri, at] {
          Document *document = engine_->find(uri);
          if (!document) return reply.result(nullptr);
          const Lines &lines = document->text().lines();
          auto outcome = engine_->prepareRename(
              *document, toCorePosition(lines, at, client_.encoding));
          if (!outcome) return reply.result(nullptr);
          if (!outcome->error.empty())
            return reply.error(ErrorCode::RequestFailed, outcome->error);
          reply.result(
              {{"range", toLspRange(lines, outcome->range, client_.encoding)},
               {"placeholder", outcome->placeholder}});
        });
      });

  dispatcher_.onRequest("textDocument/rename", [this](const json &params,
                                                      Reply reply) {
    std::string uri = uriOf(params);
    json at = params.at("position");
    std::string newName = params.at("newName").get<std::string>();
    queueRequest(reply, [this, reply, uri, at, newName] {
      Document *document = engine_->find(uri);
      if (!document) return reply.result(nullptr);
      const Lines &lines = document->text().lines();
      Position position = toCorePosition(lines, at, client_.encoding);
      auto outcome = engine_->rename(*document, position, newName);
      if (!outcome)
        return reply.error(
            ErrorCode::RequestFailed,
            fmt::format("no stage name or variable to rename at line {}",
                        position.line + 1));
      if (!outcome->error.empty()) {
        log::verbose("rename of '{}' to '{}' rejected: {}",
                     outcome->placeholder, newName, outcome->error);
        return reply.error(ErrorCode::RequestFailed, outcome->error);
      }
      DocumentRef ref{uri, lines, client_.encoding};
      reply.result(toLspWorkspaceEdit(outcome->edits, ref, document->version(),
                                      client_.documentChanges));
    });
  });
}

}  // namespace dockpath::protocol
