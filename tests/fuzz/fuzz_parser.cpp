// libFuzzer target for the parser and the incremental SyntaxTree.
//
// The input's first part (up to the first 0xFF byte) is a document; every
// further group of bytes is an edit: a line, a column, a length to delete
// and text to insert. After each edit the incremental tree must equal a
// full parse of the edited text, and every range must lie inside the
// document. A mismatch aborts, which libFuzzer reports as a crash.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "../support/syntax_compare.h"
#include "dockpath/syntax/parser.h"

namespace {

using namespace dockpath;

void requireInside(const TextDocument &doc, const Range &range) {
  Position end = doc.endPosition();
  if (range.start > range.end || range.end > end) {
    std::fprintf(stderr, "range outside the document\n");
    std::abort();
  }
}

void check(const TextDocument &doc, const SyntaxTree &tree) {
  ParsedFile full = parse(doc);
  std::string difference = test::compareFiles(tree.file(), full);
  if (!difference.empty()) {
    std::fprintf(stderr, "incremental parse differs: %s\n",
                 difference.c_str());
    std::abort();
  }
  for (const Instruction &in : full.instructions) requireInside(doc, in.range);
  for (const Diagnostic &d : full.errors) requireInside(doc, d.range);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string_view input(reinterpret_cast<const char *>(data), size);
  size_t split = input.find('\xff');
  TextDocument doc(input.substr(0, split));
  SyntaxTree tree(doc);
  check(doc, tree);
  if (split == std::string_view::npos) return 0;

  std::string_view edits = input.substr(split + 1);
  // Each edit: line, column, deleted length, inserted length, then text.
  while (edits.size() >= 4) {
    auto byte = [&](size_t i) { return static_cast<uint8_t>(edits[i]); };
    uint32_t line = byte(0) % (doc.lineCount() + 1);
    uint32_t column = byte(1);
    uint32_t removed = byte(2) % 16;
    size_t length = std::min<size_t>(byte(3) % 16, edits.size() - 4);
    std::string_view text = edits.substr(4, length);
    edits.remove_prefix(4 + length);

    Position start = doc.clamp({line, column});
    Position end = doc.clamp({line, column + removed});
    LineEdit edit = doc.replace({start, end}, text);
    tree.update(doc, edit);
    check(doc, tree);
  }
  return 0;
}
