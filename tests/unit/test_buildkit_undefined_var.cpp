// BuildKit's UndefinedVar check.
#include "test_buildkit_support.h"

using namespace buildkit_test;

TEST_CASE("BuildKit UndefinedVar flags a variable used before its ARG") {
  auto found = runCheck(
      "UndefinedVar", "FROM scratch\nCOPY $foo .\nARG foo=bar\nCOPY $foo .\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].range == at(1, 5, 9));
  CHECK(found[0].message ==
        "$foo is not defined here, so it expands to an empty string. Set it "
        "with ARG or ENV before this instruction.");
}

TEST_CASE("BuildKit UndefinedVar flags its variants") {
  SUBCASE("a near miss gets a suggestion") {
    auto found = runCheck("UndefinedVar",
                          "FROM scratch\n"
                          "ARG DIR_BINARIES=binaries/\n"
                          "ARG DIR_ASSETS=assets/\n"
                          "COPY $DIR_ASSET .\n");
    REQUIRE(found.size() == 1);
    CHECK(found[0].message.find("Did you mean $DIR_ASSETS?") !=
          std::string::npos);
  }
  SUBCASE("PATH is always set, so PAHT is a typo") {
    auto found =
        runCheck("UndefinedVar", "FROM scratch\nENV PATH=$PAHT:/tmp/bin\n");
    REQUIRE(found.size() == 1);
    CHECK(found[0].range == at(1, 9, 14));
    CHECK(found[0].message.find("Did you mean $PATH?") != std::string::npos);
  }
  SUBCASE("a global ARG is not visible without ARG in the stage") {
    auto found = runCheck("UndefinedVar",
                          "ARG VERSION=1.0\nFROM scratch\n"
                          "COPY app-${VERSION}.tgz /opt/\n");
    REQUIRE(found.size() == 1);
    CHECK(found[0].range == at(2, 9, 19));
  }
  SUBCASE("a default does not define the variable") {
    CHECK(runCheck("UndefinedVar", "FROM scratch\nWORKDIR ${DIR:-/app}\n")
              .size() == 1);
  }
  SUBCASE("one ENV does not see its own earlier items") {
    auto found = runCheck("UndefinedVar", "FROM scratch\nENV A=1 B=$A\n");
    REQUIRE(found.size() == 1);
    CHECK(found[0].range == at(1, 10, 12));
  }
  SUBCASE("RUN --mount and COPY --chown are expanded") {
    auto found = runCheck("UndefinedVar",
                          "FROM scratch\n"
                          "RUN --mount=type=cache,target=$CACHE true\n"
                          "COPY --chown=$USER a /a\n");
    REQUIRE(found.size() == 2);
    CHECK(found[0].range == at(1, 30, 36));
    CHECK(found[1].range == at(2, 13, 18));
  }
  SUBCASE("an unquoted COPY heredoc is expanded") {
    auto found = runCheck("UndefinedVar",
                          "FROM scratch\nCOPY <<EOF /etc/motd\nhello $NAME\n"
                          "EOF\n");
    REQUIRE(found.size() == 1);
    CHECK(found[0].range == at(2, 6, 11));
  }
}

TEST_CASE("BuildKit UndefinedVar does not flag defined or unexpanded uses") {
  SUBCASE("ARG without default, ENV, base stage") {
    CHECK(runCheck("UndefinedVar",
                   "FROM scratch AS base\n"
                   "ARG foo\n"
                   "ENV DIR=/srv\n"
                   "COPY Dockerfile${foo} $DIR/\n"
                   "FROM base\n"
                   "COPY $foo $DIR/\n")
              .empty());
  }
  SUBCASE("RUN, CMD and quoted heredocs are left to the shell") {
    CHECK(runCheck("UndefinedVar",
                   "FROM scratch\n"
                   "RUN echo $PATH $HOME $UNSET\n"
                   "CMD echo $UNSET\n"
                   "COPY <<'EOF' /a\n$UNSET\nEOF\n"
                   "COPY 'lit$UNSET' /b\n")
              .empty());
  }
  SUBCASE("the ENV of a catalog image") {
    CHECK(runCheck("UndefinedVar",
                   "FROM python:3.12-slim\n"
                   "WORKDIR /opt/$PYTHON_VERSION/$LANG\n")
              .empty());
  }
  SUBCASE("an image dockpath does not know may set anything") {
    CHECK(runCheck("UndefinedVar",
                   "FROM example.com/team/base:1\nWORKDIR $APP_HOME\n")
              .empty());
  }
}
