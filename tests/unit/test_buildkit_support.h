// Helpers for the tests of BuildKit's build checks: parse a snippet, build
// its model and run one check, or all checks through runRules().
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dockpath/context/build_context.h"
#include "dockpath/model/build_model.h"
#include "dockpath/rules/rule.h"
#include "dockpath/syntax/parser.h"

namespace buildkit_test {

using namespace dockpath;

// A parsed snippet and its model; the model points into the parse.
struct Analysed {
  TextDocument text;
  ParsedFile file;
  BuildModel model;
  std::vector<Diagnostic> diagnostics;
};

inline std::unique_ptr<Analysed> analyse(std::string_view dockerfile,
                                         const BuildContext *context) {
  auto a = std::make_unique<Analysed>();
  a->text = TextDocument(dockerfile);
  a->file = parse(a->text);
  a->model = buildModel(a->file, context);
  return a;
}

// Diagnostics of one check, run directly (no "# check=" directive).
inline std::vector<Diagnostic> runCheck(std::string_view id,
                                        std::string_view dockerfile,
                                        const BuildContext *context = nullptr) {
  auto a = analyse(dockerfile, context);
  const Rule *rule = findRule(id);
  REQUIRE_MESSAGE(rule != nullptr, "no rule " << id);
  RuleContext ctx{a->file, a->text, a->model, context, a->diagnostics};
  if (rule->check) rule->check(ctx);
  if (rule->checkStage)
    for (const Stage &stage : a->model.stages) rule->checkStage(ctx, stage);
  return a->diagnostics;
}

// Diagnostics of every BuildKit check, through runRules(), in document
// order.
inline std::vector<Diagnostic> runBuildkit(
    std::string_view dockerfile, const BuildContext *context = nullptr) {
  auto a = analyse(dockerfile, context);
  std::vector<Diagnostic> out;
  for (Diagnostic &d : runRules(a->file, a->text, a->model, context)) {
    const Rule *rule = findRule(d.code);
    if (rule && rule->info.category == "buildkit") out.push_back(d);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Diagnostic &a, const Diagnostic &b) {
                     return a.range.start < b.range.start;
                   });
  return out;
}

inline Range at(uint32_t line, uint32_t start, uint32_t endLine, uint32_t end) {
  return {{line, start}, {endLine, end}};
}

inline Range at(uint32_t line, uint32_t start, uint32_t end) {
  return at(line, start, line, end);
}

// The text after applying a fix's edits, the last edit first.
inline std::string applyFix(std::string_view text, const Fix &fix) {
  TextDocument doc(text);
  std::vector<TextEdit> edits = fix.edits;
  std::sort(edits.begin(), edits.end(),
            [](const TextEdit &a, const TextEdit &b) {
              return b.range.start < a.range.start;
            });
  for (const TextEdit &edit : edits) doc.replace(edit.range, edit.newText);
  return doc.text();
}

inline std::string codes(const std::vector<Diagnostic> &diagnostics) {
  std::string out;
  for (const Diagnostic &d : diagnostics)
    out += d.code + "@" + std::to_string(d.range.start.line + 1) + " ";
  return out;
}

}  // namespace buildkit_test
