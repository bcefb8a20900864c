// LegacyKeyValueFormat: ENV or LABEL in the legacy "key value" form, where
// the value is the rest of the line (dockerfile2llb/convert.go, dispatchEnv
// and dispatchLabel; parser/line_parsers.go, parseNameVal). The form is
// easy to misread: `ENV A B=1` sets A to "B=1".
//
//   ENV APP_HOME /srv/app       <- flagged
//   ENV APP_HOME=/srv/app       <- fine
//
// Fix: write key=value, the value in double quotes when it has blanks.
#include <fmt/format.h>

#include "common.h"

namespace dockpath::rules {

namespace {

constexpr RuleInfo kInfo{
    "LegacyKeyValueFormat", "LegacyKeyValueFormat", "buildkit",
    Severity::Warning,
    "The legacy key/value format with a blank separator should not be "
    "used."};

// The value text for key=value, or nullopt when quoting could change what
// the value expands to (it already has quotes or escapes).
std::optional<std::string> assignmentValue(std::string_view text, char escape) {
  bool blanks = text.find_first_of(" \t") != std::string_view::npos;
  if (!blanks) return std::string(text);
  if (text.find_first_of("\"'") != std::string_view::npos ||
      text.find(escape) != std::string_view::npos)
    return std::nullopt;
  return "\"" + std::string(text) + "\"";
}

void check(RuleContext &ctx, const Stage &stage) {
  buildkit::forEachInStage(ctx.file, stage, [&](const Instruction &in) {
    if (in.kind != InstructionKind::Env && in.kind != InstructionKind::Label)
      return;
    for (const KeyValue &pair : in.pairs) {
      if (!pair.legacyForm || !pair.value) continue;
      std::string keyword(keywordOf(in.kind));
      Diagnostic &d = ctx.report(
          kInfo, pair.range,
          fmt::format("Legacy \"{0} key value\" form: write \"{0} {1}=...\" "
                      "so that the value cannot be misread.",
                      keyword, pair.key.text));
      auto value = assignmentValue(pair.value->text, ctx.file.escape);
      if (!value) continue;
      d.fixes.push_back({fmt::format("Write {}={}", pair.key.text, *value),
                         {{pair.range, pair.key.text + "=" + *value}}});
    }
  });
}

}  // namespace

const Rule kLegacyKeyValueFormat{kInfo, nullptr, check};

}  // namespace dockpath::rules
