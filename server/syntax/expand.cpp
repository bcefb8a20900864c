// Variable substitution with the rules of BuildKit's shell lexer
// (frontend/dockerfile/shell/lex.go): quotes are removed, single quotes
// suppress expansion, the escape character makes the next character
// literal, and ${...} takes the modifiers listed in expand.h.
#include "dockpath/syntax/expand.h"

#include <algorithm>
#include <cctype>

#include "dockpath/syntax/parse_detail.h"

namespace dockpath {
namespace {

bool isNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool isSpecialParameter(char c) {
  return c == '@' || c == '*' || c == '#' || c == '?' || c == '-' || c == '$' ||
         c == '!' || c == '0';
}

// One pass over a word. With lookup == nullptr it only records references
// (every variable counts as unset, and nothing is reported unset).
class Lexer {
 public:
  Lexer(std::string_view word, const VariableLookup *lookup, char escape)
      : word_(word), lookup_(lookup), escape_(escape) {}

  ExpandResult run() {
    std::vector<std::string> unset;
    result_.value = processUntil('\0', unset);
    if (result_.value.size() > kMaxValue) {
      fail("the expanded value is longer than " + std::to_string(kMaxValue) +
           " bytes");
      result_.value.resize(kMaxValue);
    }
    if (lookup_) mergeUnset(unset);
    return std::move(result_);
  }

 private:
  bool atEnd() const { return pos_ >= word_.size(); }
  char peek() const { return atEnd() ? '\0' : word_[pos_]; }

  void fail(std::string message) {
    if (!result_.error) result_.error = std::move(message);
  }

  void mergeUnset(const std::vector<std::string> &names) {
    for (const std::string &name : names) {
      auto &all = result_.unset;
      if (std::find(all.begin(), all.end(), name) == all.end()) {
        all.push_back(name);
      }
    }
  }

  std::optional<std::string> valueOf(std::string_view name) {
    if (!lookup_ || !*lookup_) return std::nullopt;
    return (*lookup_)(name);
  }

  // Reads characters up to an unquoted stop character (consumed), or to the
  // end of the word when stop is '\0'.
  std::string processUntil(char stop, std::vector<std::string> &unset) {
    std::string out;
    while (!atEnd()) {
      if (out.size() > kMaxValue) {
        fail("the expanded value is longer than " +
             std::to_string(kMaxValue) + " bytes");
        pos_ = word_.size();
        break;
      }
      char c = peek();
      if (stop != '\0' && c == stop) {
        ++pos_;
        return out;
      }
      if (c == '$') {
        out += processDollar(unset);
      } else if (c == '\'') {
        out += processSingleQuote();
      } else if (c == '"') {
        out += processDoubleQuote(unset);
      } else {
        ++pos_;
        if (c == escape_) {
          // The escape character makes the next one literal; at the end of
          // the word it is dropped.
          if (atEnd()) break;
          c = word_[pos_++];
        }
        out += c;
      }
    }
    if (stop != '\0') {
      fail(std::string("missing '") + stop + "' in variable substitution");
    }
    return out;
  }

  std::string processSingleQuote() {
    ++pos_;
    size_t close = word_.find('\'', pos_);
    if (close == std::string_view::npos) {
      fail("unterminated single quote: add a closing '");
      close = word_.size();
    }
    std::string out(word_.substr(pos_, close - pos_));
    pos_ = std::min(close + 1, word_.size());
    return out;
  }

  std::string processDoubleQuote(std::vector<std::string> &unset) {
    ++pos_;
    std::string out;
    while (true) {
      if (atEnd()) {
        fail("unterminated double quote: add a closing \"");
        return out;
      }
      char c = peek();
      if (c == '"') {
        ++pos_;
        return out;
      }
      if (c == '$') {
        out += processDollar(unset);
        continue;
      }
      ++pos_;
      if (c == escape_) {
        if (atEnd()) continue;
        char next = peek();
        // Only \" \$ and a doubled escape are escapes inside double quotes.
        if (next == '"' || next == '$' || next == escape_) c = word_[pos_++];
      }
      out += c;
    }
  }

  std::string processName() {
    size_t begin = pos_;
    if (std::isdigit(static_cast<unsigned char>(peek()))) {
      while (std::isdigit(static_cast<unsigned char>(peek()))) ++pos_;
      return std::string(word_.substr(begin, pos_ - begin));
    }
    if (!atEnd() && isSpecialParameter(peek())) {
      ++pos_;
      return std::string(word_.substr(begin, 1));
    }
    while (!atEnd() && isNameChar(peek())) ++pos_;
    return std::string(word_.substr(begin, pos_ - begin));
  }

  VariableReference &addReference(std::string name, size_t at) {
    result_.references.push_back({std::move(name), at, 0, false});
    return result_.references.back();
  }

  std::string processDollar(std::vector<std::string> &unset) {
    size_t at = pos_++;
    if (peek() != '{') {
      std::string name = processName();
      if (name.empty()) return "$";
      addReference(name, at).length = pos_ - at;
      std::optional<std::string> value = valueOf(name);
      if (!value) unset.push_back(name);
      return value.value_or("");
    }
    ++pos_;
    if (atEnd() || peek() == '}' || peek() == '{' || peek() == ':') {
      fail("bad substitution at offset " + std::to_string(at) +
           ": ${ needs a variable name, as in ${NAME}");
      if (peek() == '}') ++pos_;
      return "";
    }
    std::string name = processName();
    size_t index = result_.references.size();
    addReference(name, at);
    // Each ${...} inside a modifier's word recurses; a limit keeps a
    // hostile file from exhausting the stack.
    if (depth_ >= kMaxDepth) {
      fail("substitutions are nested more than " + std::to_string(kMaxDepth) +
           " levels deep");
      pos_ = word_.size();
      return "";
    }
    ++depth_;
    std::string value = processModifier(name, index, unset);
    --depth_;
    result_.references[index].length = pos_ - at;
    if (value.size() > kMaxValue) {
      fail("the value of ${" + name + "} is longer than " +
           std::to_string(kMaxValue) + " bytes");
      value.resize(kMaxValue);
    }
    return value;
  }

  // After "${NAME": the closing brace or a modifier and its word.
  std::string processModifier(const std::string &name, size_t index,
                              std::vector<std::string> &unset) {
    std::optional<std::string> value = valueOf(name);
    if (atEnd()) {
      fail("missing '}' in ${" + name + ": add the closing brace");
      return value.value_or("");
    }
    char c = word_[pos_++];
    if (c == '}') {
      if (!value) unset.push_back(name);
      return value.value_or("");
    }
    bool colon = c == ':';
    if (colon) c = atEnd() ? '\0' : word_[pos_++];
    bool known = c == '-' || c == '+' || c == '?' ||
                 (!colon && (c == '#' || c == '%' || c == '/'));
    if (!known) {
      fail(std::string("unsupported modifier (") + (colon ? ":" : "") + c +
           ") in ${" + name + "}");
      skipToBrace();
      return value.value_or("");
    }
    bool empty = !value || (colon && value->empty());
    if (c == '-' || c == '+') result_.references[index].hasDefault = true;
    if (c == '/') return processReplace(*this, value, unset);

    std::vector<std::string> wordUnset;
    std::string argument = processUntil('}', wordUnset);
    switch (c) {
      case '-':
        if (empty) mergeInto(unset, wordUnset);
        return empty ? argument : *value;
      case '+':
        if (!empty) mergeInto(unset, wordUnset);
        return empty ? "" : argument;
      case '?':
        if (empty) {
          std::string why = !value ? "is not allowed to be unset"
                                   : "is not allowed to be empty";
          if (lookup_) fail(name + ": " + (argument.empty() ? why : argument));
          return "";
        }
        return *value;
      default:
        break;
    }
    if (!value) unset.push_back(name);
    mergeInto(unset, wordUnset);
    bool longest = !argument.empty() && argument[0] == c;
    std::string_view pattern = argument;
    if (longest) pattern.remove_prefix(1);
    return c == '#' ? detail::trimPrefix(value.value_or(""), pattern, longest)
                    : detail::trimSuffix(value.value_or(""), pattern, longest);
  }

  static std::string processReplace(Lexer &self,
                                    const std::optional<std::string> &value,
                                    std::vector<std::string> &unset) {
    bool all = self.peek() == '/';
    if (all) ++self.pos_;
    std::vector<std::string> wordUnset;
    std::string pattern = self.processUntilEither('/', '}', wordUnset);
    std::string replacement;
    if (self.pos_ > 0 && self.word_[self.pos_ - 1] == '/') {
      replacement = self.processUntil('}', wordUnset);
    }
    if (!value) return "";
    mergeInto(unset, wordUnset);
    return detail::replaceMatches(*value, pattern, replacement, all);
  }

  // processUntil for a pattern, which ends at '/' or '}'.
  std::string processUntilEither(char first, char second,
                                 std::vector<std::string> &unset) {
    size_t stopAt = pos_;
    int depth = 0;
    for (; stopAt < word_.size(); ++stopAt) {
      char c = word_[stopAt];
      if (c == escape_) {
        ++stopAt;
      } else if (c == '{') {
        ++depth;
      } else if (c == '}' && depth > 0) {
        --depth;
      } else if (depth == 0 && (c == first || c == second)) {
        break;
      }
    }
    char stop = stopAt < word_.size() ? word_[stopAt] : '}';
    return processUntil(stop, unset);
  }

  void skipToBrace() {
    size_t close = word_.find('}', pos_);
    pos_ = close == std::string_view::npos ? word_.size() : close + 1;
  }

  static void mergeInto(std::vector<std::string> &into,
                        const std::vector<std::string> &from) {
    into.insert(into.end(), from.begin(), from.end());
  }

  std::string_view word_;
  const VariableLookup *lookup_;
  char escape_;
  // Limits that keep hostile input bounded; no real Dockerfile comes
  // near them.
  static constexpr int kMaxDepth = 64;
  static constexpr size_t kMaxValue = 64 * 1024;

  size_t pos_ = 0;
  int depth_ = 0;
  ExpandResult result_;
};

}  // namespace

ExpandResult expand(std::string_view word, const VariableLookup &lookup,
                    char escape) {
  Lexer lexer(word, &lookup, escape);
  return lexer.run();
}

std::vector<VariableReference> findReferences(std::string_view word,
                                              char escape) {
  Lexer lexer(word, nullptr, escape);
  return lexer.run().references;
}

}  // namespace dockpath
