// The stored text of one document, kept as lines so that an edit touches
// only the lines it replaces.
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

class TextDocument {
 public:
  TextDocument() : lines_(1) {}
  explicit TextDocument(std::string_view text);

  // Lines without their terminator. A trailing "\r" of a CRLF ending is
  // kept in the line, so that columns match what the client counts; the
  // parser treats it as part of the line break.
  // NOTE: lines end only at "\n", as in BuildKit. LSP also ends a line at
  // a lone "\r", so in a file with one the client's line numbers and
  // dockpath's differ after it.
  const std::vector<std::string> &lines() const { return lines_; }
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
  std::vector<std::string> lines_;
};

}  // namespace dockpath
