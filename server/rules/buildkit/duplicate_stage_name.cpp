// DuplicateStageName: two stages with the same name. Names compare without
// regard to case, because BuildKit lowers them (instructions/parse.go), and
// a later stage of the same name hides the earlier one from COPY --from
// and --target (dockerfile2llb/convert.go, validateStageNames).
//
//   FROM node:20 AS build
//   FROM node:20 AS build      <- flagged
//
// Fix: rename one of them.
#include <fmt/format.h>

#include <string_view>
#include <unordered_map>

#include "common.h"

namespace dockpath::rules {

namespace {

constexpr RuleInfo kInfo{"DuplicateStageName", "DuplicateStageName", "buildkit",
                         Severity::Warning, "Stage names should be unique."};

// Reads the model's lower-case stage names; only a repeated name's FROM
// is read again.
void check(RuleContext &ctx) {
  std::unordered_map<std::string_view, const Instruction *> seen;
  for (const Stage &stage : ctx.model.stages) {
    if (stage.name.empty()) continue;
    auto [it, fresh] = seen.emplace(stage.name, stage.from);
    if (fresh) continue;
    const Word *name = buildkit::stageNameWord(*stage.from);
    if (!name) continue;
    const std::string &key = stage.name;
    Diagnostic &d = ctx.report(
        kInfo, name->range,
        fmt::format("Stage name '{}' is already used on line {}; COPY "
                    "--from and --target only see the last one. Give this "
                    "stage another name.",
                    key, it->second->firstLine() + 1));
    d.related.push_back({"", it->second->range, "first stage with this name"});
  }
}

}  // namespace

const Rule kDuplicateStageName{kInfo, check};

}  // namespace dockpath::rules
