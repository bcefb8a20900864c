#include "bench_report.h"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>

namespace dockpath::bench {
namespace {

// Nearest-rank percentile of `values`, which must not be empty.
double percentile(std::vector<double> values, double fraction) {
  std::sort(values.begin(), values.end());
  size_t rank = static_cast<size_t>(std::ceil(fraction * values.size()));
  return values[std::clamp<size_t>(rank, 1, values.size()) - 1];
}

std::optional<double> median(const std::vector<double> &values) {
  if (values.empty()) return std::nullopt;
  return percentile(values, 0.5);
}

std::string formatNumber(double value) {
  if (value >= 100) return fmt::format("{:.0f}", value);
  if (value >= 10) return fmt::format("{:.1f}", value);
  if (value >= 1) return fmt::format("{:.2f}", value);
  return fmt::format("{:.3f}", value);
}

std::string formatOptional(const std::optional<double> &value) {
  return value ? formatNumber(*value) : "n/a";
}

// One row of a per-input table: a value per server, computed from its runs.
struct Row {
  std::string label;
  std::function<std::optional<double>(const std::vector<SessionResult> &)>
      value;
  bool ratio = true;  // whether the ratio columns apply
  std::function<std::string(const std::vector<SessionResult> &)>
      text;  // replaces value
};

std::vector<const SessionResult *> completed(
    const std::vector<SessionResult> &runs) {
  std::vector<const SessionResult *> done;
  for (const SessionResult &run : runs)
    if (run.error.empty()) done.push_back(&run);
  return done;
}

std::vector<double> pooled(const std::vector<SessionResult> &runs,
                           std::vector<double> SessionResult::*field) {
  std::vector<double> all;
  for (const SessionResult *run : completed(runs))
    all.insert(all.end(), (run->*field).begin(), (run->*field).end());
  return all;
}

using Phase = TypingResult SessionResult::*;

std::vector<double> pooledKeystrokes(const std::vector<SessionResult> &runs,
                                     Phase phase) {
  std::vector<double> all;
  for (const SessionResult *run : completed(runs))
    all.insert(all.end(), (run->*phase).ms.begin(), (run->*phase).ms.end());
  return all;
}

// Appends the rows of one typing phase: percentiles over the keystrokes of
// all runs, the spread of each run's p99, and the keystroke counts.
void addTypingRows(std::vector<Row> &rows, const std::string &name, Phase phase,
                   bool severalRuns) {
  for (auto [label, fraction] :
       {std::pair{"median", 0.5}, std::pair{"p90", 0.9}, std::pair{"p99", 0.99},
        std::pair{"max", 1.0}}) {
    rows.push_back(
        {fmt::format("{} keystroke to diagnostics, {} ms", name, label),
         [phase, fraction](const auto &runs) -> std::optional<double> {
           std::vector<double> all = pooledKeystrokes(runs, phase);
           if (all.empty()) return std::nullopt;
           return percentile(all, fraction);
         }});
  }
  if (severalRuns) {
    rows.push_back(
        {fmt::format("{} keystroke p99 per run, min to max ms", name), nullptr,
         false, [phase](const auto &runs) {
           std::vector<double> p99s;
           for (const SessionResult *run : completed(runs))
             if (!(run->*phase).ms.empty())
               p99s.push_back(percentile((run->*phase).ms, 0.99));
           if (p99s.empty()) return std::string("n/a");
           auto [low, high] = std::minmax_element(p99s.begin(), p99s.end());
           return formatNumber(*low) + " to " + formatNumber(*high);
         }});
  }
  rows.push_back(
      {fmt::format("{} keystrokes answered / skipped versions / unanswered",
                   name),
       nullptr, false, [phase](const auto &runs) {
         size_t answered = 0;
         int skipped = 0, unanswered = 0;
         bool inferred = false;
         for (const SessionResult *run : completed(runs)) {
           const TypingResult &typing = run->*phase;
           answered += typing.ms.size();
           skipped += typing.skippedVersions;
           unanswered += typing.unanswered;
           inferred = inferred || typing.versionsInferred;
         }
         return fmt::format("{} / {} / {}{}", answered, skipped, unanswered,
                            inferred ? " (no versions)" : "");
       }});
}

std::vector<Row> inputRows(bool severalRuns) {
  std::vector<Row> rows;
  rows.push_back(
      {"didOpen to diagnostics, ms (median of runs)", [](const auto &runs) {
         std::vector<double> times;
         for (const SessionResult *run : completed(runs))
           times.push_back(run->openMs);
         return median(times);
       }});

  addTypingRows(rows, "paced", &SessionResult::paced, severalRuns);

  addTypingRows(rows, "isolated", &SessionResult::isolated, severalRuns);

  rows.push_back({"hover, median ms", [](const auto &runs) {
                    return median(pooled(runs, &SessionResult::hoverMs));
                  }});
  rows.push_back({"hover result", nullptr, false, [](const auto &runs) {
                    auto done = completed(runs);
                    if (done.empty()) return std::string("n/a");
                    return std::string(done.back()->hoverHasContent ? "content"
                                                                    : "null");
                  }});
  rows.push_back(
      {"completion, median ms", [](const auto &runs) -> std::optional<double> {
         auto done = completed(runs);
         if (done.empty() || !done.back()->completionSupported)
           return std::nullopt;
         return median(pooled(runs, &SessionResult::completionMs));
       }});
  rows.push_back({"completion items", nullptr, false, [](const auto &runs) {
                    auto done = completed(runs);
                    if (done.empty() || !done.back()->completionSupported)
                      return std::string("n/a");
                    return std::to_string(done.back()->completionItems);
                  }});

  rows.push_back({"peak RSS (VmHWM), MiB (max of runs)",
                  [](const auto &runs) -> std::optional<double> {
                    long peak = -1;
                    for (const SessionResult *run : completed(runs))
                      peak = std::max(peak, run->peakRssKiB);
                    if (peak < 0) return std::nullopt;
                    return peak / 1024.0;
                  }});
  rows.push_back(
      {"diagnostics after the session", nullptr, false, [](const auto &runs) {
         auto done = completed(runs);
         if (done.empty()) return std::string("n/a");
         return std::to_string(done.back()->finalDiagnostics);
       }});
  return rows;
}

std::string tableHeader(const std::string &first,
                        const std::vector<std::string> &columns) {
  std::string header = "| " + first + " |";
  std::string rule = "|---|";
  for (const std::string &column : columns) {
    header += " " + column + " |";
    rule += "---:|";
  }
  return header + "\n" + rule + "\n";
}

std::string renderMachine(const Report &report) {
  const MachineInfo &machine = report.machine;
  std::string text = "Machine: " + std::to_string(machine.cpus) +
                     " CPUs (nproc), " + machine.cpuModel + ", " +
                     machine.kernel + ".\n";
  text += "Load average (1, 5, 15 min): " + machine.loadAtStart +
          " at the start, " + machine.loadAtEnd + " at the end.\n\n";
  text += "Versions:\n\n";
  for (const auto &[server, version] : machine.versions)
    text += "- " + server + ": " + version + "\n";
  if (!machine.nodeVersion.empty())
    text += "- node: " + machine.nodeVersion + "\n";
  text += "\nCommand: `" + report.commandLine + "`\n\n";
  text += "Settings: " + report.settings + ".\n\n";
  return text;
}

std::string renderStartups(const Report &report) {
  std::string text =
      "### Start-up: process start to the initialize response (ms)\n\n";
  text += tableHeader("server", {"median", "p90", "min", "max", "starts"});
  for (const std::string &server : report.servers) {
    auto found = report.startups.find(server);
    const std::vector<double> empty;
    const std::vector<double> &times =
        found == report.startups.end() ? empty : found->second;
    if (times.empty()) {
      text += "| " + server + " | failed | | | | 0 |\n";
      continue;
    }
    text += fmt::format("| {} | {} | {} | {} | {} | {} |\n", server,
                        formatNumber(percentile(times, 0.5)),
                        formatNumber(percentile(times, 0.9)),
                        formatNumber(percentile(times, 0.0)),
                        formatNumber(percentile(times, 1.0)), times.size());
  }
  return text + "\n";
}

const std::vector<SessionResult> &sessionsOf(const Report &report,
                                             const std::string &input,
                                             const std::string &server) {
  static const std::vector<SessionResult> none;
  auto found = report.sessions.find({input, server});
  return found == report.sessions.end() ? none : found->second;
}

std::string renderInput(const Report &report, const InputInfo &input,
                        const std::vector<Row> &rows) {
  const std::string &baseline = report.servers.front();
  std::vector<std::string> columns = report.servers;
  for (size_t i = 1; i < report.servers.size(); ++i)
    columns.push_back(report.servers[i] + "/" + baseline);

  std::string text =
      fmt::format("### {} ({} lines)\n\n", input.name, input.lines);
  text += tableHeader("metric", columns);
  for (const Row &row : rows) {
    text += fmt::format("| {} |", row.label);
    std::vector<std::optional<double>> values;
    for (const std::string &server : report.servers) {
      const auto &runs = sessionsOf(report, input.name, server);
      if (row.text) {
        text += fmt::format(" {} |", row.text(runs));
        continue;
      }
      values.push_back(completed(runs).empty() ? std::nullopt
                                               : row.value(runs));
      text += fmt::format(" {} |", formatOptional(values.back()));
    }
    for (size_t i = 1; i < report.servers.size(); ++i) {
      bool numeric =
          row.ratio && !row.text && values[0] && values[i] && *values[0] > 0;
      text += numeric
                  ? fmt::format(" {} |", formatNumber(*values[i] / *values[0]))
                  : " |";
    }
    text += "\n";
  }
  for (const std::string &server : report.servers)
    for (const SessionResult &run : sessionsOf(report, input.name, server))
      if (!run.error.empty())
        text += fmt::format("\nNOTE: {} failed a run: {}\n", server, run.error);
  return text + "\n";
}

std::string renderSummary(const Report &report) {
  std::vector<std::string> columns = {"lines"};
  for (const char *metric :
       {"paced keystroke p99 ms", "isolated keystroke p99 ms", "didOpen ms",
        "peak RSS MiB"})
    for (const std::string &server : report.servers)
      columns.push_back(fmt::format("{}: {}", metric, server));
  std::string text = "### Summary\n\n" + tableHeader("input", columns);
  std::vector<Row> rows = inputRows(false);
  auto rowLabelled = [&rows](std::string_view prefix) {
    return &*std::find_if(rows.begin(), rows.end(), [prefix](const Row &row) {
      return row.label.starts_with(prefix);
    });
  };
  const Row *picked[] = {rowLabelled("paced keystroke to diagnostics, p99"),
                         rowLabelled("isolated keystroke to diagnostics, p99"),
                         rowLabelled("didOpen"), rowLabelled("peak RSS")};
  for (const InputInfo &input : report.inputs) {
    text += fmt::format("| {} | {} |", input.name, input.lines);
    for (const Row *row : picked)
      for (const std::string &server : report.servers) {
        const auto &runs = sessionsOf(report, input.name, server);
        text += fmt::format(" {} |", formatOptional(completed(runs).empty()
                                                        ? std::nullopt
                                                        : row->value(runs)));
      }
    text += "\n";
  }
  return text + "\n";
}

}  // namespace

std::string renderReport(const Report &report) {
  std::string text = renderMachine(report);
  text += renderStartups(report);
  text += renderSummary(report);
  std::vector<Row> rows = inputRows(
      report.sessions.empty() ? false
                              : report.sessions.begin()->second.size() > 1);
  for (const InputInfo &input : report.inputs)
    text += renderInput(report, input, rows);
  return text;
}

}  // namespace dockpath::bench
