// Parser directives ("# syntax=...", "# escape=`", "# check=...").
// BuildKit (frontend/dockerfile/parser/directives.go) reads them only at
// the top of the file: the first line that is not a directive of a known
// name, including a blank line or an ordinary comment, ends the block.
#include <cctype>

#include "dockpath/syntax/parse_detail.h"

namespace dockpath::detail {
namespace {

// RE2's \s, which BuildKit's directive pattern uses: no vertical tab.
bool isRegexSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

struct DirectiveMatch {
  size_t nameBegin, nameEnd, valueBegin, valueEnd;
};

// Matches ^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$ from content[pos].
std::optional<DirectiveMatch> matchDirective(std::string_view content,
                                             size_t pos) {
  auto skipRegexSpace = [&](size_t p) {
    while (p < content.size() && isRegexSpace(content[p])) ++p;
    return p;
  };
  if (pos >= content.size() || content[pos] != '#') return std::nullopt;
  DirectiveMatch m{};
  m.nameBegin = skipRegexSpace(pos + 1);
  size_t p = m.nameBegin;
  if (p >= content.size() ||
      !std::isalpha(static_cast<unsigned char>(content[p]))) {
    return std::nullopt;
  }
  while (p < content.size() &&
         std::isalnum(static_cast<unsigned char>(content[p]))) {
    ++p;
  }
  m.nameEnd = p;
  p = skipRegexSpace(p);
  if (p >= content.size() || content[p] != '=') return std::nullopt;
  m.valueBegin = skipRegexSpace(p + 1);
  m.valueEnd = content.size();
  while (m.valueEnd > m.valueBegin && isRegexSpace(content[m.valueEnd - 1])) {
    --m.valueEnd;
  }
  if (m.valueEnd == m.valueBegin) return std::nullopt;
  return m;
}

bool isKnownDirective(std::string_view name) {
  return name == "syntax" || name == "escape" || name == "check";
}

}  // namespace

DirectiveBlock parseDirectives(const TextLines &lines,
                               std::vector<Diagnostic> &errors) {
  DirectiveBlock block;
  for (uint32_t i = 0; i < lines.size(); ++i) {
    std::string_view content = contentOf(lines[i]);
    size_t start = i == 0 && content.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    size_t pos = skipSpace(content, start);
    std::optional<DirectiveMatch> m = matchDirective(content, pos);
    block.bodyStart = i;
    if (!m) return block;
    Directive directive;
    directive.name =
        std::string(content.substr(m->nameBegin, m->nameEnd - m->nameBegin));
    for (char &c : directive.name) c = static_cast<char>(std::tolower(c));
    if (!isKnownDirective(directive.name)) return block;
    directive.value =
        std::string(content.substr(m->valueBegin, m->valueEnd - m->valueBegin));
    directive.range = {{i, static_cast<uint32_t>(pos)},
                       {i, static_cast<uint32_t>(content.size())}};
    directive.valueRange = {{i, static_cast<uint32_t>(m->valueBegin)},
                            {i, static_cast<uint32_t>(m->valueEnd)}};
    block.bodyStart = i + 1;

    bool duplicate = false;
    for (const Directive &seen : block.directives) {
      duplicate = duplicate || seen.name == directive.name;
    }
    if (duplicate) {
      errors.push_back(syntaxError(
          directive.range, "only one " + directive.name +
                               " parser directive can be used: remove this "
                               "one or the earlier one"));
      continue;
    }
    if (directive.name == "escape") {
      if (directive.value == "\\" || directive.value == "`") {
        block.escape = directive.value[0];
      } else {
        errors.push_back(syntaxError(directive.valueRange,
                                     "invalid escape directive value '" +
                                         directive.value +
                                         "': use \\ (the default) or `"));
      }
    }
    block.directives.push_back(std::move(directive));
  }
  block.bodyStart = static_cast<uint32_t>(lines.size());
  return block;
}

}  // namespace dockpath::detail
