// DP008 venv-relocated: COPY --from puts a venv at another path than the
// one it was made at. A venv's console scripts and pip carry the absolute
// path of its bin/python in their shebang (pip's script installer), so
// after the move they fail with "no such file or directory";
// `<venv>/bin/python -m <module>` keeps working.
//
//   RUN python -m venv /build/.venv
//   ...
//   COPY --from=build /build/.venv /app/.venv      <- scripts still name
//                                                     /build/.venv/bin/python
//
// Fix: make the venv at its final path in the build stage.
#include <fmt/format.h>

#include "checks.h"

namespace dockpath::rules {

namespace {

constexpr RuleInfo kInfo{
    "DP008", "venv-relocated", "path", Severity::Warning,
    "A venv is copied to another path than the one it was made at, so its "
    "scripts' shebangs point at the old path."};

void check(RuleContext &ctx, const Stage &stage) {
  for (const RelocatedVenv &venv : stage.relocatedVenvs) {
    const Instruction &copy = ctx.file.instructions[venv.instruction];
    Range range = copy.args.empty() ? copy.range : copy.args.back().range;
    Diagnostic &d = ctx.report(
        kInfo, range,
        fmt::format("the venv made at {} is copied to {}: its scripts "
                    "still start with #!{}/bin/python. Make the venv at {} "
                    "in the stage that builds it, or run its modules with "
                    "{}/bin/python -m.",
                    venv.from, venv.to, venv.from, venv.to, venv.to));
    if (venv.createdBy.instruction >= 0)
      d.related.push_back(
          {"", ctx.file.instructions[venv.createdBy.instruction].range,
           fmt::format("the venv is made at {} here", venv.from)});
  }
}

}  // namespace

const Rule kVenvRelocated{kInfo, nullptr, check};

}  // namespace dockpath::rules
