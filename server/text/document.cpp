#include "dockpath/text/document.h"

#include <algorithm>

namespace dockpath {
namespace {

bool isContinuationByte(unsigned char c) { return (c & 0xC0) == 0x80; }

// Splits text at '\n'; a "\r" before the '\n' stays in the line.
std::vector<std::string> splitLines(std::string_view text) {
  std::vector<std::string> lines;
  lines.reserve(std::count(text.begin(), text.end(), '\n') + 1);
  size_t start = 0;
  while (true) {
    size_t newline = text.find('\n', start);
    if (newline == std::string_view::npos) {
      lines.emplace_back(text.substr(start));
      return lines;
    }
    lines.emplace_back(text.substr(start, newline - start));
    start = newline + 1;
  }
}

}  // namespace

TextDocument::TextDocument(std::string_view text) : lines_(splitLines(text)) {}

std::string_view TextDocument::line(size_t index) const {
  if (index >= lines_.size()) return {};
  return lines_[index];
}

std::string TextDocument::text() const {
  std::string out;
  out.reserve(byteSize());
  for (size_t i = 0; i < lines_.size(); ++i) {
    if (i > 0) out += '\n';
    out += lines_[i];
  }
  return out;
}

size_t TextDocument::byteSize() const {
  size_t size = lines_.size() - 1;  // the '\n' separators
  for (const auto &line : lines_) size += line.size();
  return size;
}

Position TextDocument::clamp(Position p) const {
  if (p.line >= lines_.size()) {
    // A position past the last line means the end of the document.
    return endPosition();
  }
  const std::string &text = lines_[p.line];
  uint32_t column = std::min<uint32_t>(p.column, text.size());
  while (column > 0 && column < text.size() &&
         isContinuationByte(static_cast<unsigned char>(text[column]))) {
    --column;
  }
  return {p.line, column};
}

LineEdit TextDocument::replace(Range range, std::string_view newText) {
  Position start = clamp(range.start);
  Position end = clamp(range.end);
  if (end < start) std::swap(start, end);

  std::string prefix = lines_[start.line].substr(0, start.column);
  std::string suffix = lines_[end.line].substr(end.column);
  std::vector<std::string> inserted = splitLines(newText);
  inserted.front().insert(0, prefix);
  inserted.back() += suffix;

  LineEdit edit;
  edit.firstLine = start.line;
  edit.removedLines = end.line - start.line + 1;
  edit.insertedLines = static_cast<uint32_t>(inserted.size());

  auto first = lines_.begin() + start.line;
  size_t common = std::min<size_t>(edit.removedLines, inserted.size());
  std::move(inserted.begin(), inserted.begin() + common, first);
  if (inserted.size() > common) {
    lines_.insert(first + common,
                  std::make_move_iterator(inserted.begin() + common),
                  std::make_move_iterator(inserted.end()));
  } else if (edit.removedLines > common) {
    lines_.erase(first + common, first + edit.removedLines);
  }
  return edit;
}

LineEdit TextDocument::replaceAll(std::string_view text) {
  LineEdit edit;
  edit.firstLine = 0;
  edit.removedLines = static_cast<uint32_t>(lines_.size());
  lines_ = splitLines(text);
  edit.insertedLines = static_cast<uint32_t>(lines_.size());
  return edit;
}

Position TextDocument::endPosition() const {
  return {static_cast<uint32_t>(lines_.size() - 1),
          static_cast<uint32_t>(lines_.back().size())};
}

}  // namespace dockpath
