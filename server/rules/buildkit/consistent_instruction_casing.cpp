// ConsistentInstructionCasing: an instruction keyword in mixed case, or in
// the other case than most keywords of the file. BuildKit counts the
// keywords that are all lower or all upper case (global ARGs, before the
// first FROM, are not counted or checked), and a tie counts as upper case
// (dockerfile2llb/convert.go, validateCommandCasing).
//
//   FROM alpine:3.20
//   run apk add curl      <- flagged: most keywords are upper case
//
// Fix: rewrite the keyword in the majority's case.
#include <fmt/format.h>

#include "common.h"

namespace dockpath::rules {

namespace {

using namespace buildkit;

constexpr RuleInfo kInfo{
    "ConsistentInstructionCasing", "ConsistentInstructionCasing", "buildkit",
    Severity::Warning,
    "All instructions should use the same letter case, upper or lower."};

void report(RuleContext &ctx, const Instruction &in, bool majorityLower) {
  bool matches =
      majorityLower ? isLowerCase(in.keyword) : isUpperCase(in.keyword);
  if (matches) return;
  std::string wanted =
      majorityLower ? toLower(in.keyword) : toUpper(in.keyword);
  Diagnostic &d = ctx.report(
      kInfo, in.keywordRange,
      fmt::format("'{}' does not match the {} case of most instructions "
                  "in this file: write '{}'.",
                  in.keyword, majorityLower ? "lower" : "upper", wanted));
  d.fixes.push_back(
      {fmt::format("Write '{}'", wanted), {{in.keywordRange, wanted}}});
}

// The model counts each stage's keyword casing, so only the stages that
// have a keyword against the majority are read.
void check(RuleContext &ctx) {
  uint32_t lower = 0, upper = 0;
  for (const Stage &stage : ctx.model.stages) {
    lower += stage.lowerKeywords;
    upper += stage.upperKeywords;
  }
  bool majorityLower = lower > upper;
  for (const Stage &stage : ctx.model.stages) {
    uint32_t matching =
        majorityLower ? stage.lowerKeywords : stage.upperKeywords;
    if (matching == stage.keywords) continue;
    forEachInStage(ctx.file, stage, [&](const Instruction &in) {
      report(ctx, in, majorityLower);
    });
  }
}

}  // namespace

const Rule kConsistentInstructionCasing{kInfo, check};

}  // namespace dockpath::rules
