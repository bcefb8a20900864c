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

void check(RuleContext &ctx) {
  const auto &instructions = ctx.file.instructions;
  int lower = 0, upper = 0;
  for (size_t i = 0; i < instructions.size(); ++i) {
    const std::string &keyword = instructions[i].keyword;
    if (!inStage(ctx.model, i)) continue;
    if (isLowerCase(keyword))
      ++lower;
    else if (isUpperCase(keyword))
      ++upper;
  }
  bool majorityLower = lower > upper;
  for (size_t i = 0; i < instructions.size(); ++i) {
    const Instruction &in = instructions[i];
    if (!inStage(ctx.model, i)) continue;
    bool matches =
        majorityLower ? isLowerCase(in.keyword) : isUpperCase(in.keyword);
    if (matches) continue;
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
}

}  // namespace

const Rule kConsistentInstructionCasing{kInfo, check};

}  // namespace dockpath::rules
