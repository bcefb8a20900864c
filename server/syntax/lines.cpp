// Physical-line helpers and the map from joined text back to the document.
#include <algorithm>

#include "dockpath/syntax/parse_detail.h"

namespace dockpath::detail {

size_t spaceWidth(std::string_view text, size_t pos) {
  if (pos >= text.size()) return 0;
  auto byte = [&](size_t i) {
    return i < text.size() ? static_cast<unsigned char>(text[i]) : 0u;
  };
  unsigned char c = byte(pos);
  if (c == ' ' || (c >= '\t' && c <= '\r')) return 1;
  if (c < 0x80) return 0;
  // Multi-byte members of Go's unicode.IsSpace: U+0085, U+00A0, U+1680,
  // U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000.
  if (c == 0xC2 && (byte(pos + 1) == 0x85 || byte(pos + 1) == 0xA0)) {
    return 2;
  }
  unsigned b1 = byte(pos + 1), b2 = byte(pos + 2);
  if (c == 0xE1 && b1 == 0x9A && b2 == 0x80) return 3;
  if (c == 0xE2 && b1 == 0x80 &&
      ((b2 >= 0x80 && b2 <= 0x8A) || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF)) {
    return 3;
  }
  if (c == 0xE2 && b1 == 0x81 && b2 == 0x9F) return 3;
  if (c == 0xE3 && b1 == 0x80 && b2 == 0x80) return 3;
  return 0;
}

size_t skipSpace(std::string_view text, size_t pos) {
  while (size_t width = spaceWidth(text, pos)) pos += width;
  return pos;
}

bool isAsciiSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

std::string_view contentOf(std::string_view line) {
  size_t end = line.size();
  while (end > 0 && (line[end - 1] == '\r' || line[end - 1] == '\n')) --end;
  return line.substr(0, end);
}

Position LogicalLine::positionAt(size_t offset) const {
  offset = std::min(offset, text.size());
  auto next = std::upper_bound(
      segments.begin(), segments.end(), offset,
      [](size_t o, const TextSegment &s) { return o < s.offset; });
  const TextSegment &s = *std::prev(next);
  return {s.start.line,
          s.start.column + static_cast<uint32_t>(offset - s.offset)};
}

Position LogicalLine::endPositionAt(size_t offset) const {
  offset = std::min(offset, text.size());
  if (offset == 0) return segments.front().start;
  // The segment that contains the byte before offset.
  auto next = std::upper_bound(
      segments.begin(), segments.end(), offset - 1,
      [](size_t o, const TextSegment &s) { return o < s.offset; });
  const TextSegment &s = *std::prev(next);
  return {s.start.line,
          s.start.column + static_cast<uint32_t>(offset - s.offset)};
}

Range LogicalLine::rangeOf(size_t begin, size_t end) const {
  if (begin >= end) {
    Position p = positionAt(begin);
    return {p, p};
  }
  return {positionAt(begin), endPositionAt(end)};
}

std::optional<size_t> continuationAt(std::string_view content, size_t from,
                                     char escape) {
  size_t end = content.size();
  while (end > from && (content[end - 1] == ' ' || content[end - 1] == '\t')) {
    --end;
  }
  if (end == from || content[end - 1] != escape) return std::nullopt;
  size_t at = end - 1;
  // "\\" at the end is an escaped escape character, not a continuation.
  if (at > from && content[at - 1] == escape) return std::nullopt;
  return at;
}

Diagnostic syntaxError(Range range, std::string message) {
  Diagnostic d;
  d.range = range;
  d.severity = Severity::Error;
  d.code = "syntax";
  d.message = std::move(message);
  return d;
}

void shiftLines(Range &range, int64_t lineDelta) {
  range.start.line = static_cast<uint32_t>(range.start.line + lineDelta);
  range.end.line = static_cast<uint32_t>(range.end.line + lineDelta);
}

namespace {

void shiftLines(Word &word, int64_t lineDelta) {
  detail::shiftLines(word.range, lineDelta);
}

}  // namespace

void shiftLines(Instruction &instruction, int64_t lineDelta) {
  shiftLines(instruction.keywordRange, lineDelta);
  shiftLines(instruction.range, lineDelta);
  shiftLines(instruction.argRange, lineDelta);
  for (Flag &flag : instruction.flags) {
    shiftLines(flag.range, lineDelta);
    shiftLines(flag.nameRange, lineDelta);
    shiftLines(flag.valueRange, lineDelta);
  }
  for (TextSegment &segment : instruction.segments) {
    segment.start.line = static_cast<uint32_t>(segment.start.line + lineDelta);
  }
  for (Word &word : instruction.args) shiftLines(word, lineDelta);
  for (KeyValue &pair : instruction.pairs) {
    shiftLines(pair.key, lineDelta);
    if (pair.value) shiftLines(*pair.value, lineDelta);
    shiftLines(pair.range, lineDelta);
  }
  for (Heredoc &heredoc : instruction.heredocs) {
    shiftLines(heredoc.markerRange, lineDelta);
    shiftLines(heredoc.bodyRange, lineDelta);
  }
  if (instruction.trigger) {
    auto trigger = std::make_shared<Instruction>(*instruction.trigger);
    shiftLines(*trigger, lineDelta);
    instruction.trigger = std::move(trigger);
  }
}

}  // namespace dockpath::detail
