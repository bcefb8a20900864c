// FromAsCasing: the AS keyword of FROM is not in the letter case of FROM.
// BuildKit stays silent when FROM itself is in mixed case, because
// ConsistentInstructionCasing reports that (instructions/parse.go,
// doesFromCaseMatchAsCase).
//
//   FROM debian:12 as build     <- flagged
//   FROM debian:12 AS build     <- fine
//
// Fix: write AS in the case of FROM.
#include <fmt/format.h>

#include "common.h"

namespace dockpath::rules {

namespace {

using namespace buildkit;

constexpr RuleInfo kInfo{"FromAsCasing", "FromAsCasing", "buildkit",
                         Severity::Warning,
                         "The AS keyword should match the case of FROM."};

void check(RuleContext &ctx, const Stage &stage) {
  const Instruction &from = *stage.from;
  const Word *as = asKeywordWord(from);
  if (!as) return;
  bool lower = isLowerCase(from.keyword);
  if (!lower && !isUpperCase(from.keyword)) return;
  std::string wanted = lower ? toLower(as->text) : toUpper(as->text);
  if (as->text == wanted) return;
  Diagnostic &d = ctx.report(
      kInfo, as->range,
      fmt::format("'{}' does not match the casing of '{}': write '{}'.",
                  as->text, from.keyword, wanted));
  d.fixes.push_back(
      {fmt::format("Write '{}'", wanted), {{as->range, wanted}}});
}

}  // namespace

const Rule kFromAsCasing{kInfo, nullptr, check};

}  // namespace dockpath::rules
