// UndefinedArgInFrom: FROM uses a variable that no global ARG declares.
// FROM can use only the ARGs before the first FROM and the automatic platform
// ARGs (dockerfile2llb/convert.go, reportUnusedFromArgs). A ${NAME:-x}
// default does not count as a declaration, as BuildKit records the name
// as unmatched either way (shell/lex.go, getEnv).
//
//   FROM python:${PYTHON_VERSION}-slim     <- flagged without ARG
//   ARG PYTHON_VERSION=3.12                <- fine when placed above FROM
//
// No fix: where the value should come from is not known.
#include <fmt/format.h>

#include <set>

#include "common.h"

namespace dockpath::rules {

namespace {

constexpr RuleInfo kInfo{"UndefinedArgInFrom", "UndefinedArgInFrom", "buildkit",
                         Severity::Warning,
                         "FROM should only use declared ARGs."};

std::vector<std::string> declaredArgs(const RuleContext &ctx) {
  std::vector<std::string> names;
  // Global ARGs all come before the first FROM.
  for (size_t i = 0; i < ctx.file.instructions.size(); ++i) {
    const Instruction &in = ctx.file.instructions[i];
    if (in.kind == InstructionKind::From) break;
    if (in.kind != InstructionKind::Arg || buildkit::inStage(ctx.model, i))
      continue;
    for (const KeyValue &pair : in.pairs) names.push_back(pair.key.value);
  }
  for (const auto &[name, value] : buildkit::automaticArgs())
    names.push_back(name);
  return names;
}

void report(RuleContext &ctx, const VariableReference &ref, Range range,
            const std::vector<std::string> &declared) {
  std::string suggestion = buildkit::suggestName(ref.name, declared);
  std::string hint = suggestion.empty()
                         ? fmt::format(
                               "Declare it with ARG {} before the "
                               "first FROM.",
                               ref.name)
                         : fmt::format("Did you mean {}?", suggestion);
  ctx.report(kInfo, range,
             fmt::format("FROM uses ${} but no ARG before the first FROM "
                         "declares it, so it expands to an empty string. {}",
                         ref.name, hint));
}

void check(RuleContext &ctx, const Stage &stage) {
  std::vector<std::string> declared = declaredArgs(ctx);
  auto isDeclared = [&](const std::string &name) {
    return std::find(declared.begin(), declared.end(), name) != declared.end();
  };
  const Instruction &from = *stage.from;
  if (from.kind != InstructionKind::From || from.args.empty()) return;
  std::set<std::string> reported;
  const Word &base = from.args[0];
  for (const auto &ref : findReferences(base.text, ctx.file.escape))
    if (!isDeclared(ref.name) && reported.insert(ref.name).second)
      report(ctx, ref, buildkit::subRange(base, ref.offset, ref.length),
             declared);
  const Flag *platform = from.flag("platform");
  if (!platform || !platform->value) return;
  for (const auto &ref : findReferences(*platform->value, ctx.file.escape))
    if (!isDeclared(ref.name) && reported.insert(ref.name).second)
      report(ctx, ref,
             buildkit::flagValueSubRange(*platform, ref.offset, ref.length),
             declared);
}

}  // namespace

const Rule kUndefinedArgInFrom{kInfo, nullptr, check};

}  // namespace dockpath::rules
