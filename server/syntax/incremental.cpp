// SyntaxTree::update: parses again only the instructions an edit touches.
//
// The parser is a loop over physical lines, and at the first line of every
// instruction no continuation or heredoc is open. So parsing can restart at
// the first line of the last instruction that starts at or before the
// edit. It can stop at a line after the edit where the old parse also
// started an instruction, because from there on the text, and so the
// parse, is the old one moved by the edit's line delta.
#include <algorithm>

#include "dockpath/syntax/parse_detail.h"
#include "dockpath/syntax/parser.h"

namespace dockpath {
namespace {

uint32_t firstLineOf(const Instruction &instruction) {
  return instruction.firstLine();
}

template <typename T, typename LineOf>
void splice(std::vector<T> &items, size_t first, size_t last,
            std::vector<T> &&replacement, size_t tail, int64_t delta,
            LineOf shift) {
  for (size_t i = tail; i < items.size() && delta != 0; ++i) {
    shift(items[i], delta);
  }
  size_t removed = last - first;
  if (removed == replacement.size()) {
    std::move(replacement.begin(), replacement.end(), items.begin() + first);
    return;
  }
  items.erase(items.begin() + first, items.begin() + last);
  items.insert(items.begin() + first,
               std::make_move_iterator(replacement.begin()),
               std::make_move_iterator(replacement.end()));
}

// Index of the first item that starts on or after line.
template <typename T, typename StartOf>
size_t firstFrom(const std::vector<T> &items, uint32_t line, StartOf start) {
  auto it = std::lower_bound(
      items.begin(), items.end(), line,
      [&](const T &item, uint32_t l) { return start(item) < l; });
  return static_cast<size_t>(it - items.begin());
}

}  // namespace

SyntaxTree::SyntaxTree(const TextDocument &document) { parseAll(document); }

void SyntaxTree::parseAll(const TextDocument &document) {
  file_ = detail::parseLines(document.lines(), bodyStart_, lastParsedLines_);
  changes_ = InstructionChanges{};
}

InstructionChanges SyntaxTree::takeChanges() {
  InstructionChanges collected = changes_;
  changes_ = InstructionChanges{false, false, 0, 0, 0};
  return collected;
}

// Merges the instructions [first, oldEnd) that an update replaced by
// [first, newEnd) into the changes collected so far.
void SyntaxTree::noteReplaced(size_t first, size_t oldEnd, size_t newEnd) {
  if (changes_.all) return;
  int64_t delta = static_cast<int64_t>(newEnd) - static_cast<int64_t>(oldEnd);
  size_t end = changes_.end;
  if (!changes_.any) {
    changes_.any = true;
    changes_.first = first;
    end = newEnd;
  } else if (end >= oldEnd) {
    end = static_cast<size_t>(static_cast<int64_t>(end) + delta);
  } else if (end > first) {
    end = newEnd;
  }
  changes_.first = std::min(changes_.first, first);
  changes_.end = std::max(end, newEnd);
  changes_.delta += delta;
}

void SyntaxTree::update(const TextDocument &document, const LineEdit &edit) {
  if (edit.firstLine <= bodyStart_) {
    parseAll(document);
    return;
  }
  std::vector<Instruction> &old = file_.instructions;
  const int64_t delta =
      static_cast<int64_t>(edit.insertedLines) - edit.removedLines;
  const uint32_t oldEditEnd = edit.firstLine + edit.removedLines;
  const uint32_t newEditEnd = edit.firstLine + edit.insertedLines;

  // Restart at the last instruction that starts at or before the edit.
  size_t firstReplaced = firstFrom(old, edit.firstLine + 1, firstLineOf);
  uint32_t restart = bodyStart_;
  if (firstReplaced > 0) {
    --firstReplaced;
    restart = old[firstReplaced].firstLine();
  }

  size_t candidate = firstFrom(old, oldEditEnd, firstLineOf);
  auto resynchronises = [&](uint32_t line) {
    if (line < newEditEnd) return false;
    int64_t oldLine = static_cast<int64_t>(line) - delta;
    while (candidate < old.size() && old[candidate].firstLine() < oldLine) {
      ++candidate;
    }
    return candidate < old.size() && old[candidate].firstLine() == oldLine;
  };
  detail::BodyParser body{document.lines(), file_.escape};
  uint32_t stop = body.run(restart, resynchronises);
  size_t tail = stop < document.lineCount() ? candidate : old.size();
  const uint32_t oldStop =
      tail < old.size() ? old[tail].firstLine() : UINT32_MAX;

  auto shiftInstruction = [](Instruction &i, int64_t d) {
    detail::shiftLines(i, d);
  };
  size_t replacement = body.instructions.size();
  splice(old, firstReplaced, tail, std::move(body.instructions), tail, delta,
         shiftInstruction);
  noteReplaced(firstReplaced, tail, firstReplaced + replacement);

  auto commentLine = [](const Comment &c) { return c.range.start.line; };
  size_t firstComment = firstFrom(file_.comments, restart, commentLine);
  size_t tailComment = firstFrom(file_.comments, oldStop, commentLine);
  splice(file_.comments, firstComment, tailComment, std::move(body.comments),
         tailComment, delta,
         [](Comment &c, int64_t d) { detail::shiftLines(c.range, d); });

  auto errorLine = [](const Diagnostic &e) { return e.range.start.line; };
  detail::sortErrors(body.errors);
  size_t firstError = firstFrom(file_.errors, restart, errorLine);
  size_t tailError = firstFrom(file_.errors, oldStop, errorLine);
  splice(file_.errors, firstError, tailError, std::move(body.errors), tailError,
         delta,
         [](Diagnostic &e, int64_t d) { detail::shiftLines(e.range, d); });

  lastParsedLines_ = body.visitedLines;
}

}  // namespace dockpath
