#include <doctest/doctest.h>

#include "dockpath/syntax/parser.h"

using namespace dockpath;

namespace {

Range range(uint32_t l1, uint32_t c1, uint32_t l2, uint32_t c2) {
  return {{l1, c1}, {l2, c2}};
}

// The single error of text; fails the test when there is not exactly one.
Diagnostic onlyError(std::string_view text) {
  ParsedFile f = parse(TextDocument(text));
  REQUIRE(f.errors.size() == 1);
  CHECK(f.errors[0].code == "syntax");
  CHECK(f.errors[0].severity == Severity::Error);
  return f.errors[0];
}

}  // namespace

TEST_CASE("parser error unknown instruction") {
  SUBCASE("close misspelling gets a suggestion") {
    Diagnostic e = onlyError("FROM a\nRUNN echo");
    CHECK(e.range == range(1, 0, 1, 4));
    CHECK(e.message == "unknown instruction 'RUNN': did you mean RUN?");
  }
  SUBCASE("no close keyword") {
    Diagnostic e = onlyError("xyzzyplugh a");
    CHECK(e.message ==
          "unknown instruction 'xyzzyplugh': an instruction starts with a "
          "keyword such as FROM, RUN or COPY");
  }
}

TEST_CASE("parser error missing arguments") {
  SUBCASE("FROM without an image") {
    Diagnostic e = onlyError("FROM");
    CHECK(e.range == range(0, 0, 0, 4));
    CHECK(e.message == "FROM requires an image name, as in FROM alpine:3.20");
  }
  SUBCASE("FROM with two arguments") {
    Diagnostic e = onlyError("FROM a b");
    CHECK(e.range == range(0, 5, 0, 8));
    CHECK(e.message ==
          "FROM takes an image and an optional 'AS name', as in FROM "
          "golang:1.22 AS build; found 2 arguments");
  }
  SUBCASE("FROM with an invalid stage name") {
    Diagnostic e = onlyError("FROM a AS 1st");
    CHECK(e.range == range(0, 10, 0, 13));
    CHECK(e.message ==
          "invalid stage name '1st': start with a letter and use only "
          "letters, digits, '-', '_' and '.'");
  }
  SUBCASE("COPY with one argument") {
    Diagnostic e = onlyError("COPY --from=x a");
    CHECK(e.range == range(0, 14, 0, 15));
    CHECK(e.message ==
          "COPY requires at least two arguments, one or more sources and a "
          "destination, as in COPY src /dest/");
  }
  SUBCASE("ADD with none") {
    Diagnostic e = onlyError("ADD");
    CHECK(e.range == range(0, 0, 0, 3));
  }
  SUBCASE("COPY with a heredoc as destination") {
    Diagnostic e = onlyError("COPY a <<EOF\nx\nEOF");
    CHECK(e.range == range(0, 7, 0, 12));
    CHECK(e.message ==
          "COPY cannot use a heredoc as the destination: put the "
          "destination path last");
  }
  SUBCASE("ENV, LABEL and ARG without arguments") {
    CHECK(onlyError("ENV").message ==
          "ENV requires at least one argument, as in ENV NAME=value");
    CHECK(onlyError("LABEL  ").message ==
          "LABEL requires at least one argument, as in LABEL NAME=value");
    CHECK(onlyError("ARG").message ==
          "ARG requires at least one argument, as in ARG NAME or ARG "
          "NAME=default");
  }
  SUBCASE("legacy ENV without a value") {
    Diagnostic e = onlyError("ENV NAME");
    CHECK(e.range == range(0, 4, 0, 8));
    CHECK(e.message == "ENV NAME is missing a value: write ENV NAME=value");
  }
  SUBCASE("ENV item without '='") {
    Diagnostic e = onlyError("ENV A=1 B");
    CHECK(e.range == range(0, 8, 0, 9));
    CHECK(e.message == "missing '=' in 'B': ENV items must be NAME=value");
  }
  SUBCASE("empty name") {
    Diagnostic e = onlyError("ARG =1");
    CHECK(e.range == range(0, 4, 0, 6));
    CHECK(e.message == "ARG has an empty name before '=': write NAME=value");
  }
  SUBCASE("single-argument instructions") {
    CHECK(onlyError("WORKDIR").message ==
          "WORKDIR requires exactly one argument, as in WORKDIR /app");
    CHECK(onlyError("USER").message ==
          "USER requires exactly one argument, as in USER app:app");
    CHECK(onlyError("EXPOSE").message ==
          "EXPOSE requires at least one port, as in EXPOSE 8080/tcp");
    CHECK(onlyError("VOLUME").message ==
          "VOLUME requires at least one argument, as in VOLUME /data");
    CHECK(onlyError("STOPSIGNAL").message ==
          "STOPSIGNAL requires exactly one argument, as in STOPSIGNAL "
          "SIGTERM");
  }
  SUBCASE("SHELL needs the exec form") {
    Diagnostic e = onlyError("SHELL /bin/bash -c");
    CHECK(e.range == range(0, 6, 0, 18));
    CHECK(e.message ==
          "SHELL requires the JSON exec form, as in SHELL [\"/bin/bash\", "
          "\"-c\"]");
  }
  SUBCASE("exec form with a non-string item") {
    Diagnostic e = onlyError("CMD [\"sleep\", 10]");
    CHECK(e.range == range(0, 14, 0, 15));
    CHECK(e.message ==
          "exec form items must be JSON strings: quote the item, as in "
          "[\"sleep\", \"10\"]");
  }
}

TEST_CASE("parser error ONBUILD and HEALTHCHECK") {
  CHECK(onlyError("ONBUILD").message ==
        "ONBUILD requires an instruction, as in ONBUILD COPY . /app");
  Diagnostic chained = onlyError("ONBUILD ONBUILD RUN x");
  CHECK(chained.range == range(0, 8, 0, 15));
  CHECK(chained.message ==
        "ONBUILD ONBUILD is not allowed: give the trigger instruction "
        "directly");
  CHECK(onlyError("ONBUILD from a").message ==
        "FROM is not allowed as an ONBUILD trigger");
  CHECK(onlyError("HEALTHCHECK").message ==
        "HEALTHCHECK requires an argument: CMD followed by a command, or "
        "NONE");
  Diagnostic none = onlyError("HEALTHCHECK NONE x");
  CHECK(none.range == range(0, 17, 0, 18));
  CHECK(none.message == "HEALTHCHECK NONE takes no arguments: remove them");
  Diagnostic type = onlyError("HEALTHCHECK CMDX curl");
  CHECK(type.range == range(0, 12, 0, 16));
  CHECK(type.message ==
        "unknown HEALTHCHECK type 'CMDX': use CMD followed by a command, or "
        "NONE");
  CHECK(onlyError("HEALTHCHECK CMD").message ==
        "HEALTHCHECK CMD is missing a command, as in HEALTHCHECK CMD curl "
        "-f http://localhost/");
}

TEST_CASE("parser error flags") {
  SUBCASE("unknown flag") {
    Diagnostic e = onlyError("COPY --form=b a c");
    CHECK(e.range == range(0, 5, 0, 13));
    CHECK(e.message ==
          "unknown flag --form for COPY: expected one of --from, --chown, "
          "--chmod, --link, --parents, --exclude");
  }
  SUBCASE("flag on an instruction without flags") {
    Diagnostic e = onlyError("WORKDIR --x /a");
    CHECK(e.message == "unknown flag --x for WORKDIR: WORKDIR takes no flags");
  }
  SUBCASE("missing value") {
    Diagnostic e = onlyError("COPY --from a b");
    CHECK(e.range == range(0, 5, 0, 11));
    CHECK(e.message == "flag --from is missing a value: write --from=VALUE");
  }
  SUBCASE("invalid boolean") {
    Diagnostic e = onlyError("COPY --link=yes a b");
    CHECK(e.range == range(0, 12, 0, 15));
    CHECK(e.message ==
          "invalid value 'yes' for flag --link: use true or false, or leave "
          "out '=' and the value");
  }
  SUBCASE("empty name") {
    Diagnostic e = onlyError("RUN --=x a");
    CHECK(e.range == range(0, 4, 0, 8));
    CHECK(e.message == "flag name is missing after '--': write --name=value");
  }
  SUBCASE("duplicate flag") {
    Diagnostic e = onlyError("FROM --platform=a --platform=b img");
    CHECK(e.range == range(0, 18, 0, 30));
    CHECK(e.message ==
          "flag --platform is given more than once in FROM: keep one");
  }
  SUBCASE("repeatable flags") {
    ParsedFile f = parse(TextDocument("RUN --mount=a --mount=b x"));
    CHECK(f.errors.empty());
  }
}

TEST_CASE("parser error heredocs and directives") {
  SUBCASE("unterminated heredoc") {
    Diagnostic e = onlyError("FROM a\nRUN <<EOF\necho hi\n");
    CHECK(e.range == range(1, 4, 1, 9));
    CHECK(e.message ==
          "unterminated heredoc: end it with a line that contains only EOF");
    ParsedFile f = parse(TextDocument("FROM a\nRUN <<EOF\necho hi\n"));
    const Heredoc &h = f.instructions[1].heredocs[0];
    CHECK_FALSE(h.terminated);
    CHECK(h.body == "echo hi\n");
    CHECK(h.bodyRange == range(2, 0, 3, 0));
    CHECK(f.instructions[1].range == range(1, 0, 3, 0));
  }
  SUBCASE("invalid escape directive") {
    Diagnostic e = onlyError("# escape=x\nFROM a");
    CHECK(e.range == range(0, 9, 0, 10));
    CHECK(e.message ==
          "invalid escape directive value 'x': use \\ (the default) or `");
  }
  SUBCASE("duplicate directive") {
    Diagnostic e = onlyError("# escape=`\n# escape=\\\nFROM a");
    CHECK(e.range == range(1, 0, 1, 10));
    CHECK(e.message ==
          "only one escape parser directive can be used: remove this one or "
          "the earlier one");
    ParsedFile f = parse(TextDocument("# escape=`\n# escape=\\\nFROM a"));
    CHECK(f.escape == '`');
  }
}

TEST_CASE("parser errors are in document order") {
  ParsedFile f = parse(TextDocument("FOO\nCOPY a\nBAR\n"));
  REQUIRE(f.errors.size() == 3);
  CHECK(f.errors[0].range.start.line == 0);
  CHECK(f.errors[1].range.start.line == 1);
  CHECK(f.errors[2].range.start.line == 2);
}

TEST_CASE("parser accepts BuildKit's stage names, in any case") {
  for (std::string name : {"a", "Build", "a.b_c-d", "x1", "z-"}) {
    CAPTURE(name);
    CHECK(parse(TextDocument("FROM a AS " + name)).errors.empty());
  }
  for (std::string name : {"1st", "-a", "_a", ".a", "a/b", "a:b", "a$b"}) {
    CAPTURE(name);
    CHECK(parse(TextDocument("FROM a AS " + name)).errors.size() == 1);
  }
}

TEST_CASE("structureErrors follows BuildKit's order of instructions") {
  auto errorsOf = [](std::string_view text) {
    return structureErrors(parse(TextDocument(text)));
  };
  SUBCASE("ARG, comments and directives may come before FROM") {
    CHECK(errorsOf("# syntax=docker/dockerfile:1\nARG A=1\n# c\nFROM a\n"
                   "RUN b\n")
              .empty());
  }
  SUBCASE("any other instruction before FROM") {
    auto errors = errorsOf("ARG A\nLABEL x=y\nENV a=b\nFROM a\nRUN b\n");
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].code == "syntax");
    CHECK(errors[0].range == range(1, 0, 1, 5));
    CHECK(errors[0].message ==
          "LABEL before the first FROM: only ARG may come before FROM, "
          "because no build stage has started. Move it below a FROM.");
    CHECK(errors[1].range == range(2, 0, 2, 3));
  }
  SUBCASE("no FROM") {
    auto errors = errorsOf("ARG A=1\n");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].range == range(0, 0, 0, 3));
    CHECK(errors[0].message.starts_with("the Dockerfile has no FROM"));
    CHECK(errorsOf("RUN x\n").size() == 1);
  }
  SUBCASE("no instructions") {
    for (std::string text : {"", "\n\n", "# only a comment\n"}) {
      auto errors = errorsOf(text);
      REQUIRE(errors.size() == 1);
      CHECK(errors[0].range == range(0, 0, 0, 0));
      CHECK(errors[0].message.starts_with("the Dockerfile has no instructions"));
    }
  }
}
