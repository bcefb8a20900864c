// Navigation features through the Engine: document symbols, definition,
// references, rename and folding ranges.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "dockpath/engine/engine.h"
#include "dockpath/protocol/capabilities.h"
#include "dockpath/protocol/conversions.h"

using namespace dockpath;

namespace {

// A Dockerfile in which [[ and ]] mark ranges and <|> marks cursors. The
// marks are removed from text.
struct Marked {
  std::string text;
  std::vector<Range> ranges;
  std::vector<Position> cursors;

  Range range(size_t i = 0) const { return ranges.at(i); }
  Position cursor(size_t i = 0) const { return cursors.at(i); }
};

Marked mark(std::string_view annotated) {
  Marked out;
  Position at;
  std::vector<Position> open;
  for (size_t i = 0; i < annotated.size(); ++i) {
    std::string_view rest = annotated.substr(i);
    if (rest.substr(0, 2) == "[[") {
      open.push_back(at);
      ++i;
    } else if (rest.substr(0, 2) == "]]") {
      out.ranges.push_back({open.back(), at});
      open.pop_back();
      ++i;
    } else if (rest.substr(0, 3) == "<|>") {
      out.cursors.push_back(at);
      i += 2;
    } else {
      out.text += annotated[i];
      if (annotated[i] == '\n') {
        ++at.line;
        at.column = 0;
      } else {
        ++at.column;
      }
    }
  }
  return out;
}

// One engine and document per test.
struct Fixture {
  explicit Fixture(const std::string &text)
      : document(engine.open("test", "", text, 1)) {}

  std::optional<Range> definition(Position at) {
    auto found = engine.definition(document, at);
    if (!found) return std::nullopt;
    return found->target;
  }

  std::vector<Range> references(Position at, bool declarations = true) {
    std::vector<Range> out;
    for (const auto &found : engine.references(document, at, declarations))
      out.push_back(found.range);
    return out;
  }

  std::string renameError(Position at, const std::string &newName) {
    auto outcome = engine.rename(document, at, newName);
    REQUIRE(outcome);
    return outcome->error;
  }

  // The text after renaming at `at`; the edits must not be rejected.
  std::string renamed(Position at, const std::string &newName) {
    auto outcome = engine.rename(document, at, newName);
    REQUIRE(outcome);
    REQUIRE(outcome->error == "");
    TextDocument copy(document.text().text());
    auto edits = outcome->edits;
    std::sort(edits.begin(), edits.end(), [](const auto &a, const auto &b) {
      return b.range.start < a.range.start;
    });
    for (const TextEdit &edit : edits) copy.replace(edit.range, edit.newText);
    return copy.text();
  }

  Engine engine;
  Document &document;
};

bool contains(const std::string &text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("documentSymbols lists global ARGs, stages and their children") {
  Marked m = mark(
      "ARG [[PY]]=3.12\n"
      "FROM python:${PY} AS [[builder]]\n"
      "ENV [[PIP_NO_CACHE_DIR]]=1 [[LANG]]=C.UTF-8\n"
      "[[RUN]] pip   install \\\n"
      "    .\n"
      "FROM gcr.io/distroless/python3\n"
      "COPY --from=builder /app /app\n");
  Fixture f(m.text);
  auto symbols = f.engine.documentSymbols(f.document);
  REQUIRE(symbols.size() == 3);

  CHECK(symbols[0].name == "PY");
  CHECK(symbols[0].kind == SymbolKind::Variable);
  CHECK(symbols[0].detail == "3.12");
  CHECK(symbols[0].selectionRange == m.range(0));

  const DocumentSymbol &builder = symbols[1];
  CHECK(builder.name == "builder");
  CHECK(builder.kind == SymbolKind::Module);
  CHECK(builder.detail == "python:${PY}");
  CHECK(builder.selectionRange == m.range(1));
  CHECK(builder.range.start == Position{1, 0});
  CHECK(builder.range.end == Position{4, 5});
  REQUIRE(builder.children.size() == 3);
  CHECK(builder.children[0].name == "PIP_NO_CACHE_DIR");
  CHECK(builder.children[0].selectionRange == m.range(2));
  CHECK(builder.children[1].name == "LANG");
  CHECK(builder.children[1].detail == "C.UTF-8");
  CHECK(builder.children[1].selectionRange == m.range(3));
  CHECK(builder.children[2].name == "RUN");
  CHECK(builder.children[2].kind == SymbolKind::Function);
  CHECK(builder.children[2].detail == "pip install .");
  CHECK(builder.children[2].selectionRange == m.range(4));

  CHECK(symbols[2].name == "stage 1");
  CHECK(symbols[2].detail == "gcr.io/distroless/python3");
  REQUIRE(symbols[2].children.size() == 1);
  CHECK(symbols[2].children[0].name == "COPY");
}

TEST_CASE("documentSymbols survives half-typed instructions") {
  Fixture f("FROM\nENV\nARG\nCOPY --from=\n");
  auto symbols = f.engine.documentSymbols(f.document);
  REQUIRE(symbols.size() == 1);
  CHECK(symbols[0].name == "stage 0");
  CHECK(symbols[0].detail == "");
  REQUIRE(symbols[0].children.size() == 1);
  CHECK(symbols[0].children[0].name == "COPY");
  for (const auto &symbol : symbols) {
    CHECK(symbol.range.start <= symbol.selectionRange.start);
    CHECK(symbol.selectionRange.end <= symbol.range.end);
  }
}

TEST_CASE("documentSymbols cuts long details on a character boundary") {
  std::string run = "RUN echo " + std::string(50, 'x') + "ééééé\n";
  Fixture f("FROM alpine\n" + run);
  auto symbols = f.engine.documentSymbols(f.document);
  REQUIRE(symbols.size() == 1);
  REQUIRE(symbols[0].children.size() == 1);
  const std::string &detail = symbols[0].children[0].detail;
  CHECK(detail.size() <= 63);
  CHECK(detail.substr(detail.size() - 3) == "...");
  // A cut inside "é" would leave a lone lead byte before the dots.
  CHECK(static_cast<unsigned char>(detail[detail.size() - 4]) != 0xC3);
}

TEST_CASE("definition of stage references goes to the AS name") {
  Marked m = mark(
      "FROM golang:1.22 AS [[build]]\n"
      "FROM <|>build AS test\n"
      "FROM alpine\n"
      "COPY --from=<|>Build /out /\n"
      "RUN --mount=type=cache,from=<|>BUILD,target=/x true\n"
      "COPY --from=<|>1 /a /b\n");
  Fixture f(m.text);
  CHECK(f.definition(m.cursor(0)) == m.range());
  CHECK(f.definition(m.cursor(1)) == m.range());
  CHECK(f.definition(m.cursor(2)) == m.range());
  CHECK(f.definition(m.cursor(3)) == Range{{1, 14}, {1, 18}});
}

TEST_CASE("definition of an unnamed stage goes to its FROM image") {
  Marked m = mark(
      "FROM [[alpine]]\n"
      "FROM busybox\n"
      "COPY --from=<|>0 /etc/os-release /\n");
  Fixture f(m.text);
  CHECK(f.definition(m.cursor()) == m.range());
}

TEST_CASE("definition of a --from image is empty") {
  Marked m = mark("FROM alpine\nCOPY --from=<|>nginx:1.27 /etc/nginx /\n");
  Fixture f(m.text);
  CHECK_FALSE(f.definition(m.cursor()));
}

TEST_CASE("definition of variables follows their scope") {
  SUBCASE("ARG then ENV shadows it") {
    Marked m = mark(
        "FROM alpine\n"
        "ARG [[VERSION]]=1\n"
        "RUN echo $<|>VERSION\n"
        "ENV [[VERSION]]=2\n"
        "WORKDIR /opt/${<|>VERSION:-none}\n");
    Fixture f(m.text);
    CHECK(f.definition(m.cursor(0)) == m.range(0));
    CHECK(f.definition(m.cursor(1)) == m.range(1));
  }

  SUBCASE("ENV overrides a later ARG of the same name") {
    Marked m = mark(
        "FROM alpine\n"
        "ENV [[MODE]]=prod\n"
        "ARG MODE=dev\n"
        "RUN echo ${<|>MODE}\n");
    Fixture f(m.text);
    CHECK(f.definition(m.cursor()) == m.range());
  }

  SUBCASE("an ENV value reads the variables before the ENV") {
    Marked m = mark(
        "FROM alpine\n"
        "ENV [[A]]=1\n"
        "ENV A=2 B=$<|>A\n");
    Fixture f(m.text);
    CHECK(f.definition(m.cursor()) == m.range());
  }

  SUBCASE("an ARG default reads the items before it") {
    Marked m = mark("FROM alpine\nARG [[A]]=1 B=${<|>A}\n");
    Fixture f(m.text);
    CHECK(f.definition(m.cursor()) == m.range());
  }

  SUBCASE("FROM reads global ARGs") {
    Marked m = mark(
        "ARG [[BASE]]=alpine\n"
        "FROM ${<|>BASE}:3.20\n");
    Fixture f(m.text);
    CHECK(f.definition(m.cursor()) == m.range());
  }

  SUBCASE("a bare ARG in a stage goes to the global ARG") {
    Marked m = mark(
        "ARG [[V]]=1\n"
        "FROM alpine\n"
        "ARG <|>[[V]]\n"
        "RUN echo $<|>V\n");
    Fixture f(m.text);
    CHECK(f.definition(m.cursor(0)) == m.range(0));
    CHECK(f.definition(m.cursor(1)) == m.range(1));
  }

  SUBCASE("a global ARG is not visible in a stage without ARG") {
    Marked m = mark("ARG V=1\nFROM alpine\nRUN echo $<|>V\n");
    Fixture f(m.text);
    CHECK_FALSE(f.definition(m.cursor()));
  }

  SUBCASE("a stage built on another sees its variables") {
    Marked m = mark(
        "FROM alpine AS base\n"
        "ENV [[HOME_DIR]]=/srv\n"
        "FROM base\n"
        "WORKDIR $<|>HOME_DIR\n"
        "FROM alpine\n"
        "WORKDIR $<|>HOME_DIR\n");
    Fixture f(m.text);
    CHECK(f.definition(m.cursor(0)) == m.range());
    CHECK_FALSE(f.definition(m.cursor(1)));
  }

  SUBCASE("CMD runs with ENV only") {
    Marked m = mark(
        "FROM alpine\n"
        "ARG PORT=80\n"
        "ENV [[HOST]]=0.0.0.0\n"
        "CMD serve --host $<|>HOST --port $<|>PORT\n");
    Fixture f(m.text);
    CHECK(f.definition(m.cursor(0)) == m.range());
    CHECK_FALSE(f.definition(m.cursor(1)));
  }

  SUBCASE("HEALTHCHECK shell form reads ENV, exec forms no shell") {
    Marked m = mark(
        "FROM alpine\n"
        "ENV [[URL]]=http://localhost\n"
        "HEALTHCHECK --interval=5s CMD curl -f $<|>URL\n"
        "CMD [\"curl\", \"$<|>URL\"]\n"
        "COPY [\"$<|>URL\", \"/dst\"]\n");
    Fixture f(m.text);
    CHECK(f.definition(m.cursor(0)) == m.range());
    CHECK_FALSE(f.definition(m.cursor(1)));
    CHECK(f.definition(m.cursor(2)) == m.range());
  }

  SUBCASE("single quotes in RUN are no use") {
    Marked m = mark("FROM alpine\nARG X=1\nRUN echo '$<|>X'\n");
    Fixture f(m.text);
    CHECK_FALSE(f.definition(m.cursor()));
  }

  SUBCASE("a use at the end of the name counts") {
    Marked m = mark("FROM alpine\nENV [[X]]=1\nRUN echo $X<|>\n");
    Fixture f(m.text);
    CHECK(f.definition(m.cursor()) == m.range());
  }
}

TEST_CASE("definition finds variables in flags, heredocs and continuations") {
  Marked m = mark(
      "FROM alpine\n"
      "ARG [[UID]]=1000\n"
      "COPY --chown=${<|>UID} a /a\n"
      "RUN --mount=type=cache,id=c$<|>UID,target=/c \\\n"
      "    echo $<|>UID\n"
      "COPY <<EOF /etc/uid\n"
      "uid=$<|>UID\n"
      "EOF\n"
      "RUN <<-'EOF'\n"
      "\techo $<|>UID\n"
      "\tEOF\n");
  Fixture f(m.text);
  for (size_t i = 0; i < m.cursors.size(); ++i) {
    CAPTURE(i);
    CHECK(f.definition(m.cursor(i)) == m.range());
  }
}

TEST_CASE("definition counts columns in bytes after non-ASCII text") {
  Marked m = mark(
      "FROM alpine\n"
      "ENV [[NAME]]=hi\n"
      "LABEL description=\"Grüße 😀 $<|>NAME\"\n");
  Fixture f(m.text);
  auto found = f.engine.definition(f.document, m.cursor());
  REQUIRE(found);
  CHECK(found->target == m.range());
  // "ü" and "ß" are 2 bytes each and the emoji 4, so NAME starts at
  // byte 33 (it is character 29 in UTF-16).
  CHECK(found->origin.start == Position{2, 33});
  CHECK(found->origin.start == m.cursor());
}

TEST_CASE("references list uses with or without declarations") {
  Marked m = mark(
      "FROM golang:1.22 AS [[build]]\n"
      "FROM alpine\n"
      "COPY --from=[[Build]] /a /a\n"
      "COPY --from=[[BUILD]] /b /b\n"
      "COPY --from=[[0]] /c /c\n");
  Fixture f(m.text);
  CHECK(f.references(m.range(1).start) ==
        std::vector<Range>{m.range(0), m.range(1), m.range(2), m.range(3)});
  CHECK(f.references(m.range(0).start, false) ==
        std::vector<Range>{m.range(1), m.range(2), m.range(3)});
}

TEST_CASE("references of a global ARG span stages") {
  Marked m = mark(
      "ARG [[V]]=1\n"
      "FROM alpine:$[[V]]\n"
      "ARG [[V]]\n"
      "RUN echo $[[V]]\n"
      "FROM busybox\n"
      "ARG V=2\n"
      "RUN echo $V\n");
  Fixture f(m.text);
  CHECK(f.references(m.range(3).start) ==
        std::vector<Range>{m.range(0), m.range(1), m.range(2), m.range(3)});
  auto highlights = f.engine.references(f.document, m.range(0).start, true);
  REQUIRE(highlights.size() == 4);
  CHECK(highlights[0].declaration);
  CHECK_FALSE(highlights[1].declaration);
  CHECK(highlights[2].declaration);
  CHECK_FALSE(highlights[3].declaration);
}

TEST_CASE("references of a shadowed variable stop at the shadowing ENV") {
  Marked m = mark(
      "FROM alpine\n"
      "ARG [[X]]=1\n"
      "RUN echo $[[X]]\n"
      "ENV X=2\n"
      "RUN echo $X\n");
  Fixture f(m.text);
  CHECK(f.references(m.range(0).start) ==
        std::vector<Range>{m.range(0), m.range(1)});
}

TEST_CASE("references of an image variable list its uses") {
  Marked m = mark(
      "FROM python:3.11-slim-bookworm\n"
      "RUN echo $[[PATH]] $[[PYTHON_VERSION]]\n"
      "WORKDIR /$[[PYTHON_VERSION]]\n");
  Fixture f(m.text);
  CHECK(f.references(m.range(1).start) ==
        std::vector<Range>{m.range(1), m.range(2)});
  CHECK_FALSE(f.definition(m.range(1).start));
}

TEST_CASE("rename of a stage replaces every spelling") {
  Marked m = mark(
      "FROM golang:1.22 AS <|>build\n"
      "FROM build AS test\n"
      "FROM alpine\n"
      "COPY --from=BUILD /out /\n"
      "RUN --mount=from=Build,target=/x true\n"
      "COPY --from=0 /a /a\n");
  Fixture f(m.text);
  CHECK(f.renamed(m.cursor(), "compile") ==
        "FROM golang:1.22 AS compile\n"
        "FROM compile AS test\n"
        "FROM alpine\n"
        "COPY --from=compile /out /\n"
        "RUN --mount=from=compile,target=/x true\n"
        "COPY --from=0 /a /a\n");
}

TEST_CASE("rename of a stage rejects names BuildKit would not take") {
  Marked m = mark(
      "FROM golang:1.22 AS <|>build\n"
      "FROM alpine AS test\n"
      "COPY --from=<|>0 /a /a\n"
      "FROM nginx\n"
      "COPY --from=<|>2 /b /b\n");
  Fixture f(m.text);
  CHECK(contains(f.renameError(m.cursor(), "1st"),
                 "'1st' is not a valid stage name"));
  CHECK(contains(f.renameError(m.cursor(), "my stage"),
                 "not a valid stage name"));
  CHECK(contains(f.renameError(m.cursor(), "Scratch"), "reserved"));
  CHECK(contains(f.renameError(m.cursor(), "TEST"),
                 "stage 1 is already named 'test'"));
  CHECK(contains(f.renameError(m.cursor(), "nginx"),
                 "line 4 names the image 'nginx'"));
  CHECK(contains(f.renameError(m.cursor(1), "x"), "by its index 0"));
  CHECK(contains(f.renameError(m.cursor(2), "x"), "stage 2 has no name"));
  // Changing only the letter case is allowed.
  CHECK(f.renameError(m.cursor(), "Build") == "");
}

TEST_CASE("rename of a variable follows its bindings") {
  Marked m = mark(
      "ARG V=1\n"
      "FROM alpine:${V}\n"
      "ARG V\n"
      "ENV X=1\n"
      "RUN echo $X ${<|>X:-none} $V\n"
      "ENV X=$X-2\n"
      "RUN echo $X\n");
  Fixture f(m.text);
  CHECK(f.renamed(m.cursor(), "Y") ==
        "ARG V=1\n"
        "FROM alpine:${V}\n"
        "ARG V\n"
        "ENV Y=1\n"
        "RUN echo $Y ${Y:-none} $V\n"
        "ENV X=$Y-2\n"
        "RUN echo $X\n");
  CHECK(f.renamed({4, 24}, "VERSION") ==
        "ARG VERSION=1\n"
        "FROM alpine:${VERSION}\n"
        "ARG VERSION\n"
        "ENV X=1\n"
        "RUN echo $X ${X:-none} $VERSION\n"
        "ENV X=$X-2\n"
        "RUN echo $X\n");
}

TEST_CASE("rename of a variable rejects names that change a use") {
  Marked m = mark(
      "FROM python:3.11-slim-bookworm AS base\n"
      "ARG <|>A=1\n"
      "ENV B=2\n"
      "RUN echo $A $B $TMPDIR_X\n"
      "FROM base\n"
      "RUN echo $A\n"
      "FROM alpine\n"
      "ENV C=3\n");
  Fixture f(m.text);
  CHECK(contains(f.renameError(m.cursor(), "1A"),
                 "'1A' is not a valid variable name"));
  CHECK(contains(f.renameError(m.cursor(), "A-B"), "not a valid"));
  CHECK(contains(f.renameError(m.cursor(), "B"), "'B' is already used"));
  CHECK(contains(f.renameError(m.cursor(), "TMPDIR_X"), "already used"));
  CHECK(contains(f.renameError(m.cursor(), "PYTHON_VERSION"),
                 "set by the base image"));
  CHECK(contains(f.renameError(m.cursor(), "PATH"), "set by the base image"));
  CHECK(contains(f.renameError(m.cursor(), "TARGETARCH"), "BuildKit sets"));
  // C lives in an unrelated stage.
  CHECK(f.renameError(m.cursor(), "C") == "");
}

TEST_CASE("rename rejects variables not declared in the file") {
  Marked m = mark(
      "ARG TARGETARCH\n"
      "FROM --platform=$<|>BUILDPLATFORM alpine\n"
      "ARG <|>TARGETARCH\n"
      "RUN echo $<|>PATH $<|>unknown $<|>HTTP_PROXY\n");
  Fixture f(m.text);
  CHECK(contains(f.renameError(m.cursor(0), "X"), "BuildKit sets"));
  CHECK(contains(f.renameError(m.cursor(1), "X"), "BuildKit sets"));
  CHECK(contains(f.renameError(m.cursor(2), "X"), "set by the base image"));
  CHECK(contains(f.renameError(m.cursor(3), "X"), "not declared"));
  CHECK(contains(f.renameError(m.cursor(4), "X"), "BuildKit sets"));
}

TEST_CASE("rename rejects variables programs read by name") {
  Marked m = mark(
      "FROM python:3.12-slim\n"
      "ENV <|>PYTHONPATH=/app <|>APP_HOME=/app\n"
      "RUN echo $<|>PYTHONPATH\n");
  Fixture f(m.text);
  CHECK(contains(f.renameError(m.cursor(0), "PP"), "read by the programs"));
  CHECK(contains(f.renameError(m.cursor(2), "PP"), "read by the programs"));
  CHECK(f.renameError(m.cursor(1), "APP_ROOT") == "");
}

TEST_CASE("prepareRename returns the name and its range") {
  Marked m = mark(
      "FROM alpine AS base\n"
      "FROM alpine\n"
      "COPY --from=[[Ba<|>se]] /a /a\n"
      "RUN true\n");
  Fixture f(m.text);
  auto outcome = f.engine.prepareRename(f.document, m.cursor());
  REQUIRE(outcome);
  CHECK(outcome->range == m.range());
  CHECK(outcome->placeholder == "Base");
  CHECK(outcome->error == "");
  CHECK_FALSE(f.engine.prepareRename(f.document, {3, 1}));
}

TEST_CASE("navigation survives odd positions and half-typed text") {
  std::vector<std::string> texts = {
      "",
      "FROM",
      "FROM alpine AS\n",
      "FROM alpine\nCOPY --from= /a /b\n",
      "FROM alpine\nRUN echo ${\n",
      "FROM alpine\nRUN echo ${X:-${Y\n",
      "FROM alpine\nENV =1 ${A}=2\n",
      "FROM alpine\nRUN --mount=from= true\n",
      "FROM alpine\nRUN echo $X\\\nY\n",
      "FROM alpine\nRUN <<EOF\necho $X\n",
      "ARG\nFROM $\n",
      "FROM a AS b\nFROM b AS b\nCOPY --from=b / /\n",
  };
  for (const std::string &text : texts) {
    CAPTURE(text);
    Fixture f(text);
    for (Position at : {Position{0, 0}, Position{1, 5}, Position{1, 14},
                        Position{2, 7}, Position{999, 999}}) {
      f.engine.definition(f.document, at);
      f.engine.references(f.document, at, true);
      f.engine.prepareRename(f.document, at);
      f.engine.rename(f.document, at, "NEW");
    }
    f.engine.documentSymbols(f.document);
    f.engine.foldingRanges(f.document);
  }
}

TEST_CASE("a name split by a continuation is left out") {
  Marked m = mark(
      "FROM alpine\n"
      "ENV [[LONG_NAME]]=1\n"
      "RUN echo $LONG_\\\n"
      "NAME $[[LONG_NAME]]\n");
  Fixture f(m.text);
  CHECK(f.references(m.range(0).start) ==
        std::vector<Range>{m.range(0), m.range(1)});
}

TEST_CASE("foldingRanges covers stages, continuations, heredocs, comments") {
  Fixture f(
      "# syntax=docker/dockerfile:1\n"  // 0
      "# the build\n"                   // 1
      "FROM alpine AS build\n"          // 2
      "RUN apk add \\\n"                // 3
      "    curl\n"                      // 4
      "COPY <<EOF /etc/motd\n"          // 5
      "hello\n"                         // 6
      "EOF\n"                           // 7
      "# one comment\n"                 // 8
      "FROM build\n"                    // 9
      "CMD [\"sh\"]\n");                // 10
  auto ranges = f.engine.foldingRanges(f.document);
  std::vector<std::tuple<uint32_t, uint32_t, FoldingKind>> found;
  for (const auto &r : ranges)
    found.emplace_back(r.startLine, r.endLine, r.kind);
  using K = FoldingKind;
  std::vector<std::tuple<uint32_t, uint32_t, FoldingKind>> expected = {
      {0, 1, K::Comment}, {2, 7, K::Region}, {3, 4, K::Region},
      {5, 7, K::Region},  {6, 7, K::Region}, {9, 10, K::Region}};
  CHECK(found == expected);
}

TEST_CASE("foldingRanges of an empty or one-line file is empty") {
  Fixture empty("");
  CHECK(empty.engine.foldingRanges(empty.document).empty());
  Fixture one("FROM alpine\n");
  CHECK(one.engine.foldingRanges(one.document).empty());
}

TEST_CASE("toLspFoldingRanges keeps the first ranges up to the limit") {
  std::vector<FoldingRange> ranges = {{0, 1, FoldingKind::Comment},
                                      {2, 9, FoldingKind::Region},
                                      {3, 4, FoldingKind::Region}};
  auto all = protocol::toLspFoldingRanges(ranges, 0);
  REQUIRE(all.size() == 3);
  CHECK(all[0]["kind"] == "comment");
  CHECK(all[1]["kind"] == "region");
  auto limited = protocol::toLspFoldingRanges(ranges, 2);
  REQUIRE(limited.size() == 2);
  CHECK(limited[1]["startLine"] == 2);
}

TEST_CASE("toLspWorkspaceEdit uses documentChanges only when supported") {
  protocol::Lines lines("FROM a AS b\n");
  std::string uri = "test:///Dockerfile";
  protocol::DocumentRef ref{uri, lines, PositionEncoding::Utf16};
  std::vector<TextEdit> edits = {{{{0, 10}, {0, 11}}, "c"}};
  auto versioned = protocol::toLspWorkspaceEdit(edits, ref, 7, true);
  CHECK(versioned["documentChanges"][0]["textDocument"]["version"] == 7);
  CHECK(versioned["documentChanges"][0]["edits"][0]["newText"] == "c");
  CHECK_FALSE(versioned.contains("changes"));
  auto plain = protocol::toLspWorkspaceEdit(edits, ref, 7, false);
  CHECK(plain["changes"][uri][0]["range"]["start"]["character"] == 10);
  CHECK_FALSE(plain.contains("documentChanges"));
}

TEST_CASE("readClientCapabilities reads the navigation capabilities") {
  auto params = protocol::json::parse(R"({"capabilities":{"textDocument":{
      "documentSymbol":{"hierarchicalDocumentSymbolSupport":true},
      "definition":{"linkSupport":true},
      "rename":{"prepareSupport":true},
      "foldingRange":{"rangeLimit":5000}}}})");
  auto client = protocol::readClientCapabilities(params);
  CHECK(client.hierarchicalSymbols);
  CHECK(client.definitionLinks);
  CHECK(client.prepareRename);
  CHECK(client.foldingRangeLimit == 5000);
  auto none = protocol::readClientCapabilities(
      protocol::json::parse(R"({"capabilities":{"textDocument":{
          "foldingRange":{"rangeLimit":-1},"rename":{"prepareSupport":1}}}})"));
  CHECK_FALSE(none.hierarchicalSymbols);
  CHECK_FALSE(none.prepareRename);
  CHECK(none.foldingRangeLimit == 0);
}
