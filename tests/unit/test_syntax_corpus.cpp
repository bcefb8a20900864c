#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "dockpath/syntax/parser.h"

using namespace dockpath;

namespace {

struct CorpusFile {
  std::string name;
  std::string text;
};

std::vector<CorpusFile> loadCorpus() {
  std::vector<CorpusFile> files;
  std::filesystem::path dir =
      std::filesystem::path(DOCKPATH_SOURCE_DIR) / "tests" / "syntax-corpus";
  for (const auto &entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    files.push_back({entry.path().filename().string(), buffer.str()});
  }
  std::sort(
      files.begin(), files.end(),
      [](const CorpusFile &a, const CorpusFile &b) { return a.name < b.name; });
  return files;
}

// Whether p names a place in doc: an existing line and at most its length.
bool inside(const TextDocument &doc, Position p) {
  return p.line < doc.lineCount() && p.column <= doc.line(p.line).size();
}

bool valid(const TextDocument &doc, Range r) {
  return inside(doc, r.start) && inside(doc, r.end) && r.start <= r.end;
}

// The first range of the instruction that is not valid in doc, or "".
std::string badRange(const TextDocument &doc, const Instruction &i) {
  if (!valid(doc, i.range)) return "range";
  if (!valid(doc, i.keywordRange)) return "keywordRange";
  if (!valid(doc, i.argRange)) return "argRange";
  for (const Flag &f : i.flags) {
    if (!valid(doc, f.range) || !valid(doc, f.nameRange) ||
        !valid(doc, f.valueRange)) {
      return "flag";
    }
  }
  for (const Word &w : i.args) {
    if (!valid(doc, w.range)) return "word";
  }
  for (const KeyValue &p : i.pairs) {
    if (!valid(doc, p.range) || !valid(doc, p.key.range)) return "pair";
    if (p.value && !valid(doc, p.value->range)) return "pair value";
  }
  for (const Heredoc &h : i.heredocs) {
    if (!valid(doc, h.markerRange) || !valid(doc, h.bodyRange)) {
      return "heredoc";
    }
  }
  for (const TextSegment &s : i.segments) {
    if (!inside(doc, s.start)) return "segment";
  }
  for (size_t offset = 0; offset <= i.argText.size(); ++offset) {
    if (!inside(doc, i.positionOf(offset))) return "positionOf";
  }
  if (i.trigger) return badRange(doc, *i.trigger);
  return "";
}

std::string badRange(const TextDocument &doc, const ParsedFile &f) {
  for (const Instruction &i : f.instructions) {
    std::string bad = badRange(doc, i);
    if (!bad.empty())
      return "instruction at line " + std::to_string(i.firstLine()) + ": " +
             bad;
  }
  for (const Comment &c : f.comments) {
    if (!valid(doc, c.range)) return "comment";
  }
  for (const Directive &d : f.directives) {
    if (!valid(doc, d.range) || !valid(doc, d.valueRange)) return "directive";
  }
  for (const Diagnostic &e : f.errors) {
    if (!valid(doc, e.range)) return "error: " + e.message;
  }
  return "";
}

}  // namespace

TEST_CASE("parser corpus has no errors") {
  std::vector<CorpusFile> corpus = loadCorpus();
  REQUIRE(corpus.size() >= 15);
  for (const CorpusFile &file : corpus) {
    CAPTURE(file.name);
    TextDocument doc(file.text);
    ParsedFile parsed = parse(doc);
    CHECK(parsed.instructions.size() >= 3);
    for (const Diagnostic &e : parsed.errors) {
      FAIL_CHECK(file.name << " " << e.range << ": " << e.message);
    }
    for (const Instruction &i : parsed.instructions) {
      CHECK(i.kind != InstructionKind::Unknown);
    }
    CHECK(badRange(doc, parsed) == "");
  }
}

TEST_CASE("parser survives every prefix of the corpus") {
  for (const CorpusFile &file : loadCorpus()) {
    CAPTURE(file.name);
    for (size_t length = 0; length <= file.text.size(); ++length) {
      TextDocument doc(std::string_view(file.text).substr(0, length));
      ParsedFile parsed;
      CHECK_NOTHROW(parsed = parse(doc));
      std::string bad = badRange(doc, parsed);
      if (!bad.empty()) {
        FAIL_CHECK("prefix of " << length << " bytes: " << bad);
        break;
      }
    }
  }
}

TEST_CASE("SyntaxTree follows typed corpus files") {
  std::vector<CorpusFile> corpus = loadCorpus();
  for (const char *name :
       {"heredoc-scripts.Dockerfile", "windows-backtick.Dockerfile",
        "crlf-alpine.Dockerfile", "legacy-env.Dockerfile"}) {
    auto file =
        std::find_if(corpus.begin(), corpus.end(),
                     [&](const CorpusFile &f) { return f.name == name; });
    REQUIRE(file != corpus.end());
    CAPTURE(file->name);
    TextDocument doc;
    SyntaxTree tree(doc);
    for (char c : file->text) {
      LineEdit edit = doc.replace({doc.endPosition(), doc.endPosition()},
                                  std::string(1, c));
      CHECK_NOTHROW(tree.update(doc, edit));
      std::string bad = badRange(doc, tree.file());
      if (!bad.empty()) {
        FAIL_CHECK("after " << doc.byteSize() << " bytes: " << bad);
        break;
      }
    }
    CHECK(doc.text() == file->text);
    ParsedFile fresh = parse(doc);
    CHECK(tree.file().instructions.size() == fresh.instructions.size());
    CHECK(tree.file().errors.empty());
  }
}

TEST_CASE("parser survives hostile input") {
  SUBCASE("binary bytes and invalid UTF-8") {
    std::string bytes;
    for (int i = 0; i < 4096; ++i) bytes += static_cast<char>((i * 131) % 256);
    TextDocument doc(bytes);
    ParsedFile parsed;
    CHECK_NOTHROW(parsed = parse(doc));
    CHECK(badRange(doc, parsed) == "");
  }
  SUBCASE("a 1 MB line") {
    std::string line = "RUN echo ";
    line.append(1 << 20, 'x');
    line += " \"unterminated [\"a\", ${V:-";
    TextDocument doc(line);
    ParsedFile parsed = parse(doc);
    REQUIRE(parsed.instructions.size() == 1);
    CHECK(parsed.instructions[0].range.end.column == line.size());
  }
  SUBCASE("deeply nested JSON") {
    std::string text = "CMD " + std::string(100000, '[');
    TextDocument doc(text);
    ParsedFile parsed = parse(doc);
    CHECK_FALSE(parsed.instructions[0].execForm);
  }
  SUBCASE("only escape characters and heredoc markers") {
    for (const char *text :
         {"\\", "\\\n\\\n\\", "RUN <<", "RUN <<-", "<<EOF", "# escape=`\n`",
          "ONBUILD ONBUILD ONBUILD", "COPY <<A <<B <<C\nA\n",
          "ENV =", "ARG ''=", "RUN --", "RUN --=", "HEALTHCHECK CMD [1]"}) {
      CAPTURE(text);
      TextDocument doc(text);
      ParsedFile parsed;
      CHECK_NOTHROW(parsed = parse(doc));
      CHECK(badRange(doc, parsed) == "");
    }
  }
}
