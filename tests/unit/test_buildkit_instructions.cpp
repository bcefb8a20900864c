// BuildKit checks of single instructions inside a stage.
#include "test_buildkit_support.h"

using namespace buildkit_test;

TEST_CASE("BuildKit JSONArgsRecommended flags shell-form CMD") {
  SUBCASE("CMD, with a JSON array fix") {
    std::string text = "FROM scratch\nCMD node server.js --port 80\n";
    auto found = runCheck("JSONArgsRecommended", text);
    REQUIRE(found.size() == 1);
    CHECK(found[0].range == at(1, 4, 28));
    CHECK(found[0].message ==
          "CMD in shell form runs under /bin/sh -c, which does not pass OS "
          "signals such as SIGTERM to the program. Write it as a JSON array, "
          "or set SHELL if the shell is wanted.");
    REQUIRE(found[0].fixes.size() == 1);
    CHECK(applyFix(text, found[0].fixes[0]) ==
          "FROM scratch\nCMD [\"node\", \"server.js\", \"--port\", \"80\"]\n");
  }
  SUBCASE("ENTRYPOINT with shell syntax gets no fix") {
    auto found = runCheck("JSONArgsRecommended",
                          "FROM scratch\nENTRYPOINT exec app $ARGS\n");
    REQUIRE(found.size() == 1);
    CHECK(found[0].message.rfind("ENTRYPOINT in shell form", 0) == 0);
    CHECK(found[0].fixes.empty());
  }
  SUBCASE("SHELL after the CMD does not count") {
    CHECK(
        runCheck("JSONArgsRecommended",
                 "FROM scratch\nCMD mycommand\nSHELL [\"/bin/bash\", \"-c\"]\n")
            .size() == 1);
  }
}

TEST_CASE("BuildKit JSONArgsRecommended does not flag exec form or SHELL") {
  CHECK(runCheck("JSONArgsRecommended",
                 "FROM scratch\nCMD [\"mycommand\"]\n"
                 "ENTRYPOINT [\"/bin/app\"]\n")
            .empty());
  CHECK(runCheck("JSONArgsRecommended",
                 "FROM scratch\nSHELL [\"/usr/bin/customshell\"]\n"
                 "CMD mycommand\n")
            .empty());
  CHECK(runCheck("JSONArgsRecommended",
                 "FROM scratch AS base\nSHELL [\"/usr/bin/customshell\"]\n\n"
                 "FROM base\nENTRYPOINT mycommand\n")
            .empty());
}

TEST_CASE("BuildKit MultipleInstructionsDisallowed flags the earlier one") {
  auto found = runCheck("MultipleInstructionsDisallowed",
                        "FROM scratch\n"
                        "ENTRYPOINT [\"/myapp\"]\n"
                        "CMD [\"/myapp\"]\n"
                        "HEALTHCHECK CMD [\"/myapp\"]\n"
                        "COPY a /a\n"
                        "ENTRYPOINT [\"/myotherapp\"]\n"
                        "CMD [\"/myotherapp\"]\n"
                        "HEALTHCHECK NONE\n");
  REQUIRE(found.size() == 3);
  CHECK(found[0].range == at(1, 0, 10));
  CHECK(found[0].message ==
        "This ENTRYPOINT has no effect: a later ENTRYPOINT in the same "
        "stage replaces it. Remove one of them.");
  CHECK(found[1].range == at(2, 0, 3));
  CHECK(found[2].range == at(3, 0, 11));
}

TEST_CASE("BuildKit MultipleInstructionsDisallowed does not flag stages") {
  CHECK(runCheck("MultipleInstructionsDisallowed",
                 "FROM scratch AS a\n"
                 "ENTRYPOINT [\"/myapp\"]\n"
                 "CMD [\"/myapp\"]\n"
                 "FROM a AS b\n"
                 "ENTRYPOINT [\"/myotherapp\"]\n"
                 "CMD [\"/myotherapp\"]\n")
            .empty());
}

TEST_CASE("BuildKit LegacyKeyValueFormat flags ENV and LABEL key value") {
  SUBCASE("ENV with one word") {
    std::string text = "FROM scratch\nENV testkey value\n";
    auto found = runCheck("LegacyKeyValueFormat", text);
    REQUIRE(found.size() == 1);
    CHECK(found[0].range == at(1, 4, 17));
    CHECK(found[0].message ==
          "Legacy \"ENV key value\" form: write \"ENV testkey=...\" so that "
          "the value cannot be misread.");
    REQUIRE(found[0].fixes.size() == 1);
    CHECK(applyFix(text, found[0].fixes[0]) ==
          "FROM scratch\nENV testkey=value\n");
  }
  SUBCASE("LABEL with blanks gets quotes") {
    std::string text = "FROM scratch\nLABEL description My $APP image\n";
    auto found = runCheck("LegacyKeyValueFormat", text);
    REQUIRE(found.size() == 1);
    REQUIRE(found[0].fixes.size() == 1);
    CHECK(applyFix(text, found[0].fixes[0]) ==
          "FROM scratch\nLABEL description=\"My $APP image\"\n");
  }
  SUBCASE("a value with quotes gets no fix") {
    auto found = runCheck("LegacyKeyValueFormat",
                          "FROM scratch\nENV GREETING \"hello\" world\n");
    REQUIRE(found.size() == 1);
    CHECK(found[0].fixes.empty());
  }
}

TEST_CASE("BuildKit LegacyKeyValueFormat does not flag key=value") {
  CHECK(runCheck("LegacyKeyValueFormat",
                 "FROM scratch\nENV testkey=value\nLABEL key=value\n")
            .empty());
}

TEST_CASE("BuildKit SecretsUsedInArgOrEnv flags secret-like names") {
  auto found = runCheck("SecretsUsedInArgOrEnv",
                        "FROM scratch\n"
                        "ARG SECRET_PASSPHRASE\n"
                        "ENV SUPER_Secret=foo\n"
                        "ENV password=bar secret=baz\n"
                        "ARG super_duper_secret_token=foo auth=bar\n"
                        "ENV apikey=bar sunflower=foo\n"
                        "ENV git_key=\n"
                        "ENV PUBLIC_KEY=\n"
                        "ARG public_token\n");
  std::vector<std::string> names;
  for (const Diagnostic &d : found)
    names.push_back(d.message.substr(1, d.message.find('\'', 1) - 1));
  CHECK(names == std::vector<std::string>{
                     "SECRET_PASSPHRASE", "SUPER_Secret", "password", "secret",
                     "super_duper_secret_token", "auth", "apikey", "git_key"});
  REQUIRE(!found.empty());
  CHECK(found[0].range == at(1, 4, 21));
  CHECK(found[0].message ==
        "'SECRET_PASSPHRASE' looks like a secret: ARG values stay in the "
        "image, readable by anyone who has it. Pass it with RUN "
        "--mount=type=secret instead.");
}

TEST_CASE("BuildKit SecretsUsedInArgOrEnv does not flag other names") {
  CHECK(runCheck("SecretsUsedInArgOrEnv",
                 "ARG GITHUB_TOKEN\n"  // global ARGs are not checked
                 "FROM scratch\n"
                 "ENV KEYCLOAK_URL=x MONKEY=1 PUBLIC_KEY=2 AUTHOR=me\n")
            .empty());
}

TEST_CASE("BuildKit WorkdirRelativePath flags a first relative WORKDIR") {
  auto found = runCheck("WorkdirRelativePath", "FROM scratch\nWORKDIR app/\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].range == at(1, 8, 12));
  CHECK(found[0].message ==
        "WORKDIR app/ is relative and no absolute WORKDIR comes before it, "
        "so it depends on the working directory of the base image. Use an "
        "absolute path.");
  SUBCASE("a variable that expands to a relative path") {
    CHECK(runCheck("WorkdirRelativePath",
                   "FROM scratch\nENV DIR=app\nWORKDIR $DIR\n")
              .size() == 1);
  }
}

TEST_CASE("BuildKit WorkdirRelativePath does not flag after an absolute") {
  CHECK(runCheck("WorkdirRelativePath",
                 "FROM scratch AS a\nWORKDIR /app\n\n"
                 "FROM a AS b\nWORKDIR subdir/\n"
                 "FROM scratch\nWORKDIR /srv\nWORKDIR data\n")
            .empty());
  // An unknown variable may hold an absolute path.
  CHECK(runCheck("WorkdirRelativePath",
                 "FROM example.com/unknown:1\nWORKDIR $HOME/app\n")
            .empty());
}

TEST_CASE("BuildKit ExposeProtoCasing flags an upper-case protocol") {
  std::string text = "FROM scratch\nEXPOSE 80/TcP 53/udp\n";
  auto found = runCheck("ExposeProtoCasing", text);
  REQUIRE(found.size() == 1);
  CHECK(found[0].range == at(1, 10, 13));
  CHECK(found[0].message ==
        "Protocol 'TcP' in EXPOSE 80/TcP should be lower case: write 'tcp'.");
  REQUIRE(found[0].fixes.size() == 1);
  CHECK(applyFix(text, found[0].fixes[0]) ==
        "FROM scratch\nEXPOSE 80/tcp 53/udp\n");
}

TEST_CASE("BuildKit ExposeProtoCasing does not flag lower case") {
  CHECK(runCheck("ExposeProtoCasing", "FROM scratch\nEXPOSE 80/tcp 53 9/sctp\n")
            .empty());
}

TEST_CASE("BuildKit ExposeInvalidFormat flags host mappings") {
  SUBCASE("IP address and host port") {
    std::string text = "FROM scratch\nEXPOSE 127.0.0.1:80:80\n";
    auto found = runCheck("ExposeInvalidFormat", text);
    REQUIRE(found.size() == 1);
    CHECK(found[0].range == at(1, 7, 20));
    CHECK(found[0].message ==
          "EXPOSE 127.0.0.1:80:80 names an IP address or host port, which "
          "EXPOSE ignores; publish ports with `docker run -p`. This will "
          "become an error in a future BuildKit release.");
    REQUIRE(found[0].fixes.size() == 1);
    CHECK(applyFix(text, found[0].fixes[0]) == "FROM scratch\nEXPOSE 80\n");
  }
  SUBCASE("host port only") {
    CHECK(runCheck("ExposeInvalidFormat", "FROM scratch\nEXPOSE 80:80/udp\n")
              .size() == 1);
  }
}

TEST_CASE("BuildKit ExposeInvalidFormat does not flag container ports") {
  CHECK(
      runCheck("ExposeInvalidFormat", "FROM scratch\nEXPOSE 80 8000-8010/tcp\n")
          .empty());
}
