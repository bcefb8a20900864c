// Requirement files and the import names their distributions provide.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dockpath {

struct Requirement {
  std::string distribution;  // as written, "PyYAML"
  uint32_t line = 0;         // 0-based
};

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
