#include "check_directive.h"

#include <algorithm>
#include <cstdint>
#include <optional>

namespace dockpath::rules::buildkit {

namespace {

std::string_view trim(std::string_view text) {
  const char *blanks = " \t\r\n\f\v";
  size_t begin = text.find_first_not_of(blanks);
  if (begin == std::string_view::npos) return {};
  size_t end = text.find_last_not_of(blanks);
  return text.substr(begin, end - begin + 1);
}

std::vector<std::string_view> split(std::string_view text, char separator,
                                    size_t maxParts = SIZE_MAX) {
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < maxParts) {
    size_t at = text.find(separator);
    if (at == std::string_view::npos) break;
    parts.push_back(text.substr(0, at));
    text.remove_prefix(at + 1);
  }
  parts.push_back(text);
  return parts;
}

// "all" or a comma-separated list, as linter.go reads skip= and
// experimental=.
void readRuleList(std::string_view value, bool &all,
                  std::set<std::string, std::less<>> &names) {
  value = trim(value);
  if (value == "all") {
    all = true;
    return;
  }
  for (std::string_view name : split(value, ','))
    names.insert(std::string(trim(name)));
}

// Go's strconv.ParseBool.
std::optional<bool> parseBool(std::string_view text) {
  static const std::vector<std::string_view> truths = {"1",    "t",    "T",
                                                       "TRUE", "true", "True"};
  static const std::vector<std::string_view> lies = {"0",     "f",     "F",
                                                     "FALSE", "false", "False"};
  if (std::find(truths.begin(), truths.end(), text) != truths.end())
    return true;
  if (std::find(lies.begin(), lies.end(), text) != lies.end()) return false;
  return std::nullopt;
}

}  // namespace

CheckDirective parseCheckDirective(std::string_view value) {
  CheckDirective directive;
  value = trim(value);
  if (value.empty()) return directive;
  // linter.go splits into at most 3 parts, so a fourth option stays glued
  // to the third and makes its value invalid.
  for (std::string_view part : split(value, ';', 3)) {
    size_t equals = part.find('=');
    if (equals == std::string_view::npos) return {.valid = false};
    std::string_view key = trim(part.substr(0, equals));
    std::string_view option = part.substr(equals + 1);
    if (key == "skip") {
      readRuleList(option, directive.skipAll, directive.skip);
    } else if (key == "experimental") {
      readRuleList(option, directive.experimentalAll, directive.experimental);
    } else if (key == "error") {
      std::optional<bool> error = parseBool(trim(option));
      if (!error) return {.valid = false};
      directive.error = *error;
    } else {
      return {.valid = false};
    }
  }
  return directive;
}

CheckDirective checkDirectiveOf(const ParsedFile &file) {
  const Directive *check = file.directive("check");
  return check ? parseCheckDirective(check->value) : CheckDirective{};
}

bool isExperimentalCheck(std::string_view name) {
  return name == "CopyIgnoredFile";
}

bool CheckDirective::enables(const RuleInfo &rule) const {
  if (rule.category != "buildkit") return true;
  // linter.go, Linter.Run: experimental checks ignore skip.
  if (isExperimentalCheck(rule.id))
    return experimentalAll || experimental.count(rule.id) > 0;
  return !skipAll && skip.count(rule.id) == 0;
}

void CheckDirective::apply(const RuleInfo &rule, std::vector<Diagnostic> &out,
                           size_t first) const {
  if (rule.category != "buildkit" || !error) return;
  for (size_t i = first; i < out.size(); ++i) out[i].severity = Severity::Error;
}

}  // namespace dockpath::rules::buildkit
