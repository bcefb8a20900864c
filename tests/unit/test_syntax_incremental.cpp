#include <doctest/doctest.h>

#include <random>
#include <sstream>

#include "../support/syntax_compare.h"
#include "dockpath/syntax/parser.h"

using namespace dockpath;
using dockpath::test::compareFiles;

namespace {

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
