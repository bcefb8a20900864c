// Heredoc markers, after BuildKit's heredocsFromLine and ParseHeredoc
// (frontend/dockerfile/parser/parser.go): every shell word of the
// instruction line that matches ^(\d*)<<(-?)([^<]*)$ starts a heredoc, and
// the bodies follow the instruction in marker order.
#include <algorithm>
#include <cctype>

#include "dockpath/syntax/parse_detail.h"

namespace dockpath::detail {
namespace {

size_t countQuotes(std::string_view text) {
  return static_cast<size_t>(std::count(text.begin(), text.end(), '\'') +
                             std::count(text.begin(), text.end(), '"'));
}

// Parses one word as a heredoc marker; nullopt when it is not one.
std::optional<Heredoc> markerOf(std::string_view word) {
  size_t pos = 0;
  while (pos < word.size() &&
         std::isdigit(static_cast<unsigned char>(word[pos]))) {
    ++pos;
  }
  if (word.substr(pos, 2) != "<<") return std::nullopt;
  pos += 2;
  Heredoc heredoc;
  if (pos < word.size() && word[pos] == '-') {
    heredoc.stripTabs = true;
    ++pos;
  }
  std::string_view rest = word.substr(pos);
  if (rest.empty() || rest.find('<') != std::string_view::npos) {
    return std::nullopt;
  }
  // BuildKit reads the marker with a backslash escape whatever the escape
  // directive sets, and treats any removed quote as "quoted".
  heredoc.delimiter = unquoteWord(rest, '\\');
  if (heredoc.delimiter.empty()) return std::nullopt;
  heredoc.quoted = countQuotes(heredoc.delimiter) != countQuotes(rest);
  return heredoc;
}

}  // namespace

std::vector<Heredoc> findHeredocMarkers(const LogicalLine &line, size_t begin) {
  std::vector<Heredoc> heredocs;
  std::string_view text = std::string_view(line.text).substr(begin);
  for (WordSpan span : splitWords(text, '\\')) {
    std::optional<Heredoc> heredoc =
        markerOf(text.substr(span.begin, span.end - span.begin));
    if (!heredoc) continue;
    heredoc->markerRange = line.rangeOf(begin + span.begin, begin + span.end);
    heredocs.push_back(std::move(*heredoc));
  }
  return heredocs;
}

bool canContainHeredoc(const Instruction &instruction) {
  const Instruction *target = &instruction;
  if (instruction.kind == InstructionKind::Onbuild && instruction.trigger) {
    target = instruction.trigger.get();
  }
  switch (target->kind) {
    case InstructionKind::Run:
    case InstructionKind::Copy:
    case InstructionKind::Add:
      return !target->execForm;
    default:
      return false;
  }
}

}  // namespace dockpath::detail
