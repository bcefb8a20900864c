// The core's API for the protocol layer and the command line: open
// documents, their analysis, and the features computed from it. Nothing in
// here knows about JSON or transports.
//
// Threading: an Engine and its Documents are used from one thread at a
// time. The server keeps them on its analysis thread.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dockpath/diagnostic.h"
#include "dockpath/engine/navigation.h"
#include "dockpath/engine/settings.h"
#include "dockpath/syntax/parser.h"
#include "dockpath/text/document.h"

namespace dockpath {

class BuildContextCache;

// Returns true when the work in progress should be abandoned because a
// newer version of the document arrived.
using SupersededCheck = std::function<bool()>;

struct Analysis {
  int64_t version = 0;
  std::vector<Diagnostic> diagnostics;  // sorted by range start
};

struct HoverInfo {
  Range range;           // the word or instruction hovered
  std::string markdown;  // CommonMark
};

struct CodeAction {
  std::string title;
  std::string kind = "quickfix";
  bool preferred = false;
  std::vector<TextEdit> edits;            // in this document
  std::vector<size_t> diagnosticIndices;  // into Analysis::diagnostics
};

// The kind of thing a completion item proposes. The protocol layer maps it
// to an LSP CompletionItemKind.
enum class CompletionKind : uint8_t {
  Keyword,
  Flag,
  Value,
  Stage,
  Image,
  Variable,
  File,
  Folder
};

struct CompletionItem {
  std::string label;
  CompletionKind kind = CompletionKind::Keyword;
  std::string detail;
  std::string documentation;  // plain text
  // The text that newText replaces: on the cursor's line, containing it.
  Range range;
  std::string newText;
  // newText in LSP snippet syntax, for clients that support snippets. It
  // is "" when the item has no placeholders, and newText is used then.
  std::string snippet;
  std::string sortText;  // "" sorts by label
};

struct CompletionList {
  std::vector<CompletionItem> items;
  bool incomplete = false;  // a listing stopped at its limit
};

class Document {
 public:
  // path is the Dockerfile's location on disk; its folder is the default
  // build context. It may name a file that does not exist.
  Document(std::string path, std::string_view text, int64_t version);

  // Applies one content change: a range (in byte columns) and its new text,
  // or the whole text when range is nullopt.
  void applyChange(std::optional<Range> range, std::string_view text);
  void setVersion(int64_t version) { version_ = version; }

  const std::string &path() const { return path_; }
  int64_t version() const { return version_; }
  const TextDocument &text() const { return text_; }
  const SyntaxTree &syntax() const { return syntax_; }

  // The analysis of the current version, or nullptr before analyze().
  const Analysis *analysis() const { return analysis_.get(); }
  // Cached model state used by the features; opaque outside the engine.
  const void *model() const { return model_.get(); }

 private:
  friend class Engine;
  std::string path_;
  int64_t version_ = 0;
  TextDocument text_;
  SyntaxTree syntax_;
  std::shared_ptr<const Analysis> analysis_;
  std::shared_ptr<const void> model_;
  bool stale_ = true;
};

class Engine {
 public:
  Engine();
  ~Engine();

  // Opens (or replaces) the document under key, usually its URI.
  Document &open(const std::string &key, std::string path,
                 std::string_view text, int64_t version);
  Document *find(const std::string &key);
  void close(const std::string &key);

  // Analyses the document if it changed since the last analysis. Returns
  // the analysis, or nullptr when superseded() returned true first.
  const Analysis *analyze(Document &document,
                          const SupersededCheck &superseded = {});

  // Features; each analyses first when the document is stale.
  std::optional<HoverInfo> hover(Document &document, Position position);
  CompletionList completion(Document &document, Position position);
  // Fixes for the diagnostics whose fingerprint is in fingerprints, and for
  // those whose range intersects range.
  std::vector<CodeAction> codeActions(
      Document &document, Range range,
      const std::vector<std::string> &fingerprints);

  // Navigation (see engine/navigation.h). Symbols and folding ranges
  // need only the parse; the others analyse first when the document is
  // stale.
  std::vector<DocumentSymbol> documentSymbols(const Document &document);
  std::vector<FoldingRange> foldingRanges(const Document &document);
  std::optional<Definition> definition(Document &document, Position position);
  std::vector<SymbolReference> references(Document &document,
                                          Position position,
                                          bool includeDeclaration);
  std::optional<RenameOutcome> prepareRename(Document &document,
                                             Position position);
  std::optional<RenameOutcome> rename(Document &document, Position position,
                                      const std::string &newName);

  // Forgets what was read from build contexts and configuration files on
  // disk, so the next analysis reads them again (after a file watcher
  // event, say).
  void invalidateBuildContexts();

  // Rule levels from the client's settings; every document is analysed
  // again with them.
  void setClientSettings(Settings settings);

 private:
  const ConfigFile &configFor(const std::string &folder);

  std::map<std::string, std::unique_ptr<Document>> documents_;
  std::unique_ptr<BuildContextCache> contexts_;
  Settings clientSettings_;
  std::map<std::string, ConfigFile> configs_;  // by Dockerfile folder
};

}  // namespace dockpath
