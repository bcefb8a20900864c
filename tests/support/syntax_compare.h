// Field-by-field comparison of parse results, for tests and the fuzz
// target that check the incremental parse against a full one.
#pragma once

#include <sstream>
#include <string>

#include "dockpath/syntax/ast.h"

namespace dockpath::test {

// Each compare* returns "" when equal, else where the first difference is.
template <typename T>
inline std::string show(const T &value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

inline std::string compareWord(const Word &a, const Word &b,
                               const std::string &at) {
  if (a.text != b.text)
    return at + ".text '" + a.text + "' vs '" + b.text + "'";
  if (a.value != b.value) return at + ".value";
  if (a.range != b.range) {
    return at + ".range " + show(a.range) + " vs " + show(b.range);
  }
  return "";
}

inline std::string compareInstruction(const Instruction &a,
                                      const Instruction &b,
                                      const std::string &at) {
  if (a.kind != b.kind || a.keyword != b.keyword) return at + ".keyword";
  if (a.keywordRange != b.keywordRange) return at + ".keywordRange";
  if (a.range != b.range) {
    return at + ".range " + show(a.range) + " vs " + show(b.range);
  }
  if (a.argText != b.argText || a.argRange != b.argRange) return at + ".arg";
  if (a.execForm != b.execForm) return at + ".execForm";
  if (a.segments.size() != b.segments.size()) return at + ".segments";
  for (size_t i = 0; i < a.segments.size(); ++i) {
    if (a.segments[i].offset != b.segments[i].offset ||
        a.segments[i].start != b.segments[i].start) {
      return at + ".segments[" + std::to_string(i) + "]";
    }
  }
  if (a.flags.size() != b.flags.size()) return at + ".flags";
  for (size_t i = 0; i < a.flags.size(); ++i) {
    const Flag &x = a.flags[i], &y = b.flags[i];
    if (x.name != y.name || x.value != y.value || x.range != y.range ||
        x.nameRange != y.nameRange || x.valueRange != y.valueRange) {
      return at + ".flags[" + std::to_string(i) + "]";
    }
  }
  if (a.args.size() != b.args.size()) return at + ".args size";
  for (size_t i = 0; i < a.args.size(); ++i) {
    std::string d = compareWord(a.args[i], b.args[i],
                                at + ".args[" + std::to_string(i) + "]");
    if (!d.empty()) return d;
  }
  if (a.pairs.size() != b.pairs.size()) return at + ".pairs size";
  for (size_t i = 0; i < a.pairs.size(); ++i) {
    const KeyValue &x = a.pairs[i], &y = b.pairs[i];
    std::string where = at + ".pairs[" + std::to_string(i) + "]";
    std::string d = compareWord(x.key, y.key, where + ".key");
    if (!d.empty()) return d;
    if (x.value.has_value() != y.value.has_value()) return where + ".value";
    if (x.value) {
      d = compareWord(*x.value, *y.value, where + ".value");
      if (!d.empty()) return d;
    }
    if (x.legacyForm != y.legacyForm || x.range != y.range) return where;
  }
  if (a.heredocs.size() != b.heredocs.size()) return at + ".heredocs size";
  for (size_t i = 0; i < a.heredocs.size(); ++i) {
    const Heredoc &x = a.heredocs[i], &y = b.heredocs[i];
    if (x.delimiter != y.delimiter || x.quoted != y.quoted ||
        x.stripTabs != y.stripTabs || x.body != y.body ||
        x.markerRange != y.markerRange || x.bodyRange != y.bodyRange ||
        x.terminated != y.terminated) {
      return at + ".heredocs[" + std::to_string(i) + "]";
    }
  }
  if ((a.trigger == nullptr) != (b.trigger == nullptr)) return at + ".trigger";
  if (a.trigger)
    return compareInstruction(*a.trigger, *b.trigger, at + ".trigger");
  return "";
}

// Compares every field of two parse results.
inline std::string compareFiles(const ParsedFile &a, const ParsedFile &b) {
  if (a.escape != b.escape) return "escape";
  if (a.directives.size() != b.directives.size()) return "directives size";
  for (size_t i = 0; i < a.directives.size(); ++i) {
    const Directive &x = a.directives[i], &y = b.directives[i];
    if (x.name != y.name || x.value != y.value || x.range != y.range ||
        x.valueRange != y.valueRange) {
      return "directives[" + std::to_string(i) + "]";
    }
  }
  if (a.instructions.size() != b.instructions.size()) {
    return "instruction count " + std::to_string(a.instructions.size()) +
           " vs " + std::to_string(b.instructions.size());
  }
  for (size_t i = 0; i < a.instructions.size(); ++i) {
    std::string d =
        compareInstruction(a.instructions[i], b.instructions[i],
                           "instructions[" + std::to_string(i) + "]");
    if (!d.empty()) return d;
  }
  if (a.comments.size() != b.comments.size()) return "comments size";
  for (size_t i = 0; i < a.comments.size(); ++i) {
    if (a.comments[i].text != b.comments[i].text ||
        a.comments[i].range != b.comments[i].range) {
      return "comments[" + std::to_string(i) + "]";
    }
  }
  if (a.errors.size() != b.errors.size()) {
    return "error count " + std::to_string(a.errors.size()) + " vs " +
           std::to_string(b.errors.size());
  }
  for (size_t i = 0; i < a.errors.size(); ++i) {
    const Diagnostic &x = a.errors[i], &y = b.errors[i];
    if (x.range != y.range || x.message != y.message || x.code != y.code ||
        x.severity != y.severity) {
      return "errors[" + std::to_string(i) + "] " + show(x.range) + " " +
             x.message + " vs " + show(y.range) + " " + y.message;
    }
  }
  return "";
}

}  // namespace dockpath::test
