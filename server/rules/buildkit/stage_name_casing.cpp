// StageNameCasing: a stage name with upper-case letters. BuildKit lowers
// stage names when it reads them (instructions/parse.go), so the name as
// written is not the name that --target and COPY --from match.
//
//   FROM golang:1.22 AS Builder     <- flagged
//   FROM golang:1.22 AS builder     <- fine
//
// Fix: lower-case the name and every reference to it (FROM, COPY --from,
// RUN --mount=from=).
#include <fmt/format.h>

#include "common.h"

namespace dockpath::rules {

namespace {

using buildkit::toLower;

constexpr RuleInfo kInfo{"StageNameCasing", "StageNameCasing", "buildkit",
                         Severity::Warning,
                         "Stage names should be lower case."};

// The "from=" field of a RUN --mount value, as an offset and length.
std::optional<std::pair<size_t, size_t>> mountFrom(std::string_view value) {
  size_t at = 0;
  while (at <= value.size()) {
    size_t end = std::min(value.find(',', at), value.size());
    std::string_view field = value.substr(at, end - at);
    if (toLower(field.substr(0, 5)) == "from=")
      return std::make_pair(at + 5, field.size() - 5);
    at = end + 1;
  }
  return std::nullopt;
}

void renameReferences(const ParsedFile &file, const std::string &name,
                      std::vector<TextEdit> &edits) {
  std::string lower = toLower(name);
  for (const Instruction &in : file.instructions) {
    if (in.kind == InstructionKind::From && !in.args.empty() &&
        toLower(in.args[0].text) == lower && in.args[0].text != lower)
      edits.push_back({in.args[0].range, lower});
    for (const Flag &flag : in.flags) {
      if (!flag.value) continue;
      if (flag.name == "from" && toLower(*flag.value) == lower &&
          *flag.value != lower)
        edits.push_back({flag.valueRange, lower});
      if (flag.name != "mount") continue;
      auto from = mountFrom(*flag.value);
      if (!from) continue;
      std::string_view value =
          std::string_view(*flag.value).substr(from->first, from->second);
      if (toLower(value) == lower && value != lower)
        edits.push_back(
            {buildkit::flagValueSubRange(flag, from->first, from->second),
             lower});
    }
  }
}

// The model notes which stage names have upper-case letters, so only
// those stages' FROM lines are read.
void check(RuleContext &ctx) {
  for (const Stage &stage : ctx.model.stages) {
    if (!stage.nameHasUpper) continue;
    const Word *name = buildkit::stageNameWord(*stage.from);
    if (!name || buildkit::isLowerCase(name->text)) continue;
    std::string lower = toLower(name->text);
    Diagnostic &d = ctx.report(
        kInfo, name->range,
        fmt::format("Stage name '{}' has upper-case letters; BuildKit reads "
                    "it as '{}'. Write it in lower case.",
                    name->text, lower));
    Fix fix{fmt::format("Rename the stage to '{}'", lower), {}};
    fix.edits.push_back({name->range, lower});
    renameReferences(ctx.file, name->text, fix.edits);
    d.fixes.push_back(std::move(fix));
  }
}

}  // namespace

const Rule kStageNameCasing{kInfo, check};

}  // namespace dockpath::rules
