// Requirement files and the import names their distributions provide.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dockpath {

struct Requirement {
  std::string distribution;         // as written, "PyYAML"
  uint32_t line = 0;                // 0-based
  std::vector<std::string> extras;  // "pkg[a,b]": a, b
  std::string specifier;            // "==6.0.2", ">=1,<2"; empty if none
  std::string url;                  // "name @ url": the url
  std::string marker;               // after ';': "python_version < '3.11'"
};

// The PEP 503 normal form of a distribution name: lower case, each run of
// '-', '_' and '.' replaced by one '-' ("Foo_Bar.baz" -> "foo-bar-baz").
std::string normaliseDistributionName(std::string_view name);

// Parses a pip requirements file: comments, markers, extras, version
// specifiers, line continuations; options such as "-r other.txt" are
// returned in includes. Never throws.
std::vector<Requirement> parseRequirements(
    std::string_view text, std::vector<std::string> *includes = nullptr);

// Top-level import names a distribution installs ("PyYAML" -> {"yaml"},
// "scikit-learn" -> {"sklearn"}); the normalised name with '-' as '_' when
// the table has no entry.
std::vector<std::string> importNamesOf(std::string_view distribution);

// Console scripts a distribution is known to install ("uvicorn" ->
// {"uvicorn"}), empty when unknown.
std::vector<std::string> consoleScriptsOf(std::string_view distribution);

}  // namespace dockpath
