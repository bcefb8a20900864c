// Checks one path-fault case folder: the broken Dockerfile gets the path
// diagnostics listed in expect.txt on the listed lines, fixed.Dockerfile
// gets none, and every quick fix applied to the broken file leaves no
// path diagnostic. The same is checked through `dockpath check --format
// json` and, when a server binary is given, over the LSP protocol.
//
// Usage: dockpath_case CASE_DIR DOCKPATH_BINARY
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "dockpath/engine/engine.h"
#include "lsp_session.h"

namespace fs = std::filesystem;
using dockpath::Diagnostic;

namespace {

int failures = 0;

void fail(const std::string &what) {
  std::cerr << "FAIL: " << what << "\n";
  ++failures;
}

std::string readFile(const fs::path &path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

using Findings = std::multiset<std::pair<std::string, unsigned>>;

std::string describe(const Findings &findings) {
  std::string out;
  for (const auto &[code, line] : findings)
    out += " " + code + "@" + std::to_string(line);
  return out.empty() ? " (none)" : out;
}

Findings readExpected(const fs::path &file) {
  Findings expected;
  std::istringstream in(readFile(file));
  std::string code;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#' || line.rfind("xfail:", 0) == 0)
      continue;
    std::istringstream words(line);
    unsigned number = 0;
    words >> code >> number;
    expected.insert({code, number});
  }
  return expected;
}

bool isPathRule(const std::string &code) { return code.rfind("DP", 0) == 0; }

Findings pathFindings(const dockpath::Analysis &analysis) {
  Findings out;
  for (const Diagnostic &d : analysis.diagnostics)
    if (isPathRule(d.code)) out.insert({d.code, d.range.start.line + 1});
  return out;
}

void expectFindings(const std::string &what, const Findings &got,
                    const Findings &want) {
  if (got != want)
    fail(what + ": expected" + describe(want) + ", got" + describe(got));
}

// Applies a fix's edits, the last first, so earlier ranges stay valid.
void applyFix(dockpath::Document &document, std::vector<dockpath::TextEdit>
                                                edits) {
  std::sort(edits.begin(), edits.end(), [](const auto &a, const auto &b) {
    return b.range.start < a.range.start;
  });
  for (const auto &edit : edits) document.applyChange(edit.range, edit.newText);
}

void checkEngine(const fs::path &dir, const Findings &expected) {
  dockpath::Engine engine;
  fs::path broken = dir / "Dockerfile";
  std::string text = readFile(broken);
  auto &document = engine.open("broken", broken.string(), text, 1);
  const auto *analysis = engine.analyze(document);
  expectFindings("engine, Dockerfile", pathFindings(*analysis), expected);

  fs::path fixed = dir / "fixed.Dockerfile";
  auto &fixedDocument =
      engine.open("fixed", fixed.string(), readFile(fixed), 1);
  expectFindings("engine, fixed.Dockerfile",
                 pathFindings(*engine.analyze(fixedDocument)), {});

  // A fix removes the diagnostic it targets and adds none; the others
  // stay (their lines may move).
  std::multiset<std::string> codes;
  for (const auto &[code, line] : pathFindings(*analysis)) codes.insert(code);
  for (const Diagnostic &d : analysis->diagnostics) {
    if (!isPathRule(d.code)) continue;
    std::multiset<std::string> expectedLeft = codes;
    expectedLeft.erase(expectedLeft.find(d.code));
    for (const auto &fix : d.fixes) {
      auto &copy = engine.open("fix", broken.string(), text, 1);
      applyFix(copy, fix.edits);
      std::multiset<std::string> left;
      for (const auto &[code, line] : pathFindings(*engine.analyze(copy)))
        left.insert(code);
      if (left != expectedLeft)
        fail("quick fix '" + fix.title + "' for " + d.code + " leaves" +
             describe(pathFindings(*engine.analyze(copy))) + " in:\n" +
             copy.text().text());
    }
  }
}

void checkCommandLine(const fs::path &dir, const std::string &binary,
                      const Findings &expected) {
  for (const char *name : {"Dockerfile", "fixed.Dockerfile"}) {
    std::string command = "'" + binary + "' check --format json '" +
                          (dir / name).string() + "'";
    FILE *pipe = popen(command.c_str(), "r");
    if (!pipe) return fail("cannot run " + command);
    std::string output;
    char buffer[4096];
    while (size_t n = fread(buffer, 1, sizeof buffer, pipe))
      output.append(buffer, n);
    int status = pclose(pipe);
    auto json = nlohmann::json::parse(output, nullptr, false);
    if (json.is_discarded() || !json.is_array() || json.size() != 1)
      return fail("check --format json printed no file object: " + output);
    Findings got;
    bool anyError = false;
    for (const auto &d : json[0]["diagnostics"]) {
      std::string code = d.value("code", "");
      anyError = anyError || d.value("severity", 0) == 1;
      if (isPathRule(code))
        got.insert({code, d["range"]["start"]["line"].get<unsigned>() + 1});
      // DP001 always names the instruction that placed the modules.
      bool related = d.contains("related") && d["related"].is_array() &&
                     !d["related"].empty() &&
                     d["related"][0].value("message", "") != "";
      if (code == "DP001" && !related)
        fail("check --format json gave DP001 without related locations: " +
             d.dump());
    }
    bool isFixed = std::string(name) == "fixed.Dockerfile";
    expectFindings(std::string("command line, ") + name, got,
                   isFixed ? Findings{} : expected);
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (code != (anyError ? 1 : 0))
      fail(std::string("check exit code for ") + name + " is " +
           std::to_string(code));
  }
}

}  // namespace

int main(int argc, char **argv) {
  if (argc < 3) {
    std::cerr << "usage: dockpath_case CASE_DIR DOCKPATH_BINARY\n";
    return 2;
  }
  fs::path dir = fs::absolute(argv[1]);
  Findings expected = readExpected(dir / "expect.txt");
  checkEngine(dir, expected);
  checkCommandLine(dir, argv[2], expected);
  checkProtocol(dir, argv[2], expected, fail);
  if (failures) std::cerr << failures << " check(s) failed for " << dir << "\n";
  return failures ? 1 : 0;
}
