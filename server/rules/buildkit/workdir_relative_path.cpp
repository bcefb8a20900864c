// WorkdirRelativePath: the first WORKDIR of a stage is a relative path, so
// it resolves against whatever working directory the base image has, and
// a new image version can move it. Only the first WORKDIR of a stage, and
// of the stages it builds on, is checked: fixing that one fixes the later
// ones (dockerfile2llb/convert.go, dispatchWorkdir).
//
//   FROM node:20
//   WORKDIR app          <- flagged
//   WORKDIR /app         <- fine
//
// No fix: the absolute path depends on the image's working directory.
#include <fmt/format.h>

#include <cctype>

#include "common.h"

namespace dockpath::rules {

namespace {

constexpr RuleInfo kInfo{
    "WorkdirRelativePath", "WorkdirRelativePath", "buildkit", Severity::Warning,
    "A relative WORKDIR without an absolute one before it depends on the "
    "base image."};

bool isAbsolute(std::string_view path) {
  if (!path.empty() && (path[0] == '/' || path[0] == '\\')) return true;
  // NOTE: a drive letter is absolute for Windows stages; dockpath does not
  // know a stage's OS and accepts it everywhere.
  return path.size() >= 3 && std::isalpha((unsigned char)path[0]) &&
         path[1] == ':' && (path[2] == '\\' || path[2] == '/');
}

// The WORKDIR's path with its variables expanded, or nullopt when one of
// them is unknown.
std::optional<std::string> expandedPath(RuleContext &ctx, const Stage &stage,
                                        const Instruction &in, int index) {
  if (in.argText.find('$') == std::string::npos) return in.argText;
  Stage before = stageBefore(ctx.file, ctx.model, ctx.context, index);
  bool known = true;
  auto lookup = [&](std::string_view name) -> std::optional<std::string> {
    const Variable *v = before.variable(std::string(name));
    if (!v) {
      known = known && stage.baseKnown;
      return std::nullopt;
    }
    known = known && v->known;
    return v->value;
  };
  ExpandResult result = expand(in.argText, lookup, ctx.file.escape);
  if (!known || result.error) return std::nullopt;
  return result.value;
}

// Whether the stage, or a stage it builds on, has a WORKDIR instruction.
bool setsWorkdir(const RuleContext &ctx, const Stage &stage) {
  for (int i : stage.instructions)
    if (ctx.file.instructions[i].kind == InstructionKind::Workdir) return true;
  return stage.parentStage >= 0 && stage.parentStage < stage.index &&
         setsWorkdir(ctx, ctx.model.stages[stage.parentStage]);
}

// Only the first WORKDIR of a stage and the stages it builds on can
// depend on the base image's working directory.
void check(RuleContext &ctx, const Stage &stage) {
  if (stage.parentStage >= 0 && stage.parentStage < stage.index &&
      setsWorkdir(ctx, ctx.model.stages[stage.parentStage]))
    return;
  for (int i : stage.instructions) {
    const Instruction &in = ctx.file.instructions[i];
    if (in.kind != InstructionKind::Workdir) continue;
    auto path = expandedPath(ctx, stage, in, i);
    if (!path || isAbsolute(*path)) return;
    ctx.report(kInfo, argumentsRange(in),
               fmt::format("WORKDIR {} is relative and no absolute WORKDIR "
                           "comes before it, so it depends on the working "
                           "directory of the base image. Use an absolute "
                           "path.",
                           in.argText));
    return;
  }
}

}  // namespace

const Rule kWorkdirRelativePath{kInfo, nullptr, check};

}  // namespace dockpath::rules
