// Completion: finds the context of the cursor from the parse and the
// cursor's line, then lets the provider for that context add its items. A
// context is an instruction keyword, a flag or its value, a variable
// reference, or an argument of FROM, COPY, ADD, ARG or HEALTHCHECK. A
// request reads the cursor's line, its instruction and, for variables, the
// instructions of its stage before the cursor, never the whole file.
#include "completion.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "dockpath/features/features.h"

namespace dockpath {

namespace completion {

int Cursor::stage() const {
  if (instruction < 0 ||
      static_cast<size_t>(instruction) >= model.stageOf.size())
    return -1;
  return model.stageOf[instruction];
}

Range Cursor::span(size_t begin, size_t end) const {
  return {{position.line, static_cast<uint32_t>(begin)},
          {position.line, static_cast<uint32_t>(end)}};
}

size_t wordEnd(std::string_view line, size_t from, std::string_view stops) {
  while (from < line.size() && line[from] != ' ' && line[from] != '\t' &&
         stops.find(line[from]) == std::string_view::npos)
    ++from;
  return from;
}

}  // namespace completion

namespace {

using namespace completion;

bool isBlank(char c) { return c == ' ' || c == '\t'; }

bool isNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// Start of the white-space separated word that ends at column end.
size_t wordStart(std::string_view line, size_t end) {
  while (end > 0 && !isBlank(line[end - 1])) --end;
  return end;
}

bool restIsBlank(std::string_view line, size_t from) {
  return line.find_first_not_of(" \t", from) == std::string_view::npos;
}

bool inHeredocBody(const Instruction &instruction, uint32_t line) {
  return std::any_of(instruction.heredocs.begin(), instruction.heredocs.end(),
                     [&](const Heredoc &heredoc) {
                       return heredoc.bodyRange.start.line <= line &&
                              line <= heredoc.bodyRange.end.line;
                     });
}

// A "$NAME" or "${NAME" reference whose name ends at the cursor.
struct VariableReference {
  size_t nameStart = 0;
  bool braces = false;
};

std::optional<VariableReference> referenceAt(std::string_view line,
                                             size_t column, char escape) {
  size_t start = column;
  while (start > 0 && isNameChar(line[start - 1])) --start;
  bool braces = start > 0 && line[start - 1] == '{';
  size_t dollar = braces ? start - 1 : start;
  if (dollar == 0 || line[dollar - 1] != '$') return std::nullopt;
  // "\$NAME" is a literal dollar sign, and "$1" a shell positional
  // parameter.
  if (dollar >= 2 && line[dollar - 2] == escape) return std::nullopt;
  if (start < column && std::isdigit(static_cast<unsigned char>(line[start])))
    return std::nullopt;
  return VariableReference{start, braces};
}

void completeVariable(const Cursor &cursor, const VariableReference &ref,
                      CompletionList &out) {
  std::string_view line = cursor.line;
  size_t end = cursor.position.column;
  while (end < line.size() && isNameChar(line[end])) ++end;
  bool closeBrace = ref.braces && (end >= line.size() || line[end] != '}');
  addVariables(cursor, cursor.span(ref.nameStart, end), closeBrace, out);
}

void completeFlag(const Cursor &cursor, const Instruction &instruction,
                  size_t start, CompletionList &out) {
  size_t column = cursor.position.column;
  std::string_view typed = cursor.text(start, column);
  size_t equals = typed.find('=');
  if (equals == std::string_view::npos) {
    size_t nameEnd = wordEnd(cursor.line, column, "=");
    bool valueFollows =
        nameEnd < cursor.line.size() && cursor.line[nameEnd] == '=';
    addFlags(instruction, cursor.span(start, nameEnd), valueFollows, out);
    return;
  }
  std::string_view name = typed.substr(0, equals);
  while (!name.empty() && name.front() == '-') name.remove_prefix(1);
  addFlagValues(cursor, instruction, name, start + equals + 1, out);
}

// COPY and ADD sources: build context paths, or the source stage's paths
// after --from.
void completeSource(const Cursor &cursor, const Instruction &instruction,
                    size_t start, CompletionList &out) {
  // Skip the '[' and quotes of an exec form item.
  size_t pathStart = start;
  while (pathStart < cursor.position.column &&
         std::string_view("[\"',").find(cursor.line[pathStart]) !=
             std::string_view::npos)
    ++pathStart;
  std::string_view typed = cursor.text(pathStart, cursor.position.column);
  if (typed.starts_with("<<") || typed.find("://") != std::string_view::npos ||
      typed.starts_with("git@"))
    return;
  // TODO: complete the destination (the last argument) from the stage's
  // file system. While it is typed it cannot be distinguished from a
  // source, so it gets source paths now.
  const Flag *from = instruction.flag("from");
  if (!from) {
    addContextPaths(cursor, pathStart, out);
    return;
  }
  // --from may also name an image or a build context; those have no
  // modelled file system.
  const Stage *source =
      from->value ? cursor.model.stageNamed(*from->value) : nullptr;
  if (source) addStagePaths(cursor, *source, pathStart, out);
}

void completeArgument(const Cursor &cursor, const Instruction &instruction,
                      size_t start, CompletionList &out) {
  Position at{cursor.position.line, static_cast<uint32_t>(start)};
  size_t index =
      std::count_if(instruction.args.begin(), instruction.args.end(),
                    [&](const Word &word) { return word.range.start < at; });
  std::string_view typed = cursor.text(start, cursor.position.column);
  Range range = cursor.span(start, wordEnd(cursor.line, start, ""));

  switch (instruction.kind) {
    case InstructionKind::From:
      if (index == 0) {
        addImages(typed, range, out);
        addStages(cursor, cursor.stage(), range, out);
      } else if (index == 1) {
        addArgumentKeyword(instruction, range, out);
      }
      break;
    case InstructionKind::Healthcheck:
      if (index == 0) addArgumentKeyword(instruction, range, out);
      break;
    case InstructionKind::Arg:
      if (cursor.stage() >= 0 && typed.find('=') == std::string_view::npos)
        addArgNames(cursor, range, out);
      break;
    case InstructionKind::Copy:
    case InstructionKind::Add:
      completeSource(cursor, instruction, start, out);
      break;
    default:
      break;
  }
}

// Completes inside an instruction, after its keyword.
void completeInstruction(const Cursor &cursor, const Instruction &instruction,
                         CompletionList &out) {
  size_t column = cursor.position.column;
  size_t start = wordStart(cursor.line, column);
  if (auto ref = referenceAt(cursor.line, column, cursor.file.escape)) {
    completeVariable(cursor, *ref, out);
    return;
  }
  Position at{cursor.position.line, static_cast<uint32_t>(start)};
  bool inFlags =
      instruction.argText.empty() || at <= instruction.argRange.start;
  if (inFlags && cursor.text(start, column).starts_with("-")) {
    completeFlag(cursor, instruction, start, out);
    return;
  }
  completeArgument(cursor, instruction, start, out);
}

// The part of a range on the cursor's line. A keyword split by a
// continuation ("RU\" then "N") spans two lines, and LSP requires a
// completion's range to lie on one.
Range onCursorLine(const Cursor &cursor, Range range) {
  uint32_t line = cursor.position.line;
  size_t start = range.start.line == line ? range.start.column : 0;
  size_t end = range.end.line == line ? range.end.column : cursor.line.size();
  // A range that goes on to the next line stops before the escape.
  if (range.end.line != line) {
    size_t last = cursor.line.find_last_not_of(" \t");
    if (last != std::string_view::npos &&
        cursor.line[last] == cursor.file.escape)
      end = last;
  }
  end = std::max(std::min(end, cursor.line.size()), start);
  return cursor.span(start, end);
}

// The instruction that a blank line continues: the one on the nearest
// non-blank line above, when that line ends with the escape character.
// BuildKit skips blank lines inside a continuation, but the parse ends the
// instruction before them when nothing follows.
const Instruction *continuedBy(const ParsedFile &file, const TextDocument &text,
                               uint32_t line) {
  while (line > 0) {
    std::string_view above = text.line(--line);
    size_t end = above.find_last_not_of(" \t\r");
    if (end == std::string_view::npos) continue;
    if (above[end] != file.escape) return nullptr;
    return file.instructionAt(line);
  }
  return nullptr;
}

CompletionList completeAt(const ParsedFile &file, const TextDocument &text,
                          const BuildModel &model, const BuildContext *context,
                          Position position) {
  CompletionList out;
  if (position.line >= text.lineCount()) return out;
  std::string_view line = text.line(position.line);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  position.column =
      std::min(position.column, static_cast<uint32_t>(line.size()));
  size_t first = line.find_first_not_of(" \t");
  if (first != std::string_view::npos && line[first] == '#') return out;

  const Instruction *instruction = file.instructionAt(position.line);
  if (!instruction && first == std::string_view::npos)
    instruction = continuedBy(file, text, position.line);
  int index = instruction
                  ? static_cast<int>(instruction - file.instructions.data())
                  : -1;
  Cursor cursor{file, model, context, line, position, index};
  size_t column = position.column;

  // A line outside every instruction is blank, so a new one starts here.
  if (!instruction) {
    addKeywords(cursor, cursor.span(column, column), false,
                restIsBlank(line, column), out);
    return out;
  }
  if (inHeredocBody(*instruction, position.line)) return out;
  if (position < instruction->keywordRange.start) return out;
  if (instruction->keywordRange.touches(position)) {
    Range range = onCursorLine(cursor, instruction->keywordRange);
    addKeywords(cursor, range, false, restIsBlank(line, range.end.column), out);
    return out;
  }

  const Instruction *target = instruction;
  if (instruction->kind == InstructionKind::Onbuild) {
    const Instruction *trigger = instruction->trigger.get();
    if (!trigger || trigger->keywordRange.touches(position)) {
      Range range = trigger ? onCursorLine(cursor, trigger->keywordRange)
                            : cursor.span(wordStart(line, column),
                                          wordEnd(line, column, ""));
      addKeywords(cursor, range, true, restIsBlank(line, range.end.column),
                  out);
      return out;
    }
    if (position < trigger->keywordRange.start ||
        inHeredocBody(*trigger, position.line))
      return out;
    target = trigger;
  }
  completeInstruction(cursor, *target, out);
  return out;
}

}  // namespace

CompletionList computeCompletion(const ParsedFile &file,
                                 const TextDocument &text,
                                 const BuildModel &model,
                                 const BuildContext *context,
                                 Position position) {
  CompletionList out = completeAt(file, text, model, context, position);
  // LSP requires each range to lie on the cursor's line and contain the
  // cursor. A cursor after the escape of a split keyword is the one known
  // place where a clipped range misses it.
  Position cursor = position;
  if (cursor.line < text.lineCount()) {
    std::string_view line = text.line(cursor.line);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    cursor.column = std::min(cursor.column, static_cast<uint32_t>(line.size()));
  }
  std::erase_if(out.items, [&](const CompletionItem &item) {
    return item.range.start.line != cursor.line ||
           item.range.end.line != cursor.line || !item.range.touches(cursor);
  });
  return out;
}

}  // namespace dockpath
