// InvalidDefaultArgInFrom: with the default values of the global ARGs,
// FROM expands to an empty or invalid image name, so the build fails
// unless every build passes --build-arg (dockerfile2llb/convert.go,
// validateBaseImagesWithDefaultArgs).
//
//   ARG VERSION
//   FROM busybox:$VERSION              <- flagged: "busybox:" is invalid
//   ARG VERSION=1.36                   <- fine
//
// No fix: the right default is not known.
#include <fmt/format.h>

#include "common.h"

namespace dockpath::rules {

namespace {

constexpr RuleInfo kInfo{
    "InvalidDefaultArgInFrom", "InvalidDefaultArgInFrom", "buildkit",
    Severity::Warning,
    "The default values of global ARGs give an empty or invalid base image "
    "name."};

// A global ARG's default, or an automatic platform ARG's value.
std::optional<std::string> defaultValue(const RuleContext &ctx,
                                        std::string_view name) {
  auto it = ctx.model.globalArgs.find(std::string(name));
  if (it != ctx.model.globalArgs.end()) {
    const KeyValue *pair = it->second.pairIn(ctx.file);
    return pair && pair->value ? std::optional(it->second.value) : std::nullopt;
  }
  for (const auto &[arg, value] : buildkit::automaticArgs())
    if (arg == name) return value;
  return std::nullopt;
}

void check(RuleContext &ctx, const Stage &stage) {
  auto lookup = [&](std::string_view name) { return defaultValue(ctx, name); };
  const Instruction &from = *stage.from;
  if (from.kind != InstructionKind::From || from.args.empty()) return;
  const Word &base = from.args[0];
  // NOTE: BuildKit checks names without variables too; an invalid
  // literal name fails the build with its own error.
  if (findReferences(base.text, ctx.file.escape).empty()) return;
  ExpandResult result = expand(base.text, lookup, ctx.file.escape);
  if (result.error || buildkit::isValidImageReference(result.value)) return;
  std::string shown =
      result.value.empty() ? "an empty name" : "'" + result.value + "'";
  ctx.report(kInfo, base.range,
             fmt::format("With the default values of its ARGs, {} expands "
                         "to {}, which is not a valid image name. Give the "
                         "ARGs defaults that form a valid name.",
                         base.text, shown));
}

}  // namespace

const Rule kInvalidDefaultArgInFrom{kInfo, nullptr, check};

}  // namespace dockpath::rules
