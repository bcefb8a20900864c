// Parsing a Dockerfile, in full or again after an edit.
#pragma once

#include "dockpath/syntax/ast.h"
#include "dockpath/text/document.h"

namespace dockpath {

// Parses the whole document.
ParsedFile parse(const TextDocument &document);

// Errors about the order of a file's instructions, which BuildKit reports
// after parsing: an instruction other than ARG before the first FROM, a
// file without FROM, and a file without instructions. They depend on the
// whole file, so they are not part of ParsedFile::errors, which an edit
// updates one instruction at a time.
std::vector<Diagnostic> structureErrors(const ParsedFile &file);

// The instructions parsed again since a point in time: those with an
// index in [first, end) of the current parse. Instructions before first
// are the old ones at the same index. Those from end on are the old ones
// at an index `delta` lower, moved by whole lines.
struct InstructionChanges {
  bool all = true;   // everything may differ (a full parse)
  bool any = false;  // some instruction was parsed again or removed
  size_t first = 0;
  size_t end = 0;
  int64_t delta = 0;
};

// A parse that follows the document through edits. After update() the tree
// equals what parse() returns for the edited document, but only the
// instructions that the edit touches are parsed again; the others are kept
// and their positions shifted.
class SyntaxTree {
 public:
  explicit SyntaxTree(const TextDocument &document);

  // Call after every TextDocument::replace with the LineEdit it returned.
  void update(const TextDocument &document, const LineEdit &edit);

  const ParsedFile &file() const { return file_; }

  // The changes since the last call (or since the tree was made), and
  // starts collecting anew.
  InstructionChanges takeChanges();

  // How many lines the last update() or the constructor parsed; for tests
  // and benchmarks of the incremental path.
  size_t lastParsedLines() const { return lastParsedLines_; }

 private:
  void parseAll(const TextDocument &document);

  void noteReplaced(size_t first, size_t oldEnd, size_t newEnd);

  ParsedFile file_;
  size_t lastParsedLines_ = 0;
  InstructionChanges changes_;
  // First line after the parser directives. An edit at or before it may
  // change the directives (and the escape character), so it parses the
  // whole document again.
  uint32_t bodyStart_ = 0;
};

}  // namespace dockpath
