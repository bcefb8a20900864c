// Conversion between LSP positions and the core's byte columns. These
// tests run the core's toByteColumn and fromByteColumn.
#include <doctest/doctest.h>

#include "dockpath/protocol/conversions.h"

using namespace dockpath;
using namespace dockpath::protocol;

namespace {

json lspPosition(uint32_t line, uint32_t character) {
  return {{"line", line}, {"character", character}};
}

// "é" is 2 bytes and 1 UTF-16 unit; U+1F600 is 4 bytes and 2 units.
const Lines kLines("FROM x\n# \xC3\xA9\xF0\x9F\x98\x80!\nRUN y\r\n");

}  // namespace

TEST_CASE("toCorePosition converts UTF-16 columns") {
  auto at = [](uint32_t line, uint32_t character) {
    return toCorePosition(kLines, lspPosition(line, character),
                          PositionEncoding::Utf16);
  };
  CHECK(at(1, 2) == Position{1, 2});  // before é
  CHECK(at(1, 3) == Position{1, 4});  // after é
  CHECK(at(1, 5) == Position{1, 8});  // after the emoji
  CHECK(at(1, 4) == Position{1, 4});  // inside the pair: start of the emoji
  CHECK(at(1, 6) == Position{1, 9});  // end of line
}

TEST_CASE("toCorePosition clamps positions") {
  auto at = [](uint32_t line, uint32_t character) {
    return toCorePosition(kLines, lspPosition(line, character),
                          PositionEncoding::Utf16);
  };
  CHECK(at(0, 99) == Position{0, 6});
  CHECK(at(2, 99) == Position{2, 5});  // before the "\r" of CRLF
  CHECK(at(9, 0) == Position{3, 0});   // past the end: end of document
}

TEST_CASE("toCorePosition in UTF-8 passes byte columns") {
  CHECK(toCorePosition(kLines, lspPosition(1, 4), PositionEncoding::Utf8) ==
        Position{1, 4});
}

TEST_CASE("toCorePosition rejects malformed positions") {
  CHECK_THROWS_AS(
      toCorePosition(kLines, json{{"line", 1}}, PositionEncoding::Utf16),
      json::exception);
  json textLine = {{"line", "one"}, {"character", 0}};
  CHECK_THROWS_AS(toCorePosition(kLines, textLine, PositionEncoding::Utf16),
                  json::exception);
}

TEST_CASE("toCorePosition clamps negative and huge numbers") {
  json negative = {{"line", -1}, {"character", -1}};
  CHECK(toCorePosition(kLines, negative, PositionEncoding::Utf16) ==
        Position{0, 0});
  json huge = {{"line", 0}, {"character", int64_t{1} << 40}};
  CHECK(toCorePosition(kLines, huge, PositionEncoding::Utf16) ==
        Position{0, 6});
}

TEST_CASE("toLspRange converts byte columns") {
  json range =
      toLspRange(kLines, Range{{1, 2}, {1, 8}}, PositionEncoding::Utf16);
  CHECK(range["start"] == lspPosition(1, 2));
  CHECK(range["end"] == lspPosition(1, 5));
  json utf8 = toLspRange(kLines, Range{{1, 2}, {1, 8}}, PositionEncoding::Utf8);
  CHECK(utf8["end"] == lspPosition(1, 8));
  json clamped =
      toLspRange(kLines, Range{{2, 0}, {7, 3}}, PositionEncoding::Utf16);
  CHECK(clamped["end"] == lspPosition(3, 0));
}

TEST_CASE("toCoreRange orders reversed ends") {
  json range = {{"start", lspPosition(1, 3)}, {"end", lspPosition(1, 2)}};
  Range core = toCoreRange(kLines, range, PositionEncoding::Utf16);
  CHECK(core == Range{{1, 2}, {1, 4}});
}

TEST_CASE("splitLines keeps CR and the last empty line") {
  Lines lines = splitLines("a\r\nb\n");
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "a\r");
  CHECK(lines[1] == "b");
  CHECK(lines[2] == "");
  Lines empty = splitLines("");
  REQUIRE(empty.size() == 1);
  CHECK(empty[0] == "");
}

TEST_CASE("toLspDiagnostic") {
  Diagnostic diagnostic;
  diagnostic.range = {{1, 2}, {1, 8}};
  diagnostic.severity = Severity::Warning;
  diagnostic.code = "DP001";
  diagnostic.message = "m";
  diagnostic.tags = {DiagnosticTag::Unnecessary};
  diagnostic.related = {{"", {{0, 0}, {0, 4}}, "here"},
                        {"/no/such/file", {{3, 5}, {3, 9}}, "there"}};
  std::string uri = "file:///w/Dockerfile";
  DocumentRef document{uri, kLines, PositionEncoding::Utf16};
  FileLines files;
  json lsp = toLspDiagnostic(diagnostic, document, files);

  CHECK(lsp["range"]["end"] == lspPosition(1, 5));
  CHECK(lsp["severity"] == 2);
  CHECK(lsp["code"] == "DP001");
  CHECK(lsp["source"] == "dockpath");
  // Path rules have no public page, so no link.
  CHECK_FALSE(lsp.contains("codeDescription"));
  CHECK(lsp["tags"] == json::array({1}));
  CHECK(lsp["data"]["fingerprint"] == fingerprint(diagnostic));
  const json &related = lsp["relatedInformation"];
  REQUIRE(related.size() == 2);
  CHECK(related[0]["location"]["uri"] == uri);
  CHECK(related[1]["location"]["uri"] == "file:///no/such/file");
  // Unreadable file: byte columns pass through.
  CHECK(related[1]["location"]["range"]["start"] == lspPosition(3, 5));

  diagnostic.code = "syntax";
  CHECK_FALSE(
      toLspDiagnostic(diagnostic, document, files).contains("codeDescription"));
}
