// UndefinedVar: an instruction that BuildKit expands uses a variable that
// is not set at that point. No ENV or ARG of the stage, of the stages it
// builds on, or of the base image's ENV sets it (dockerfile2llb/convert.go,
// reportUnmatchedVariables). expanded_references.h lists the expanded
// parts. A global ARG is not visible in a stage until the stage declares
// it again.
//
//   FROM alpine:3.20
//   ARG VERSION=1.0
//   FROM alpine:3.20
//   COPY app-${VERSION}.tar.gz /opt/    <- flagged: no ARG VERSION here
//
// dockpath checks a stage only when the ENV of its base image is known
// (FROM scratch, a catalog image, or an earlier stage built on one), since
// any other image may set the variable.
// No fix: which definition is missing is not known.
#include <fmt/format.h>

#include <set>

#include "expanded_references.h"
#include "variable_scope.h"

namespace dockpath::rules {

namespace {

using buildkit::VariableScope;

constexpr RuleInfo kInfo{"UndefinedVar", "UndefinedVar", "buildkit",
                         Severity::Warning,
                         "Variables should be defined before their use."};

// Reports the references that the scope does not define, each name once.
void reportUndefined(RuleContext &ctx, const VariableScope &scope,
                     const std::vector<buildkit::ExpandedReference> &refs) {
  std::set<std::string> reported;
  for (const auto &ref : refs) {
    if (scope.defines(ref.name) || !reported.insert(ref.name).second) continue;
    std::string suggestion = buildkit::suggestName(ref.name, scope.names());
    std::string hint = suggestion.empty()
                           ? "Set it with ARG or ENV before this instruction."
                           : fmt::format("Did you mean ${}?", suggestion);
    ctx.report(kInfo, ref.range,
               fmt::format("${} is not defined here, so it expands to an "
                           "empty string. {}",
                           ref.name, hint));
  }
}

// The stage and the stages it builds on with FROM, root first: the
// scopes of the later ones start from those of the earlier ones.
std::vector<const Stage *> lineage(const BuildModel &model,
                                   const Stage &stage) {
  std::vector<const Stage *> chain{&stage};
  while (chain.back()->parentStage >= 0 && chain.size() <= model.stages.size())
    chain.push_back(&model.stages[chain.back()->parentStage]);
  return {chain.rbegin(), chain.rend()};
}

void check(RuleContext &ctx, const Stage &stage) {
  char escape = ctx.file.escape;
  buildkit::ScopeWalker walker(ctx.file, ctx.model);
  for (const Stage *current : lineage(ctx.model, stage)) {
    bool report = current == &stage;
    std::vector<int> indices{current->fromIndex};
    indices.insert(indices.end(), current->instructions.begin(),
                   current->instructions.end());
    for (int index : indices) {
      size_t i = static_cast<size_t>(index);
      const Instruction &in = ctx.file.instructions[i];
      VariableScope *scope = walker.scopeBefore(i);
      if (!scope || !scope->complete) continue;
      if (in.kind != InstructionKind::Arg) {
        if (report)
          reportUndefined(
              ctx, *scope,
              buildkit::instructionReferences(ctx.text, in, escape));
        continue;
      }
      // Each ARG default can use the ARGs before it in the same
      // instruction.
      for (const KeyValue &pair : in.pairs) {
        if (pair.value && report)
          reportUndefined(ctx, *scope,
                          buildkit::wordReferences(*pair.value, false, escape));
        scope->define(pair.key.value);
      }
    }
  }
}

}  // namespace

const Rule kUndefinedVar{kInfo, nullptr, check};

}  // namespace dockpath::rules
