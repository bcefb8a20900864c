// Times Engine::completion in process (no protocol) at one position per
// kind of context. The input is the generated 10,000-line project of
// dockpath_lsp_bench, written to a temporary build context. The document
// is analysed before timing, so each sample is the completion alone.
// Prints median and p99 in microseconds and the item count. Usage:
// dockpath_bench_completion [requests per position]
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "dockerfile_generator.h"
#include "dockpath/engine/engine.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Spot {
  const char *name;
  dockpath::Position position;
};

double percentile(std::vector<double> &samples, double p) {
  std::sort(samples.begin(), samples.end());
  size_t index =
      std::min(samples.size() - 1, static_cast<size_t>(samples.size() * p));
  return samples[index];
}

// The line of the first instruction that starts with prefix at or after
// line `from`.
uint32_t findLine(const dockpath::TextDocument &text, std::string_view prefix,
                  uint32_t from) {
  for (uint32_t line = from; line < text.lineCount(); ++line)
    if (text.line(line).starts_with(prefix)) return line;
  return 0;
}

}  // namespace

int main(int argc, char **argv) {
  size_t requests = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 200;
  if (requests == 0) requests = 1;
  auto project = dockpath::bench::generateProject(10000);
  // Lines that put the cursor in a variable reference, a --from value and
  // a context path, at the end of the last stage.
  project.dockerfile += "RUN echo $\nCOPY --from=\nCOPY svc0/\n";
  std::filesystem::path folder =
      std::filesystem::temp_directory_path() /
      ("dockpath-bench-completion-" + std::to_string(getpid()));
  dockpath::bench::writeProject(project, folder);

  dockpath::Engine engine;
  auto &document = engine.open("bench", (folder / "Dockerfile").string(),
                               project.dockerfile, 1);
  engine.analyze(document);
  const dockpath::TextDocument &text = document.text();
  uint32_t last = static_cast<uint32_t>(text.lineCount()) - 2;
  uint32_t middle = static_cast<uint32_t>(text.lineCount() / 2);
  std::vector<Spot> spots = {
      {"keyword at the RUN nearest the middle",
       {findLine(text, "RUN ", middle), 1}},
      {"variable in the last stage", {last - 2, 10}},
      {"stage names after COPY --from=", {last - 1, 12}},
      {"build context folder", {last, 10}},
  };
  std::printf("%zu lines, %zu requests per position\n", text.lineCount(),
              requests);
  for (const Spot &spot : spots) {
    std::vector<double> samples;
    size_t items = 0;
    for (size_t i = 0; i < requests; ++i) {
      auto start = Clock::now();
      items = engine.completion(document, spot.position).items.size();
      samples.push_back(
          std::chrono::duration<double, std::micro>(Clock::now() - start)
              .count());
    }
    std::printf("%-40s median %8.1f us  p99 %8.1f us  %4zu items\n", spot.name,
                percentile(samples, 0.5), percentile(samples, 0.99), items);
  }
  std::error_code ec;
  std::filesystem::remove_all(folder, ec);
}
