// RedundantTargetPlatform: FROM --platform=$TARGETPLATFORM. A stage is
// built for the target platform by default, so the flag changes nothing
// (dockerfile2llb/convert.go, reportRedundantTargetPlatform: the value
// uses no variable but TARGETPLATFORM and expands to its value).
//
//   FROM --platform=$TARGETPLATFORM alpine:3.20     <- flagged
//   FROM --platform=$BUILDPLATFORM golang:1.22      <- fine
//
// Fix: remove the flag.
#include <fmt/format.h>

#include "common.h"

namespace dockpath::rules {

namespace {

constexpr RuleInfo kInfo{
    "RedundantTargetPlatform", "RedundantTargetPlatform", "buildkit",
    Severity::Warning,
    "FROM --platform=$TARGETPLATFORM is redundant: it is the default."};

std::string targetPlatform(const BuildModel &model) {
  auto it = model.globalArgs.find("TARGETPLATFORM");
  if (it != model.globalArgs.end() && it->second.known) return it->second.value;
  return buildkit::automaticArgs().front().second;
}

bool isRedundant(const BuildModel &model, std::string_view value, char escape) {
  std::string platform = targetPlatform(model);
  auto lookup = [&](std::string_view name) -> std::optional<std::string> {
    if (name == "TARGETPLATFORM") return platform;
    return std::nullopt;
  };
  ExpandResult result = expand(value, lookup, escape);
  if (result.references.empty() || result.error) return false;
  for (const VariableReference &ref : result.references)
    if (ref.name != "TARGETPLATFORM") return false;
  return result.value == platform;
}

// The flag with the blanks after it, up to the next flag or word.
Range flagWithBlanks(const Instruction &from, const Flag &flag) {
  Position next = from.argRange.start;
  for (const Flag &other : from.flags)
    if (other.range.start > flag.range.start && other.range.start < next)
      next = other.range.start;
  return {flag.range.start, next};
}

void check(RuleContext &ctx, const Stage &stage) {
  const Instruction &from = ctx.file.instructions[stage.fromIndex];
  const Flag *flag = from.flag("platform");
  if (!flag || !flag->value ||
      !isRedundant(ctx.model, *flag->value, ctx.file.escape))
    return;
  Diagnostic &d =
      ctx.report(kInfo, flag->range,
                 fmt::format("--platform={} is redundant: a stage is built for "
                             "$TARGETPLATFORM by default. Remove the flag.",
                             *flag->value));
  d.tags.push_back(DiagnosticTag::Unnecessary);
  d.fixes.push_back({"Remove --platform", {{flagWithBlanks(from, *flag), ""}}});
}

}  // namespace

const Rule kRedundantTargetPlatform{kInfo, nullptr, check};

}  // namespace dockpath::rules
