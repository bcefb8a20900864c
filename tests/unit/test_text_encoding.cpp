#include <doctest/doctest.h>

#include "dockpath/text/encoding.h"

using dockpath::fromByteColumn;
using dockpath::PositionEncoding;
using dockpath::sanitizeUtf8;
using dockpath::toByteColumn;

namespace {
// "aé€🐳b": 1 + 2 + 3 + 4 + 1 bytes; UTF-16 units 1 + 1 + 1 + 2 + 1.
const std::string kLine =
    "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x90\xB3"
    "b";
}  // namespace

TEST_CASE("toByteColumn converts client columns") {
  SUBCASE("UTF-16") {
    CHECK(toByteColumn(kLine, 0, PositionEncoding::Utf16) == 0);
    CHECK(toByteColumn(kLine, 1, PositionEncoding::Utf16) == 1);
    CHECK(toByteColumn(kLine, 2, PositionEncoding::Utf16) == 3);
    CHECK(toByteColumn(kLine, 3, PositionEncoding::Utf16) == 6);
    // Column 4 is between the two halves of the whale's surrogate pair.
    CHECK(toByteColumn(kLine, 4, PositionEncoding::Utf16) == 6);
    CHECK(toByteColumn(kLine, 5, PositionEncoding::Utf16) == 10);
    CHECK(toByteColumn(kLine, 6, PositionEncoding::Utf16) == 11);
    CHECK(toByteColumn(kLine, 99, PositionEncoding::Utf16) == 11);
  }
  SUBCASE("UTF-32") {
    CHECK(toByteColumn(kLine, 3, PositionEncoding::Utf32) == 6);
    CHECK(toByteColumn(kLine, 4, PositionEncoding::Utf32) == 10);
    CHECK(toByteColumn(kLine, 5, PositionEncoding::Utf32) == 11);
    CHECK(toByteColumn(kLine, 6, PositionEncoding::Utf32) == 11);
  }
  SUBCASE("UTF-8 inside a character moves to its start") {
    CHECK(toByteColumn(kLine, 2, PositionEncoding::Utf8) == 1);
    CHECK(toByteColumn(kLine, 3, PositionEncoding::Utf8) == 3);
    CHECK(toByteColumn(kLine, 8, PositionEncoding::Utf8) == 6);
    CHECK(toByteColumn(kLine, 20, PositionEncoding::Utf8) == 11);
  }
  SUBCASE("invalid bytes count one unit each") {
    std::string bad = "a\xFF\xC3z";  // 0xFF invalid, 0xC3 truncated
    CHECK(toByteColumn(bad, 2, PositionEncoding::Utf16) == 2);
    CHECK(toByteColumn(bad, 3, PositionEncoding::Utf16) == 3);
    CHECK(toByteColumn(bad, 3, PositionEncoding::Utf32) == 3);
    CHECK(toByteColumn(bad, 4, PositionEncoding::Utf16) == 4);
  }
  SUBCASE("empty line") {
    CHECK(toByteColumn("", 5, PositionEncoding::Utf16) == 0);
  }
}

TEST_CASE("fromByteColumn converts byte columns") {
  SUBCASE("UTF-16") {
    CHECK(fromByteColumn(kLine, 0, PositionEncoding::Utf16) == 0);
    CHECK(fromByteColumn(kLine, 3, PositionEncoding::Utf16) == 2);
    CHECK(fromByteColumn(kLine, 6, PositionEncoding::Utf16) == 3);
    CHECK(fromByteColumn(kLine, 10, PositionEncoding::Utf16) == 5);
    CHECK(fromByteColumn(kLine, 11, PositionEncoding::Utf16) == 6);
    CHECK(fromByteColumn(kLine, 50, PositionEncoding::Utf16) == 6);
  }
  SUBCASE("a byte inside a character maps to the character start") {
    CHECK(fromByteColumn(kLine, 2, PositionEncoding::Utf16) == 1);
    CHECK(fromByteColumn(kLine, 8, PositionEncoding::Utf16) == 3);
  }
  SUBCASE("UTF-32 and UTF-8") {
    CHECK(fromByteColumn(kLine, 10, PositionEncoding::Utf32) == 4);
    CHECK(fromByteColumn(kLine, 10, PositionEncoding::Utf8) == 10);
  }
  SUBCASE("round trip at every character boundary") {
    for (uint32_t units = 0; units <= 6; ++units) {
      uint32_t byte = toByteColumn(kLine, units, PositionEncoding::Utf16);
      uint32_t back = fromByteColumn(kLine, byte, PositionEncoding::Utf16);
      if (units == 4) {
        CHECK(back == 3);  // inside the surrogate pair
      } else {
        CHECK(back == units);
      }
    }
  }
  SUBCASE("invalid bytes") {
    CHECK(fromByteColumn("\xFF\xFE"
                         "a",
                         3, PositionEncoding::Utf16) == 3);
  }
}

TEST_CASE("sanitizeUtf8 replaces invalid sequences") {
  CHECK(sanitizeUtf8("ok \xC3\xA9") == "ok \xC3\xA9");
  CHECK(sanitizeUtf8("a\xFF"
                     "b") ==
        "a\xEF\xBF\xBD"
        "b");
  CHECK(sanitizeUtf8("\xC3") == "\xEF\xBF\xBD");
  // An overlong '/' and an encoded surrogate are invalid.
  CHECK(sanitizeUtf8("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(sanitizeUtf8("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(sanitizeUtf8("") == "");
}
