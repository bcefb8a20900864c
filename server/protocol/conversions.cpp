#include "dockpath/rules/rule.h"
#include "dockpath/protocol/conversions.h"

#include <algorithm>
#include <fstream>
#include <limits>
#include <sstream>

#include "dockpath/protocol/uri.h"

namespace dockpath::protocol {
namespace {

// The line without the "\r" of a CRLF ending: clients count that "\r" as
// part of the line break, so no column may point past it.
std::string_view content(const Lines &lines, size_t line) {
  std::string_view text = lines[line];
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return text;
}

json toLspTextEdit(const TextEdit &edit, const DocumentRef &document) {
  return {{"range", toLspRange(document.lines, edit.range, document.encoding)},
          {"newText", edit.newText}};
}

json toLspRelated(const RelatedInformation &related,
                  const DocumentRef &document, FileLines &files) {
  json range;
  std::string uri = document.uri;
  if (related.path.empty()) {
    range = toLspRange(document.lines, related.range, document.encoding);
  } else {
    uri = pathToUri(related.path);
    const Lines *lines = files.find(related.path);
    if (lines) {
      range = toLspRange(*lines, related.range, document.encoding);
    } else {
      // The file cannot be read, so its columns pass through as bytes.
      auto position = [](Position p) {
        return json{{"line", p.line}, {"character", p.column}};
      };
      range = {{"start", position(related.range.start)},
               {"end", position(related.range.end)}};
    }
  }
  return {{"location", {{"uri", uri}, {"range", std::move(range)}}},
          {"message", related.message}};
}

// Reads an LSP uinteger, clamped into uint32_t: positions are clamped,
// never trusted. Throws json::type_error when value is not a number.
uint32_t clampedNumber(const json &value) {
  auto number = value.get<int64_t>();
  return static_cast<uint32_t>(
      std::clamp<int64_t>(number, 0, std::numeric_limits<uint32_t>::max()));
}

}  // namespace

Lines splitLines(std::string_view text) { return Lines(text); }

Position toCorePosition(const Lines &lines, const json &position,
                        PositionEncoding encoding) {
  uint32_t line = clampedNumber(position.at("line"));
  uint32_t character = clampedNumber(position.at("character"));
  if (lines.empty()) return {};
  if (line >= lines.size()) {
    uint32_t last = static_cast<uint32_t>(lines.size() - 1);
    return {last, static_cast<uint32_t>(content(lines, last).size())};
  }
  return {line, toByteColumn(content(lines, line), character, encoding)};
}

Range toCoreRange(const Lines &lines, const json &range,
                  PositionEncoding encoding) {
  Range result{toCorePosition(lines, range.at("start"), encoding),
               toCorePosition(lines, range.at("end"), encoding)};
  if (result.end < result.start) std::swap(result.start, result.end);
  return result;
}

json toLspPosition(const Lines &lines, Position position,
                   PositionEncoding encoding) {
  if (lines.empty()) return {{"line", 0}, {"character", 0}};
  if (position.line >= lines.size()) {
    position.line = static_cast<uint32_t>(lines.size() - 1);
    position.column = UINT32_MAX;
  }
  std::string_view line = content(lines, position.line);
  return {{"line", position.line},
          {"character", fromByteColumn(line, position.column, encoding)}};
}

json toLspRange(const Lines &lines, Range range, PositionEncoding encoding) {
  return {{"start", toLspPosition(lines, range.start, encoding)},
          {"end", toLspPosition(lines, range.end, encoding)}};
}

const Lines *FileLines::find(const std::string &path) {
  auto [entry, added] = files_.try_emplace(path);
  if (added) {
    std::ifstream file(path, std::ios::binary);
    if (file) {
      std::ostringstream text;
      text << file.rdbuf();
      entry->second = splitLines(text.str());
    }
  }
  return entry->second ? &*entry->second : nullptr;
}

json toLspDiagnostic(const Diagnostic &diagnostic, const DocumentRef &document,
                     FileLines &files) {
  json result = {
      {"range",
       toLspRange(document.lines, diagnostic.range, document.encoding)},
      {"severity", static_cast<int>(diagnostic.severity)},
      {"code", diagnostic.code},
      {"source", "dockpath"},
      {"message", diagnostic.message},
      {"data", {{"fingerprint", fingerprint(diagnostic)}}},
  };
  if (std::string url = documentationUrl(diagnostic.code); !url.empty())
    result["codeDescription"] = {{"href", url}};
  if (!diagnostic.related.empty()) {
    json related = json::array();
    for (const auto &item : diagnostic.related)
      related.push_back(toLspRelated(item, document, files));
    result["relatedInformation"] = std::move(related);
  }
  if (!diagnostic.tags.empty()) {
    json tags = json::array();
    for (DiagnosticTag tag : diagnostic.tags)
      tags.push_back(static_cast<int>(tag));
    result["tags"] = std::move(tags);
  }
  return result;
}

json toLspHover(const HoverInfo &hover, const DocumentRef &document,
                bool markdown) {
  json contents = {{"kind", markdown ? "markdown" : "plaintext"},
                   {"value", markdown ? hover.markdown
                                      : markdownToPlainText(hover.markdown)}};
  return {
      {"contents", std::move(contents)},
      {"range", toLspRange(document.lines, hover.range, document.encoding)}};
}

namespace {

// LSP's CompletionItemKind values.
int completionKind(CompletionKind kind) {
  switch (kind) {
    case CompletionKind::Keyword:
      return 14;
    case CompletionKind::Flag:
      return 10;  // Property
    case CompletionKind::Value:
      return 12;
    case CompletionKind::Stage:
      return 18;  // Reference
    case CompletionKind::Image:
      return 9;  // Module
    case CompletionKind::Variable:
      return 6;
    case CompletionKind::File:
      return 17;
    case CompletionKind::Folder:
      return 19;
  }
  return 1;  // Text
}

}  // namespace

json toLspCompletionList(const CompletionList &list,
                         const DocumentRef &document, bool snippets) {
  json items = json::array();
  for (const CompletionItem &item : list.items) {
    bool snippet = snippets && !item.snippet.empty();
    json entry = {
        {"label", item.label},
        {"kind", completionKind(item.kind)},
        {"insertTextFormat", snippet ? 2 : 1},
        {"textEdit",
         {{"range", toLspRange(document.lines, item.range, document.encoding)},
          {"newText", snippet ? item.snippet : item.newText}}},
    };
    if (!item.detail.empty()) entry["detail"] = item.detail;
    if (!item.documentation.empty())
      entry["documentation"] = item.documentation;
    if (!item.sortText.empty()) entry["sortText"] = item.sortText;
    items.push_back(std::move(entry));
  }
  return {{"isIncomplete", list.incomplete}, {"items", std::move(items)}};
}

json toLspCodeAction(const CodeAction &action, const DocumentRef &document,
                     int64_t version, const std::vector<json> &published,
                     bool documentChanges) {
  json edits = json::array();
  for (const auto &edit : action.edits)
    edits.push_back(toLspTextEdit(edit, document));

  json workspaceEdit;
  if (documentChanges) {
    json textDocument = {{"uri", document.uri}, {"version", version}};
    workspaceEdit["documentChanges"] =
        json::array({{{"textDocument", std::move(textDocument)},
                      {"edits", std::move(edits)}}});
  } else {
    workspaceEdit["changes"] = {{document.uri, std::move(edits)}};
  }

  json fixed = json::array();
  for (size_t index : action.diagnosticIndices) {
    if (index < published.size()) fixed.push_back(published[index]);
  }
  return {{"title", action.title},
          {"kind", action.kind},
          {"isPreferred", action.preferred},
          {"diagnostics", std::move(fixed)},
          {"edit", std::move(workspaceEdit)}};
}

namespace {

json toLspDocumentSymbol(const DocumentSymbol &symbol,
                         const DocumentRef &document) {
  json result = {
      {"name", symbol.name},
      {"kind", static_cast<int>(symbol.kind)},
      {"range", toLspRange(document.lines, symbol.range, document.encoding)},
      {"selectionRange", toLspRange(document.lines, symbol.selectionRange,
                                    document.encoding)}};
  if (!symbol.detail.empty()) result["detail"] = symbol.detail;
  if (!symbol.children.empty()) {
    json children = json::array();
    for (const DocumentSymbol &child : symbol.children)
      children.push_back(toLspDocumentSymbol(child, document));
    result["children"] = std::move(children);
  }
  return result;
}

void appendSymbolInformation(json &out, const DocumentSymbol &symbol,
                             const DocumentRef &document,
                             const std::string *container) {
  json item = {{"name", symbol.name},
               {"kind", static_cast<int>(symbol.kind)},
               {"location", toLspLocation(symbol.range, document)}};
  if (container) item["containerName"] = *container;
  out.push_back(std::move(item));
  for (const DocumentSymbol &child : symbol.children)
    appendSymbolInformation(out, child, document, &symbol.name);
}

}  // namespace

json toLspDocumentSymbols(const std::vector<DocumentSymbol> &symbols,
                          const DocumentRef &document, bool hierarchical) {
  json out = json::array();
  for (const DocumentSymbol &symbol : symbols) {
    if (hierarchical)
      out.push_back(toLspDocumentSymbol(symbol, document));
    else
      appendSymbolInformation(out, symbol, document, nullptr);
  }
  return out;
}

json toLspLocation(Range range, const DocumentRef &document) {
  return {{"uri", document.uri},
          {"range", toLspRange(document.lines, range, document.encoding)}};
}

json toLspDefinition(const Definition &definition, const DocumentRef &document,
                     bool links) {
  if (!links) return toLspLocation(definition.target, document);
  json target = toLspRange(document.lines, definition.target,
                           document.encoding);
  return json::array(
      {{{"originSelectionRange",
         toLspRange(document.lines, definition.origin, document.encoding)},
        {"targetUri", document.uri},
        {"targetRange", target},
        {"targetSelectionRange", target}}});
}

json toLspHighlight(const SymbolReference &reference,
                    const DocumentRef &document) {
  // DocumentHighlightKind: 2 is Read, 3 is Write.
  return {{"range", toLspRange(document.lines, reference.range,
                               document.encoding)},
          {"kind", reference.declaration ? 3 : 2}};
}

json toLspWorkspaceEdit(const std::vector<TextEdit> &edits,
                        const DocumentRef &document, int64_t version,
                        bool documentChanges) {
  json lspEdits = json::array();
  for (const TextEdit &edit : edits)
    lspEdits.push_back(toLspTextEdit(edit, document));
  if (!documentChanges)
    return {{"changes", {{document.uri, std::move(lspEdits)}}}};
  json textDocument = {{"uri", document.uri}, {"version", version}};
  return {{"documentChanges",
           json::array({{{"textDocument", std::move(textDocument)},
                         {"edits", std::move(lspEdits)}}})}};
}

json toLspFoldingRanges(const std::vector<FoldingRange> &ranges,
                        size_t limit) {
  json out = json::array();
  for (const FoldingRange &range : ranges) {
    if (limit > 0 && out.size() >= limit) break;
    out.push_back({{"startLine", range.startLine},
                   {"endLine", range.endLine},
                   {"kind", range.kind == FoldingKind::Comment ? "comment"
                                                                : "region"}});
  }
  return out;
}

}  // namespace dockpath::protocol
