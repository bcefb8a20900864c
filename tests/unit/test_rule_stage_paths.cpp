#include "rule_fixture.h"

using namespace dockpath;
using dockpath::test::analyzeFor;
using dockpath::test::applied;
using dockpath::test::ScratchContext;
using dockpath::test::Snippet;

TEST_CASE("DP005 flags a PYTHONPATH entry the stage lacks") {
  ScratchContext context;
  context.write("app.py", "print(1)\n");
  Snippet snippet(
      "FROM gcr.io/distroless/python3-debian12\n"
      "COPY app.py /srv/app.py\n"
      "ENV PYTHONPATH=[[/srv:/code]]\n"
      "CMD [\"/srv/app.py\"]\n");
  auto found = analyzeFor("DP005", snippet.text(), &context);
  REQUIRE(found.size() == 1);
  CHECK(found[0].range == snippet.range());
  CHECK(found[0].severity == Severity::Warning);
  CHECK(found[0].message == "PYTHONPATH entry /code does not exist in this "
                            "stage; nothing copies or creates it.");
}

TEST_CASE("DP005 does not flag entries that exist or may exist") {
  ScratchContext context;
  context.write("app.py", "print(1)\n");
  CHECK(analyzeFor("DP005",
                   "FROM gcr.io/distroless/python3-debian12\n"
                   "ENV PYTHONPATH=/srv\nCOPY app.py /srv/app.py\n",
                   &context)
            .empty());
  CHECK(analyzeFor("DP005",
                   "FROM example.com/python:1\nENV PYTHONPATH=/code\n",
                   &context)
            .empty());
}

TEST_CASE("DP006 flags shell-form RUN in distroless debug") {
  Snippet snippet(
      "FROM gcr.io/distroless/static-debian12:debug\n"
      "RUN [[mkdir -p /var/lib/collector]]\n");
  auto found = analyzeFor("DP006", snippet.text(), nullptr);
  REQUIRE(found.size() == 1);
  CHECK(found[0].range == snippet.range());
  REQUIRE(found[0].fixes.size() >= 1);
  CHECK(found[0].fixes[0].title ==
        "Use exec form: [\"mkdir\", \"-p\", \"/var/lib/collector\"]");
  CHECK(analyzeFor("DP006", applied(snippet.text(), found[0].fixes[0]),
                   nullptr)
            .empty());
}

TEST_CASE("DP006 does not flag images with a shell or exec form") {
  CHECK(analyzeFor("DP006", "FROM python:3.12-slim\nRUN mkdir /x\n", nullptr)
            .empty());
  CHECK(analyzeFor("DP006",
                   "FROM gcr.io/distroless/base-debian12\n"
                   "CMD [\"/app\"]\n",
                   nullptr)
            .empty());
  CHECK(analyzeFor("DP006", "FROM example.com/minimal:1\nRUN mkdir /x\n",
                   nullptr)
            .empty());
}

TEST_CASE("DP007 flags COPY --from of a path the stage never made") {
  Snippet snippet(
      "FROM python:3.12-slim AS build\n"
      "RUN pip install --user uvicorn\n"
      "FROM python:3.12-slim\n"
      "COPY --from=build [[/install]] /usr/local\n");
  auto found = analyzeFor("DP007", snippet.text(), nullptr);
  REQUIRE(found.size() == 1);
  CHECK(found[0].range == snippet.range());
  CHECK(found[0].message.find("stage 'build' has no /install") == 0);
}

TEST_CASE("DP007 does not flag paths the source stage made or may have") {
  CHECK(analyzeFor("DP007",
                   "FROM python:3.12-slim AS build\n"
                   "RUN pip install --user uvicorn\n"
                   "FROM python:3.12-slim\n"
                   "COPY --from=build /root/.local /root/.local\n",
                   nullptr)
            .empty());
  CHECK(analyzeFor("DP007",
                   "FROM python:3.12-slim AS build\nRUN ./build.sh\n"
                   "FROM python:3.12-slim\n"
                   "COPY --from=build /out /out\n",
                   nullptr)
            .empty());
}

TEST_CASE("DP008 flags a venv copied to another path") {
  Snippet snippet(
      "FROM python:3.12-slim AS build\n"
      "RUN python -m venv /build/.venv\n"
      "FROM python:3.12-slim\n"
      "COPY --from=build /build/.venv [[/app/.venv]]\n");
  auto found = analyzeFor("DP008", snippet.text(), nullptr);
  REQUIRE(found.size() == 1);
  CHECK(found[0].range == snippet.range());
  CHECK(found[0].severity == Severity::Warning);
  CHECK(analyzeFor("DP008",
                   "FROM python:3.12-slim AS build\n"
                   "RUN python -m venv /app/.venv\n"
                   "FROM python:3.12-slim\n"
                   "COPY --from=build /app/.venv /app/.venv\n",
                   nullptr)
            .empty());
}

TEST_CASE("COPY to the working directory keeps the image's files") {
  ScratchContext context;
  context.write("requirements.txt", "flask\n");
  context.write("app.py", "print(1)\n");
  SUBCASE("COPY to . at the root") {
    std::string text = "FROM python:3.11-slim-bookworm\n"
                       "COPY requirements.txt .\n"
                       "RUN pip install -r requirements.txt\n";
    CHECK(analyzeFor("DP006", text, &context).empty());
  }
  SUBCASE("COPY to the root folder, then the image's interpreter") {
    std::string text = "FROM python:3.11-slim-bookworm\n"
                       "COPY app.py .\n"
                       "CMD [\"/usr/local/bin/python3\", \"app.py\"]\n";
    CHECK(analyzeFor("DP004", text, &context).empty());
  }
}
