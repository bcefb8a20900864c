#include "reference_ranges.h"

#include <algorithm>
#include <cctype>

#include "dockpath/syntax/expand.h"

namespace dockpath::navigation {

namespace {

// Offset of the name in source for a reference at its '$', or nullopt
// when the text there is not the name (a special parameter such as $1).
std::optional<size_t> nameOffset(std::string_view source,
                                 const VariableReference &ref) {
  size_t start = ref.offset + 1;
  if (start < source.size() && source[start] == '{') ++start;
  if (start > source.size() ||
      source.compare(start, ref.name.size(), ref.name) != 0)
    return std::nullopt;
  return start;
}

Range onLine(Position start, size_t offset, size_t length) {
  Position from{start.line, start.column + static_cast<uint32_t>(offset)};
  return {from, {from.line, from.column + static_cast<uint32_t>(length)}};
}

// The range of argText bytes [offset, offset + length) when they lie on one
// line of the document.
std::optional<Range> argTextRange(const Instruction &instruction, size_t offset,
                                  size_t length) {
  if (length == 0 || offset + length > instruction.argText.size())
    return std::nullopt;
  Position start = instruction.positionOf(offset);
  Position last = instruction.positionOf(offset + length - 1);
  if (last.line != start.line || last.column != start.column + length - 1)
    return std::nullopt;
  return Range{start, {start.line, last.column + 1}};
}

// The argText offset of a document position, or nullopt when position is
// not inside argText.
std::optional<size_t> argTextOffset(const Instruction &instruction,
                                    Position position) {
  const auto &segments = instruction.segments;
  for (size_t i = 0; i < segments.size(); ++i) {
    const TextSegment &segment = segments[i];
    size_t end = i + 1 < segments.size() ? segments[i + 1].offset
                                         : instruction.argText.size();
    if (segment.start.line != position.line ||
        position.column < segment.start.column)
      continue;
    size_t offset = segment.offset + (position.column - segment.start.column);
    if (offset <= end) return offset;
  }
  return std::nullopt;
}

// The range of a word's text bytes [offset, offset + length).
std::optional<Range> wordRange(const Instruction &instruction, const Word &word,
                               size_t offset, size_t length) {
  const Range &range = word.range;
  if (range.start.line == range.end.line &&
      range.end.column - range.start.column == word.text.size())
    return onLine(range.start, offset, length);
  // A word split by a line continuation: find it in argText.
  std::optional<size_t> base = argTextOffset(instruction, range.start);
  if (!base || *base > instruction.argText.size() ||
      instruction.argText.compare(*base, word.text.size(), word.text) != 0)
    return std::nullopt;
  return argTextRange(instruction, *base + offset, length);
}

bool isQuote(char c) { return c == '"' || c == '\''; }

}  // namespace

std::vector<NameRef> wordNames(const Instruction &in, const Word &word,
                               bool execForm, char escape) {
  std::vector<NameRef> out;
  // An exec-form item maps to its text only when it has no JSON escapes:
  // the text is then the value in double quotes.
  size_t shift = 0;
  if (execForm) {
    if (word.text.size() != word.value.size() + 2 ||
        word.text.compare(1, word.value.size(), word.value) != 0)
      return out;
    shift = 1;
  }
  std::string_view source = execForm ? word.value : word.text;
  if (source.find('$') == std::string_view::npos) return out;
  for (const VariableReference &ref : findReferences(source, escape)) {
    std::optional<size_t> offset = nameOffset(source, ref);
    if (!offset) continue;
    if (auto range = wordRange(in, word, shift + *offset, ref.name.size()))
      out.push_back({ref.name, *range});
  }
  return out;
}

std::optional<NameRef> flagText(const TextDocument &text, const Flag &flag) {
  const Range &range = flag.valueRange;
  if (!flag.value || range.start.line != range.end.line ||
      range.start.line >= text.lineCount())
    return std::nullopt;
  std::string_view line = text.line(range.start.line);
  if (range.end.column > line.size()) return std::nullopt;
  std::string_view raw =
      line.substr(range.start.column, range.end.column - range.start.column);
  Position start = range.start;
  if (raw.size() >= 2 && isQuote(raw.front()) && raw.back() == raw.front()) {
    raw = raw.substr(1, raw.size() - 2);
    ++start.column;
  }
  return NameRef{std::string(raw), onLine(start, 0, raw.size())};
}

std::vector<NameRef> flagNames(const TextDocument &text, const Flag &flag,
                               char escape) {
  std::vector<NameRef> out;
  std::optional<NameRef> value = flagText(text, flag);
  if (!value || value->name.find('$') == std::string::npos) return out;
  for (const VariableReference &ref : findReferences(value->name, escape)) {
    if (std::optional<size_t> offset = nameOffset(value->name, ref))
      out.push_back(
          {ref.name, onLine(value->range.start, *offset, ref.name.size())});
  }
  return out;
}

std::optional<NameRef> mountOption(const TextDocument &text, const Flag &flag,
                                   std::string_view key) {
  std::optional<NameRef> value = flagText(text, flag);
  if (!value) return std::nullopt;
  std::string_view options = value->name;
  size_t begin = 0;
  while (begin <= options.size()) {
    size_t end = std::min(options.find(',', begin), options.size());
    std::string_view item = options.substr(begin, end - begin);
    size_t itemStart = begin;
    if (item.size() >= 2 && isQuote(item.front()) &&
        item.back() == item.front()) {
      item = item.substr(1, item.size() - 2);
      ++itemStart;
    }
    bool matches =
        item.size() > key.size() && item[key.size()] == '=' &&
        std::equal(key.begin(), key.end(), item.begin(), [](char a, char b) {
          return std::tolower((unsigned char)a) ==
                 std::tolower((unsigned char)b);
        });
    if (matches) {
      std::string_view option = item.substr(key.size() + 1);
      return NameRef{std::string(option),
                     onLine(value->range.start, itemStart + key.size() + 1,
                            option.size())};
    }
    begin = end + 1;
  }
  return std::nullopt;
}

std::vector<NameRef> argTextNames(const Instruction &instruction, size_t start,
                                  char escape) {
  std::vector<NameRef> out;
  std::string_view text = instruction.argText;
  if (start >= text.size()) return out;
  std::string_view source = text.substr(start);
  if (source.find('$') == std::string_view::npos) return out;
  for (const VariableReference &ref : findReferences(source, escape)) {
    std::optional<size_t> offset = nameOffset(source, ref);
    if (!offset) continue;
    if (auto range =
            argTextRange(instruction, start + *offset, ref.name.size()))
      out.push_back({ref.name, *range});
  }
  return out;
}

std::vector<NameRef> heredocNames(const TextDocument &text,
                                  const Heredoc &heredoc, char escape) {
  std::vector<NameRef> out;
  std::string_view body = heredoc.body;
  if (body.find('$') == std::string_view::npos) return out;
  // Walk the body's lines along with the references, which come in order.
  uint32_t line = heredoc.bodyRange.start.line;
  size_t lineStart = 0;
  for (const VariableReference &ref : findReferences(body, escape)) {
    std::optional<size_t> offset = nameOffset(body, ref);
    if (!offset) continue;
    for (size_t newline = body.find('\n', lineStart);
         newline != std::string_view::npos && newline < *offset;
         newline = body.find('\n', lineStart)) {
      lineStart = newline + 1;
      ++line;
    }
    if (line >= text.lineCount()) break;
    // "<<-" removed the line's leading tabs from the body.
    std::string_view docLine = text.line(line);
    size_t tabs = heredoc.stripTabs ? std::min(docLine.find_first_not_of('\t'),
                                               docLine.size())
                                    : 0;
    size_t column = tabs + (*offset - lineStart);
    if (column > docLine.size() ||
        docLine.compare(column, ref.name.size(), ref.name) != 0)
      continue;
    out.push_back({ref.name, onLine({line, 0}, column, ref.name.size())});
  }
  return out;
}

}  // namespace dockpath::navigation
