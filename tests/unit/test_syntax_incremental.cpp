#include <doctest/doctest.h>

#include <random>
#include <sstream>

#include "dockpath/syntax/parser.h"

using namespace dockpath;

namespace {

// Each compare* returns "" when equal, else where the first difference is.
template <typename T>
std::string show(const T &value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

std::string compareWord(const Word &a, const Word &b, const std::string &at) {
  if (a.text != b.text)
    return at + ".text '" + a.text + "' vs '" + b.text + "'";
  if (a.value != b.value) return at + ".value";
  if (a.range != b.range) {
    return at + ".range " + show(a.range) + " vs " + show(b.range);
  }
  return "";
}

std::string compareInstruction(const Instruction &a, const Instruction &b,
                               const std::string &at) {
  if (a.kind != b.kind || a.keyword != b.keyword) return at + ".keyword";
  if (a.keywordRange != b.keywordRange) return at + ".keywordRange";
  if (a.range != b.range) {
    return at + ".range " + show(a.range) + " vs " + show(b.range);
  }
  if (a.argText != b.argText || a.argRange != b.argRange) return at + ".arg";
  if (a.execForm != b.execForm) return at + ".execForm";
  if (a.segments.size() != b.segments.size()) return at + ".segments";
  for (size_t i = 0; i < a.segments.size(); ++i) {
    if (a.segments[i].offset != b.segments[i].offset ||
        a.segments[i].start != b.segments[i].start) {
      return at + ".segments[" + std::to_string(i) + "]";
    }
  }
  if (a.flags.size() != b.flags.size()) return at + ".flags";
  for (size_t i = 0; i < a.flags.size(); ++i) {
    const Flag &x = a.flags[i], &y = b.flags[i];
    if (x.name != y.name || x.value != y.value || x.range != y.range ||
        x.nameRange != y.nameRange || x.valueRange != y.valueRange) {
      return at + ".flags[" + std::to_string(i) + "]";
    }
  }
  if (a.args.size() != b.args.size()) return at + ".args size";
  for (size_t i = 0; i < a.args.size(); ++i) {
    std::string d = compareWord(a.args[i], b.args[i],
                                at + ".args[" + std::to_string(i) + "]");
    if (!d.empty()) return d;
  }
  if (a.pairs.size() != b.pairs.size()) return at + ".pairs size";
  for (size_t i = 0; i < a.pairs.size(); ++i) {
    const KeyValue &x = a.pairs[i], &y = b.pairs[i];
    std::string where = at + ".pairs[" + std::to_string(i) + "]";
    std::string d = compareWord(x.key, y.key, where + ".key");
    if (!d.empty()) return d;
    if (x.value.has_value() != y.value.has_value()) return where + ".value";
    if (x.value) {
      d = compareWord(*x.value, *y.value, where + ".value");
      if (!d.empty()) return d;
    }
    if (x.legacyForm != y.legacyForm || x.range != y.range) return where;
  }
  if (a.heredocs.size() != b.heredocs.size()) return at + ".heredocs size";
  for (size_t i = 0; i < a.heredocs.size(); ++i) {
    const Heredoc &x = a.heredocs[i], &y = b.heredocs[i];
    if (x.delimiter != y.delimiter || x.quoted != y.quoted ||
        x.stripTabs != y.stripTabs || x.body != y.body ||
        x.markerRange != y.markerRange || x.bodyRange != y.bodyRange ||
        x.terminated != y.terminated) {
      return at + ".heredocs[" + std::to_string(i) + "]";
    }
  }
  if ((a.trigger == nullptr) != (b.trigger == nullptr)) return at + ".trigger";
  if (a.trigger)
    return compareInstruction(*a.trigger, *b.trigger, at + ".trigger");
  return "";
}

// Compares every field of two parse results.
std::string compareFiles(const ParsedFile &a, const ParsedFile &b) {
  if (a.escape != b.escape) return "escape";
  if (a.directives.size() != b.directives.size()) return "directives size";
  for (size_t i = 0; i < a.directives.size(); ++i) {
    const Directive &x = a.directives[i], &y = b.directives[i];
    if (x.name != y.name || x.value != y.value || x.range != y.range ||
        x.valueRange != y.valueRange) {
      return "directives[" + std::to_string(i) + "]";
    }
  }
  if (a.instructions.size() != b.instructions.size()) {
    return "instruction count " + std::to_string(a.instructions.size()) +
           " vs " + std::to_string(b.instructions.size());
  }
  for (size_t i = 0; i < a.instructions.size(); ++i) {
    std::string d =
        compareInstruction(a.instructions[i], b.instructions[i],
                           "instructions[" + std::to_string(i) + "]");
    if (!d.empty()) return d;
  }
  if (a.comments.size() != b.comments.size()) return "comments size";
  for (size_t i = 0; i < a.comments.size(); ++i) {
    if (a.comments[i].text != b.comments[i].text ||
        a.comments[i].range != b.comments[i].range) {
      return "comments[" + std::to_string(i) + "]";
    }
  }
  if (a.errors.size() != b.errors.size()) {
    return "error count " + std::to_string(a.errors.size()) + " vs " +
           std::to_string(b.errors.size());
  }
  for (size_t i = 0; i < a.errors.size(); ++i) {
    const Diagnostic &x = a.errors[i], &y = b.errors[i];
    if (x.range != y.range || x.message != y.message || x.code != y.code ||
        x.severity != y.severity) {
      return "errors[" + std::to_string(i) + "] " + show(x.range) + " " +
             x.message + " vs " + show(y.range) + " " + y.message;
    }
  }
  return "";
}

// A multi-stage Dockerfile with continuations, comments inside them,
// heredocs, ONBUILD and a directive block.
const char *kBase =
    "# syntax=docker/dockerfile:1\n"
    "ARG GO=1.22\n"
    "\n"
    "FROM golang:${GO} AS build\n"
    "WORKDIR /src\n"
    "RUN --mount=type=cache,target=/go/pkg/mod \\\n"
    "    # fetch modules first\n"
    "    go mod download \\\n"
    "\n"
    "    && go build -o /out/app ./cmd/app\n"
    "COPY <<EOF /etc/app.conf\n"
    "port=8080\n"
    "RUN not an instruction\n"
    "EOF\n"
    "RUN <<-A bash && cat <<'B'\n"
    "\techo one\n"
    "\tA\n"
    "two\n"
    "B\n"
    "\n"
    "FROM alpine:3.20 AS final\n"
    "ENV A=1 B=\"x y\" \\\n"
    "    C=3\n"
    "ENV LEGACY some words\n"
    "ONBUILD RUN echo hi\n"
    "COPY --from=build /out/app /usr/bin/app\n"
    "HEALTHCHECK --interval=5s CMD [\"app\", \"health\"]\n"
    "# trailing comment\n"
    "CMD [\"app\"]\n";

// Snippets that change the structure: continuations, heredoc markers and
// terminators, comments, directives, quotes.
const char *kSnippets[] = {
    "\\",       "\n",
    "\\\n",     "<<EOF",
    "EOF\n",    "\nEOF\n",
    "# ",       "#",
    "\"",       "'",
    "[\"",      "\"]",
    "RUN ",     "COPY ",
    "FROM x\n", "--from=",
    "=",        " ",
    "\t",       "\r\n",
    "`",        "# escape=`\n",
    "<<-X\n",   "X",
    "ONBUILD ", "ENV ",
    "$",        "{",
    "}",        "\xC3\xA9",
    "\xFF",     "HEALTHCHECK CMD ",
};

// Applies one random edit; returns the LineEdit of the document.
LineEdit randomEdit(TextDocument &doc, std::mt19937 &rng) {
  auto pick = [&](uint32_t n) {
    return std::uniform_int_distribution<uint32_t>(0, n)(rng);
  };
  auto randomPosition = [&]() {
    uint32_t line = pick(static_cast<uint32_t>(doc.lineCount() - 1));
    uint32_t column = pick(static_cast<uint32_t>(doc.line(line).size()));
    return doc.clamp({line, column});
  };
  Position start = randomPosition();
  Position end = start;
  std::string text;
  switch (pick(5)) {
    case 0: {  // delete a short span
      end = doc.clamp({start.line + pick(1), start.column + pick(6)});
      break;
    }
    case 1: {  // delete whole lines
      end = doc.clamp({start.line + pick(3), 0});
      start.column = 0;
      break;
    }
    case 2: {  // type one character
      const char *alphabet = "aR N\\\n#<E=\"-";
      text = std::string(1, alphabet[pick(11)]);
      break;
    }
    default: {
      text = kSnippets[pick(std::size(kSnippets) - 1)];
      if (pick(3) == 0) end = doc.clamp({start.line, start.column + pick(4)});
      break;
    }
  }
  if (end < start) std::swap(start, end);
  return doc.replace({start, end}, text);
}

}  // namespace

TEST_CASE("SyntaxTree random edits match parse") {
  for (uint32_t seed = 1; seed <= 40; ++seed) {
    CAPTURE(seed);
    std::mt19937 rng(seed);
    TextDocument doc(kBase);
    SyntaxTree tree(doc);
    for (int step = 0; step < 100; ++step) {
      CAPTURE(step);
      LineEdit edit = randomEdit(doc, rng);
      tree.update(doc, edit);
      std::string difference = compareFiles(tree.file(), parse(doc));
      INFO("document:\n" << doc.text());
      REQUIRE_MESSAGE(difference.empty(), difference);
      // Restart the document now and then so that it does not drift too
      // far from a Dockerfile.
      if (doc.byteSize() > 4000 || doc.lineCount() < 5) {
        doc.replaceAll(kBase);
        tree = SyntaxTree(doc);
      }
    }
  }
}

TEST_CASE("SyntaxTree reparses edited instruction only") {
  std::string text = "FROM alpine\n";
  for (int i = 0; i < 500; ++i) {
    text += "RUN echo " + std::to_string(i) + " \\\n    && true\n";
  }
  TextDocument doc(text);
  SyntaxTree tree(doc);
  CHECK(tree.lastParsedLines() == doc.lineCount());

  SUBCASE("a character inside a line") {
    LineEdit edit = doc.replace({{501, 9}, {501, 9}}, "x");
    tree.update(doc, edit);
    CHECK(tree.lastParsedLines() == 2);
    CHECK(compareFiles(tree.file(), parse(doc)) == "");
  }
  SUBCASE("a new line shifts the rest") {
    LineEdit edit = doc.replace({{3, 0}, {3, 0}}, "USER x\n");
    tree.update(doc, edit);
    CHECK(tree.lastParsedLines() <= 3);
    CHECK(tree.file().instructions.size() == 502);
    CHECK(tree.file().instructions.back().firstLine() == 1000);
    CHECK(compareFiles(tree.file(), parse(doc)) == "");
  }
  SUBCASE("an open heredoc consumes the rest") {
    LineEdit edit = doc.replace({{5, 4}, {5, 4}}, "<<EOF ");
    tree.update(doc, edit);
    CHECK(tree.file().instructions.size() == 4);
    CHECK(tree.file().errors.size() == 1);
    CHECK(compareFiles(tree.file(), parse(doc)) == "");
  }
  SUBCASE("an edit in the directive block parses everything") {
    LineEdit edit = doc.replace({{0, 0}, {0, 0}}, "# escape=`\n");
    tree.update(doc, edit);
    CHECK(tree.file().escape == '`');
    CHECK(tree.lastParsedLines() == doc.lineCount());
    CHECK(compareFiles(tree.file(), parse(doc)) == "");
  }
}
