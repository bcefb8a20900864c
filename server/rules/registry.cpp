#include <algorithm>

#include "buildkit/check_directive.h"
#include "checks.h"

namespace dockpath {

const std::vector<Rule> &allRules() {
  static const std::vector<Rule> rules = [] {
    std::vector<Rule> all = {
        rules::kModuleNotOnSysPath,
        rules::kInterpreterRepeated,
        rules::kShellCmdAfterExecEntrypoint,
        rules::kProgramNotInStage,
        rules::kPythonPathEntryMissing,
        rules::kShellFormWithoutShell,
        rules::kCopyFromMissingPath,
        rules::kVenvRelocated,
    };
    const auto &buildkit = rules::buildkitRules();
    all.insert(all.end(), buildkit.begin(), buildkit.end());
    return all;
  }();
  return rules;
}

const Rule *findRule(std::string_view idOrName) {
  for (const Rule &rule : allRules())
    if (rule.info.id == idOrName || rule.info.name == idOrName) return &rule;
  return nullptr;
}

Diagnostic &RuleContext::report(const RuleInfo &rule, Range range,
                                std::string message) {
  Diagnostic &d = out.emplace_back();
  d.range = range;
  d.severity = rule.severity;
  d.code = std::string(rule.id);
  d.message = std::move(message);
  return d;
}

std::vector<Diagnostic> runRules(const ParsedFile &file,
                                 const TextDocument &text,
                                 const BuildModel &model,
                                 const BuildContext *context) {
  std::vector<Diagnostic> out;
  RuleContext ctx{file, text, model, context, out};
  // "# check=" configures BuildKit's checks only.
  rules::buildkit::CheckDirective directive =
      rules::buildkit::checkDirectiveOf(file);
  for (const Rule &rule : allRules()) {
    if (!directive.enables(rule.info)) continue;
    size_t first = out.size();
    rule.check(ctx);
    directive.apply(rule.info, out, first);
  }
  return out;
}

}  // namespace dockpath
