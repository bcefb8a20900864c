// What a Python source file imports, found by a small tokenizer (no Python
// is executed). Imports inside `try:` blocks and inside functions are still
// reported, marked so that rules can treat them as optional.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dockpath {

struct PythonImport {
  std::string module;  // dotted absolute name; for "from . import x" empty
  int level = 0;       // leading dots of a relative import
  std::vector<std::string> names;  // for "from m import a, b": a, b
  uint32_t line = 0;               // 0-based line of the import statement
  uint32_t column = 0;             // byte column of the module name
  bool guarded = false;            // inside try:, if:, or a def/class body
};

std::vector<PythonImport> scanImports(std::string_view source);

// True when a top-level module name belongs to the standard library of
// the given Python version ("3.11"). Unknown versions use 3.11's list.
bool isStandardModule(std::string_view topLevel, std::string_view version);

}  // namespace dockpath
