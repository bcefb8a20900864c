#include "variable_scope.h"

namespace dockpath::rules::buildkit {

bool VariableScope::defines(const std::string &name) const {
  // BuildKit sets PATH when the image has none, and never reports the
  // SBOM scan arguments (dockerfile2llb/convert.go, nonEnvArgs).
  return defined.count(name) > 0 || name == "PATH" ||
         name == "BUILDKIT_SBOM_SCAN_CONTEXT" ||
         name == "BUILDKIT_SBOM_SCAN_STAGE";
}

std::vector<std::string> VariableScope::names() const {
  std::vector<std::string> out(defined.begin(), defined.end());
  if (!defined.count("PATH")) out.push_back("PATH");
  return out;
}

void ScopeWalker::begin(int stage) {
  const Stage &s = model_.stages[stage];
  VariableScope &scope = scopes_[stage];
  if (s.parentStage >= 0 && s.parentStage < stage) {
    scope = scopes_[s.parentStage];
    return;
  }
  scope = VariableScope{};
  scope.complete = s.baseKnown && s.image;
  if (!s.image) return;
  for (const auto &[name, value] : s.image->env) scope.define(name);
}

VariableScope *ScopeWalker::scopeBefore(size_t i) {
  if (previous_ && *previous_ < model_.stageOf.size()) {
    int stage = model_.stageOf[*previous_];
    const Instruction &in = file_.instructions[*previous_];
    bool sets =
        in.kind == InstructionKind::Env || in.kind == InstructionKind::Arg;
    if (stage >= 0 && sets)
      for (const KeyValue &pair : in.pairs)
        scopes_[stage].define(pair.key.value);
  }
  previous_ = i;
  if (!inStage(model_, i)) return nullptr;
  int stage = model_.stageOf[i];
  if (file_.instructions[i].kind == InstructionKind::From) {
    begin(stage);
    return nullptr;
  }
  return &scopes_[stage];
}

}  // namespace dockpath::rules::buildkit
