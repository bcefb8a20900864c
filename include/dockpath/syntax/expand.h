// Variable substitution in instruction words, with BuildKit's forms:
// $V, ${V}, ${V:-x}, ${V-x}, ${V:+x}, ${V+x}, ${V:?msg}, ${V?msg},
// ${V#p}, ${V##p}, ${V%p}, ${V%%p}, ${V/p/r}, ${V//p/r}, and the escape
// character before '$' for a literal dollar sign.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dockpath {

// Returns the variable's value, or nullopt when it is not set.
using VariableLookup =
    std::function<std::optional<std::string>(std::string_view name)>;

struct VariableReference {
  std::string name;
  size_t offset = 0;  // in the input word, at the '$'
  size_t length = 0;  // through the closing brace
  bool hasDefault = false;  // a form that gives a value when unset
};

struct ExpandResult {
  std::string value;
  std::vector<VariableReference> references;
  // Variables that were referenced but not set and had no default.
  std::vector<std::string> unset;
  // Set when a form is malformed ("${V" without '}', "${V:?msg}" unset).
  std::optional<std::string> error;
};

// Expands variables in word (text as written, quotes already removed by
// the caller or not, as the caller needs). escape is the file's escape
// character.
ExpandResult expand(std::string_view word, const VariableLookup &lookup,
                    char escape = '\\');

// Variable references in word without expanding them.
std::vector<VariableReference> findReferences(std::string_view word,
                                              char escape = '\\');

}  // namespace dockpath
