#include "dockpath/engine/settings.h"

#include "dockpath/rules/rule.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace dockpath {

std::string canonicalRuleId(std::string_view idOrName) {
  if (const Rule *rule = findRule(idOrName)) return std::string(rule->info.id);
  return std::string(idOrName);
}

std::optional<RuleLevel> parseRuleLevel(std::string_view text) {
  if (text == "off" || text == "ignore") return RuleLevel::Off;
  if (text == "error") return RuleLevel::Error;
  if (text == "warning") return RuleLevel::Warning;
  if (text == "info" || text == "information") return RuleLevel::Information;
  if (text == "hint") return RuleLevel::Hint;
  return std::nullopt;
}

void Settings::merge(const Settings &other) {
  // The same rule may be named by id in one and by name in the other, so
  // an entry for the other spelling is dropped first.
  for (const auto &[rule, level] : other.rules) {
    std::string id = canonicalRuleId(rule);
    std::erase_if(rules, [&](const auto &entry) {
      return canonicalRuleId(entry.first) == id;
    });
    rules[rule] = level;
  }
}

namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' ||
                           text.back() == '\r'))
    text.remove_suffix(1);
  return text;
}

std::string_view unquote(std::string_view text) {
  if (text.size() >= 2 && (text.front() == '"' || text.front() == '\'') &&
      text.back() == text.front())
    return text.substr(1, text.size() - 2);
  return text;
}

}  // namespace

ConfigFile parseConfigFile(std::string path, std::string_view text) {
  ConfigFile config;
  config.path = std::move(path);
  std::string table;
  size_t lineNumber = 0;
  for (size_t start = 0; start <= text.size(); ++lineNumber) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = trim(text.substr(start, end - start));
    start = end + 1;
    if (size_t hash = line.find('#'); hash != std::string_view::npos &&
                                      line.find('"') > hash)
      line = trim(line.substr(0, hash));
    if (line.empty()) continue;
    // A few errors are enough to see what is wrong with the file.
    auto error = [&](const std::string &message) {
      if (config.errors.size() < 20)
        config.errors.push_back(
            fmt::format("{}:{}: {}", config.path, lineNumber + 1, message));
    };
    if (line.front() == '[') {
      size_t close = line.find(']');
      if (close == std::string_view::npos) {
        error("missing ']' after the table name");
        table.clear();
        continue;
      }
      table = std::string(trim(line.substr(1, close - 1)));
      if (table != "rules") error("unknown table [" + table + "]");
      continue;
    }
    size_t eq = line.find('=');
    if (eq == std::string_view::npos || table != "rules") {
      error("expected `Rule = \"level\"` in the [rules] table");
      continue;
    }
    std::string rule(unquote(trim(line.substr(0, eq))));
    std::string_view value = unquote(trim(line.substr(eq + 1)));
    if (!findRule(rule))
      error(fmt::format("unknown rule '{}': `dockpath rules` lists the rule "
                        "ids and names",
                        rule));
    else if (auto level = parseRuleLevel(value))
      config.settings.rules[rule] = *level;
    else
      error(fmt::format("invalid level '{}' for {}: use off, error, "
                        "warning, info or hint", value, rule));
  }
  return config;
}

ConfigFile findConfigFile(const std::string &folder) {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::absolute(folder, ec);
  for (int depth = 0; !ec && depth < 64; ++depth) {
    std::filesystem::path candidate = dir / ".dockpath.toml";
    if (std::filesystem::is_regular_file(candidate, ec)) {
      // Only the first MiB is read: a real file is a few lines long.
      std::ifstream in(candidate, std::ios::binary);
      std::string text(1 << 20, '\0');
      in.read(text.data(), static_cast<std::streamsize>(text.size()));
      text.resize(static_cast<size_t>(in.gcount()));
      return parseConfigFile(candidate.string(), text);
    }
    if (!dir.has_parent_path() || dir.parent_path() == dir) break;
    dir = dir.parent_path();
  }
  return {};
}

}  // namespace dockpath
