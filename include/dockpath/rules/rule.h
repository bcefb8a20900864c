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

// A rule checks the whole file, or one stage at a time. Stage checks see
// only the stage and what it reads, so their diagnostics are kept with the
// stage and reused while an edit leaves the stage as it was.
struct Rule {
  RuleInfo info;
  void (*check)(RuleContext &context) = nullptr;
  void (*checkStage)(RuleContext &context, const Stage &stage) = nullptr;
};

// Every rule, in id order.
const std::vector<Rule> &allRules();
const Rule *findRule(std::string_view idOrName);
// True for a BuildKit check that runs only when the file's "# check="
// directive names it under experimental=, as in BuildKit.
bool isExperimentalRule(const RuleInfo &rule);

// A public page about the rule, or "" when there is none: Docker's build
// checks reference for BuildKit's checks. Path rules are documented in
// docs/rules/ of the source tree only.
std::string documentationUrl(std::string_view code);

// Runs every rule and returns their diagnostics. Stage checks run only on
// stages not yet checked; their results are stored in the stage.
std::vector<Diagnostic> runRules(const ParsedFile &file,
                                 const TextDocument &text, BuildModel &model,
                                 const BuildContext *context);

// True for stages a container may start from: the last stage, and every
// stage that sets ENTRYPOINT or CMD itself (a --target build).
bool isRuntimeStage(const BuildModel &model, const Stage &stage);

}  // namespace dockpath
