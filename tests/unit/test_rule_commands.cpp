#include "rule_fixture.h"

using namespace dockpath;
using dockpath::test::analyzeFor;
using dockpath::test::applied;
using dockpath::test::Snippet;

TEST_CASE("DP002 flags CMD repeating the distroless interpreter") {
  Snippet snippet(
      "FROM gcr.io/distroless/python3-debian12\n"
      "CMD [ [[\"python3\"]], \"-m\", \"svc\"]\n");
  auto found = analyzeFor("DP002", snippet.text(), nullptr);
  REQUIRE(found.size() == 1);
  CHECK(found[0].range == snippet.range());
  CHECK(found[0].message ==
        "'python3' is passed to the interpreter as a script path: the "
        "ENTRYPOINT of gcr.io/distroless/python3-debian12 is already the "
        "interpreter /usr/bin/python3.11, so the container runs "
        "`/usr/bin/python3.11 python3 -m svc`. Drop the interpreter from CMD.");
  REQUIRE(!found[0].fixes.empty());
  std::string fixed = applied(snippet.text(), found[0].fixes[0]);
  CHECK(fixed == "FROM gcr.io/distroless/python3-debian12\n"
                 "CMD [ \"-m\", \"svc\"]\n");
  CHECK(analyzeFor("DP002", fixed, nullptr).empty());
}

TEST_CASE("DP002 flags an absolute interpreter path after ENTRYPOINT") {
  Snippet snippet(
      "FROM python:3.12-slim\n"
      "ENTRYPOINT [\"python3\"]\n"
      "CMD [ [[\"/usr/local/bin/python3\"]], \"app.py\"]\n");
  auto found = analyzeFor("DP002", snippet.text(), nullptr);
  REQUIRE(found.size() == 1);
  CHECK(found[0].range == snippet.range());
  CHECK(found[0].related.size() == 1);
}

TEST_CASE("DP002 does not flag what is not a repeated interpreter") {
  SUBCASE("a script after the distroless ENTRYPOINT") {
    CHECK(analyzeFor("DP002",
                     "FROM gcr.io/distroless/python3-debian13\n"
                     "CMD [\"worker.py\"]\n",
                     nullptr)
              .empty());
  }
  SUBCASE("RUN does not go through ENTRYPOINT") {
    CHECK(analyzeFor("DP002",
                     "FROM gcr.io/distroless/python3-debian12\n"
                     "RUN [\"python3\", \"-c\", \"print(1)\"]\n"
                     "CMD [\"-c\", \"print(2)\"]\n",
                     nullptr)
              .empty());
  }
  SUBCASE("an ENTRYPOINT that is not an interpreter") {
    CHECK(analyzeFor("DP002",
                     "FROM python:3.12-slim\n"
                     "ENTRYPOINT [\"/usr/bin/tini\", \"--\"]\n"
                     "CMD [\"python3\", \"app.py\"]\n",
                     nullptr)
              .empty());
  }
}

TEST_CASE("DP003 flags shell-form CMD after exec-form ENTRYPOINT") {
  Snippet snippet(
      "FROM python:3.12-slim\n"
      "ENTRYPOINT [\"python3\"]\n"
      "CMD [[python3 -m svc]]\n");
  auto found = analyzeFor("DP003", snippet.text(), nullptr);
  REQUIRE(found.size() == 1);
  CHECK(found[0].range == snippet.range());
  REQUIRE(!found[0].fixes.empty());
  CHECK(found[0].fixes[0].title == "Use exec form: CMD [\"-m\", \"svc\"]");
  std::string fixed = applied(snippet.text(), found[0].fixes[0]);
  CHECK(analyzeFor("DP003", fixed, nullptr).empty());
  CHECK(analyzeFor("DP002", fixed, nullptr).empty());
}

TEST_CASE("DP003 offers no fix for a command that needs a shell") {
  auto found = analyzeFor("DP003",
                          "FROM python:3.12-slim\n"
                          "ENTRYPOINT [\"python3\"]\n"
                          "CMD app.py --port $PORT\n",
                          nullptr);
  REQUIRE(found.size() == 1);
  CHECK(found[0].fixes.size() == 1);  // only the suppression comment
}

TEST_CASE("DP003 does not flag shell-form ENTRYPOINT or exec CMD") {
  CHECK(analyzeFor("DP003",
                   "FROM python:3.12-slim\nENTRYPOINT python3 app.py\n"
                   "CMD --debug\n",
                   nullptr)
            .empty());
  CHECK(analyzeFor("DP003",
                   "FROM python:3.12-slim\nCMD python3 app.py\n", nullptr)
            .empty());
}

TEST_CASE("DP004 flags an interpreter path the runtime image lacks") {
  Snippet snippet(
      "FROM gcr.io/distroless/python3-debian12\n"
      "ENTRYPOINT [ [[\"/usr/local/bin/python3\"]], \"app.py\"]\n");
  auto found = analyzeFor("DP004", snippet.text(), nullptr);
  REQUIRE(found.size() == 1);
  CHECK(found[0].range == snippet.range());
  CHECK(found[0].message ==
        "/usr/local/bin/python3 does not exist in this stage (based on "
        "gcr.io/distroless/python3-debian12).");
  REQUIRE(!found[0].fixes.empty());
  CHECK(found[0].fixes[0].title == "Use /usr/bin/python3");
  CHECK(analyzeFor("DP004", applied(snippet.text(), found[0].fixes[0]),
                   nullptr)
            .empty());
}

TEST_CASE("DP004 flags a venv script whose interpreter is gone") {
  Snippet snippet(
      "FROM python:3.11-slim-bookworm AS build\n"
      "RUN python3 -m venv /opt/venv && /opt/venv/bin/pip install uvicorn\n"
      "FROM gcr.io/distroless/python3-debian12\n"
      "COPY --from=build /opt/venv /opt/venv\n"
      "ENTRYPOINT [ [[\"/opt/venv/bin/uvicorn\"]], \"app:api\"]\n");
  auto found = analyzeFor("DP004", snippet.text(), nullptr);
  REQUIRE(found.size() == 1);
  CHECK(found[0].range == snippet.range());
  CHECK(found[0].message.find("starts with #!/opt/venv/bin/python, which "
                              "does not exist in this stage (it links to "
                              "/usr/local/bin/python3)") !=
        std::string::npos);
}

TEST_CASE("DP004 does not flag programs the stage has or may have") {
  CHECK(analyzeFor("DP004",
                   "FROM gcr.io/distroless/python3-debian13\n"
                   "CMD [\"/usr/bin/python3\", \"worker.py\"]\n",
                   nullptr)
            .empty());
  CHECK(analyzeFor("DP004",
                   "FROM python:3.12-slim\nRUN make install\n"
                   "ENTRYPOINT [\"/usr/bin/python3\"]\n",
                   nullptr)
            .empty());
}

TEST_CASE("DP003 does not flag a shell CMD after a wrapper ENTRYPOINT") {
  CHECK(analyzeFor("DP003",
                   "FROM python:3.12-slim\n"
                   "ENTRYPOINT [\"/usr/bin/tini\", \"--\"]\n"
                   "CMD python3 -m http.server\n",
                   nullptr)
            .empty());
}

// C04: DP003 and JSONArgsRecommended both offer an exec form for the CMD.
// Only DP003's keeps the program from running twice, so only it is
// preferred.
TEST_CASE("Code actions prefer one fix per instruction") {
  Engine engine;
  Document &document = engine.open(
      "c04", "",
      "FROM python:3.12-slim\nENTRYPOINT [\"python3\"]\nCMD python3 -m svc\n",
      1);
  auto actions = engine.codeActions(document, {{2, 0}, {2, 18}}, {});
  std::vector<std::string> preferred;
  for (const CodeAction &action : actions)
    if (action.preferred) preferred.push_back(action.title);
  REQUIRE(actions.size() >= 2);
  REQUIRE(preferred.size() == 1);
  CHECK(preferred[0] == "Use exec form: CMD [\"-m\", \"svc\"]");
}
