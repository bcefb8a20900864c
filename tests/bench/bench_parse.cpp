// Times a one-character edit plus SyntaxTree::update against a full
// parse() on generated multi-stage Dockerfiles. Prints median, p90 and p99 in
// microseconds and the mean number of lines each update parsed. Usage:
// dockpath_bench_parse [edits per size]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "dockpath/syntax/parser.h"

namespace {

using Clock = std::chrono::steady_clock;

// A Dockerfile of about `lines` lines: stages with continuations, a
// heredoc, flags and ENV pairs, repeated.
std::string generateDockerfile(size_t lines) {
  std::string text = "# syntax=docker/dockerfile:1\nARG BASE=debian:12\n";
  size_t stage = 0;
  while (true) {
    std::string n = std::to_string(stage++);
    std::string block =
        "\nFROM ${BASE} AS stage" + n + "\n" + "ENV APP=app" + n +
        " HOME=/home/app" + n + "\n" +
        "RUN --mount=type=cache,target=/var/cache/apt \\\n"
        "    apt-get update \\\n"
        "    && apt-get install -y curl git \\\n"
        "    && rm -rf /var/lib/apt/lists/*\n"
        "COPY --from=stage0 --chmod=755 /bin/tool /usr/bin/tool" +
        n + "\n" +
        "RUN <<EOF\n"
        "set -eux\n"
        "echo stage " +
        n + "\n" +
        "EOF\n"
        "WORKDIR /srv/" +
        n + "\n" + "CMD [\"tool" + n + "\", \"--serve\"]\n";
    size_t current =
        static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
    if (current + 15 > lines) break;
    text += block;
  }
  return text;
}

struct Stats {
  double median = 0;
  double p90 = 0;
  double p99 = 0;
};

Stats summarize(std::vector<double> samples) {
  std::sort(samples.begin(), samples.end());
  Stats s;
  s.median = samples[samples.size() / 2];
  s.p90 = samples[samples.size() * 9 / 10];
  s.p99 = samples[std::min(samples.size() - 1, samples.size() * 99 / 100)];
  return s;
}

double microseconds(Clock::duration d) {
  return std::chrono::duration<double, std::micro>(d).count();
}

// Types a character at a random position of a non-empty line and deletes
// it again, timing each replace + update. The document is the same after
// each pair.
Stats timeIncremental(dockpath::TextDocument &doc, size_t edits,
                      size_t &parsedLines) {
  dockpath::SyntaxTree tree(doc);
  std::mt19937 rng(42);
  std::vector<double> samples;
  samples.reserve(edits);
  parsedLines = 0;
  dockpath::Position at;
  for (size_t i = 0; i < edits; ++i) {
    bool insert = i % 2 == 0;
    if (insert) {
      do {
        at.line = std::uniform_int_distribution<uint32_t>(
            1, static_cast<uint32_t>(doc.lineCount() - 1))(rng);
      } while (doc.line(at.line).empty());
      at.column = std::uniform_int_distribution<uint32_t>(
          0, static_cast<uint32_t>(doc.line(at.line).size()))(rng);
    }
    auto start = Clock::now();
    dockpath::LineEdit edit =
        insert ? doc.replace({at, at}, "x")
               : doc.replace({at, {at.line, at.column + 1}}, "");
    tree.update(doc, edit);
    samples.push_back(microseconds(Clock::now() - start));
    parsedLines += tree.lastParsedLines();
  }
  parsedLines /= edits;
  return summarize(samples);
}

Stats timeFullParse(const dockpath::TextDocument &doc, size_t runs) {
  std::vector<double> samples;
  for (size_t i = 0; i < runs; ++i) {
    auto start = Clock::now();
    dockpath::ParsedFile parsed = dockpath::parse(doc);
    samples.push_back(microseconds(Clock::now() - start));
    if (parsed.instructions.empty()) std::abort();
  }
  return summarize(samples);
}

}  // namespace

int main(int argc, char **argv) {
  size_t edits = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 5000;
  if (edits < 2) edits = 2;
  std::printf("%-8s %-10s %12s %10s %10s %14s\n", "lines", "operation",
              "median(us)", "p90(us)", "p99(us)", "lines parsed");
  for (size_t size : {100u, 10000u}) {
    dockpath::TextDocument doc(generateDockerfile(size));
    size_t parsedLines = 0;
    Stats edit = timeIncremental(doc, edits, parsedLines);
    Stats full = timeFullParse(doc, size > 1000 ? 200 : 2000);
    std::printf("%-8zu %-10s %12.2f %10.2f %10.2f %14zu\n", doc.lineCount(),
                "edit", edit.median, edit.p90, edit.p99, parsedLines);
    std::printf("%-8zu %-10s %12.2f %10.2f %10.2f %14zu\n", doc.lineCount(),
                "parse()", full.median, full.p90, full.p99, doc.lineCount());
  }
  return 0;
}
