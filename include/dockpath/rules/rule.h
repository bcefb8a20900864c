// The rule catalogue and the context every rule reads.
//
// Each rule lives in its own file under server/rules/ and is listed once in
// server/rules/registry.cpp. A rule's id is stable and never reused; it
// becomes the Diagnostic's code and names its page in docs/rules/.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dockpath/diagnostic.h"
#include "dockpath/model/build_model.h"
#include "dockpath/syntax/ast.h"
#include "dockpath/text/document.h"

namespace dockpath {

class BuildContext;

struct RuleInfo {
  std::string_view id;        // "DP001"
  std::string_view name;      // "module-not-on-sys-path"
  std::string_view category;  // "path"
  Severity severity;
  std::string_view summary;   // one sentence
};

struct RuleContext {
  const ParsedFile &file;
  const TextDocument &text;
  const BuildModel &model;
  const BuildContext *context;  // nullptr when there is none on disk
  std::vector<Diagnostic> &out;

  // Starts a diagnostic of the rule with its default severity.
  Diagnostic &report(const RuleInfo &rule, Range range, std::string message);
};

struct Rule {
  RuleInfo info;
  void (*check)(RuleContext &context);
};

// Every rule, in id order.
const std::vector<Rule> &allRules();
const Rule *findRule(std::string_view idOrName);

// Runs every rule and returns their diagnostics.
std::vector<Diagnostic> runRules(const ParsedFile &file,
                                 const TextDocument &text,
                                 const BuildModel &model,
                                 const BuildContext *context);

}  // namespace dockpath
