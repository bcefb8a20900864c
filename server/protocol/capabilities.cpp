#include "dockpath/protocol/capabilities.h"

#include <algorithm>

namespace dockpath::protocol {
namespace {

// Returns the member at the dotted path, or null when any step is missing
// or not an object.
const json &member(const json &object,
                   std::initializer_list<const char *> path) {
  static const json null;
  const json *current = &object;
  for (const char *key : path) {
    if (!current->is_object()) return null;
    auto found = current->find(key);
    if (found == current->end()) return null;
    current = &*found;
  }
  return *current;
}

bool listContains(const json &list, std::string_view value) {
  return list.is_array() &&
         std::any_of(list.begin(), list.end(), [&](const json &item) {
           return item.is_string() && item.get<std::string>() == value;
         });
}

std::string stringMember(const json &object,
                         std::initializer_list<const char *> path) {
  const json &value = member(object, path);
  return value.is_string() ? value.get<std::string>() : std::string();
}

void readNavigationCapabilities(const json &textDocument,
                                ClientCapabilities &client) {
  client.hierarchicalSymbols =
      member(textDocument, {"documentSymbol",
                            "hierarchicalDocumentSymbolSupport"}) == true;
  client.definitionLinks =
      member(textDocument, {"definition", "linkSupport"}) == true;
  client.prepareRename =
      member(textDocument, {"rename", "prepareSupport"}) == true;
  const json &limit = member(textDocument, {"foldingRange", "rangeLimit"});
  if (limit.is_number_unsigned())
    client.foldingRangeLimit = limit.get<size_t>();
}

}  // namespace

ClientCapabilities readClientCapabilities(const json &params) {
  ClientCapabilities client;
  client.name = stringMember(params, {"clientInfo", "name"});
  client.version = stringMember(params, {"clientInfo", "version"});

  const json &encodings =
      member(params, {"capabilities", "general", "positionEncodings"});
  if (listContains(encodings, "utf-8"))
    client.encoding = PositionEncoding::Utf8;

  client.hoverMarkdown = listContains(
      member(params,
             {"capabilities", "textDocument", "hover", "contentFormat"}),
      "markdown");
  client.completionSnippets =
      member(params, {"capabilities", "textDocument", "completion",
                      "completionItem", "snippetSupport"}) == true;
  client.documentChanges =
      member(params, {"capabilities", "workspace", "workspaceEdit",
                      "documentChanges"}) == true;
  client.configuration =
      member(params, {"capabilities", "workspace", "configuration"}) == true;
  readNavigationCapabilities(member(params, {"capabilities", "textDocument"}),
                             client);
  client.initializationOptions = member(params, {"initializationOptions"});
  return client;
}

json initializeResult(const ClientCapabilities &client,
                      std::string_view serverVersion) {
  // openClose must be true: Neovim 0.7 sends no didOpen or didClose
  // otherwise. change 2 is TextDocumentSyncKind.Incremental.
  json sync = {
      {"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}};
  json capabilities = {
      {"positionEncoding", encodingName(client.encoding)},
      {"textDocumentSync", std::move(sync)},
      {"hoverProvider", true},
      // "-" starts a flag, "=" its value, "$" and "{" a variable, "/" the
      // next path segment, ":" an image tag and "," a --mount option.
      {"completionProvider",
       {{"triggerCharacters", {"-", "=", "$", "{", "/", ":", ","}},
        {"resolveProvider", false}}},
      {"codeActionProvider", {{"codeActionKinds", {"quickfix"}}}},
      {"documentSymbolProvider", true},
      {"definitionProvider", true},
      {"referencesProvider", true},
      {"documentHighlightProvider", true},
      {"foldingRangeProvider", true},
  };
  // LSP 3.17 allows RenameOptions only for a client with prepareSupport.
  if (client.prepareRename)
    capabilities["renameProvider"] = {{"prepareProvider", true}};
  else
    capabilities["renameProvider"] = true;
  return {{"capabilities", std::move(capabilities)},
          {"serverInfo", {{"name", "dockpath"}, {"version", serverVersion}}}};
}

const char *encodingName(PositionEncoding encoding) {
  switch (encoding) {
    case PositionEncoding::Utf8:
      return "utf-8";
    case PositionEncoding::Utf16:
      return "utf-16";
    case PositionEncoding::Utf32:
      return "utf-32";
  }
  return "utf-16";
}

}  // namespace dockpath::protocol
