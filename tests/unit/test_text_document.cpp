#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>

#include "dockpath/text/document.h"

using dockpath::LineEdit;
using dockpath::Position;
using dockpath::Range;
using dockpath::TextDocument;

TEST_CASE("TextDocument splits lines") {
  SUBCASE("LF") {
    TextDocument doc("FROM a\nRUN b\n");
    REQUIRE(doc.lineCount() == 3);
    CHECK(doc.line(0) == "FROM a");
    CHECK(doc.line(1) == "RUN b");
    CHECK(doc.line(2) == "");
    CHECK(doc.text() == "FROM a\nRUN b\n");
    CHECK(doc.byteSize() == 13);
    CHECK(doc.endPosition() == Position{2, 0});
  }
  SUBCASE("CRLF keeps the carriage return in the line") {
    TextDocument doc("FROM a\r\nRUN b");
    REQUIRE(doc.lineCount() == 2);
    CHECK(doc.line(0) == "FROM a\r");
    CHECK(doc.text() == "FROM a\r\nRUN b");
    CHECK(doc.endPosition() == Position{1, 5});
  }
  SUBCASE("empty document has one empty line") {
    TextDocument doc;
    CHECK(doc.lineCount() == 1);
    CHECK(doc.text() == "");
    CHECK(doc.byteSize() == 0);
    CHECK(doc.endPosition() == Position{0, 0});
  }
  SUBCASE("line past the end is empty") {
    TextDocument doc("x");
    CHECK(doc.line(5) == "");
  }
}

TEST_CASE("TextDocument clamps positions") {
  TextDocument doc("h\xC3\xA9llo\nab");  // "héllo"
  CHECK(doc.clamp({0, 99}) == Position{0, 6});
  CHECK(doc.clamp({7, 1}) == Position{1, 2});
  // Column 2 is the second byte of 'é'; it moves to the character start.
  CHECK(doc.clamp({0, 2}) == Position{0, 1});
  CHECK(doc.clamp({0, 3}) == Position{0, 3});
}

TEST_CASE("TextDocument replace") {
  SUBCASE("insert inside a line") {
    TextDocument doc("FROM a\nRUN b");
    LineEdit edit = doc.replace({{1, 3}, {1, 3}}, " -x");
    CHECK(doc.text() == "FROM a\nRUN -x b");
    CHECK(edit.firstLine == 1);
    CHECK(edit.removedLines == 1);
    CHECK(edit.insertedLines == 1);
  }
  SUBCASE("insert a line break") {
    TextDocument doc("FROM a\nRUN b");
    LineEdit edit = doc.replace({{0, 6}, {0, 6}}, "\nUSER x");
    CHECK(doc.text() == "FROM a\nUSER x\nRUN b");
    CHECK(edit.firstLine == 0);
    CHECK(edit.removedLines == 1);
    CHECK(edit.insertedLines == 2);
  }
  SUBCASE("delete across lines") {
    TextDocument doc("a\nb\nc\nd");
    LineEdit edit = doc.replace({{0, 1}, {2, 1}}, "");
    CHECK(doc.text() == "a\nd");
    CHECK(edit.firstLine == 0);
    CHECK(edit.removedLines == 3);
    CHECK(edit.insertedLines == 1);
  }
  SUBCASE("replace across lines with more lines") {
    TextDocument doc("a\nb\nc");
    LineEdit edit = doc.replace({{1, 0}, {2, 0}}, "x\ny\nz\n");
    CHECK(doc.text() == "a\nx\ny\nz\nc");
    CHECK(edit.firstLine == 1);
    CHECK(edit.removedLines == 2);
    CHECK(edit.insertedLines == 4);
  }
  SUBCASE("CRLF text inserted keeps its carriage returns") {
    TextDocument doc("a\r\nb");
    doc.replace({{0, 1}, {0, 1}}, "\r\nz");
    CHECK(doc.text() == "a\r\nz\r\nb");
    CHECK(doc.line(1) == "z\r");
  }
  SUBCASE("deleting the LF of a CRLF pair leaves the carriage return") {
    TextDocument doc("a\r\nb");
    doc.replace({{0, 2}, {1, 0}}, "");
    CHECK(doc.lineCount() == 1);
    CHECK(doc.line(0) == "a\rb");
  }
  SUBCASE("non-ASCII text") {
    TextDocument doc("RUN echo \xE2\x82\xAC");           // euro sign
    doc.replace({{0, 9}, {0, 12}}, "\xF0\x9F\x90\xB3");  // whale
    CHECK(doc.text() == "RUN echo \xF0\x9F\x90\xB3");
    CHECK(doc.endPosition() == Position{0, 13});
  }
  SUBCASE("range past the end is clamped") {
    TextDocument doc("ab");
    doc.replace({{0, 1}, {9, 9}}, "Z");
    CHECK(doc.text() == "aZ");
  }
  SUBCASE("reversed range is treated as ordered") {
    TextDocument doc("abcd");
    doc.replace({{0, 3}, {0, 1}}, "");
    CHECK(doc.text() == "ad");
  }
}

TEST_CASE("TextDocument replaceAll") {
  TextDocument doc("a\nb\nc");
  LineEdit edit = doc.replaceAll("x\ny");
  CHECK(doc.text() == "x\ny");
  CHECK(edit.firstLine == 0);
  CHECK(edit.removedLines == 3);
  CHECK(edit.insertedLines == 2);
}

// Random edits against a plain string: after each one, the lines must be
// the string split at "\n" and the edit must name the lines it replaced.
TEST_CASE("TextDocument replace matches a plain string") {
  std::mt19937 rng(11);
  std::string plain = "FROM a\n\nRUN b \\\n  c\nCOPY x y";
  TextDocument doc(plain);
  const std::string pieces[] = {"", "x", "\n", "a\nb", "\n\n", "RUN z\n"};
  for (int round = 0; round < 2000; ++round) {
    auto randomPosition = [&] {
      uint32_t line = rng() % doc.lineCount();
      uint32_t column = rng() % (doc.line(line).size() + 1);
      return Position{line, column};
    };
    Position a = randomPosition(), b = randomPosition();
    if (b < a) std::swap(a, b);
    const std::string &text = pieces[rng() % std::size(pieces)];
    auto offset = [&](Position p) {
      size_t at = 0;
      for (uint32_t l = 0; l < p.line; ++l) at = plain.find('\n', at) + 1;
      return at + p.column;
    };
    size_t from = offset(a), to = offset(b);
    LineEdit edit = doc.replace(Range{a, b}, text);
    plain.replace(from, to - from, text);
    CAPTURE(round);
    REQUIRE(doc.text() == plain);
    CHECK(edit.firstLine == a.line);
    CHECK(edit.removedLines == b.line - a.line + 1);
    CHECK(edit.insertedLines == std::count(text.begin(), text.end(), '\n') + 1);
    size_t start = 0;
    for (uint32_t line = 0; line < doc.lineCount(); ++line) {
      size_t end = std::min(plain.find('\n', start), plain.size());
      REQUIRE(doc.line(line) ==
              std::string_view(plain).substr(start, end - start));
      start = end + 1;
    }
    REQUIRE(start == plain.size() + 1);
  }
}
