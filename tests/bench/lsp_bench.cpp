// dockpath_lsp_bench: drives language servers over stdio like an editor
// (initialize, didOpen, one incremental didChange per keystroke, hover,
// completion) and prints their round-trip times and peak RSS side by side,
// as Markdown tables, with each server's ratio to the first one.
//
// tests/bench/run-lsp-bench.sh shows the usual command line.
#include <fmt/core.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "bench_report.h"
#include "dockerfile_generator.h"
#include "lsp_session.h"

namespace dockpath::bench {
namespace {

constexpr const char *kUsage =
    "Usage: dockpath_lsp_bench --server NAME=COMMAND [--server ...] [options]\n"
    "\n"
    "  --server NAME=COMMAND  a server to run; COMMAND is split at spaces\n"
    "                         (no quoting) and its program is looked up on\n"
    "                         PATH. The first server is the baseline of the\n"
    "                         ratio columns. Repeat for each server.\n"
    "  --sizes LIST           line counts of the generated Dockerfiles,\n"
    "                         comma-separated (default 100,1000,10000; 0 for\n"
    "                         none)\n"
    "  --cases DIR            also open every DIR/*/Dockerfile\n"
    "  --runs N               sessions per server and input, each on a fresh\n"
    "                         process (default 1)\n"
    "  --keystrokes N         didChange edits per session on a generated\n"
    "                         file (default 200), shared between a RUN line\n"
    "                         and a COPY path and rounded up to whole\n"
    "                         type-and-delete cycles of the typed word\n"
    "  --case-keystrokes N    the same for a case file (default 60)\n"
    "  --interval-ms N        milliseconds between keystrokes (default 30)\n"
    "  --starts N             start-ups timed per server (default 20)\n"
    "  --requests N           hover and completion requests per session\n"
    "                         (default 20)\n"
    "  --work-dir DIR         where the generated projects are written\n"
    "                         (default: a new folder under /tmp, removed at\n"
    "                         the end)\n"
    "  --markdown FILE        also write the report to FILE\n"
    "  --help                 print this help and exit\n";

struct Options {
  std::vector<ServerSpec> servers;
  std::vector<int> sizes = {100, 1000, 10000};
  std::string casesDir;
  int runs = 1;
  int keystrokes = 200;
  int caseKeystrokes = 60;
  int intervalMs = 30;
  int starts = 20;
  int requests = 20;
  std::string workDir;
  std::string markdown;
  std::string commandLine;
};

std::string findOnPath(const std::string &program) {
  if (program.find('/') != std::string::npos)
    return std::filesystem::absolute(program).string();
  const char *path = std::getenv("PATH");
  std::istringstream folders(path ? path : "");
  std::string folder;
  while (std::getline(folders, folder, ':')) {
    std::filesystem::path candidate = std::filesystem::path(folder) / program;
    if (access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return program;
}

ServerSpec parseServer(const std::string &value) {
  size_t equals = value.find('=');
  if (equals == std::string::npos || equals == 0)
    throw std::invalid_argument(
        fmt::format("invalid --server '{}': expected NAME=COMMAND", value));
  ServerSpec server{value.substr(0, equals), {}};
  std::istringstream words(value.substr(equals + 1));
  std::string word;
  while (words >> word) server.argv.push_back(word);
  if (server.argv.empty())
    throw std::invalid_argument(
        fmt::format("--server '{}' has no command", value));
  server.argv[0] = findOnPath(server.argv[0]);
  return server;
}

int parsePositive(const std::string &flag, const std::string &value,
                  bool allowZero) {
  size_t used = 0;
  int number = -1;
  try {
    number = std::stoi(value, &used);
  } catch (const std::exception &) {
  }
  if (used != value.size() || number < (allowZero ? 0 : 1))
    throw std::invalid_argument(
        fmt::format("invalid {} '{}': expected a {} integer", flag, value,
                    allowZero ? "non-negative" : "positive"));
  return number;
}

Options parseOptions(int argc, char **argv) {
  Options options;
  for (int i = 0; i < argc; ++i) {
    if (i > 0) options.commandLine += ' ';
    options.commandLine += argv[i];
  }
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    if (flag == "--help") {
      std::fputs(kUsage, stdout);
      std::exit(0);
    }
    if (i + 1 >= argc)
      throw std::invalid_argument(
          fmt::format("unknown option or missing value: '{}'", flag));
    std::string value = argv[++i];
    if (flag == "--server") {
      options.servers.push_back(parseServer(value));
    } else if (flag == "--sizes") {
      options.sizes.clear();
      std::istringstream list(value);
      std::string item;
      while (std::getline(list, item, ','))
        if (int size = parsePositive(flag, item, true))
          options.sizes.push_back(size);
    } else if (flag == "--cases") {
      options.casesDir = value;
    } else if (flag == "--runs") {
      options.runs = parsePositive(flag, value, false);
    } else if (flag == "--keystrokes") {
      options.keystrokes = parsePositive(flag, value, false);
    } else if (flag == "--case-keystrokes") {
      options.caseKeystrokes = parsePositive(flag, value, false);
    } else if (flag == "--interval-ms") {
      options.intervalMs = parsePositive(flag, value, false);
    } else if (flag == "--starts") {
      options.starts = parsePositive(flag, value, false);
    } else if (flag == "--requests") {
      options.requests = parsePositive(flag, value, false);
    } else if (flag == "--work-dir") {
      options.workDir = value;
    } else if (flag == "--markdown") {
      options.markdown = value;
    } else {
      throw std::invalid_argument(fmt::format("unknown option '{}'", flag));
    }
  }
  if (options.servers.empty())
    throw std::invalid_argument(
        "no --server given; name at least one server to run");
  return options;
}

std::string readFile(const std::filesystem::path &path) {
  std::ifstream stream(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(stream)), {});
}

int countLines(const std::string &text) {
  int lines = static_cast<int>(std::count(text.begin(), text.end(), '\n'));
  return lines + (!text.empty() && text.back() != '\n');
}

std::vector<Input> prepareInputs(const Options &options,
                                 const std::filesystem::path &workDir) {
  std::vector<Input> inputs;
  for (int size : options.sizes) {
    std::filesystem::path folder = workDir / fmt::format("generated-{}", size);
    writeProject(generateProject(size), folder);
    Input input{fmt::format("generated, {} lines", size), folder / "Dockerfile",
                "", 0};
    input.text = readFile(input.file);
    input.lines = countLines(input.text);
    inputs.push_back(std::move(input));
  }
  if (!options.casesDir.empty()) {
    std::vector<std::filesystem::path> cases;
    for (const auto &entry :
         std::filesystem::directory_iterator(options.casesDir))
      if (std::filesystem::is_regular_file(entry.path() / "Dockerfile"))
        cases.push_back(std::filesystem::absolute(entry.path() / "Dockerfile"));
    if (cases.empty())
      throw std::invalid_argument(fmt::format(
          "no DIR/*/Dockerfile found under --cases '{}'", options.casesDir));
    std::sort(cases.begin(), cases.end());
    for (const auto &file : cases) {
      Input input{file.parent_path().filename().string(), file, readFile(file),
                  0};
      input.lines = countLines(input.text);
      inputs.push_back(std::move(input));
    }
  }
  return inputs;
}

// Runs `command` through the shell and returns its first output line.
std::string firstOutputLine(const std::string &command) {
  FILE *pipe = popen((command + " 2>/dev/null").c_str(), "r");
  if (!pipe) return "";
  char line[512] = {};
  bool read = std::fgets(line, sizeof line, pipe) != nullptr;
  pclose(pipe);
  std::string text = read ? line : "";
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
    text.pop_back();
  return text;
}

// A server's version: "name version" from the package.json above a Node
// script argument, or else the first line of `PROGRAM --version`.
std::string serverVersion(const ServerSpec &server) {
  for (size_t i = 1; i < server.argv.size(); ++i) {
    std::filesystem::path script = server.argv[i];
    std::filesystem::path package =
        script.parent_path().parent_path() / "package.json";
    if (script.is_absolute() && std::filesystem::exists(package)) {
      auto manifest = nlohmann::json::parse(readFile(package), nullptr, false);
      if (manifest.is_object())
        return fmt::format("{} {}", manifest.value("name", "?"),
                           manifest.value("version", "?"));
    }
  }
  std::string version = firstOutputLine("'" + server.argv[0] + "' --version");
  return version.empty() ? "(unknown)" : version;
}

std::string cpuModel() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line))
    if (line.starts_with("model name")) return line.substr(line.find(':') + 2);
  return "(unknown)";
}

std::string loadAverage() {
  std::string text = readFile("/proc/loadavg");
  std::istringstream fields(text);
  std::string one, five, fifteen;
  fields >> one >> five >> fifteen;
  return fmt::format("{} {} {}", one, five, fifteen);
}

MachineInfo describeMachine(const Options &options) {
  MachineInfo machine;
  machine.cpus = static_cast<int>(sysconf(_SC_NPROCESSORS_ONLN));
  machine.cpuModel = cpuModel();
  utsname system{};
  if (uname(&system) == 0)
    machine.kernel = fmt::format("{} {}", system.sysname, system.release);
  for (const ServerSpec &server : options.servers) {
    machine.versions.emplace_back(server.name, serverVersion(server));
    if (std::filesystem::path(server.argv[0]).filename() == "node" &&
        machine.nodeVersion.empty())
      machine.nodeVersion =
          firstOutputLine("'" + server.argv[0] + "' --version");
  }
  machine.loadAtStart = loadAverage();
  return machine;
}

int run(int argc, char **argv) {
  Options options = parseOptions(argc, argv);
  MachineInfo machine = describeMachine(options);

  bool ownWorkDir = options.workDir.empty();
  std::filesystem::path workDir;
  if (ownWorkDir) {
    char pattern[] = "/tmp/dockpath-lsp-bench-XXXXXX";
    if (!mkdtemp(pattern))
      throw std::runtime_error("mkdtemp under /tmp failed");
    workDir = pattern;
  } else {
    workDir = std::filesystem::absolute(options.workDir);
  }
  std::vector<Input> inputs = prepareInputs(options, workDir);

  Report report;
  report.machine = machine;
  report.commandLine = options.commandLine;
  report.settings = fmt::format(
      "{} run(s) per server and input, {} keystrokes per generated file and {} "
      "per case (before rounding up to whole type-and-delete cycles), one "
      "every {} ms, {} start-ups per server, {} hover and {} "
      "completion requests per session",
      options.runs, options.keystrokes, options.caseKeystrokes,
      options.intervalMs, options.starts, options.requests, options.requests);
  for (const ServerSpec &server : options.servers)
    report.servers.push_back(server.name);

  for (const ServerSpec &server : options.servers) {
    std::fprintf(stderr, "start-up: %s\n", server.name.c_str());
    std::vector<double> &times = report.startups[server.name];
    for (int i = 0; i < options.starts; ++i)
      if (auto ms = measureStartup(server)) times.push_back(*ms);
  }

  // Runs go round the servers for each input, so a burst of load from
  // other processes affects every server about equally.
  for (int run = 0; run < options.runs; ++run) {
    for (const Input &input : inputs) {
      bool generated = input.name.starts_with("generated");
      SessionOptions session{
          generated ? options.keystrokes : options.caseKeystrokes,
          options.intervalMs, options.requests, options.requests};
      for (const ServerSpec &server : options.servers) {
        std::fprintf(stderr, "run %d/%d: %s on %s\n", run + 1, options.runs,
                     server.name.c_str(), input.name.c_str());
        SessionResult result = runSession(server, input, session);
        if (!result.error.empty())
          std::fprintf(stderr, "  %s: %s\n", server.name.c_str(),
                       result.error.c_str());
        report.sessions[{input.name, server.name}].push_back(std::move(result));
      }
    }
  }
  for (const Input &input : inputs)
    report.inputs.push_back({input.name, input.lines});
  report.machine.loadAtEnd = loadAverage();

  std::string markdown = renderReport(report);
  std::fputs(markdown.c_str(), stdout);
  if (!options.markdown.empty()) {
    std::ofstream out(options.markdown);
    out << markdown;
    if (!out)
      throw std::runtime_error("failed to write the report to " +
                               options.markdown);
  }
  if (ownWorkDir) std::filesystem::remove_all(workDir);
  return 0;
}

}  // namespace
}  // namespace dockpath::bench

int main(int argc, char **argv) {
  try {
    return dockpath::bench::run(argc, argv);
  } catch (const std::invalid_argument &error) {
    std::fprintf(stderr, "dockpath_lsp_bench: %s\n\n%s", error.what(),
                 dockpath::bench::kUsage);
    return 2;
  } catch (const std::exception &error) {
    std::fprintf(stderr, "dockpath_lsp_bench: %s\n", error.what());
    return 1;
  }
}
