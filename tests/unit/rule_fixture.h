// Helpers for rule and model tests: Dockerfile snippets with marked
// ranges, a scratch build context, and running the analysis on them.
#pragma once

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "dockpath/context/build_context.h"
#include "dockpath/engine/engine.h"
#include "dockpath/model/build_model.h"
#include "dockpath/rules/rule.h"
#include "dockpath/syntax/parser.h"

namespace dockpath::test {

// A snippet in which [[ and ]] mark ranges; text() has the marks removed.
class Snippet {
 public:
  explicit Snippet(std::string_view annotated) {
    Position at;
    std::vector<Position> open;
    for (size_t i = 0; i < annotated.size(); ++i) {
      if (annotated.substr(i, 2) == "[[") {
        open.push_back(at);
        ++i;
      } else if (annotated.substr(i, 2) == "]]" && !open.empty()) {
        ranges_.push_back({open.back(), at});
        open.pop_back();
        ++i;
      } else {
        text_ += annotated[i];
        if (annotated[i] == '\n') {
          ++at.line;
          at.column = 0;
        } else {
          ++at.column;
        }
      }
    }
  }
  const std::string &text() const { return text_; }
  Range range(size_t i = 0) const { return ranges_.at(i); }

 private:
  std::string text_;
  std::vector<Range> ranges_;
};

// A build context folder under the system's temporary folder, removed at
// the end of the test.
class ScratchContext {
 public:
  ScratchContext() {
    static int counter = 0;
    root_ = std::filesystem::temp_directory_path() /
            ("dockpath-rule-test-" + std::to_string(getpid()) + "-" +
             std::to_string(counter++));
    std::filesystem::create_directories(root_);
  }
  ~ScratchContext() {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }
  void write(const std::string &relative, const std::string &content) {
    std::filesystem::path file = root_ / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << content;
  }
  std::string dockerfile() const { return (root_ / "Dockerfile").string(); }
  const std::filesystem::path &root() const { return root_; }

 private:
  std::filesystem::path root_;
};

// Diagnostics with the given code from a full analysis of text, with the
// Dockerfile placed in context (or nowhere).
inline std::vector<Diagnostic> analyzeFor(const std::string &code,
                                          const std::string &text,
                                          const ScratchContext *context) {
  Engine engine;
  Document &document =
      engine.open("test", context ? context->dockerfile() : "", text, 1);
  std::vector<Diagnostic> out;
  for (const Diagnostic &d : engine.analyze(document)->diagnostics)
    if (d.code == code) out.push_back(d);
  return out;
}

// Applies a fix's edits to text, the last first.
inline std::string applied(const std::string &text, const Fix &fix) {
  TextDocument document(text);
  std::vector<TextEdit> edits = fix.edits;
  std::sort(edits.begin(), edits.end(), [](const auto &a, const auto &b) {
    return b.range.start < a.range.start;
  });
  for (const auto &edit : edits) document.replace(edit.range, edit.newText);
  return document.text();
}

}  // namespace dockpath::test
