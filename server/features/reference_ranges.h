// Internal to the navigation features: the variable names in words, flag
// values, heredocs and shell text, each with the document range of the
// name alone (no "$" or braces), so that a rename can replace it.
//
// A name whose range cannot be mapped exactly (split by a line
// continuation, or inside an exec-form item with JSON escapes) is left
// out rather than given an approximate range.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dockpath/syntax/ast.h"
#include "dockpath/text/document.h"

namespace dockpath::navigation {

struct NameRef {
  std::string name;
  Range range;
};

// Names in a word of instruction; for an exec-form item, in its value.
std::vector<NameRef> wordNames(const Instruction &instruction, const Word &word,
                               bool execForm, char escape);

// Names in a flag's value.
std::vector<NameRef> flagNames(const TextDocument &text, const Flag &flag,
                               char escape);

// Names in instruction.argText from byte offset start on.
std::vector<NameRef> argTextNames(const Instruction &instruction, size_t start,
                                  char escape);

// Names in a heredoc's body.
std::vector<NameRef> heredocNames(const TextDocument &text,
                                  const Heredoc &heredoc, char escape);

// A flag's value as written on its line, without enclosing double quotes,
// or nullopt when the value spans lines.
std::optional<NameRef> flagText(const TextDocument &text, const Flag &flag);

// The value of option `key` in a RUN --mount flag ("type=cache,from=x"),
// or nullopt when the flag has none.
std::optional<NameRef> mountOption(const TextDocument &text, const Flag &flag,
                                   std::string_view key);

}  // namespace dockpath::navigation
