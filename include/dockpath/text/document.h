// The stored text of one document: the bytes in one buffer and the start
// of each line. On a 10,000-line file that takes about a third of the
// memory of one string per line.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dockpath/text/position.h"

namespace dockpath {

// What an edit did to the line structure: lines [firstLine, firstLine +
// removedLines) of the old text became lines [firstLine, firstLine +
// insertedLines) of the new text. Lines before firstLine are unchanged;
// lines after the edit are unchanged but shifted.
struct LineEdit {
  uint32_t firstLine = 0;
  uint32_t removedLines = 0;
  uint32_t insertedLines = 0;
};

// Lines without their terminator, as views into one buffer. A view is
// valid until the next change to the table.
class TextLines {
 public:
  TextLines() : starts_(1, 0) {}
  explicit TextLines(std::string_view text);

  size_t size() const { return starts_.size(); }
  bool empty() const { return false; }  // an empty text has one empty line
  std::string_view operator[](size_t index) const;
  std::string_view back() const { return (*this)[size() - 1]; }
  // Returns the buffer offset where line index starts.
  size_t offsetOf(size_t index) const { return starts_[index]; }
  const std::string &buffer() const { return text_; }

  // Replaces bytes [from, to) of the buffer, which run from line first to
  // line last, by text. Returns the number of lines that text makes.
  uint32_t replace(size_t from, size_t to, uint32_t first, uint32_t last,
                   std::string_view text);

 private:
  std::string text_;              // lines joined with "\n"
  std::vector<uint32_t> starts_;  // offset of each line's first byte
};

class TextDocument {
 public:
  TextDocument() = default;
  explicit TextDocument(std::string_view text);

  // Lines without their terminator. A trailing "\r" of a CRLF ending is
  // kept in the line, so that columns match what the client counts; the
  // parser treats it as part of the line break.
  // NOTE: lines end only at "\n", as in BuildKit. LSP also ends a line at
  // a lone "\r", so in a file with one the client's line numbers and
  // dockpath's differ after it.
  const TextLines &lines() const { return lines_; }
  size_t lineCount() const { return lines_.size(); }
  std::string_view line(size_t index) const;

  // The whole text, lines joined with "\n".
  std::string text() const;
  size_t byteSize() const;

  // Moves p to the nearest valid position: the line into [0, lineCount),
  // the column to at most the line's length and off a UTF-8 continuation
  // byte.
  Position clamp(Position p) const;

  // Replaces the text in range (clamped) by newText.
  LineEdit replace(Range range, std::string_view newText);

  // Replaces the whole text; the LineEdit covers every line.
  LineEdit replaceAll(std::string_view text);

  Position endPosition() const;

 private:
  TextLines lines_;
};

}  // namespace dockpath
