#include <algorithm>

#include "dockpath/features/features.h"
#include "rule_fixture.h"

using namespace dockpath;
using dockpath::test::ScratchContext;

namespace {

// The cursor's place in a snippet.
constexpr std::string_view kCursor = "<|>";

struct Completed {
  CompletionList list;
  Position cursor;

  std::vector<std::string> labels() const {
    std::vector<std::string> out;
    for (const CompletionItem &item : list.items) out.push_back(item.label);
    return out;
  }
  bool has(std::string_view label) const { return find(label) != nullptr; }
  const CompletionItem *find(std::string_view label) const {
    for (const CompletionItem &item : list.items)
      if (item.label == label) return &item;
    return nullptr;
  }
};

Position cursorIn(const std::string &annotated) {
  size_t at = annotated.find(kCursor);
  REQUIRE(at != std::string::npos);
  Position position;
  for (size_t i = 0; i < at; ++i) {
    if (annotated[i] == '\n') {
      ++position.line;
      position.column = 0;
    } else {
      ++position.column;
    }
  }
  return position;
}

// Completion at the "<|>" of annotated, with the Dockerfile in context
// when one is given.
Completed completeAt(const std::string &annotated,
                     const ScratchContext *context = nullptr) {
  Completed result;
  result.cursor = cursorIn(annotated);
  std::string text = annotated;
  text.erase(text.find(kCursor), kCursor.size());
  Engine engine;
  Document &document =
      engine.open("t", context ? context->dockerfile() : "", text, 1);
  result.list = engine.completion(document, result.cursor);
  return result;
}

Range onLine(uint32_t line, uint32_t start, uint32_t end) {
  return {{line, start}, {line, end}};
}

}  // namespace

TEST_CASE("Completion offers keywords in an empty document") {
  Completed c = completeAt("<|>");
  REQUIRE(c.has("FROM"));
  CHECK(c.has("RUN"));
  CHECK(c.has("HEALTHCHECK"));
  CHECK(c.list.items.size() == 18);
  const CompletionItem *from = c.find("FROM");
  CHECK(from->kind == CompletionKind::Keyword);
  CHECK(from->range == onLine(0, 0, 0));
  CHECK(from->newText == "FROM ");
  CHECK(from->snippet == "FROM ${1:image}");
  CHECK_FALSE(from->detail.empty());
}

TEST_CASE("Completion replaces the keyword being typed") {
  Completed c = completeAt("FROM debian\nRU<|>\n");
  const CompletionItem *run = c.find("RUN");
  REQUIRE(run);
  CHECK(run->range == onLine(1, 0, 2));
  CHECK(run->newText == "RUN ");

  SUBCASE("arguments after the keyword are kept") {
    Completed kept = completeAt("FROM debian\nRU<|>N echo hi\n");
    REQUIRE(kept.find("RUN"));
    CHECK(kept.find("RUN")->range == onLine(1, 0, 3));
    CHECK(kept.find("RUN")->newText == "RUN");
    CHECK(kept.find("RUN")->snippet.empty());
  }
}

TEST_CASE("Completion uses the file's keyword casing") {
  Completed c = completeAt("from debian\nrun echo\n<|>");
  CHECK(c.has("run"));
  CHECK(c.has("copy"));
  CHECK_FALSE(c.has("RUN"));

  SUBCASE("upper case wins a tie") {
    Completed tie = completeAt("from debian\nRUN echo\n<|>");
    CHECK(tie.has("RUN"));
  }
}

TEST_CASE("Completion after ONBUILD offers trigger keywords") {
  Completed c = completeAt("FROM debian\nONBUILD <|>");
  CHECK(c.has("RUN"));
  CHECK(c.has("COPY"));
  CHECK_FALSE(c.has("ONBUILD"));
  CHECK_FALSE(c.has("FROM"));
  CHECK_FALSE(c.has("MAINTAINER"));

  SUBCASE("a partial trigger keyword is replaced") {
    Completed partial = completeAt("FROM debian\nONBUILD CO<|>");
    REQUIRE(partial.find("COPY"));
    CHECK(partial.find("COPY")->range == onLine(1, 8, 10));
  }
  SUBCASE("the trigger's flags complete as the instruction's") {
    Completed flags = completeAt("FROM debian\nONBUILD COPY --<|>");
    CHECK(flags.has("--from"));
  }
}

TEST_CASE("Completion offers the flags of the instruction") {
  SUBCASE("RUN") {
    Completed c = completeAt("FROM debian\nRUN --<|>");
    CHECK(c.labels() ==
          std::vector<std::string>{"--mount", "--network", "--security"});
    CHECK(c.find("--mount")->range == onLine(1, 4, 6));
    CHECK(c.find("--mount")->newText == "--mount=");
    CHECK(c.find("--mount")->kind == CompletionKind::Flag);
  }
  SUBCASE("COPY") {
    Completed c = completeAt("FROM debian\nCOPY -<|>");
    CHECK(c.labels() == std::vector<std::string>{"--from", "--chown", "--chmod",
                                                 "--link", "--parents",
                                                 "--exclude"});
    CHECK(c.find("--link")->newText == "--link");
    CHECK(c.find("--from")->range == onLine(1, 5, 6));
  }
  SUBCASE("ADD") {
    Completed c = completeAt("FROM debian\nADD --<|>");
    CHECK(c.has("--checksum"));
    CHECK(c.has("--keep-git-dir"));
    CHECK(c.has("--unpack"));
    CHECK_FALSE(c.has("--from"));
  }
  SUBCASE("FROM") {
    Completed c = completeAt("FROM --<|>");
    CHECK(c.labels() == std::vector<std::string>{"--platform"});
  }
  SUBCASE("HEALTHCHECK") {
    Completed c = completeAt("FROM debian\nHEALTHCHECK --<|>");
    CHECK(c.labels() ==
          std::vector<std::string>{"--interval", "--timeout", "--start-period",
                                   "--start-interval", "--retries"});
  }
  SUBCASE("a flag already given is left out unless it repeats") {
    Completed c =
        completeAt("FROM debian\nCOPY --chown=1 --exclude=*.md --<|> a /b\n");
    CHECK_FALSE(c.has("--chown"));
    CHECK(c.has("--exclude"));
    CHECK(c.has("--chmod"));
  }
  SUBCASE("the flag being edited stays, without a second '='") {
    Completed c = completeAt("FROM debian\nCOPY --fr<|>om=build a /b\n");
    REQUIRE(c.find("--from"));
    CHECK(c.find("--from")->range == onLine(1, 5, 11));
    CHECK(c.find("--from")->newText == "--from");
  }
  SUBCASE("flags on a continuation line") {
    Completed c = completeAt("FROM debian\nRUN --network=none \\\n    --<|>");
    CHECK(c.labels() == std::vector<std::string>{"--mount", "--security"});
    CHECK(c.find("--mount")->range == onLine(2, 4, 6));
  }
  SUBCASE("no flags after the arguments") {
    CHECK(completeAt("FROM debian\nRUN apt-get -<|>").list.items.empty());
  }
  SUBCASE("no flags for an instruction without any") {
    CHECK(completeAt("FROM debian\nWORKDIR --<|>").list.items.empty());
  }
}

TEST_CASE("Completion offers fixed flag values") {
  SUBCASE("RUN --network") {
    Completed c = completeAt("FROM debian\nRUN --network=<|>");
    CHECK(c.labels() == std::vector<std::string>{"default", "none", "host"});
    CHECK(c.find("none")->range == onLine(1, 14, 14));
  }
  SUBCASE("RUN --network with a partial value") {
    Completed c = completeAt("FROM debian\nRUN --network=ho<|>st true\n");
    CHECK(c.find("host")->range == onLine(1, 14, 18));
  }
  SUBCASE("RUN --security") {
    Completed c = completeAt("FROM debian\nRUN --security=<|>");
    CHECK(c.labels() == std::vector<std::string>{"sandbox", "insecure"});
  }
  SUBCASE("boolean flags") {
    Completed c = completeAt("FROM debian\nCOPY --link=<|>");
    CHECK(c.labels() == std::vector<std::string>{"true", "false"});
  }
  SUBCASE("FROM --platform") {
    Completed c = completeAt("FROM --platform=<|>");
    CHECK(c.has("$BUILDPLATFORM"));
    CHECK(c.has("linux/arm64"));
  }
  SUBCASE("a flag without a fixed set") {
    CHECK(completeAt("FROM debian\nCOPY --chown=<|>").list.items.empty());
  }
}

TEST_CASE("Completion offers RUN --mount options") {
  SUBCASE("mount types") {
    Completed c = completeAt("FROM debian\nRUN --mount=type=<|>");
    CHECK(c.labels() ==
          std::vector<std::string>{"bind", "cache", "tmpfs", "secret", "ssh"});
    CHECK(c.find("cache")->range == onLine(1, 17, 17));
  }
  SUBCASE("options of the mount type") {
    Completed c = completeAt("FROM debian\nRUN --mount=type=cache,<|>");
    CHECK(c.has("target"));
    CHECK(c.has("sharing"));
    CHECK(c.has("id"));
    CHECK_FALSE(c.has("type"));
    CHECK_FALSE(c.has("size"));
    CHECK(c.find("target")->newText == "target=");
    CHECK(c.find("target")->range == onLine(1, 23, 23));
  }
  SUBCASE("bind is the default type") {
    Completed c = completeAt("FROM debian\nRUN --mount=<|>");
    CHECK(c.has("type"));
    CHECK(c.has("rw"));
    CHECK(c.find("rw")->newText == "rw");
    CHECK_FALSE(c.has("sharing"));
  }
  SUBCASE("sharing values") {
    Completed c =
        completeAt("FROM debian\nRUN --mount=type=cache,sharing=<|>,target=/x");
    CHECK(c.labels() ==
          std::vector<std::string>{"shared", "private", "locked"});
    CHECK(c.find("locked")->range == onLine(1, 31, 31));
  }
  SUBCASE("stage names after from=") {
    Completed c =
        completeAt("FROM golang AS build\nFROM debian\nRUN --mount=from=<|>");
    CHECK(c.labels() == std::vector<std::string>{"build"});
  }
}

TEST_CASE("Completion offers earlier stages") {
  const char *stages =
      "FROM golang AS Build\n"
      "FROM debian\n"
      "FROM debian AS test\n";
  SUBCASE("after COPY --from=") {
    Completed c = completeAt(std::string(stages) + "COPY --from=<|>");
    CHECK(c.labels() == std::vector<std::string>{"Build", "1"});
    CHECK(c.find("Build")->kind == CompletionKind::Stage);
    CHECK(c.find("Build")->detail == "stage 0: FROM golang");
    CHECK(c.find("Build")->range == onLine(3, 12, 12));
  }
  SUBCASE("after FROM, with the images") {
    Completed c = completeAt(std::string(stages) + "FROM b<|>");
    CHECK(c.has("Build"));
    CHECK(c.has("test"));
    CHECK(c.has("scratch"));
    CHECK(c.find("Build")->range == onLine(3, 5, 6));
  }
  SUBCASE("not the stage itself or later ones") {
    Completed c =
        completeAt("FROM golang AS a\nCOPY --from=<|>\nFROM x AS b\n");
    CHECK(c.list.items.empty());
  }
}

TEST_CASE("Completion offers AS, CMD and NONE") {
  Completed as = completeAt("FROM debian <|>");
  CHECK(as.labels() == std::vector<std::string>{"AS"});
  Completed lower = completeAt("from debian a<|>");
  CHECK(lower.labels() == std::vector<std::string>{"as"});
  CHECK(lower.find("as")->range == onLine(0, 12, 13));
  Completed health = completeAt("FROM debian\nHEALTHCHECK --retries=3 <|>");
  CHECK(health.labels() == std::vector<std::string>{"CMD", "NONE"});
  CHECK(completeAt("FROM debian AS x <|>").list.items.empty());
}

TEST_CASE("Completion offers the variables in scope") {
  const char *text =
      "FROM debian AS base\n"
      "ARG VERSION=1.2\n"
      "ENV APP_HOME=/app\n"
      "RUN echo $<|>\n"
      "ENV LATER=1\n";
  Completed c = completeAt(text);
  REQUIRE(c.find("VERSION"));
  CHECK(c.find("VERSION")->kind == CompletionKind::Variable);
  CHECK(c.find("VERSION")->detail == "1.2");
  CHECK(c.find("VERSION")->documentation == "Set by ARG on line 2");
  CHECK(c.find("APP_HOME")->range == onLine(3, 10, 10));
  CHECK(c.find("APP_HOME")->newText == "APP_HOME");
  CHECK_FALSE(c.has("LATER"));
  CHECK_FALSE(c.has("TARGETPLATFORM"));

  SUBCASE("a partial name is replaced") {
    Completed partial =
        completeAt("FROM debian\nENV APP_HOME=/app\nWORKDIR $AP<|>P_HOME/x\n");
    CHECK(partial.find("APP_HOME")->range == onLine(2, 9, 17));
  }
  SUBCASE("braces are closed unless a '}' follows") {
    Completed open = completeAt("FROM debian\nENV APP=/a\nWORKDIR ${<|>");
    CHECK(open.find("APP")->newText == "APP}");
    CHECK(open.find("APP")->range == onLine(2, 10, 10));
    Completed closed = completeAt("FROM debian\nENV APP=/a\nWORKDIR ${A<|>}/x");
    CHECK(closed.find("APP")->newText == "APP");
  }
  SUBCASE("an escaped dollar sign is not a reference") {
    CHECK(
        completeAt("FROM debian\nENV A=1\nRUN echo \\$<|>").list.items.empty());
  }
  SUBCASE("another stage's variables are out of scope") {
    Completed other = completeAt(
        "FROM debian AS a\nENV ONLY_A=1\nFROM debian\nRUN echo $<|>");
    CHECK_FALSE(other.has("ONLY_A"));
  }
  SUBCASE("a stage based on another inherits its variables") {
    Completed child = completeAt(
        "FROM debian AS a\nARG FROM_ARG=2\nENV FROM_ENV=1\nFROM a\n"
        "RUN echo $<|>");
    REQUIRE(child.find("FROM_ENV"));
    CHECK(child.find("FROM_ENV")->documentation == "Set by from stage a");
    CHECK(child.has("FROM_ARG"));
  }
  SUBCASE("ENV wins over a later ARG of the same name") {
    Completed both =
        completeAt("FROM debian\nENV MODE=env\nARG MODE=arg\nRUN echo $<|>");
    CHECK(both.find("MODE")->detail == "env");
  }
  SUBCASE("a redeclared global ARG takes its default") {
    Completed redeclared =
        completeAt("ARG PY=3.12\nFROM debian\nARG PY\nRUN echo $<|>");
    CHECK(redeclared.find("PY")->detail == "3.12");
  }
}

TEST_CASE("Completion in FROM offers global and platform ARGs") {
  Completed c = completeAt("ARG BASE=debian\nARG TAG\nFROM ${<|>");
  REQUIRE(c.find("BASE"));
  CHECK(c.find("BASE")->detail == "debian");
  CHECK(c.find("TAG")->detail == "no default");
  CHECK(c.find("BASE")->newText == "BASE}");
  CHECK(c.has("TARGETPLATFORM"));
  CHECK(c.has("BUILDARCH"));

  SUBCASE("global ARGs are not in a stage's scope") {
    Completed stage = completeAt("ARG BASE=debian\nFROM debian\nRUN echo $<|>");
    CHECK_FALSE(stage.has("BASE"));
    CHECK_FALSE(stage.has("TARGETPLATFORM"));
  }
}

TEST_CASE("Completion in ARG offers names to declare") {
  Completed c = completeAt("ARG PY=3.12\nFROM debian\nARG <|>");
  REQUIRE(c.find("PY"));
  CHECK(c.find("PY")->detail == "global ARG, default 3.12");
  CHECK(c.has("TARGETARCH"));
  CHECK(c.has("HTTP_PROXY"));
  CHECK(completeAt("ARG PY=3.12\nFROM debian\nARG X=<|>").list.items.empty());
}

TEST_CASE("Completion offers base images from the catalog") {
  Completed c = completeAt("FROM pyth<|>");
  REQUIRE(c.find("python:3.12-slim"));
  CHECK(c.find("python:3.12-slim")->kind == CompletionKind::Image);
  CHECK(c.find("python:3.12-slim")->range == onLine(0, 5, 9));
  CHECK_FALSE(c.find("python:3.12-slim")->detail.empty());
  CHECK(c.has("scratch"));

  SUBCASE("after a colon only that image's tags") {
    Completed tags = completeAt("FROM python:<|> AS app");
    REQUIRE_FALSE(tags.list.items.empty());
    for (const CompletionItem &item : tags.list.items)
      CHECK(item.label.starts_with("python:"));
    CHECK(tags.find("python:3.12-slim")->range == onLine(0, 5, 12));
  }
}

TEST_CASE("Completion offers build context paths") {
  ScratchContext context;
  context.write("app/main.py", "");
  context.write("app/util/x.py", "");
  context.write("requirements.txt", "");
  context.write("secret.txt", "");
  context.write(".dockerignore", "secret.txt\n");

  Completed c = completeAt("FROM debian\nCOPY <|>", &context);
  REQUIRE(c.find("app/"));
  CHECK(c.find("app/")->kind == CompletionKind::Folder);
  CHECK(c.find("app/")->newText == "app/");
  CHECK(c.find("requirements.txt")->kind == CompletionKind::File);
  CHECK_FALSE(c.has("secret.txt"));
  CHECK_FALSE(c.list.incomplete);
  CHECK(c.find("app/")->sortText < c.find("requirements.txt")->sortText);

  SUBCASE("one folder down, without its subtree") {
    Completed sub = completeAt("FROM debian\nADD app/ma<|> /app/\n", &context);
    CHECK(sub.labels() == std::vector<std::string>{"main.py", "util/"});
    CHECK(sub.find("main.py")->range == onLine(1, 8, 10));
  }
  SUBCASE("a folder before a '/' gets no second one") {
    Completed mid =
        completeAt("FROM debian\nCOPY a<|>/main.py /app/\n", &context);
    CHECK(mid.find("app/")->newText == "app");
    CHECK(mid.find("app/")->range == onLine(1, 5, 6));
  }
  SUBCASE("a leading slash or ./ still reads the context") {
    CHECK(completeAt("FROM debian\nCOPY /app/<|>", &context).has("main.py"));
    CHECK(completeAt("FROM debian\nCOPY ./app/<|>", &context).has("util/"));
  }
  SUBCASE("exec form items") {
    CHECK(completeAt("FROM debian\nCOPY [\"app/<|>", &context).has("main.py"));
  }
  SUBCASE("nothing outside the context") {
    CHECK(completeAt("FROM debian\nCOPY ../<|>", &context).list.items.empty());
  }
  SUBCASE("nothing without a build context") {
    CHECK(completeAt("FROM debian\nCOPY <|>").list.items.empty());
  }
  SUBCASE("nothing for a URL") {
    CHECK(completeAt("FROM debian\nADD https://x/<|>", &context)
              .list.items.empty());
  }
}

TEST_CASE("Completion marks a long folder listing incomplete") {
  ScratchContext context;
  for (int i = 0; i < 501; ++i) context.write("many/f" + std::to_string(i), "");
  Completed c = completeAt("FROM debian\nCOPY many/<|>", &context);
  CHECK(c.list.items.size() == 500);
  CHECK(c.list.incomplete);
}

TEST_CASE("Completion offers a source stage's paths") {
  const char *text =
      "FROM debian AS build\n"
      "RUN mkdir -p /out/bin && touch /out/bin/tool\n"
      "FROM scratch\n";
  Completed c = completeAt(std::string(text) + "COPY --from=build /out/<|>");
  REQUIRE(c.find("bin/"));
  CHECK(c.find("bin/")->kind == CompletionKind::Folder);
  CHECK(c.find("bin/")->range == onLine(3, 23, 23));
  CHECK(c.find("bin/")->detail == "in build, made by RUN on line 2");

  Completed file =
      completeAt(std::string(text) + "COPY --from=build /out/bin/t<|> /t");
  CHECK(file.labels() == std::vector<std::string>{"tool"});

  SUBCASE("the base image's known folders") {
    Completed root = completeAt(std::string(text) + "COPY --from=build /<|>");
    CHECK(root.has("out/"));
    CHECK(root.has("usr/"));
  }
  SUBCASE("nothing from an image") {
    CHECK(
        completeAt("FROM scratch\nCOPY --from=debian /<|>").list.items.empty());
  }
}

TEST_CASE("Completion returns nothing where nothing fits") {
  SUBCASE("a comment line") {
    CHECK(completeAt("FROM debian\n# RU<|>").list.items.empty());
  }
  SUBCASE("a heredoc body") {
    CHECK(completeAt("FROM debian\nRUN <<EOF\n$<|>\nEOF\n").list.items.empty());
  }
  SUBCASE("before the keyword") {
    CHECK(completeAt("FROM debian\n<|>  RUN x").list.items.empty());
  }
  SUBCASE("a continuation line of RUN") {
    CHECK(completeAt("FROM debian\nRUN echo \\\n  <|>").list.items.empty());
    CHECK(completeAt("FROM debian\nRUN echo \\\n\n<|>").list.items.empty());
  }
}

TEST_CASE("Completion survives positions and half-typed lines") {
  SUBCASE("a column past the end of the line is clamped") {
    Engine engine;
    Document &document = engine.open("t", "", "FROM debian\nRU\n", 1);
    CompletionList list = engine.completion(document, {1, 999});
    REQUIRE_FALSE(list.items.empty());
    CHECK(list.items.front().range == onLine(1, 0, 2));
  }
  SUBCASE("a line past the end gives nothing") {
    ParsedFile file;
    TextDocument text("FROM debian\n");
    BuildModel model;
    CHECK(computeCompletion(file, text, model, nullptr, {7, 0}).items.empty());
  }
  SUBCASE("a model that does not match the parse") {
    TextDocument text("FROM a AS x\nCOPY --from=\n");
    ParsedFile file = parse(text);
    BuildModel empty;
    CHECK(computeCompletion(file, text, empty, nullptr, {1, 12}).items.empty());
    CHECK_FALSE(
        computeCompletion(file, text, empty, nullptr, {1, 6}).items.empty());
  }
  SUBCASE("a keyword split by a continuation") {
    Completed first = completeAt("FROM debian\nRU<|>\\\nN echo\n");
    REQUIRE(first.find("RUN"));
    CHECK(first.find("RUN")->range == onLine(1, 0, 2));
    Completed second = completeAt("FROM debian\nRU\\\nN<|> echo\n");
    REQUIRE(second.find("RUN"));
    CHECK(second.find("RUN")->range == onLine(2, 0, 1));
  }
  SUBCASE("a CRLF line") {
    Completed c = completeAt("FROM debian\r\nRUN --network=<|>\r\n");
    CHECK(c.find("host")->range == onLine(1, 14, 14));
  }
}

// Every item's range lies on the cursor's line and contains the cursor,
// as LSP requires, at every position of a file with many contexts.
TEST_CASE("Completion ranges contain the cursor everywhere") {
  ScratchContext context;
  context.write("src/app.py", "");
  std::string text =
      "# syntax=docker/dockerfile:1\n"
      "ARG BASE=python:3.12-slim\n"
      "FROM --platform=$BUILDPLATFORM ${BASE} AS build\n"
      "ENV HOME_DIR=/opt/é\n"
      "RUN --mount=type=cache,target=/root/.cache pip install x && \\\n"
      "    echo \"$HOME_DIR\"\n"
      "COPY --chown=1:1 src/ /app/\n"
      "ONBUILD COPY --from=build /app /app\n"
      "HEALTHCHECK --interval=5s CMD true\n"
      "FROM scratch\n"
      "COPY --from=build /app/ /\n"
      "RUN <<EOF\n"
      "echo ${HOME_DIR}\n"
      "EOF\n";
  Engine engine;
  Document &document = engine.open("t", context.dockerfile(), text, 1);
  const TextDocument &lines = document.text();
  for (uint32_t line = 0; line < lines.lineCount(); ++line) {
    for (uint32_t column = 0; column <= lines.line(line).size(); ++column) {
      Position at = lines.clamp({line, column});
      for (const CompletionItem &item : engine.completion(document, at).items) {
        INFO("at ", at, " item ", item.label, " range ", item.range);
        CHECK(item.range.start.line == line);
        CHECK(item.range.end.line == line);
        CHECK(item.range.touches(at));
      }
    }
  }
}
