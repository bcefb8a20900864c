// Times each navigation feature through the Engine, in process (no
// protocol), on a generated multi-stage Dockerfile of about 10,000 lines
// that has already been analysed. Prints median, p90 and p99 in
// microseconds per feature. Usage: dockpath_bench_navigation [runs]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "dockpath/engine/engine.h"

namespace {

using Clock = std::chrono::steady_clock;

// Stages that build on a shared base, with global ARGs redeclared in each
// stage and used in FROM, COPY, WORKDIR, ENV and RUN, so that every
// feature has names to resolve.
std::string generate(size_t lines) {
  std::string text =
      "# syntax=docker/dockerfile:1\n"
      "ARG PY=3.11\nARG APP_USER=nonroot\n"
      "FROM python:${PY}-slim-bookworm AS base\n"
      "ARG PY\nENV BUILD_ROOT=/build\nWORKDIR $BUILD_ROOT\n"
      "COPY requirements.txt .\n"
      "RUN pip install --user -r requirements.txt\n";
  auto lineCount = [&] {
    return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
  };
  for (size_t n = 0; lineCount() + 14 < lines; ++n) {
    std::string i = std::to_string(n);
    text += "\n# service " + i +
            "\n"
            "FROM base AS svc" +
            i +
            "\n"
            "ARG APP_USER\n"
            "ENV APP_DIR=/app" +
            i + " SERVICE=svc" + i +
            "\n"
            "WORKDIR ${APP_DIR}\n"
            "COPY --from=base ${BUILD_ROOT} ${APP_DIR}/build\n"
            "RUN --mount=type=cache,from=base,target=/root/.cache \\\n"
            "    echo \"$SERVICE in $APP_DIR\" && \\\n"
            "    chown -R $APP_USER $APP_DIR\n"
            "USER $APP_USER\n"
            "EXPOSE 80" +
            i +
            "\n"
            "CMD [\"python\", \"-m\", \"svc" +
            i + ".main\"]\n";
  }
  return text;
}

double percentile(std::vector<double> samples, double p) {
  std::sort(samples.begin(), samples.end());
  size_t index =
      std::min(samples.size() - 1, static_cast<size_t>(samples.size() * p));
  return samples[index];
}

void time(const char *name, size_t runs, const std::function<size_t()> &run) {
  std::vector<double> samples;
  size_t results = 0;
  for (size_t i = 0; i < runs; ++i) {
    auto start = Clock::now();
    results = run();
    samples.push_back(
        std::chrono::duration<double, std::micro>(Clock::now() - start)
            .count());
  }
  std::printf(
      "%-16s median %9.1f us  p90 %9.1f us  p99 %9.1f us  (%zu "
      "results)\n",
      name, percentile(samples, 0.5), percentile(samples, 0.9),
      percentile(samples, 0.99), results);
}

}  // namespace

int main(int argc, char **argv) {
  size_t runs = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 50;
  dockpath::Engine engine;
  std::string text = generate(10000);
  auto &document = engine.open("bench", "", text, 0);
  engine.analyze(document);
  std::printf("%zu lines, %zu runs per feature\n", document.text().lineCount(),
              runs);

  // A use of the base stage's ENV in the middle of the file, and the
  // global ARG APP_USER's declaration, whose uses span every stage.
  uint32_t middle = static_cast<uint32_t>(document.text().lineCount() / 2);
  dockpath::Position use{middle, 0};
  for (uint32_t line = middle; line < document.text().lineCount(); ++line) {
    std::string_view content = document.text().line(line);
    if (content.rfind("COPY --from=base ${BUILD_ROOT}", 0) == 0) {
      use = {line, 21};
      break;
    }
  }
  dockpath::Position global{2, 5};
  dockpath::Position stage{3, 36};

  time("documentSymbol", runs,
       [&] { return engine.documentSymbols(document).size(); });
  time("foldingRange", runs,
       [&] { return engine.foldingRanges(document).size(); });
  time("definition", runs,
       [&] { return engine.definition(document, use) ? size_t{1} : 0; });
  time("references", runs,
       [&] { return engine.references(document, global, true).size(); });
  time("highlight", runs,
       [&] { return engine.references(document, use, true).size(); });
  time("prepareRename", runs,
       [&] { return engine.prepareRename(document, stage) ? size_t{1} : 0; });
  time("rename stage", runs, [&] {
    auto outcome = engine.rename(document, stage, "foundation");
    return outcome ? outcome->edits.size() : 0;
  });
  time("rename variable", runs, [&] {
    auto outcome = engine.rename(document, global, "RUN_AS");
    return outcome ? outcome->edits.size() : 0;
  });
}
