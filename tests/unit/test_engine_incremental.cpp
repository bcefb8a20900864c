// The engine reuses the model and diagnostics of stages an edit did not
// touch. These tests check that after every edit the diagnostics equal
// those of a fresh analysis of the same text.
#include <random>
#include <sstream>

#include "rule_fixture.h"

using namespace dockpath;

namespace {

// Several stages with path faults in different places, in the S01 case's
// build context (it has api/app/*.py and requirements.txt).
const char *kDockerfile =
    "ARG PY=3.11\n"
    "FROM python:${PY}-slim-bookworm AS builder\n"
    "WORKDIR /build\n"
    "COPY requirements.txt .\n"
    "RUN pip install --user --no-cache-dir -r requirements.txt\n"
    "COPY api ./api\n"
    "\n"
    "FROM python:3.12-slim AS venv\n"
    "RUN python -m venv /build/.venv\n"
    "\n"
    "FROM gcr.io/distroless/python3-debian12 AS runtime\n"
    "COPY --from=builder /root/.local/lib/python3.11/site-packages \\\n"
    "     /usr/local/lib/python3.11/site-packages\n"
    "COPY --from=builder /build/api /app/api\n"
    "COPY --from=builder /missing /x\n"
    "WORKDIR /app\n"
    "ENV PYTHONPATH=/app:/nowhere\n"
    "CMD [\"-m\", \"api.app.main\"]\n"
    "\n"
    "FROM python:3.12-slim AS moved\n"
    "COPY --from=venv /build/.venv /app/.venv\n"
    "ENTRYPOINT [\"python3\"]\n"
    "CMD python3 -m svc\n"
    "\n"
    "FROM gcr.io/distroless/python3-debian13 AS worker\n"
    "CMD [\"/usr/bin/python3\", \"worker.py\"]\n"
    "\n"
    "FROM gcr.io/distroless/static-debian12:debug\n"
    "RUN mkdir -p /var/lib/x\n";

std::string describe(const std::vector<Diagnostic> &diagnostics) {
  std::ostringstream out;
  for (const Diagnostic &d : diagnostics) {
    out << d << "\n";
    for (const auto &r : d.related)
      out << "  related " << r.path << " " << r.range << " " << r.message
          << "\n";
    for (const auto &f : d.fixes) {
      out << "  fix " << f.title;
      for (const auto &e : f.edits) out << " " << e.range << "=" << e.newText;
      out << "\n";
    }
  }
  return out.str();
}

std::string caseFolder() {
  return std::string(DOCKPATH_SOURCE_DIR) +
         "/tests/cases/S01-block-manager-packages-not-on-path";
}

std::string freshDiagnostics(const std::string &text) {
  Engine engine;
  Document &document =
      engine.open("fresh", caseFolder() + "/Dockerfile.test", text, 1);
  return describe(engine.analyze(document)->diagnostics);
}

}  // namespace

TEST_CASE("Engine incremental analysis equals a fresh one") {
  unsigned seed = 0;
  SUBCASE("seed 1234") { seed = 1234; }
  SUBCASE("seed 99") { seed = 99; }
  SUBCASE("seed 7") { seed = 7; }
  Engine engine;
  Document &document =
      engine.open("doc", caseFolder() + "/Dockerfile.test", kDockerfile, 1);
  std::string first = describe(engine.analyze(document)->diagnostics);
  REQUIRE(first == freshDiagnostics(kDockerfile));
  // The file has faults in several stages; make sure they are all there.
  for (const char *code : {"DP001", "DP002", "DP003", "DP005", "DP006",
                           "DP007", "DP008"})
    CHECK_MESSAGE(first.find(code) != std::string::npos, std::string(code));

  std::mt19937 random(seed);
  const char *inserts[] = {"x", "\n", " ", "\\\n", "#", "RUN true\n",
                           "FROM scratch\n", "\"", "$"};
  for (int edit = 0; edit < 300; ++edit) {
    const TextDocument &text = document.text();
    uint32_t line = random() % text.lineCount();
    uint32_t length = static_cast<uint32_t>(text.line(line).size());
    uint32_t column = length ? random() % (length + 1) : 0;
    Range range{{line, column}, {line, column}};
    std::string insert;
    if (random() % 3 == 0 && column < length) {
      range.end.column = column + 1;  // delete a character
    } else {
      insert = inserts[random() % std::size(inserts)];
    }
    document.applyChange(range, insert);
    document.setVersion(edit + 2);
    std::string incremental = describe(engine.analyze(document)->diagnostics);
    std::string fresh = freshDiagnostics(document.text().text());
    REQUIRE_MESSAGE(incremental == fresh,
                    "after edit " << edit << " the text is:\n"
                                  << document.text().text());
  }
}

// Edits that once left a stage built on an earlier stage with the earlier
// stage's findings, or a kept message naming an old line.
TEST_CASE("Engine incremental analysis of stages built on stages") {
  struct Edit {
    const char *text;
    Range range;
    const char *insert;
  };
  const Edit edits[] = {
      {"FROM alpine as base\nFROM base AS build\nRUN a\nFROM alpine\n",
       {{2, 5}, {2, 5}}, "x"},
      {"FROM alpine AS base\nFROM base as build\nRUN a\nFROM alpine\n",
       {{2, 5}, {2, 5}}, "x"},
      {"FROM alpine AS a\nFROM python:3.12-slim\nCMD a\nCMD b\n",
       {{1, 0}, {1, 0}}, "RUN x\n"},
      // A stage index with leading zeros must make the reader depend on
      // the stage it names.
      {"FROM python:3.12-slim AS a\nRUN python -m venv /build/.venv\n"
       "FROM python:3.12-slim AS b\n"
       "COPY --from=000000 /build/.venv /app/.venv\n"
       "CMD [\"/app/.venv/bin/python\", \"-c\", \"1\"]\n",
       {{1, 19}, {1, 31}}, "/app/.venv"},
  };
  for (const Edit &edit : edits) {
    Engine engine;
    Document &document =
        engine.open("doc", caseFolder() + "/Dockerfile.test", edit.text, 1);
    engine.analyze(document);
    document.applyChange(edit.range, edit.insert);
    document.setVersion(2);
    std::string incremental = describe(engine.analyze(document)->diagnostics);
    CHECK_MESSAGE(incremental == freshDiagnostics(document.text().text()),
                  edit.text);
  }
}

TEST_CASE("A missing COPY source is reported once, not per child stage") {
  Engine engine;
  Document &document = engine.open(
      "doc", caseFolder() + "/Dockerfile.test",
      "FROM scratch AS a\nFROM alpine AS b\nCOPY --from=a /nope /x\n"
      "FROM b AS c\nFROM c\nCMD [\"x\"]\n",
      1);
  size_t count = 0;
  for (const Diagnostic &d : engine.analyze(document)->diagnostics)
    count += d.code == "DP007";
  CHECK(count == 1);
}
