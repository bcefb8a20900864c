// Per-rule configuration and inline suppression.
//
// Rules are configured by id or name ("DP005", "pythonpath-entry-missing",
// "StageNameCasing") to off or to a severity, from the client's settings
// and from a `.dockpath.toml` file found by walking up from the
// Dockerfile's folder. The file wins over the client's settings.
//
// Inline suppression comments name rules for the next instruction or the
// whole file, with an optional reason after the list:
//   # dockpath ignore=DP001,DP005 the venv is mounted at run time
//   # dockpath ignore-file=StageNameCasing
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dockpath/diagnostic.h"
#include "dockpath/syntax/ast.h"

namespace dockpath {

enum class RuleLevel : uint8_t { Off, Error, Warning, Information, Hint };

std::optional<RuleLevel> parseRuleLevel(std::string_view text);

// The rule id for an id or name ("interpreter-repeated" -> "DP002");
// unknown names are returned as written.
std::string canonicalRuleId(std::string_view idOrName);

struct Settings {
  std::map<std::string, RuleLevel, std::less<>> rules;  // id or name

  // Later entries override earlier ones.
  void merge(const Settings &other);
};

struct ConfigFile {
  std::string path;  // "" when none was found
  Settings settings;
  std::vector<std::string> errors;  // "path:line: message"
};

// Reads the nearest .dockpath.toml at or above folder. The format is a
// small TOML subset: a [rules] table of `Name = "off" | "error" |
// "warning" | "info" | "hint"` lines and # comments.
ConfigFile findConfigFile(const std::string &folder);
ConfigFile parseConfigFile(std::string path, std::string_view text);

// Drops suppressed and disabled diagnostics and applies severity
// overrides. Adds to every remaining rule diagnostic a fix that inserts a
// suppression comment.
void applySettings(const ParsedFile &file, const Settings &settings,
                   std::vector<Diagnostic> &diagnostics);

}  // namespace dockpath
