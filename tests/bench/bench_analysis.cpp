// Times a one-character edit plus a full Engine::analyze on generated
// multi-stage Dockerfiles of 100, 1,000 and 10,000 lines, in process (no
// protocol). Prints median, p90 and p99 in microseconds. Usage:
// dockpath_bench_analysis [edits per size] [Dockerfile [line]]
// With a Dockerfile, times edits of that file instead, with its folder as
// the build context (for profiling a file the LSP benchmark generated).
// With a line (1-based) as well, every edit types at the end of that line,
// before a trailing continuation backslash.
// DOCKPATH_BENCH_PAUSE_MS=N sleeps N ms before each edit, as a typist
// does; DOCKPATH_BENCH_EVICT_MB=N writes N MiB of other memory before each
// edit instead, which is faster and less noisy.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "dockpath/engine/engine.h"

namespace {

using Clock = std::chrono::steady_clock;

// Python service stages that copy from a builder, as real files do.
std::string generate(size_t lines) {
  std::string text =
      "ARG PY=3.11\nFROM python:3.11-slim-bookworm AS base\n"
      "WORKDIR /build\nCOPY requirements.txt .\n"
      "RUN pip install --user -r requirements.txt\n";
  auto lineCount = [&] {
    return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
  };
  for (size_t n = 0; lineCount() + 12 < lines; ++n) {
    std::string i = std::to_string(n);
    text += "\nFROM gcr.io/distroless/python3-debian12 AS svc" + i +
            "\n"
            "COPY --from=base /root/.local/lib/python3.11/site-packages \\\n"
            "     /usr/local/lib/python3.11/dist-packages\n"
            "WORKDIR /app" +
            i +
            "\n"
            "ENV PYTHONPATH=/app" +
            i + " SERVICE=svc" + i +
            "\n"
            "COPY --from=base /build /app" +
            i +
            "\n"
            "USER nonroot\n"
            "EXPOSE 80" +
            i +
            "\n"
            "CMD [\"-m\", \"svc" +
            i + ".main\"]\n";
  }
  return text;
}

double percentile(std::vector<double> &samples, double p) {
  if (samples.empty()) return 0;
  std::sort(samples.begin(), samples.end());
  size_t index =
      std::min(samples.size() - 1, static_cast<size_t>(samples.size() * p));
  return samples[index];
}

long envNumber(const char *name) {
  const char *value = std::getenv(name);
  return value ? std::strtol(value, nullptr, 10) : 0;
}

// Writes to bytes of other memory, which pushes the analysis's code and
// data out of the caches as a pause between keystrokes does on a shared
// machine. Measured here, a 30 ms pause makes an edit about 5 times
// slower, and so does writing 64 MiB.
[[gnu::noinline]] void evictCaches(size_t bytes) {
  static std::vector<char> other;
  other.resize(bytes);
  for (size_t i = 0; i < other.size(); i += 64) ++other[i];
}

// Returns the column where an edit of line types: its end, or before a
// trailing " \\".
uint32_t typingColumn(std::string_view line) {
  size_t end = line.size();
  while (end > 0 && (line[end - 1] == '\\' || line[end - 1] == ' ')) --end;
  return static_cast<uint32_t>(end);
}

void run(const std::string &text, const std::string &path, size_t edits,
         long fixedLine = 0) {
  dockpath::Engine engine;
  auto &document = engine.open("bench", path, text, 0);
  engine.analyze(document);
  std::mt19937 rng(7);
  long pauseMs = envNumber("DOCKPATH_BENCH_PAUSE_MS");
  size_t evictBytes = static_cast<size_t>(envNumber("DOCKPATH_BENCH_EVICT_MB"))
                      << 20;
  std::vector<double> samples;
  int64_t version = 0;
  for (size_t i = 0; i < edits; ++i) {
    uint32_t line = fixedLine > 0 ? static_cast<uint32_t>(fixedLine - 1)
                                  : rng() % document.text().lineCount();
    uint32_t column = typingColumn(document.text().line(line));
    if (evictBytes > 0) evictCaches(evictBytes);
    if (pauseMs > 0)
      std::this_thread::sleep_for(std::chrono::milliseconds(pauseMs));
    auto start = Clock::now();
    document.applyChange(dockpath::Range{{line, column}, {line, column}},
                         i % 2 ? "" : "x");
    document.setVersion(++version);
    engine.analyze(document);
    samples.push_back(
        std::chrono::duration<double, std::micro>(Clock::now() - start)
            .count());
    if (i % 2 == 0)  // remove the character again on the next round
      document.applyChange(dockpath::Range{{line, column}, {line, column + 1}},
                           "");
  }
  std::printf("%6zu lines: median %9.1f us  p90 %9.1f us  p99 %9.1f us\n",
              document.text().lineCount(), percentile(samples, 0.5),
              percentile(samples, 0.9), percentile(samples, 0.99));
}

}  // namespace

int main(int argc, char **argv) {
  size_t edits = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 200;
  if (argc > 2) {
    std::ifstream in(argv[2], std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "cannot read %s\n", argv[2]);
      return 2;
    }
    std::stringstream text;
    text << in.rdbuf();
    long line = argc > 3 ? std::strtol(argv[3], nullptr, 10) : 0;
    run(text.str(), argv[2], edits, line);
    return 0;
  }
  // DOCKPATH_BENCH_ONLY=1000 runs one size, for profiling.
  const char *only = std::getenv("DOCKPATH_BENCH_ONLY");
  for (size_t lines : {100, 1000, 10000})
    if (!only || std::to_string(lines) == only) run(generate(lines), "", edits);
}
