// Inline suppression comments and per-rule levels, applied to the
// diagnostics of one analysis.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <string_view>

#include "dockpath/engine/settings.h"
#include "dockpath/rules/rule.h"

namespace dockpath {

namespace {

struct Suppressions {
  std::set<std::string> wholeFile;
  // Rule ids suppressed per instruction index.
  std::map<size_t, std::set<std::string>> byInstruction;
  // Names in the comments that name no rule, with the comment's range.
  std::vector<std::pair<std::string, Range>> unknown;
};

size_t nextInstruction(const ParsedFile &file, uint32_t line) {
  auto it = std::upper_bound(
      file.instructions.begin(), file.instructions.end(), line,
      [](uint32_t l, const Instruction &i) { return l < i.firstLine(); });
  return static_cast<size_t>(it - file.instructions.begin());
}

bool isSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
         c == '\r';
}

// A suppression comment: "dockpath ignore=RULE[,RULE...]" or the same with
// ignore-file, then nothing or white space and a reason.
struct SuppressionComment {
  bool wholeFile = false;
  std::string_view rules;
};

std::optional<SuppressionComment> parseSuppression(std::string_view text) {
  if (!text.starts_with("dockpath")) return std::nullopt;
  size_t at = 8;
  if (at == text.size() || !isSpace(text[at])) return std::nullopt;
  while (at < text.size() && isSpace(text[at])) ++at;
  SuppressionComment out;
  std::string_view rest = text.substr(at);
  if (rest.starts_with("ignore-file=")) {
    out.wholeFile = true;
    rest.remove_prefix(12);
  } else if (rest.starts_with("ignore=")) {
    rest.remove_prefix(7);
  } else {
    return std::nullopt;
  }
  size_t end = 0;
  while (end < rest.size() &&
         (std::isalnum(static_cast<unsigned char>(rest[end])) ||
          std::string_view("_.,-").find(rest[end]) != std::string_view::npos))
    ++end;
  if (end == 0 || (end < rest.size() && !isSpace(rest[end])))
    return std::nullopt;
  out.rules = rest.substr(0, end);
  return out;
}

Suppressions readSuppressions(const ParsedFile &file) {
  Suppressions out;
  for (const Comment &comment : file.comments) {
    auto parsed = parseSuppression(comment.text);
    if (!parsed) continue;
    std::set<std::string> rules;
    std::string_view list = parsed->rules;
    for (size_t start = 0; start <= list.size();) {
      size_t comma = list.find(',', start);
      if (comma == std::string_view::npos) comma = list.size();
      std::string_view name = list.substr(start, comma - start);
      start = comma + 1;
      if (name.empty()) continue;
      if (!findRule(name)) out.unknown.emplace_back(name, comment.range);
      rules.insert(canonicalRuleId(name));
    }
    if (parsed->wholeFile) {
      out.wholeFile.insert(rules.begin(), rules.end());
    } else {
      size_t next = nextInstruction(file, comment.range.start.line);
      if (next < file.instructions.size())
        out.byInstruction[next].insert(rules.begin(), rules.end());
    }
  }
  return out;
}

bool suppressed(const ParsedFile &file, const Suppressions &suppressions,
                const Diagnostic &d) {
  if (suppressions.wholeFile.count(d.code)) return true;
  const Instruction *at = file.instructionAt(d.range.start.line);
  if (!at) return false;
  auto it = suppressions.byInstruction.find(
      static_cast<size_t>(at - file.instructions.data()));
  return it != suppressions.byInstruction.end() && it->second.count(d.code);
}

Severity severityOf(RuleLevel level) {
  switch (level) {
    case RuleLevel::Warning:
      return Severity::Warning;
    case RuleLevel::Information:
      return Severity::Information;
    case RuleLevel::Hint:
      return Severity::Hint;
    default:
      return Severity::Error;
  }
}

Fix suppressionFix(const ParsedFile &file, const Diagnostic &d) {
  const Instruction *at = file.instructionAt(d.range.start.line);
  Position start = at ? at->range.start : Position{d.range.start.line, 0};
  Position lineStart{start.line, 0};
  std::string indent(start.column, ' ');
  return {fmt::format("Ignore {} for this instruction", d.code),
          {{{lineStart, lineStart},
            fmt::format("{}# dockpath ignore={}\n", indent, d.code)}},
          false};
}

}  // namespace

void applySettings(const ParsedFile &file, const Settings &settings,
                   std::vector<Diagnostic> &diagnostics) {
  std::map<std::string, RuleLevel> levels;
  for (const auto &[rule, level] : settings.rules)
    levels[canonicalRuleId(rule)] = level;
  Suppressions suppressions = readSuppressions(file);

  std::erase_if(diagnostics, [&](const Diagnostic &d) {
    if (d.code == "syntax") return false;
    auto level = levels.find(d.code);
    if (level != levels.end() && level->second == RuleLevel::Off) return true;
    return suppressed(file, suppressions, d);
  });
  for (Diagnostic &d : diagnostics) {
    if (d.code == "syntax") continue;
    if (auto level = levels.find(d.code); level != levels.end())
      d.severity = severityOf(level->second);
    d.fixes.push_back(suppressionFix(file, d));
  }
  for (const auto &[name, range] : suppressions.unknown)
    diagnostics.push_back(
        {range, Severity::Warning, "config",
         fmt::format("unknown rule '{}' in the suppression comment: "
                     "`dockpath rules` lists the rule ids and names",
                     name)});
}

}  // namespace dockpath
