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
