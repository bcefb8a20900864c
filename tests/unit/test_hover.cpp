#include "rule_fixture.h"

using namespace dockpath;
using dockpath::test::ScratchContext;

namespace {

std::string hoverAt(const std::string &text, Position position,
                    const ScratchContext *context = nullptr) {
  Engine engine;
  Document &document =
      engine.open("t", context ? context->dockerfile() : "", text, 1);
  auto info = engine.hover(document, position);
  return info ? info->markdown : "";
}

const char *kService =
    "FROM python:3.11-slim-bookworm AS builder\n"
    "RUN pip install --user uvicorn\n"
    "FROM gcr.io/distroless/python3-debian12\n"
    "COPY --from=builder /root/.local/lib/python3.11/site-packages "
    "/usr/local/lib/python3.11/site-packages\n"
    "WORKDIR /app\n"
    "ENV PYTHONPATH=/app\n"
    "CMD [\"-m\", \"api.main\"]\n";

}  // namespace

TEST_CASE("Hover on FROM describes the base image") {
  std::string text = hoverAt(kService, {2, 8});
  CHECK(text.find("Base image `gcr.io/distroless/python3-debian12`") !=
        std::string::npos);
  CHECK(text.find("ENTRYPOINT `/usr/bin/python3.11`") != std::string::npos);
  CHECK(text.find("no shell") != std::string::npos);
}

TEST_CASE("Hover on FROM of an unknown image says so") {
  std::string text = hoverAt("FROM example.com/team/base:7\n", {0, 8});
  CHECK(text.find("is unknown to dockpath") != std::string::npos);
}

TEST_CASE("Hover on --from describes the source stage") {
  std::string text = hoverAt(kService, {3, 10});
  CHECK(text.find("Stage `builder`") != std::string::npos);
}

TEST_CASE("Hover on CMD shows the effective command and sys.path") {
  std::string text = hoverAt(kService, {6, 6});
  CHECK(text.find("/usr/bin/python3.11 -m api.main") != std::string::npos);
  CHECK(text.find("ENTRYPOINT from the base image") != std::string::npos);
  CHECK(text.find("CMD from line 7") != std::string::npos);
  CHECK(text.find("Effective sys.path") != std::string::npos);
  CHECK(text.find("`/app`: the working directory") != std::string::npos);
  CHECK(text.find("`/usr/local/lib/python3.11/dist-packages`: the "
                  "interpreter's default") != std::string::npos);
}

TEST_CASE("Hover on PYTHONPATH lists where each entry comes from") {
  std::string text = hoverAt(kService, {5, 6});
  CHECK(text.find("`/app` (set on line 6)") != std::string::npos);
  // The PYTHONPATH entry repeats the working directory, and Python keeps
  // only the first of repeated entries.
  CHECK(text.find("`/app`: the working directory") != std::string::npos);
  CHECK(text.find("`/app`: PYTHONPATH") == std::string::npos);
}

TEST_CASE("Hover on a COPY destination says what put it there") {
  std::string text = hoverAt(kService, {3, 75});
  CHECK(text.find("`/usr/local/lib/python3.11/site-packages`") !=
        std::string::npos);
  CHECK(text.find("Put here by line 4") != std::string::npos);
  CHECK(text.find("Python packages: uvicorn") != std::string::npos);
}

TEST_CASE("Hover outside any instruction is empty") {
  CHECK(hoverAt("# only a comment\n\nFROM scratch\n", {0, 3}).empty());
  CHECK(hoverAt("FROM scratch\n", {40, 3}).empty());
}

TEST_CASE("Hover on a COPY source describes it in the build context") {
  ScratchContext context;
  context.write("requirements.txt", "fastapi\n");
  context.write("secrets/key.pem", "x");
  context.write(".dockerignore", "# local files\nsecrets/\n");
  const std::string text =
      "FROM python:3.12-slim\n"
      "COPY requirements.txt missing.txt secrets/key.pem ./\n";
  std::string present = hoverAt(text, {1, 8}, &context);
  CHECK(present.find("`requirements.txt` in the build context") !=
        std::string::npos);
  CHECK(present.find("It is a file.") != std::string::npos);
  CHECK(hoverAt(text, {1, 25}, &context).find("It is not in the build") !=
        std::string::npos);
  std::string ignored = hoverAt(text, {1, 40}, &context);
  CHECK(ignored.find(".dockerignore leaves it out of the build context "
                     "(line 2, `secrets`)") != std::string::npos);
  // The destination keeps its own description.
  CHECK(hoverAt(text, {1, 51}, &context).find("in the build context") ==
        std::string::npos);
}

TEST_CASE("Hover on a COPY --from source describes it in that stage") {
  std::string text = hoverAt(kService, {3, 30});
  CHECK(text.find("`/root/.local/lib/python3.11/site-packages` in stage "
                  "`builder`") != std::string::npos);
  CHECK(text.find("Put there by line 2") != std::string::npos);
  std::string missing = hoverAt(
      "FROM scratch AS a\nFROM alpine\nCOPY --from=a /nowhere /x\n", {2, 16});
  CHECK(missing.find("`/nowhere` in stage `a`") != std::string::npos);
  CHECK(missing.find("In that stage: does not exist.") != std::string::npos);
}

TEST_CASE("Hover on a COPY source from an image is empty") {
  // The image's files are unknown, and the stage's own path of the same
  // name says nothing about them.
  CHECK(hoverAt("FROM python:3.12-slim\n"
                "COPY --from=golang:1.22 /usr/local/go /go\n",
                {1, 27})
            .empty());
}
