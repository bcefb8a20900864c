// Shell-form word splitting and quote removal, after BuildKit's parseWords
// (frontend/dockerfile/parser/line_parsers.go) and its shell lexer
// (frontend/dockerfile/shell/lex.go).
#include "dockpath/syntax/parse_detail.h"

namespace dockpath::detail {

std::vector<WordSpan> splitWords(std::string_view text, char escape) {
  std::vector<WordSpan> words;
  size_t pos = skipSpace(text, 0);
  while (pos < text.size()) {
    size_t begin = pos;
    char quote = 0;
    while (pos < text.size()) {
      char c = text[pos];
      if (quote == 0 && spaceWidth(text, pos) > 0) break;
      if (quote == 0 && (c == '\'' || c == '"')) {
        quote = c;
      } else if (quote != 0 && c == quote) {
        quote = 0;
      } else if (c == escape && quote != '\'') {
        // The escape character protects the next byte, also inside double
        // quotes; inside single quotes it is an ordinary character.
        if (pos + 1 < text.size()) ++pos;
      }
      ++pos;
    }
    words.push_back({begin, pos});
    pos = skipSpace(text, pos);
  }
  return words;
}

std::vector<WordSpan> splitWhitespace(std::string_view text) {
  std::vector<WordSpan> words;
  size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && isAsciiSpace(text[pos])) ++pos;
    if (pos == text.size()) break;
    size_t begin = pos;
    while (pos < text.size() && !isAsciiSpace(text[pos])) ++pos;
    words.push_back({begin, pos});
  }
  return words;
}

std::string unquoteWord(std::string_view word, char escape) {
  std::string out;
  out.reserve(word.size());
  size_t pos = 0;
  while (pos < word.size()) {
    char c = word[pos++];
    if (c == '\'') {
      // Everything up to the next single quote is literal.
      while (pos < word.size() && word[pos] != '\'') out += word[pos++];
      if (pos < word.size()) ++pos;
    } else if (c == '"') {
      while (pos < word.size() && word[pos] != '"') {
        char d = word[pos++];
        if (d == escape && pos < word.size()) {
          char next = word[pos];
          // Inside double quotes the lexer resolves only \" \$ and \\;
          // other escapes stay as written.
          if (next == '"' || next == '$' || next == escape) {
            out += next;
            ++pos;
            continue;
          }
        } else if (d == escape) {
          continue;  // an escape at the end of the word is dropped
        }
        out += d;
      }
      if (pos < word.size()) ++pos;
    } else if (c == escape) {
      if (pos < word.size()) out += word[pos++];
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace dockpath::detail
