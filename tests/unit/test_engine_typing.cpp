// Half-typed input is normal input: every prefix of every case
// Dockerfile, typed one character at a time through incremental edits,
// is analysed without a crash and with every range inside the document.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "rule_fixture.h"

using namespace dockpath;

namespace {

bool inside(const TextDocument &text, const Range &range) {
  return range.start <= range.end && range.end <= text.endPosition();
}

void requireRangesInside(const TextDocument &text, const Analysis &analysis,
                         const std::string &where) {
  for (const Diagnostic &d : analysis.diagnostics) {
    REQUIRE_MESSAGE(inside(text, d.range), where << ": " << d);
    for (const auto &related : d.related)
      if (related.path.empty())
        REQUIRE_MESSAGE(inside(text, related.range), where << ": " << d);
    for (const auto &fix : d.fixes)
      for (const auto &edit : fix.edits)
        REQUIRE_MESSAGE(inside(text, edit.range), where << ": " << fix.title);
  }
}

}  // namespace

TEST_CASE("Engine analyses every typed prefix of the cases") {
  namespace fs = std::filesystem;
  fs::path cases = fs::path(DOCKPATH_SOURCE_DIR) / "tests" / "cases";
  int files = 0;
  for (const auto &entry : fs::directory_iterator(cases)) {
    fs::path dockerfile = entry.path() / "Dockerfile";
    if (!fs::is_regular_file(dockerfile)) continue;
    std::ifstream in(dockerfile, std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    std::string text = content.str();
    ++files;

    Engine engine;
    // The typed copy sits in the case folder, so the build context is
    // read as it would be for the real file.
    Document &document = engine.open(
        "typing", (entry.path() / "Dockerfile.typing").string(), "", 0);
    Position at{0, 0};
    for (size_t i = 0; i < text.size(); ++i) {
      std::string typed(1, text[i]);
      document.applyChange(Range{at, at}, typed);
      document.setVersion(static_cast<int64_t>(i + 1));
      at = typed == "\n" ? Position{at.line + 1, 0}
                         : Position{at.line, at.column + 1};
      const Analysis *analysis = engine.analyze(document);
      REQUIRE(analysis);
      requireRangesInside(document.text(), *analysis,
                          entry.path().filename().string() + " after " +
                              std::to_string(i + 1) + " characters");
    }
    CHECK(document.text().text() == text);
  }
  CHECK(files >= 12);
}
