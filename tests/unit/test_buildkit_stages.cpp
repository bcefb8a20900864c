// BuildKit checks about stages, keywords and line layout.
#include "test_buildkit_support.h"

using namespace buildkit_test;

TEST_CASE("BuildKit StageNameCasing flags an upper-case name") {
  std::string text =
      "FROM golang:1.22 AS Builder\n"
      "RUN go build -o /app .\n"
      "FROM Builder AS test\n"
      "FROM alpine:3.20\n"
      "COPY --from=Builder /app /app\n"
      "RUN --mount=type=bind,from=BUILDER,target=/b ls /b\n";
  auto found = runCheck("StageNameCasing", text);
  REQUIRE(found.size() == 1);
  CHECK(found[0].range == at(0, 20, 27));
  CHECK(found[0].severity == Severity::Warning);
  CHECK(found[0].message ==
        "Stage name 'Builder' has upper-case letters; BuildKit reads it as "
        "'builder'. Write it in lower case.");
  REQUIRE(found[0].fixes.size() == 1);
  CHECK(applyFix(text, found[0].fixes[0]) ==
        "FROM golang:1.22 AS builder\n"
        "RUN go build -o /app .\n"
        "FROM builder AS test\n"
        "FROM alpine:3.20\n"
        "COPY --from=builder /app /app\n"
        "RUN --mount=type=bind,from=builder,target=/b ls /b\n");
}

TEST_CASE("BuildKit StageNameCasing does not flag lower-case names") {
  CHECK(runCheck("StageNameCasing",
                 "FROM golang:1.22 AS builder\n"
                 "FROM Alpine\n")
            .empty());
}

TEST_CASE("BuildKit FromAsCasing flags AS in the other case") {
  SUBCASE("upper-case FROM, lower-case as") {
    auto found = runCheck("FromAsCasing", "FROM scratch as base\n");
    REQUIRE(found.size() == 1);
    CHECK(found[0].range == at(0, 13, 15));
    CHECK(found[0].message ==
          "'as' does not match the casing of 'FROM': write 'AS'.");
    REQUIRE(found[0].fixes.size() == 1);
    CHECK(applyFix("FROM scratch as base\n", found[0].fixes[0]) ==
          "FROM scratch AS base\n");
  }
  SUBCASE("lower-case from, upper-case AS") {
    auto found = runCheck("FromAsCasing", "from scratch AS base\n");
    REQUIRE(found.size() == 1);
    CHECK(found[0].message ==
          "'AS' does not match the casing of 'from': write 'as'.");
  }
}

TEST_CASE("BuildKit FromAsCasing does not flag matching or mixed FROM") {
  CHECK(runCheck("FromAsCasing",
                 "FROM scratch AS base\n"
                 "from scratch as other\n"
                 "From scratch as mixed\n")
            .empty());
}

TEST_CASE("BuildKit DuplicateStageName flags a reused name") {
  auto found =
      runCheck("DuplicateStageName", "FROM scratch AS b\nFROM scratch AS B\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].range == at(1, 16, 17));
  CHECK(found[0].message ==
        "Stage name 'b' is already used on line 1; COPY --from and --target "
        "only see the last one. Give this stage another name.");
  REQUIRE(found[0].related.size() == 1);
  CHECK(found[0].related[0].range.start.line == 0);
}

TEST_CASE("BuildKit DuplicateStageName does not flag distinct names") {
  CHECK(runCheck("DuplicateStageName",
                 "FROM scratch AS b1\nFROM scratch AS b2\nFROM scratch\n")
            .empty());
}

TEST_CASE("BuildKit ReservedStageName flags scratch and context") {
  auto found = runCheck("ReservedStageName",
                        "FROM alpine AS scratch\nFROM alpine AS Context\n");
  REQUIRE(found.size() == 2);
  CHECK(found[0].range == at(0, 15, 22));
  CHECK(found[0].message ==
        "'scratch' is reserved by BuildKit (FROM scratch is the empty "
        "image), so it should not name a stage. Choose another name.");
  CHECK(found[1].range == at(1, 15, 22));
  CHECK(found[1].message.find("'context' is the build context") !=
        std::string::npos);
}

TEST_CASE("BuildKit ReservedStageName does not flag FROM scratch") {
  CHECK(runCheck("ReservedStageName", "FROM scratch\nFROM scratch AS a\n")
            .empty());
}

TEST_CASE("BuildKit ConsistentInstructionCasing flags the minority case") {
  SUBCASE("lower-case keyword among upper-case ones") {
    std::string text = "FROM scratch\ncopy Dockerfile /foo\nCOPY a /bar\n";
    auto found = runCheck("ConsistentInstructionCasing", text);
    REQUIRE(found.size() == 1);
    CHECK(found[0].range == at(1, 0, 4));
    CHECK(found[0].message ==
          "'copy' does not match the upper case of most instructions in "
          "this file: write 'COPY'.");
    REQUIRE(found[0].fixes.size() == 1);
    CHECK(applyFix(text, found[0].fixes[0]) ==
          "FROM scratch\nCOPY Dockerfile /foo\nCOPY a /bar\n");
  }
  SUBCASE("upper-case FROM among lower-case keywords") {
    auto found = runCheck("ConsistentInstructionCasing",
                          "FROM scratch\ncopy a /a\ncopy b /b\n");
    REQUIRE(found.size() == 1);
    CHECK(found[0].range == at(0, 0, 4));
    CHECK(found[0].message.find("lower case") != std::string::npos);
  }
  SUBCASE("mixed-case keyword") {
    auto found = runCheck("ConsistentInstructionCasing",
                          "From scratch AS base\nFROM scratch AS base2\n");
    REQUIRE(found.size() == 1);
    CHECK(found[0].range == at(0, 0, 4));
  }
  SUBCASE("a tie counts as upper case") {
    auto found =
        runCheck("ConsistentInstructionCasing", "FROM scratch\ncopy a /a\n");
    REQUIRE(found.size() == 1);
    CHECK(found[0].range.start.line == 1);
  }
}

TEST_CASE("BuildKit ConsistentInstructionCasing does not flag one case") {
  CHECK(runCheck("ConsistentInstructionCasing",
                 "from scratch\ncopy a /foo\ncopy b /bar\n")
            .empty());
  // Global ARGs are neither counted nor checked.
  CHECK(runCheck("ConsistentInstructionCasing",
                 "arg VERSION=1\nFROM scratch\nCOPY a /a\n")
            .empty());
}

TEST_CASE("BuildKit NoEmptyContinuation flags a blank continued line") {
  std::string text = "FROM scratch\nCOPY Dockerfile \\\n\n  \n.\n";
  auto found = runCheck("NoEmptyContinuation", text);
  REQUIRE(found.size() == 1);
  CHECK(found[0].range == at(2, 0, 0));
  CHECK(found[0].message ==
        "Empty line inside the continued COPY instruction: BuildKit skips it "
        "now but will reject it in a future release. Delete the line.");
  REQUIRE(found[0].fixes.size() == 1);
  CHECK(applyFix(text, found[0].fixes[0]) ==
        "FROM scratch\nCOPY Dockerfile \\\n.\n");
}

TEST_CASE("BuildKit NoEmptyContinuation does not flag comments or heredocs") {
  CHECK(runCheck("NoEmptyContinuation",
                 "FROM scratch\n"
                 "COPY Dockerfile \\\n"
                 "# a comment line\n"
                 ".\n"
                 "\n"
                 "RUN <<EOF\n"
                 "echo one\n"
                 "\n"
                 "echo two\n"
                 "EOF\n")
            .empty());
}

TEST_CASE("BuildKit MaintainerDeprecated flags MAINTAINER") {
  std::string text = "FROM scratch\nMAINTAINER Jane \"JD\" <jd@example.org>\n";
  auto found = runCheck("MaintainerDeprecated", text);
  REQUIRE(found.size() == 1);
  CHECK(found[0].range == at(1, 0, 10));
  CHECK(found[0].message ==
        "MAINTAINER is deprecated: set the author with LABEL "
        "org.opencontainers.image.authors instead.");
  REQUIRE(found[0].fixes.size() == 1);
  CHECK(applyFix(text, found[0].fixes[0]) ==
        "FROM scratch\n"
        "LABEL org.opencontainers.image.authors=\"Jane \\\"JD\\\" "
        "<jd@example.org>\"\n");
}

TEST_CASE("BuildKit MaintainerDeprecated does not flag the authors label") {
  CHECK(runCheck("MaintainerDeprecated",
                 "FROM scratch\n"
                 "LABEL org.opencontainers.image.authors=\"me@example.org\"\n")
            .empty());
}
