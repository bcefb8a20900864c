#include "rule_fixture.h"

using namespace dockpath;
using dockpath::test::analyzeFor;
using dockpath::test::applied;
using dockpath::test::ScratchContext;
using dockpath::test::Snippet;

namespace {

void writeService(ScratchContext &context) {
  context.write("requirements.txt", "uvicorn==0.30.6\nPyYAML==6.0.2\n");
  context.write("app/__init__.py", "");
  context.write("app/main.py",
                "import os\nimport uvicorn\nimport yaml\n"
                "from app.settings import load\n");
  context.write("app/settings.py", "def load():\n    return {}\n");
}

const char *kBuilder =
    "FROM python:3.11-slim-bookworm AS build\n"
    "COPY requirements.txt /tmp/requirements.txt\n"
    "RUN pip install --no-cache-dir -r /tmp/requirements.txt\n";

}  // namespace

TEST_CASE("DP001 flags packages copied to site-packages of distroless") {
  ScratchContext context;
  writeService(context);
  Snippet snippet(std::string(kBuilder) +
                  "FROM gcr.io/distroless/python3-debian12\n"
                  "COPY --from=build /usr/local/lib/python3.11/site-packages "
                  "[[/usr/local/lib/python3.11/site-packages]]\n"
                  "WORKDIR /srv\n"
                  "COPY app ./app\n"
                  "CMD [\"-m\", \"app.main\"]\n");
  auto found = analyzeFor("DP001", snippet.text(), &context);
  REQUIRE(found.size() == 1);
  CHECK(found[0].range == snippet.range());
  CHECK(found[0].severity == Severity::Error);
  CHECK(found[0].message.find("modules 'uvicorn', 'yaml' are not importable "
                              "by /usr/bin/python3.11") == 0);
  CHECK(found[0].message.find("/usr/local/lib/python3.11/site-packages "
                              "(put there by COPY --from=build)") !=
        std::string::npos);

  SUBCASE("names the imports as related information") {
    int imports = 0;
    for (const auto &related : found[0].related)
      imports += related.path.ends_with("app/main.py");
    CHECK(imports == 2);
  }
  SUBCASE("the preferred fix copies to dist-packages and clears it") {
    REQUIRE(found[0].fixes.size() >= 2);
    CHECK(found[0].fixes[0].title ==
          "Copy to /usr/local/lib/python3.11/dist-packages instead");
    CHECK(found[0].fixes[0].preferred);
    std::string fixed = applied(snippet.text(), found[0].fixes[0]);
    CHECK(analyzeFor("DP001", fixed, &context).empty());
  }
  SUBCASE("the PYTHONPATH fix clears it too") {
    REQUIRE(found[0].fixes.size() >= 2);
    CHECK(found[0].fixes[1].title ==
          "Set PYTHONPATH to /usr/local/lib/python3.11/site-packages");
    std::string fixed = applied(snippet.text(), found[0].fixes[1]);
    CHECK(fixed.find("ENV PYTHONPATH=/usr/local/lib/python3.11/"
                     "site-packages\n") != std::string::npos);
    CHECK(analyzeFor("DP001", fixed, &context).empty());
  }
}

TEST_CASE("DP001 flags the application folder missing from PYTHONPATH") {
  ScratchContext context;
  writeService(context);
  Snippet snippet(std::string(kBuilder) +
                  "FROM gcr.io/distroless/python3-debian12\n"
                  "COPY --from=build /usr/local/lib/python3.11/site-packages "
                  "/usr/local/lib/python3.11/dist-packages\n"
                  "COPY app /srv/code/app\n"
                  "ENV [[PYTHONPATH=\"/srv\"]]\n"
                  "CMD [\"/srv/code/app/main.py\"]\n");
  auto found = analyzeFor("DP001", snippet.text(), &context);
  REQUIRE(found.size() == 1);
  CHECK(found[0].range == snippet.range());
  CHECK(found[0].message.find("module 'app.settings' is not importable") == 0);
  CHECK(found[0].message.find("under /srv/code (put there by COPY)") !=
        std::string::npos);
  REQUIRE(!found[0].fixes.empty());
  CHECK(found[0].fixes[0].title == "Add /srv/code to PYTHONPATH");
  std::string fixed = applied(snippet.text(), found[0].fixes[0]);
  CHECK(fixed.find("ENV PYTHONPATH=\"/srv:/srv/code\"\n") != std::string::npos);
  CHECK(analyzeFor("DP001", fixed, &context).empty());
}

TEST_CASE("DP001 does not flag modules the interpreter finds") {
  ScratchContext context;
  writeService(context);
  SUBCASE("packages in dist-packages, app under the working directory") {
    std::string text = std::string(kBuilder) +
                       "FROM gcr.io/distroless/python3-debian12\n"
                       "COPY --from=build /usr/local/lib/python3.11/"
                       "site-packages /usr/local/lib/python3.11/dist-packages\n"
                       "WORKDIR /srv\nCOPY app ./app\n"
                       "CMD [\"-m\", \"app.main\"]\n";
    CHECK(analyzeFor("DP001", text, &context).empty());
  }
  SUBCASE("an unknown runtime image") {
    std::string text = std::string(kBuilder) +
                       "FROM example.com/custom/python:1\n"
                       "COPY --from=build /usr/local/lib/python3.11/"
                       "site-packages /opt/packages\n"
                       "COPY app /srv/app\nWORKDIR /srv\n"
                       "CMD [\"python3\", \"-m\", \"app.main\"]\n";
    CHECK(analyzeFor("DP001", text, &context).empty());
  }
  SUBCASE("a RUN dockpath cannot follow in the runtime stage") {
    std::string text = std::string(kBuilder) +
                       "FROM gcr.io/distroless/python3-debian12:debug\n"
                       "COPY --from=build /usr/local/lib/python3.11/"
                       "site-packages /opt/packages\n"
                       "RUN [\"/busybox/sh\", \"-c\", \"ln -s /opt/packages "
                       "/usr/lib/python3/dist-packages/x\"]\n"
                       "WORKDIR /srv\nCOPY app ./app\n"
                       "CMD [\"-m\", \"app.main\"]\n";
    CHECK(analyzeFor("DP001", text, &context).empty());
  }
  SUBCASE("imports inside try: are optional") {
    context.write("app/main.py",
                  "try:\n    import uvicorn\nexcept ImportError:\n"
                  "    uvicorn = None\n");
    std::string text = std::string(kBuilder) +
                       "FROM gcr.io/distroless/python3-debian12\n"
                       "COPY --from=build /usr/local/lib/python3.11/"
                       "site-packages /opt/packages\n"
                       "WORKDIR /srv\nCOPY app ./app\n"
                       "CMD [\"-m\", \"app.main\"]\n";
    CHECK(analyzeFor("DP001", text, &context).empty());
  }
}
