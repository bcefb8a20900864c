// Conversion between the core's UTF-8 byte columns and the column units a
// client negotiated (LSP 3.17 "positionEncoding").
#pragma once

#include <string>
#include <string_view>

namespace dockpath {

enum class PositionEncoding { Utf16, Utf8, Utf32 };

// Byte column of the given client column in line. A column past the end
// clamps to the line's length; a UTF-16 column inside a surrogate pair
// moves to the start of that character. Invalid UTF-8 bytes count as one
// unit each in every encoding.
uint32_t toByteColumn(std::string_view line, uint32_t column,
                      PositionEncoding encoding);

// Client column of the given byte column in line, clamped to the line.
uint32_t fromByteColumn(std::string_view line, uint32_t byteColumn,
                        PositionEncoding encoding);

// Returns text with every invalid UTF-8 sequence replaced by U+FFFD.
std::string sanitizeUtf8(std::string_view text);

}  // namespace dockpath
