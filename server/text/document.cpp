#include "dockpath/text/document.h"

#include <algorithm>

namespace dockpath {
namespace {

bool isContinuationByte(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

TextLines::TextLines(std::string_view text) : text_(text) {
  starts_.reserve(std::count(text.begin(), text.end(), '\n') + 1);
  starts_.push_back(0);
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') starts_.push_back(static_cast<uint32_t>(i + 1));
}

std::string_view TextLines::operator[](size_t index) const {
  size_t begin = starts_[index];
  size_t end =
      index + 1 < starts_.size() ? starts_[index + 1] - 1 : text_.size();
  return std::string_view(text_).substr(begin, end - begin);
}

uint32_t TextLines::replace(size_t from, size_t to, uint32_t first,
                            uint32_t last, std::string_view text) {
  text_.replace(from, to - from, text);
  int64_t delta =
      static_cast<int64_t>(text.size()) - static_cast<int64_t>(to - from);
  std::vector<uint32_t> inserted;
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n')
      inserted.push_back(static_cast<uint32_t>(from + i + 1));
  // Line starts after first up to last were inside the replaced bytes.
  auto begin = starts_.begin() + first + 1;
  auto stop = starts_.begin() + last + 1;
  for (auto it = stop; it != starts_.end(); ++it)
    *it = static_cast<uint32_t>(*it + delta);
  size_t common = std::min<size_t>(stop - begin, inserted.size());
  std::copy(inserted.begin(), inserted.begin() + common, begin);
  if (inserted.size() > common)
    starts_.insert(begin + common, inserted.begin() + common, inserted.end());
  else
    starts_.erase(begin + common, stop);
  return static_cast<uint32_t>(inserted.size()) + 1;
}

TextDocument::TextDocument(std::string_view text) : lines_(text) {}

std::string_view TextDocument::line(size_t index) const {
  if (index >= lines_.size()) return {};
  return lines_[index];
}

std::string TextDocument::text() const { return lines_.buffer(); }

size_t TextDocument::byteSize() const { return lines_.buffer().size(); }

Position TextDocument::clamp(Position p) const {
  if (p.line >= lines_.size()) {
    // A position past the last line means the end of the document.
    return endPosition();
  }
  std::string_view text = lines_[p.line];
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

  LineEdit edit;
  edit.firstLine = start.line;
  edit.removedLines = end.line - start.line + 1;
  edit.insertedLines = lines_.replace(
      lines_.offsetOf(start.line) + start.column,
      lines_.offsetOf(end.line) + end.column, start.line, end.line, newText);
  return edit;
}

LineEdit TextDocument::replaceAll(std::string_view text) {
  LineEdit edit;
  edit.firstLine = 0;
  edit.removedLines = static_cast<uint32_t>(lines_.size());
  lines_ = TextLines(text);
  edit.insertedLines = static_cast<uint32_t>(lines_.size());
  return edit;
}

Position TextDocument::endPosition() const {
  return {static_cast<uint32_t>(lines_.size() - 1),
          static_cast<uint32_t>(lines_.back().size())};
}

}  // namespace dockpath
