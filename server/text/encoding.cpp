#include "dockpath/text/encoding.h"

#include <algorithm>

namespace dockpath {
namespace {

// One decoded character of a UTF-8 line.
struct Utf8Char {
  uint32_t codePoint = 0;
  uint32_t byteLength = 1;
  bool valid = false;
};

// Decodes the character at text[pos]. An invalid sequence (stray
// continuation byte, truncated sequence, overlong form, surrogate or value
// above U+10FFFF) decodes as one invalid byte.
Utf8Char decodeAt(std::string_view text, size_t pos) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(pos);
  if (lead < 0x80) return {lead, 1, true};

  uint32_t length = 0;
  uint32_t codePoint = 0;
  uint32_t minimum = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, codePoint = lead & 0x1F, minimum = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, codePoint = lead & 0x0F, minimum = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, codePoint = lead & 0x07, minimum = 0x10000;
  } else {
    return {};
  }
  if (pos + length > text.size()) return {};
  for (uint32_t i = 1; i < length; ++i) {
    unsigned char next = byte(pos + i);
    if ((next & 0xC0) != 0x80) return {};
    codePoint = (codePoint << 6) | (next & 0x3F);
  }
  bool surrogate = codePoint >= 0xD800 && codePoint <= 0xDFFF;
  if (codePoint < minimum || codePoint > 0x10FFFF || surrogate) return {};
  return {codePoint, length, true};
}

uint32_t unitsOf(const Utf8Char &c, PositionEncoding encoding) {
  switch (encoding) {
    case PositionEncoding::Utf8:
      return c.byteLength;
    case PositionEncoding::Utf16:
      return c.valid && c.codePoint >= 0x10000 ? 2 : 1;
    case PositionEncoding::Utf32:
      return 1;
  }
  return 1;
}

}  // namespace

uint32_t toByteColumn(std::string_view line, uint32_t column,
                      PositionEncoding encoding) {
  size_t pos = 0;
  uint32_t units = 0;
  while (pos < line.size()) {
    Utf8Char c = decodeAt(line, pos);
    uint32_t width = unitsOf(c, encoding);
    // A column that falls inside this character (a UTF-16 column between
    // the two halves of a surrogate pair, or a UTF-8 column inside a
    // multi-byte sequence) maps to the character's start.
    if (units + width > column) break;
    units += width;
    pos += c.byteLength;
  }
  return static_cast<uint32_t>(pos);
}

uint32_t fromByteColumn(std::string_view line, uint32_t byteColumn,
                        PositionEncoding encoding) {
  size_t limit = std::min<size_t>(byteColumn, line.size());
  size_t pos = 0;
  uint32_t units = 0;
  while (pos < limit) {
    Utf8Char c = decodeAt(line, pos);
    // A byte column inside a character counts the whole character only
    // when it reaches the character's end.
    if (pos + c.byteLength > limit) break;
    units += unitsOf(c, encoding);
    pos += c.byteLength;
  }
  return units;
}

std::string sanitizeUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    Utf8Char c = decodeAt(text, pos);
    if (c.valid) {
      out.append(text.substr(pos, c.byteLength));
    } else {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
    }
    pos += c.byteLength;
  }
  return out;
}

}  // namespace dockpath
