// Client capabilities read from the initialize params, and the server's
// initialize result (LSP 3.17, "initialize").
#pragma once

#include <string>
#include <string_view>

#include "dockpath/protocol/jsonrpc.h"
#include "dockpath/text/encoding.h"

namespace dockpath::protocol {

struct ClientCapabilities {
  std::string name;     // clientInfo.name, or empty
  std::string version;  // clientInfo.version, or empty
  // general.positionEncodings containing "utf-8" selects UTF-8; without
  // it LSP requires UTF-16.
  PositionEncoding encoding = PositionEncoding::Utf16;
  // textDocument.hover.contentFormat lists "markdown".
  bool hoverMarkdown = false;
  // textDocument.completion.completionItem.snippetSupport.
  bool completionSnippets = false;
  // workspace.workspaceEdit.documentChanges: versioned edits.
  bool documentChanges = false;
  // workspace.configuration: the client answers workspace/configuration.
  bool configuration = false;
  // textDocument.documentSymbol.hierarchicalDocumentSymbolSupport: the
  // client takes DocumentSymbol trees, not flat SymbolInformation.
  bool hierarchicalSymbols = false;
  // textDocument.definition.linkSupport: the client takes LocationLinks.
  bool definitionLinks = false;
  // textDocument.rename.prepareSupport: the client sends prepareRename.
  bool prepareRename = false;
  // textDocument.foldingRange.rangeLimit: the most folding ranges the
  // client wants; 0 when it sets no limit.
  size_t foldingRangeLimit = 0;
  // initializationOptions, which may hold dockpath's settings.
  json initializationOptions;
};

// Reads the capabilities the server uses. Missing or mistyped members
// leave the defaults, so any initialize params are accepted.
ClientCapabilities readClientCapabilities(const json &initializeParams);

// Returns the InitializeResult: the server's capabilities and serverInfo.
json initializeResult(const ClientCapabilities &client,
                      std::string_view serverVersion);

// Returns "utf-8", "utf-16" or "utf-32".
const char *encodingName(PositionEncoding encoding);

}  // namespace dockpath::protocol
