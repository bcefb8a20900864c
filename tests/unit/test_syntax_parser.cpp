#include <doctest/doctest.h>

#include "dockpath/syntax/parser.h"

using namespace dockpath;

namespace {

ParsedFile parseText(std::string_view text) {
  return parse(TextDocument(text));
}

Range range(uint32_t l1, uint32_t c1, uint32_t l2, uint32_t c2) {
  return {{l1, c1}, {l2, c2}};
}

}  // namespace

TEST_CASE("parser keywords and ranges") {
  ParsedFile f = parseText("from alpine:3.20\n  run   echo hi  \n");
  REQUIRE(f.instructions.size() == 2);
  CHECK(f.errors.empty());
  const Instruction &from = f.instructions[0];
  CHECK(from.kind == InstructionKind::From);
  CHECK(from.keyword == "from");
  CHECK(from.keywordRange == range(0, 0, 0, 4));
  CHECK(from.range == range(0, 0, 0, 16));
  CHECK(from.argText == "alpine:3.20");
  CHECK(from.argRange == range(0, 5, 0, 16));
  const Instruction &run = f.instructions[1];
  CHECK(run.kind == InstructionKind::Run);
  CHECK(run.keywordRange == range(1, 2, 1, 5));
  CHECK(run.argText == "echo hi");
  CHECK(run.argRange == range(1, 8, 1, 15));
  REQUIRE(run.args.size() == 2);
  CHECK(run.args[1].range == range(1, 13, 1, 15));
  CHECK(f.instructionAt(1) == &run);
  CHECK(f.instructionAt(2) == nullptr);
}

TEST_CASE("parser directives") {
  SUBCASE("syntax, escape and check at the top") {
    ParsedFile f = parseText(
        "# syntax=docker/dockerfile:1\n#ESCAPE = `\n# check=skip=all\n"
        "FROM a");
    REQUIRE(f.directives.size() == 3);
    CHECK(f.directives[0].name == "syntax");
    CHECK(f.directives[0].value == "docker/dockerfile:1");
    CHECK(f.directives[0].valueRange == range(0, 9, 0, 28));
    CHECK(f.directives[1].name == "escape");
    CHECK(f.directives[1].range == range(1, 0, 1, 11));
    CHECK(f.escape == '`');
    CHECK(f.directive("check")->value == "skip=all");
    CHECK(f.comments.empty());
    CHECK(f.errors.empty());
  }
  SUBCASE("a blank line ends the directives") {
    ParsedFile f = parseText("\n# escape=`\nFROM a");
    CHECK(f.directives.empty());
    CHECK(f.escape == '\\');
    REQUIRE(f.comments.size() == 1);
    CHECK(f.comments[0].text == "escape=`");
  }
  SUBCASE("an ordinary comment ends the directives") {
    ParsedFile f = parseText("# hello\n# escape=`\nFROM a");
    CHECK(f.directives.empty());
    CHECK(f.comments.size() == 2);
  }
  SUBCASE("an unknown directive name ends the directives") {
    ParsedFile f = parseText("# foo=bar\n# escape=`\nFROM a");
    CHECK(f.directives.empty());
    CHECK(f.escape == '\\');
  }
  SUBCASE("after an instruction it is a comment") {
    ParsedFile f = parseText("FROM a\n# escape=`\n");
    CHECK(f.directives.empty());
    CHECK(f.comments.size() == 1);
  }
  SUBCASE("a byte order mark before the first directive") {
    ParsedFile f = parseText("\xEF\xBB\xBF# escape=`\nFROM a");
    REQUIRE(f.directives.size() == 1);
    CHECK(f.directives[0].range == range(0, 3, 0, 13));
    CHECK(f.escape == '`');
  }
}

TEST_CASE("parser comments") {
  ParsedFile f = parseText("FROM a\n  #   indented note\r\n#x\n");
  REQUIRE(f.comments.size() == 2);
  CHECK(f.comments[0].text == "indented note");
  CHECK(f.comments[0].range == range(1, 2, 1, 19));
  CHECK(f.comments[1].text == "x");
}

TEST_CASE("parser continuation lines") {
  SUBCASE("backslash joins lines and keeps positions") {
    ParsedFile f = parseText("RUN apt-get update \\\n    && apt-get install x");
    REQUIRE(f.instructions.size() == 1);
    const Instruction &run = f.instructions[0];
    CHECK(run.argText == "apt-get update     && apt-get install x");
    CHECK(run.range == range(0, 0, 1, 24));
    CHECK(run.argRange == range(0, 4, 1, 24));
    REQUIRE(run.segments.size() == 2);
    CHECK(run.segments[1].offset == 15);
    CHECK(run.segments[1].start == Position{1, 0});
    CHECK(run.positionOf(0) == Position{0, 4});
    CHECK(run.positionOf(14) == Position{0, 18});
    CHECK(run.positionOf(19) == Position{1, 4});
    CHECK(run.positionOf(1000) == Position{1, 24});
    REQUIRE(run.args.size() == 6);
    CHECK(run.args[2].text == "&&");
    CHECK(run.args[2].range == range(1, 4, 1, 6));
  }
  SUBCASE("white space after the escape still continues") {
    ParsedFile f = parseText("RUN a \\  \t\nb");
    REQUIRE(f.instructions.size() == 1);
    CHECK(f.instructions[0].argText == "a b");
  }
  SUBCASE("comment and empty lines inside a continuation are skipped") {
    ParsedFile f = parseText("RUN a \\\n# note\n\n   \n  b\nUSER x");
    REQUIRE(f.instructions.size() == 2);
    CHECK(f.instructions[0].argText == "a   b");
    CHECK(f.instructions[0].range == range(0, 0, 4, 3));
    REQUIRE(f.comments.size() == 1);
    CHECK(f.comments[0].range == range(1, 0, 1, 6));
    CHECK(f.instructions[1].firstLine() == 5);
  }
  SUBCASE("an escaped escape character does not continue") {
    ParsedFile f = parseText("RUN echo \\\\\nUSER x");
    REQUIRE(f.instructions.size() == 2);
    CHECK(f.instructions[0].argText == "echo \\\\");
  }
  SUBCASE("CRLF line ends") {
    ParsedFile f = parseText("RUN a \\\r\n  b\r\nUSER x\r\n");
    REQUIRE(f.instructions.size() == 2);
    CHECK(f.instructions[0].argText == "a   b");
    CHECK(f.instructions[0].range == range(0, 0, 1, 3));
    CHECK(f.instructions[1].argText == "x");
    CHECK(f.instructions[1].range == range(2, 0, 2, 6));
  }
  SUBCASE("backtick escape") {
    ParsedFile f = parseText(
        "# escape=`\nFROM mcr.microsoft.com/windows\n"
        "RUN dir C:\\ `\n  && echo done");
    REQUIRE(f.instructions.size() == 2);
    CHECK(f.instructions[1].argText == "dir C:\\   && echo done");
  }
  SUBCASE("a lone escape at the end of the file") {
    ParsedFile f = parseText("RUN a \\");
    REQUIRE(f.instructions.size() == 1);
    CHECK(f.instructions[0].argText == "a");
    CHECK(f.instructions[0].range == range(0, 0, 0, 7));
  }
  SUBCASE("a keyword split by a continuation") {
    ParsedFile f = parseText("RU\\\nN x");
    REQUIRE(f.instructions.size() == 1);
    CHECK(f.instructions[0].kind == InstructionKind::Run);
    CHECK(f.instructions[0].keywordRange == range(0, 0, 1, 1));
  }
}

TEST_CASE("parser flags") {
  SUBCASE("COPY flags with and without values") {
    ParsedFile f = parseText("COPY --from=build --link --chmod=0755 a b");
    REQUIRE(f.instructions.size() == 1);
    CHECK(f.errors.empty());
    const Instruction &copy = f.instructions[0];
    REQUIRE(copy.flags.size() == 3);
    const Flag *from = copy.flag("from");
    REQUIRE(from != nullptr);
    CHECK(*from->value == "build");
    CHECK(from->range == range(0, 5, 0, 17));
    CHECK(from->nameRange == range(0, 7, 0, 11));
    CHECK(from->valueRange == range(0, 12, 0, 17));
    const Flag *link = copy.flag("link");
    REQUIRE(link != nullptr);
    CHECK_FALSE(link->value.has_value());
    CHECK(link->valueRange == range(0, 24, 0, 24));
    CHECK(copy.argText == "a b");
    CHECK(copy.flag("chown") == nullptr);
  }
  SUBCASE("quoted flag value") {
    ParsedFile f = parseText("RUN --mount=\"type=cache,target=/a b\" make");
    REQUIRE(f.instructions.size() == 1);
    CHECK(*f.instructions[0].flag("mount")->value == "type=cache,target=/a b");
    CHECK(f.instructions[0].argText == "make");
  }
  SUBCASE("RUN flags") {
    ParsedFile f = parseText(
        "RUN --mount=type=secret,id=x --mount=type=ssh --network=none "
        "--security=insecure true");
    CHECK(f.errors.empty());
    CHECK(f.instructions[0].flags.size() == 4);
  }
  SUBCASE("FROM --platform and ADD flags") {
    ParsedFile f = parseText(
        "FROM --platform=linux/amd64 a\n"
        "ADD --checksum=sha256:abc --keep-git-dir=true --chown=1:1 u /d\n"
        "COPY --parents --exclude=*.md --exclude=*.txt . /src\n");
    CHECK(f.errors.empty());
    CHECK(*f.instructions[0].flag("platform")->value == "linux/amd64");
    CHECK(f.instructions[1].flags.size() == 3);
    CHECK(f.instructions[2].flags.size() == 3);
  }
  SUBCASE("a double dash ends the flags") {
    ParsedFile f = parseText("RUN -- --not-a-flag");
    CHECK(f.instructions[0].flags.empty());
    CHECK(f.instructions[0].argText == "--not-a-flag");
  }
  SUBCASE("flags split over continuation lines") {
    ParsedFile f = parseText("COPY \\\n  --from=b \\\n  x y");
    const Flag *from = f.instructions[0].flag("from");
    REQUIRE(from != nullptr);
    CHECK(from->range == range(1, 2, 1, 10));
    CHECK(f.instructions[0].argRange == range(2, 2, 2, 5));
  }
}

TEST_CASE("parser exec form") {
  SUBCASE("JSON array of strings") {
    ParsedFile f = parseText("CMD [\"echo\", \"a \\\"b\\\"\", \"\\u00e9\"]");
    const Instruction &cmd = f.instructions[0];
    CHECK(cmd.execForm);
    REQUIRE(cmd.args.size() == 3);
    CHECK(cmd.args[0].text == "\"echo\"");
    CHECK(cmd.args[0].value == "echo");
    CHECK(cmd.args[0].range == range(0, 5, 0, 11));
    CHECK(cmd.args[1].value == "a \"b\"");
    CHECK(cmd.args[2].value == "\xC3\xA9");
  }
  SUBCASE("invalid JSON falls back to the shell form") {
    ParsedFile f = parseText("ENTRYPOINT [\"a\", 'b']");
    const Instruction &e = f.instructions[0];
    CHECK_FALSE(e.execForm);
    REQUIRE(e.args.size() == 2);
    CHECK(e.args[0].text == "[\"a\",");
    CHECK(f.errors.empty());
  }
  SUBCASE("trailing text after the array is the shell form") {
    ParsedFile f = parseText("RUN [\"a\"] b");
    CHECK_FALSE(f.instructions[0].execForm);
  }
  SUBCASE("empty array") {
    ParsedFile f = parseText("CMD []");
    CHECK(f.instructions[0].execForm);
    CHECK(f.instructions[0].args.empty());
  }
  SUBCASE("COPY, ADD, VOLUME and SHELL accept it") {
    ParsedFile f = parseText(
        "COPY [\"a b\", \"/c\"]\nADD [\"x\", \"/y\"]\nVOLUME [\"/data\"]\n"
        "SHELL [\"pwsh\", \"-c\"]\n");
    CHECK(f.errors.empty());
    for (const Instruction &i : f.instructions) CHECK(i.execForm);
    CHECK(f.instructions[0].args[0].value == "a b");
  }
  SUBCASE("exec form over continuation lines") {
    ParsedFile f = parseText("CMD [\"a\", \\\n     \"b\"]");
    const Instruction &cmd = f.instructions[0];
    CHECK(cmd.execForm);
    REQUIRE(cmd.args.size() == 2);
    CHECK(cmd.args[1].range == range(1, 5, 1, 8));
  }
}

TEST_CASE("parser shell-form words") {
  ParsedFile f = parseText("RUN echo \"a b\" 'c  d' e\\ f $HOME \"x\\\"y\"");
  const Instruction &run = f.instructions[0];
  REQUIRE(run.args.size() == 6);
  CHECK(run.args[1].text == "\"a b\"");
  CHECK(run.args[1].value == "a b");
  CHECK(run.args[1].range == range(0, 9, 0, 14));
  CHECK(run.args[2].value == "c  d");
  CHECK(run.args[3].text == "e\\ f");
  CHECK(run.args[3].value == "e f");
  CHECK(run.args[4].value == "$HOME");
  CHECK(run.args[5].value == "x\"y");
}

TEST_CASE("parser ENV, ARG and LABEL pairs") {
  SUBCASE("several key=value pairs with quotes") {
    ParsedFile f = parseText("ENV A=1 B=\"two words\" C='x y' D=");
    const Instruction &env = f.instructions[0];
    REQUIRE(env.pairs.size() == 4);
    CHECK(env.pairs[0].key.text == "A");
    CHECK(env.pairs[0].key.range == range(0, 4, 0, 5));
    CHECK(env.pairs[0].value->range == range(0, 6, 0, 7));
    CHECK(env.pairs[0].range == range(0, 4, 0, 7));
    CHECK(env.pairs[1].value->text == "\"two words\"");
    CHECK(env.pairs[1].value->value == "two words");
    CHECK(env.pairs[2].value->value == "x y");
    CHECK(env.pairs[3].value->value == "");
    CHECK_FALSE(env.pairs[0].legacyForm);
    CHECK(f.errors.empty());
  }
  SUBCASE("legacy form takes the rest of the line") {
    ParsedFile f = parseText("ENV PATH /usr/local/bin:$PATH  more");
    const Instruction &env = f.instructions[0];
    REQUIRE(env.pairs.size() == 1);
    CHECK(env.pairs[0].legacyForm);
    CHECK(env.pairs[0].key.text == "PATH");
    CHECK(env.pairs[0].value->text == "/usr/local/bin:$PATH  more");
    CHECK(env.pairs[0].value->range == range(0, 9, 0, 35));
    CHECK(env.pairs[0].range == range(0, 4, 0, 35));
  }
  SUBCASE("LABEL pairs") {
    ParsedFile f = parseText(
        "LABEL org.opencontainers.image.title=\"My app\" version=1.0");
    REQUIRE(f.instructions[0].pairs.size() == 2);
    CHECK(f.instructions[0].pairs[0].value->value == "My app");
  }
  SUBCASE("ARG with and without defaults") {
    ParsedFile f = parseText("ARG VERSION\nARG A=1 B C=\"x\"");
    REQUIRE(f.instructions[0].pairs.size() == 1);
    CHECK_FALSE(f.instructions[0].pairs[0].value.has_value());
    REQUIRE(f.instructions[1].pairs.size() == 3);
    CHECK(f.instructions[1].pairs[0].value->value == "1");
    CHECK_FALSE(f.instructions[1].pairs[1].value.has_value());
    CHECK(f.instructions[1].pairs[2].value->value == "x");
    CHECK(f.errors.empty());
  }
  SUBCASE("pairs across continuation lines") {
    ParsedFile f = parseText("ENV A=1 \\\n    B=2");
    REQUIRE(f.instructions[0].pairs.size() == 2);
    CHECK(f.instructions[0].pairs[1].range == range(1, 4, 1, 7));
  }
}

TEST_CASE("parser heredocs") {
  SUBCASE("RUN with one heredoc") {
    ParsedFile f = parseText("RUN <<EOF\necho a\necho b\nEOF\nUSER x");
    REQUIRE(f.instructions.size() == 2);
    const Instruction &run = f.instructions[0];
    REQUIRE(run.heredocs.size() == 1);
    const Heredoc &h = run.heredocs[0];
    CHECK(h.delimiter == "EOF");
    CHECK_FALSE(h.quoted);
    CHECK_FALSE(h.stripTabs);
    CHECK(h.body == "echo a\necho b");
    CHECK(h.markerRange == range(0, 4, 0, 9));
    CHECK(h.bodyRange == range(1, 0, 3, 3));
    CHECK(h.terminated);
    CHECK(run.range == range(0, 0, 3, 3));
    CHECK(f.instructions[1].firstLine() == 4);
    CHECK(f.errors.empty());
  }
  SUBCASE("quoted delimiters and tab stripping") {
    ParsedFile f = parseText("COPY <<-\"A\" <<'B' /dst/\n\tone\n\tA\ntwo\nB\n");
    const Instruction &copy = f.instructions[0];
    REQUIRE(copy.heredocs.size() == 2);
    CHECK(copy.heredocs[0].delimiter == "A");
    CHECK(copy.heredocs[0].quoted);
    CHECK(copy.heredocs[0].stripTabs);
    CHECK(copy.heredocs[0].body == "one");
    CHECK(copy.heredocs[0].bodyRange == range(1, 0, 2, 2));
    CHECK(copy.heredocs[1].delimiter == "B");
    CHECK(copy.heredocs[1].body == "two");
    CHECK(copy.heredocs[1].bodyRange == range(3, 0, 4, 1));
    CHECK(copy.range == range(0, 0, 4, 1));
    CHECK(f.errors.empty());
  }
  SUBCASE("a heredoc body looks like instructions but is not") {
    ParsedFile f = parseText("RUN <<EOF\nFROM x\n# no comment\nEOF");
    CHECK(f.instructions.size() == 1);
    CHECK(f.comments.empty());
  }
  SUBCASE("heredoc with a command after it and a file descriptor") {
    ParsedFile f = parseText("RUN python3 3<<EOF >out\nprint(1)\nEOF");
    REQUIRE(f.instructions[0].heredocs.size() == 1);
    CHECK(f.instructions[0].heredocs[0].body == "print(1)");
  }
  SUBCASE("CRLF body") {
    ParsedFile f = parseText("RUN <<EOF\r\na\r\nEOF\r\n");
    REQUIRE(f.instructions[0].heredocs.size() == 1);
    CHECK(f.instructions[0].heredocs[0].body == "a");
    CHECK(f.instructions[0].heredocs[0].terminated);
  }
  SUBCASE("exec form has no heredocs") {
    ParsedFile f = parseText("RUN [\"<<EOF\"]\nEOF");
    CHECK(f.instructions[0].heredocs.empty());
    CHECK(f.instructions.size() == 2);
  }
  SUBCASE("ONBUILD trigger with a heredoc") {
    ParsedFile f = parseText("ONBUILD RUN <<EOF\nls\nEOF\n");
    REQUIRE(f.instructions.size() == 1);
    REQUIRE(f.instructions[0].heredocs.size() == 1);
    REQUIRE(f.instructions[0].trigger != nullptr);
    CHECK(f.instructions[0].trigger->heredocs.size() == 1);
    CHECK(f.instructions[0].range == range(0, 0, 2, 3));
  }
}

TEST_CASE("parser ONBUILD and HEALTHCHECK") {
  SUBCASE("ONBUILD trigger") {
    ParsedFile f = parseText("ONBUILD COPY --chown=1 . /app");
    const Instruction &onbuild = f.instructions[0];
    REQUIRE(onbuild.trigger != nullptr);
    CHECK(onbuild.trigger->kind == InstructionKind::Copy);
    CHECK(onbuild.trigger->keywordRange == range(0, 8, 0, 12));
    CHECK(onbuild.trigger->flag("chown") != nullptr);
    CHECK(onbuild.trigger->args.size() == 2);
    CHECK(f.errors.empty());
  }
  SUBCASE("HEALTHCHECK CMD shell and exec form") {
    ParsedFile f = parseText(
        "HEALTHCHECK --interval=30s --retries=3 CMD curl -f http://h/\n"
        "HEALTHCHECK CMD [\"curl\", \"-f\"]\nHEALTHCHECK NONE\n");
    CHECK(f.errors.empty());
    const Instruction &shell = f.instructions[0];
    REQUIRE(shell.args.size() == 4);
    CHECK(shell.args[0].text == "CMD");
    CHECK_FALSE(shell.execForm);
    const Instruction &exec = f.instructions[1];
    CHECK(exec.execForm);
    REQUIRE(exec.args.size() == 3);
    CHECK(exec.args[1].value == "curl");
    CHECK(f.instructions[2].args.size() == 1);
  }
}

TEST_CASE("parser other instructions") {
  ParsedFile f = parseText(
      "EXPOSE 80/tcp 443\nUSER app\nWORKDIR /app\nSTOPSIGNAL SIGTERM\n"
      "MAINTAINER me\nVOLUME /a /b\nSHELL [\"/bin/sh\", \"-c\"]\n");
  CHECK(f.errors.empty());
  REQUIRE(f.instructions.size() == 7);
  CHECK(f.instructions[0].args.size() == 2);
  CHECK(f.instructions[2].args[0].value == "/app");
  CHECK(f.instructions[5].args.size() == 2);
  CHECK(keywordOf(InstructionKind::Stopsignal) == "STOPSIGNAL");
  CHECK(kindOf("eNtRyPoInT") == InstructionKind::Entrypoint);
  CHECK(kindOf("nope") == InstructionKind::Unknown);
  CHECK(keywordOf(InstructionKind::Unknown) == "");
}
