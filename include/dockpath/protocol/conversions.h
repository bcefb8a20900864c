// Conversion between the core's types (UTF-8 byte columns) and LSP's JSON
// objects (columns in the negotiated position encoding).
//
// Positions from the client are clamped, never trusted. A line past the
// end means the end of the document. A column past the end of a line means
// the end of that line, before a CRLF's "\r". A UTF-16 column inside a
// surrogate pair moves to the start of that character.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dockpath/diagnostic.h"
#include "dockpath/engine/engine.h"
#include "dockpath/protocol/jsonrpc.h"
#include "dockpath/text/encoding.h"

namespace dockpath::protocol {

// Lines of a text as TextDocument stores them: without "\n", with the
// "\r" of a CRLF ending kept.
using Lines = TextLines;

// Returns the core position of an LSP Position object. Throws
// json::exception when position lacks numeric line and character.
Position toCorePosition(const Lines &lines, const json &position,
                        PositionEncoding encoding);
Range toCoreRange(const Lines &lines, const json &range,
                  PositionEncoding encoding);

json toLspPosition(const Lines &lines, Position position,
                   PositionEncoding encoding);
json toLspRange(const Lines &lines, Range range, PositionEncoding encoding);

// Splits text into Lines.
Lines splitLines(std::string_view text);

// Lines of files named in related information, read once per use.
class FileLines {
 public:
  // Returns the lines of the file at path, or nullptr when it cannot be
  // read.
  const Lines *find(const std::string &path);

 private:
  std::map<std::string, std::optional<Lines>> files_;
};

// The document a conversion is about.
struct DocumentRef {
  const std::string &uri;
  const Lines &lines;
  PositionEncoding encoding;
};

// Returns the LSP Diagnostic, with data.fingerprint for code actions.
json toLspDiagnostic(const Diagnostic &diagnostic, const DocumentRef &document,
                     FileLines &files);

// Returns a Hover: Markdown content when the client renders it, plain text
// otherwise.
json toLspHover(const HoverInfo &hover, const DocumentRef &document,
                bool markdown);

// Returns a CompletionList. Items with a snippet use it as a snippet when
// the client supports them, and their plain text otherwise.
json toLspCompletionList(const CompletionList &list,
                         const DocumentRef &document, bool snippets);

// Returns a CodeAction literal whose diagnostics are those it fixes, taken
// from published (the diagnostics as sent to the client). The edit uses
// versioned documentChanges when the client supports them.
json toLspCodeAction(const CodeAction &action, const DocumentRef &document,
                     int64_t version, const std::vector<json> &published,
                     bool documentChanges);

// Returns DocumentSymbol trees, or for a client without hierarchical
// support the same symbols flattened into SymbolInformation with their
// parent's name as containerName.
json toLspDocumentSymbols(const std::vector<DocumentSymbol> &symbols,
                          const DocumentRef &document, bool hierarchical);

json toLspLocation(Range range, const DocumentRef &document);

// Returns a LocationLink array when the client takes links, else a
// Location.
json toLspDefinition(const Definition &definition, const DocumentRef &document,
                     bool links);

// Returns a DocumentHighlight: Write for a declaration, Read for a use.
json toLspHighlight(const SymbolReference &reference,
                    const DocumentRef &document);

// Returns a WorkspaceEdit of edits in document: versioned documentChanges
// when the client supports them, changes otherwise.
json toLspWorkspaceEdit(const std::vector<TextEdit> &edits,
                        const DocumentRef &document, int64_t version,
                        bool documentChanges);

// Returns FoldingRange objects, at most limit of them (0: no limit),
// keeping the first by start line.
json toLspFoldingRanges(const std::vector<FoldingRange> &ranges, size_t limit);

// Removes the Markdown markup a hover uses (headings, emphasis, code
// spans and fences, links) for clients that show plain text.
std::string markdownToPlainText(std::string_view markdown);

}  // namespace dockpath::protocol
