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

bool isExperimentalRule(const RuleInfo &rule) {
  return rule.category == "buildkit" &&
         rules::buildkit::isExperimentalCheck(rule.id);
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
                                 const TextDocument &text, BuildModel &model,
                                 const BuildContext *context) {
  std::vector<Diagnostic> out;
  RuleContext ctx{file, text, model, context, out};
  // "# check=" configures BuildKit's checks only; they check the whole
  // file. Path rules check one stage at a time.
  rules::buildkit::CheckDirective directive =
      rules::buildkit::checkDirectiveOf(file);
  for (const Rule &rule : allRules()) {
    if (!rule.check || !directive.enables(rule.info)) continue;
    size_t first = out.size();
    rule.check(ctx);
    directive.apply(rule.info, out, first);
  }
  for (Stage &stage : model.stages) {
    bool last = &stage == &model.stages.back();
    if (!stage.checked || stage.checkedAsLast != last) {
      std::vector<Diagnostic> found;
      RuleContext stageCtx{file, text, model, context, found};
      for (const Rule &rule : allRules())
        if (rule.checkStage) rule.checkStage(stageCtx, stage);
      stage.diagnostics = std::move(found);
      stage.checked = true;
      stage.checkedAsLast = last;
    }
    // The directive is not part of a stage's key, so it is applied to the
    // kept diagnostics each time.
    for (const Diagnostic &d : stage.diagnostics) {
      const Rule *rule = findRule(d.code);
      if (rule && !directive.enables(rule->info)) continue;
      out.push_back(d);
      if (rule) directive.apply(rule->info, out, out.size() - 1);
    }
  }
  return out;
}

std::string documentationUrl(std::string_view code) {
  const Rule *rule = findRule(code);
  if (!rule || rule->info.category != "buildkit") return "";
  // docs.docker.com/reference/build-checks/ names each page after the
  // check in kebab case ("StageNameCasing" -> "stage-name-casing").
  std::string page;
  for (size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    bool upper = c >= 'A' && c <= 'Z';
    bool previousLower = i > 0 && code[i - 1] >= 'a' && code[i - 1] <= 'z';
    bool nextLower = i + 1 < code.size() && code[i + 1] >= 'a' &&
                     code[i + 1] <= 'z';
    if (upper && i > 0 && (previousLower || nextLower)) page += '-';
    page += upper ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return "https://docs.docker.com/reference/build-checks/" + page + "/";
}

bool isRuntimeStage(const BuildModel &model, const Stage &stage) {
  return &stage == &model.stages.back() ||
         stage.entrypoint.origin.stage == stage.index ||
         stage.cmd.origin.stage == stage.index;
}

}  // namespace dockpath
