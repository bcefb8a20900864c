// Keeps the rule pages under docs/rules/ in step with the rule registry:
// every rule has a page with the required sections, every page names a
// registered rule, and the index lists every rule.
#include <dockpath/rules/rule.h>
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

using namespace dockpath;

namespace {

namespace fs = std::filesystem;

const fs::path kRulesDir = fs::path(DOCKPATH_SOURCE_DIR) / "docs" / "rules";

// Level-2 headings every path rule page has, in this order.
const std::vector<std::string> kPathRuleSections = {
    "## Message",  "## Why it matters", "## Examples",
    "## Quick fixes", "## Options",     "## Limitations"};

// Level-2 headings every BuildKit check page has.
const std::vector<std::string> kBuildkitSections = {"## Examples",
                                                    "## Limitations"};

std::optional<std::string> readFile(const fs::path &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> linesOf(const std::string &text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Index of the first line equal to wanted at or after from, or -1.
int findLine(const std::vector<std::string> &lines, const std::string &wanted,
             int from = 0) {
  for (int i = from; i < (int)lines.size(); ++i)
    if (lines[i] == wanted) return i;
  return -1;
}

// The first of lines that contains needle, or "".
std::string lineContaining(const std::vector<std::string> &lines,
                           const std::string &needle) {
  for (const std::string &line : lines)
    if (line.find(needle) != std::string::npos) return line;
  return "";
}

std::vector<const Rule *> rulesOfCategory(std::string_view category) {
  std::vector<const Rule *> out;
  for (const Rule &rule : allRules())
    if (rule.info.category == category) out.push_back(&rule);
  return out;
}

// Markdown files directly in folder whose name starts with prefix.
std::vector<fs::path> pagesIn(const fs::path &folder,
                              const std::string &prefix) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto &entry : fs::directory_iterator(folder, ec)) {
    std::string name = entry.path().filename().string();
    if (entry.path().extension() == ".md" && name.rfind(prefix, 0) == 0)
      out.push_back(entry.path());
  }
  return out;
}

}  // namespace

TEST_CASE("rule docs: registry has path rules") {
  CHECK_FALSE(rulesOfCategory("path").empty());
}

TEST_CASE("rule docs: every path rule has a complete page") {
  for (const Rule *rule : rulesOfCategory("path")) {
    std::string id(rule->info.id);
    std::string name(rule->info.name);
    CAPTURE(id);
    auto text = readFile(kRulesDir / (id + ".md"));
    REQUIRE_MESSAGE(text, "missing docs/rules/" << id << ".md");
    auto lines = linesOf(*text);
    REQUIRE_FALSE(lines.empty());
    CHECK(lines[0] == "# " + id + " " + name);
    CHECK(findLine(lines, "**Category:** path") >= 0);
    CHECK(findLine(lines, std::string("**Default severity:** ") +
                              severityName(rule->info.severity)) >= 0);
    int previous = -1;
    for (const std::string &section : kPathRuleSections) {
      CAPTURE(section);
      int at = findLine(lines, section);
      CHECK(at >= 0);
      CHECK(at > previous);
      if (at >= 0) previous = at;
    }
  }
}

TEST_CASE("rule docs: every BuildKit check has a page") {
  // Empty until BuildKit's checks are registered.
  for (const Rule *rule : rulesOfCategory("buildkit")) {
    std::string id(rule->info.id);
    CAPTURE(id);
    auto text = readFile(kRulesDir / "buildkit" / (id + ".md"));
    REQUIRE_MESSAGE(text, "missing docs/rules/buildkit/" << id << ".md");
    auto lines = linesOf(*text);
    REQUIRE_FALSE(lines.empty());
    CHECK(lines[0].rfind("# " + id, 0) == 0);
    CHECK(text->find(rule->info.name) != std::string::npos);
    for (const std::string &section : kBuildkitSections) {
      CAPTURE(section);
      CHECK(findLine(lines, section) >= 0);
    }
  }
}

TEST_CASE("rule docs: every DP page names a path rule") {
  auto pages = pagesIn(kRulesDir, "DP");
  CHECK_FALSE(pages.empty());
  for (const fs::path &page : pages) {
    std::string id = page.stem().string();
    CAPTURE(id);
    const Rule *rule = findRule(id);
    REQUIRE_MESSAGE(rule, "docs/rules/" << id << ".md names no rule");
    CHECK(rule->info.id == id);
    CHECK(rule->info.category == "path");
  }
}

TEST_CASE("rule docs: every BuildKit page names a BuildKit check") {
  for (const fs::path &page : pagesIn(kRulesDir / "buildkit", "")) {
    std::string id = page.stem().string();
    CAPTURE(id);
    const Rule *rule = findRule(id);
    REQUIRE_MESSAGE(rule, "docs/rules/buildkit/" << id << ".md names no rule");
    CHECK(rule->info.id == id);
    CHECK(rule->info.category == "buildkit");
  }
}

TEST_CASE("rule docs: index lists every rule") {
  auto text = readFile(kRulesDir / "README.md");
  REQUIRE_MESSAGE(text, "missing docs/rules/README.md");
  auto lines = linesOf(*text);
  for (const Rule &rule : allRules()) {
    std::string id(rule.info.id);
    CAPTURE(id);
    std::string link = rule.info.category == "buildkit"
                           ? "](buildkit/" + id + ".md)"
                           : "](" + id + ".md)";
    std::string row = lineContaining(lines, "[" + id + link);
    REQUIRE_MESSAGE(!row.empty(), "docs/rules/README.md has no row for " << id);
    CHECK(row.find(std::string(rule.info.name)) != std::string::npos);
    // BuildKit rows may be listed before dockpath registers the check, so
    // only path rows must show the severity.
    if (rule.info.category == "path")
      CHECK(row.find(std::string("| ") + severityName(rule.info.severity) +
                     " |") != std::string::npos);
  }
}

TEST_CASE("Only CopyIgnoredFile is an experimental check") {
  std::vector<std::string> experimental;
  for (const Rule &rule : allRules())
    if (isExperimentalRule(rule.info))
      experimental.push_back(std::string(rule.info.id));
  CHECK(experimental == std::vector<std::string>{"CopyIgnoredFile"});
}
