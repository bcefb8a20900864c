// `dockpath check` and `dockpath rules`: the engine without an editor.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "commands.h"
#include "dockpath/engine/engine.h"
#include "dockpath/rules/rule.h"
#include "dockpath/text/encoding.h"

namespace dockpath::cli {

namespace {

constexpr uintmax_t kMaxFileBytes = 16u << 20;

constexpr const char *kCheckUsage =
    "usage: dockpath check [--format text|json] PATH...\n"
    "  PATH is a Dockerfile or a folder with one; - reads standard input,\n"
    "  with the current folder as the build context. Exit status: 0 without\n"
    "  error diagnostics, 1 with one, 2 on usage or read errors.\n";

using nlohmann::json;

std::optional<std::string> readDockerfile(const std::string &path,
                                          std::string &error) {
  std::error_code ec;
  std::filesystem::path file(path);
  if (std::filesystem::is_directory(file, ec)) file /= "Dockerfile";
  auto size = std::filesystem::file_size(file, ec);
  if (ec) {
    error = fmt::format("cannot read {}: {}", file.string(), ec.message());
    return std::nullopt;
  }
  if (size > kMaxFileBytes) {
    error = fmt::format(
        "{} is {} bytes, more than the {} bytes dockpath "
        "reads",
        file.string(), size, kMaxFileBytes);
    return std::nullopt;
  }
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) {
    error = fmt::format("cannot read {}", file.string());
    return std::nullopt;
  }
  return text.str();
}

// Reads standard input, for "-", up to the same limit as a file.
std::optional<std::string> readStandardInput(std::string &error) {
  std::string text;
  char buffer[65536];
  while (std::cin.read(buffer, sizeof buffer) || std::cin.gcount() > 0) {
    text.append(buffer, static_cast<size_t>(std::cin.gcount()));
    if (text.size() > kMaxFileBytes) {
      error = fmt::format(
          "standard input is more than the {} bytes dockpath reads",
          kMaxFileBytes);
      return std::nullopt;
    }
  }
  if (std::cin.bad()) {
    error = "cannot read standard input";
    return std::nullopt;
  }
  return text;
}

json lspPosition(const TextDocument &text, Position p) {
  std::string_view line = p.line < text.lineCount() ? text.line(p.line) : "";
  return {
      {"line", p.line},
      {"character", fromByteColumn(line, p.column, PositionEncoding::Utf16)}};
}

json lspRange(const TextDocument &text, Range r) {
  return {{"start", lspPosition(text, r.start)},
          {"end", lspPosition(text, r.end)}};
}

// A location in another file (a Python source the diagnostic names) has
// its columns in bytes: the file's text is not at hand here.
json byteRange(Range r) {
  return {{"start", {{"line", r.start.line}, {"character", r.start.column}}},
          {"end", {{"line", r.end.line}, {"character", r.end.column}}}};
}

json lspDiagnostic(const std::string &path, const TextDocument &text,
                   const Diagnostic &d) {
  json out = {{"range", lspRange(text, d.range)},
              {"severity", static_cast<int>(d.severity)},
              {"code", d.code},
              {"source", "dockpath"},
              {"message", sanitizeUtf8(d.message)}};
  if (d.related.empty()) return out;
  json related = json::array();
  for (const RelatedInformation &r : d.related)
    related.push_back({{"file", r.path.empty() ? path : r.path},
                       {"range", r.path.empty() ? lspRange(text, r.range)
                                                : byteRange(r.range)},
                       {"message", sanitizeUtf8(r.message)}});
  out["related"] = std::move(related);
  return out;
}

// Compiler-style lines; related locations follow as notes, as gcc and
// clang print them.
void printText(const std::string &path, const Analysis &analysis) {
  for (const Diagnostic &d : analysis.diagnostics) {
    std::cout << sanitizeUtf8(fmt::format(
        "{}:{}:{}: {}: {} [{}]\n", path, d.range.start.line + 1,
        d.range.start.column + 1, severityName(d.severity), d.message, d.code));
    for (const RelatedInformation &r : d.related)
      std::cout << sanitizeUtf8(fmt::format(
          "{}:{}:{}: note: {}\n", r.path.empty() ? path : r.path,
          r.range.start.line + 1, r.range.start.column + 1, r.message));
  }
}

bool parseFormat(std::vector<std::string> &args, std::string &format) {
  for (auto it = args.begin(); it != args.end();) {
    std::string value;
    if (*it == "--format" && it + 1 == args.end()) {
      std::cerr << "dockpath: --format needs a value: text or json\n";
      return false;
    }
    if (*it == "--format") {
      value = *(it + 1);
      it = args.erase(it, it + 2);
    } else if (it->rfind("--format=", 0) == 0) {
      value = it->substr(9);
      it = args.erase(it);
    } else {
      ++it;
      continue;
    }
    if (value != "text" && value != "json") {
      std::cerr << fmt::format(
          "dockpath: invalid --format '{}': use text or "
          "json\n",
          value);
      return false;
    }
    format = value;
  }
  return true;
}

}  // namespace

int runCheck(const std::vector<std::string> &rawArgs) {
  std::vector<std::string> args = rawArgs;
  std::string format = "text";
  if (!parseFormat(args, format)) return 2;
  for (const auto &arg : args)
    if (arg == "--help" || arg == "-h") {
      std::cout << kCheckUsage;
      return 0;
    }
  for (const auto &arg : args)
    if (arg.rfind("-", 0) == 0 && arg != "-") {
      std::cerr << fmt::format("dockpath check: unknown option '{}'\n", arg);
      return 2;
    }
  if (args.empty()) {
    std::cerr << kCheckUsage;
    return 2;
  }
  Engine engine;
  bool ioError = false, foundError = false;
  json files = json::array();
  for (const auto &path : args) {
    std::string error;
    bool fromInput = path == "-";
    auto text = fromInput ? readStandardInput(error) : readDockerfile(path, error);
    if (!text) {
      std::cerr << "dockpath: " << error << "\n";
      ioError = true;
      continue;
    }
    // A folder stands for its Dockerfile, which the output names. Standard
    // input is a Dockerfile in the current folder, as in
    // `docker build -f - .`.
    std::error_code ec;
    std::string shown = fromInput ? "<stdin>" : path;
    if (!fromInput && std::filesystem::is_directory(path, ec))
      shown = (std::filesystem::path(path) / "Dockerfile").string();
    std::string absolute =
        std::filesystem::absolute(fromInput ? "Dockerfile" : shown, ec)
            .string();
    Document &document = engine.open(shown, absolute, *text, 0);
    const Analysis &analysis = *engine.analyze(document);
    for (const Diagnostic &d : analysis.diagnostics)
      foundError = foundError || d.severity == Severity::Error;
    if (format == "text") {
      printText(shown, analysis);
      engine.close(shown);
      continue;
    }
    json diagnostics = json::array();
    for (const Diagnostic &d : analysis.diagnostics)
      diagnostics.push_back(lspDiagnostic(shown, document.text(), d));
    files.push_back({{"file", shown}, {"diagnostics", diagnostics}});
    engine.close(shown);
  }
  if (format == "json")
    std::cout << files.dump(2, ' ', false, json::error_handler_t::replace)
              << "\n";
  if (ioError) return 2;
  return foundError ? 1 : 0;
}

int runRules(const std::vector<std::string> &rawArgs) {
  std::vector<std::string> args = rawArgs;
  std::string format = "text";
  if (!parseFormat(args, format)) return 2;
  if (!args.empty()) {
    std::cerr << "usage: dockpath rules [--format text|json]\n";
    return 2;
  }
  json rules = json::array();
  for (const Rule &rule : allRules()) {
    const RuleInfo &info = rule.info;
    bool experimental = isExperimentalRule(info);
    if (format == "text") {
      std::cout << fmt::format("{} {} [{}, {}{}]\n    {}\n", info.id, info.name,
                               info.category, severityName(info.severity),
                               experimental ? ", experimental" : "",
                               info.summary);
      continue;
    }
    rules.push_back({{"id", info.id},
                     {"name", info.name},
                     {"category", info.category},
                     {"severity", severityName(info.severity)},
                     {"experimental", experimental},
                     {"summary", info.summary}});
  }
  if (format == "json") std::cout << rules.dump(2) << "\n";
  return 0;
}

}  // namespace dockpath::cli
