// DP007 copy-from-missing-path: COPY --from names a path that the source
// stage never created and its base image does not have.
//
//   FROM python:3.12-slim AS build
//   RUN pip install --user -r requirements.txt   # into /root/.local
//   FROM python:3.12-slim
//   COPY --from=build /install /usr/local        <- no /install in build
#include <fmt/format.h>

#include "checks.h"

namespace dockpath::rules {

namespace {

constexpr RuleInfo kInfo{
    "DP007", "copy-from-missing-path", "path", Severity::Error,
    "COPY --from names a path that the source stage does not have."};

void check(RuleContext &ctx, const Stage &stage) {
  for (const MissingCopySource &missing : stage.missingCopySources) {
    const Instruction &copy = ctx.file.instructions[missing.instruction];
    const Stage &source = ctx.model.stages[missing.sourceStage];
    std::vector<const Word *> words;
    for (const Word &w : copy.args) words.push_back(&w);
    if (missing.word >= words.size()) continue;
    std::string stageName = source.name.empty()
                                ? fmt::format("stage {}", source.index)
                                : fmt::format("stage '{}'", source.name);
    Diagnostic &d = ctx.report(
        kInfo, words[missing.word]->range,
        fmt::format("{} has no {}: no instruction in it creates that path "
                    "and its base image {} does not have it.",
                    stageName, missing.path, imageName(source)));
    if (source.from)
      d.related.push_back({"", source.from->range,
                           fmt::format("{} starts here", stageName)});
  }
}

}  // namespace

const Rule kCopyFromMissingPath{kInfo, nullptr, check};

}  // namespace dockpath::rules
