// NoEmptyContinuation: a blank line inside a continued instruction.
// BuildKit skips such lines today and reports one warning per instruction,
// saying they will become errors (frontend/dockerfile/parser/parser.go;
// docs.docker.com/reference/build-checks/no-empty-continuation).
//
// Fix: delete the blank lines.
/* Example, line 2 flagged:
     RUN apt-get update && \

         apt-get install -y curl
*/
#include <fmt/format.h>

#include "common.h"

namespace dockpath::rules {

namespace {

constexpr RuleInfo kInfo{
    "NoEmptyContinuation", "NoEmptyContinuation", "buildkit", Severity::Warning,
    "Empty continuation lines will become errors in a future release."};

bool isBlank(std::string_view line) {
  return line.find_first_not_of(" \t\r\f\v") == std::string_view::npos;
}

// The last line of the instruction's own text, before any heredoc body.
uint32_t logicalEnd(const Instruction &in) {
  uint32_t end = in.range.end.line;
  for (const Heredoc &heredoc : in.heredocs)
    if (heredoc.bodyRange.start.line > in.firstLine())
      end = std::min(end, heredoc.bodyRange.start.line - 1);
  return end;
}

// Deletes lines [first, last] with the line break before them.
TextEdit deleteLines(const TextDocument &text, uint32_t first, uint32_t last) {
  Position from{first - 1, static_cast<uint32_t>(text.line(first - 1).size())};
  Position to{last, static_cast<uint32_t>(text.line(last).size())};
  return {{from, to}, ""};
}

void checkInstruction(RuleContext &ctx, const Instruction &in) {
  std::vector<TextEdit> edits;
  constexpr uint32_t kNone = UINT32_MAX;
  uint32_t runStart = kNone;
  uint32_t firstBlank = kNone;
  uint32_t end = logicalEnd(in);
  for (uint32_t line = in.firstLine() + 1; line <= end + 1; ++line) {
    bool blank = line <= end && line < ctx.text.lineCount() &&
                 isBlank(ctx.text.line(line));
    if (blank && runStart == kNone) runStart = line;
    if (blank && firstBlank == kNone) firstBlank = line;
    if (!blank && runStart != kNone) {
      edits.push_back(deleteLines(ctx.text, runStart, line - 1));
      runStart = kNone;
    }
  }
  if (firstBlank == kNone) return;
  uint32_t width = static_cast<uint32_t>(ctx.text.line(firstBlank).size());
  Diagnostic &d = ctx.report(
      kInfo, {{firstBlank, 0}, {firstBlank, width}},
      fmt::format("Empty line inside the continued {} instruction: BuildKit "
                  "skips it now but will reject it in a future release. "
                  "Delete the line.",
                  buildkit::toUpper(in.keyword)));
  d.fixes.push_back({"Delete the empty continuation lines", std::move(edits)});
}

void checkContinued(RuleContext &ctx, const Instruction &in) {
  if (logicalEnd(in) > in.firstLine()) checkInstruction(ctx, in);
}

// Instructions before the first FROM belong to no stage.
void checkGlobal(RuleContext &ctx) {
  for (const Instruction &in : ctx.file.instructions) {
    if (in.kind == InstructionKind::From) break;
    checkContinued(ctx, in);
  }
}

void checkStage(RuleContext &ctx, const Stage &stage) {
  buildkit::forEachInStage(
      ctx.file, stage, [&](const Instruction &in) { checkContinued(ctx, in); });
}

}  // namespace

const Rule kNoEmptyContinuation{kInfo, checkGlobal, checkStage};

}  // namespace dockpath::rules
