// Folding ranges: each stage from its FROM to its last instruction, each
// instruction that spans lines (continuations or heredocs), each heredoc
// from its first body line to its delimiter line, and each run of two or
// more comment lines.
#include <algorithm>
#include <set>

#include "dockpath/features/features.h"

namespace dockpath {

namespace {

void addRange(std::vector<FoldingRange> &out, uint32_t start, uint32_t end,
              FoldingKind kind) {
  if (end > start) out.push_back({start, end, kind});
}

void addCommentBlocks(std::vector<FoldingRange> &out, const ParsedFile &file) {
  // Parser directives are comment lines too, and usually open a block.
  std::set<uint32_t> lines;
  for (const Directive &directive : file.directives)
    lines.insert(directive.range.start.line);
  for (const Comment &comment : file.comments)
    lines.insert(comment.range.start.line);
  auto line = lines.begin();
  while (line != lines.end()) {
    uint32_t start = *line;
    uint32_t end = start;
    for (++line; line != lines.end() && *line == end + 1; ++line) end = *line;
    addRange(out, start, end, FoldingKind::Comment);
  }
}

}  // namespace

std::vector<FoldingRange> computeFoldingRanges(const ParsedFile &file) {
  std::vector<FoldingRange> out;
  const Instruction *from = nullptr;
  uint32_t stageEnd = 0;
  for (const Instruction &instruction : file.instructions) {
    if (instruction.kind == InstructionKind::From) {
      if (from) addRange(out, from->firstLine(), stageEnd, FoldingKind::Region);
      from = &instruction;
    }
    stageEnd = instruction.lastLine();
    // A multi-line FROM starts on the stage's line, which folds already.
    if (instruction.kind != InstructionKind::From)
      addRange(out, instruction.firstLine(), instruction.lastLine(),
               FoldingKind::Region);
    for (const Heredoc &heredoc : instruction.heredocs)
      addRange(out, heredoc.bodyRange.start.line, heredoc.bodyRange.end.line,
               FoldingKind::Region);
  }
  if (from) addRange(out, from->firstLine(), stageEnd, FoldingKind::Region);
  addCommentBlocks(out, file);
  std::stable_sort(out.begin(), out.end(),
                   [](const FoldingRange &a, const FoldingRange &b) {
                     return a.startLine < b.startLine;
                   });
  return out;
}

}  // namespace dockpath
