// ReservedStageName: a stage named "scratch" or "context", names that
// BuildKit reserves for the empty image and the build context
// (dockerfile2llb/convert.go, reservedStageNames).
//
//   FROM alpine:3.20 AS scratch     <- flagged
//
// Fix: choose another name.
#include <fmt/format.h>

#include "common.h"

namespace dockpath::rules {

namespace {

constexpr RuleInfo kInfo{"ReservedStageName", "ReservedStageName", "buildkit",
                         Severity::Warning,
                         "Reserved words should not be used as stage names."};

void check(RuleContext &ctx, const Stage &stage) {
  const Instruction &from = *stage.from;
  const Word *name = buildkit::stageNameWord(from);
  if (!name) return;
  std::string key = buildkit::toLower(name->text);
  if (key != "scratch" && key != "context") return;
  ctx.report(
      kInfo, name->range,
      fmt::format("'{}' is reserved by BuildKit ({}), so it should "
                  "not name a stage. Choose another name.",
                  key,
                  key == "scratch" ? "FROM scratch is the empty image"
                                   : "'context' is the build context"));
}

}  // namespace

const Rule kReservedStageName{kInfo, nullptr, check};

}  // namespace dockpath::rules
