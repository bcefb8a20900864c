// One .dockerignore pattern against one whole path. moby/patternmatcher
// compiles each pattern to an anchored regular expression: "*" becomes
// "[^/]*", "?" becomes "[^/]", "**/" and a "**" not at the end become
// "(.*/)?", a final "**" becomes ".*", "\\" escapes the next character (a
// trailing one is a literal backslash) and
// "[...]" is passed through as a regular-expression class (which, unlike
// '?', can match '/'). This file matches the same language with a small
// memoised matcher instead of a regex engine.
#include <dockpath/context/build_context.h>
#include <dockpath/context/dockerignore.h>

#include <vector>

namespace dockpath {

namespace {

enum class TokenKind {
  Literal,
  AnyInSegment,
  OneInSegment,
  Class,
  AnyFolders,
  AnyRest
};

struct ClassRange {
  char32_t low;
  char32_t high;
};

struct Token {
  TokenKind kind;
  char32_t rune = 0;  // for Literal
  bool negated = false;
  std::vector<ClassRange> ranges;  // for Class
};

bool readClass(std::string_view pattern, size_t *at, Token *token) {
  using detail::decodeUtf8;
  token->kind = TokenKind::Class;
  if (*at < pattern.size() && pattern[*at] == '^') {
    token->negated = true;
    ++*at;
  }
  bool first = true;
  while (*at < pattern.size()) {
    if (pattern[*at] == ']' && !first) {
      ++*at;
      return true;
    }
    first = false;
    size_t length = 0;
    if (pattern[*at] == '\\') ++*at;
    if (*at >= pattern.size()) return false;
    char32_t low = decodeUtf8(pattern, *at, &length);
    *at += length;
    char32_t high = low;
    bool range = *at + 1 < pattern.size() && pattern[*at] == '-' &&
                 pattern[*at + 1] != ']';
    if (range) {
      ++*at;
      if (pattern[*at] == '\\') ++*at;
      if (*at >= pattern.size()) return false;
      high = decodeUtf8(pattern, *at, &length);
      *at += length;
      if (high < low) return false;
    }
    token->ranges.push_back({low, high});
  }
  return false;  // no closing ']'
}

bool compile(std::string_view pattern, std::vector<Token> *tokens) {
  for (size_t at = 0; at < pattern.size();) {
    char c = pattern[at];
    Token token{TokenKind::Literal};
    if (c == '*' && at + 1 < pattern.size() && pattern[at + 1] == '*') {
      at += 2;
      if (at < pattern.size() && pattern[at] == '/') ++at;
      token.kind =
          at >= pattern.size() ? TokenKind::AnyRest : TokenKind::AnyFolders;
    } else if (c == '*') {
      token.kind = TokenKind::AnyInSegment;
      ++at;
    } else if (c == '?') {
      token.kind = TokenKind::OneInSegment;
      ++at;
    } else if (c == '[') {
      ++at;
      if (!readClass(pattern, &at, &token)) return false;
    } else {
      // A trailing '\\' is kept as a literal backslash, as in BuildKit.
      if (c == '\\' && at + 1 < pattern.size()) ++at;
      size_t length = 0;
      token.rune = detail::decodeUtf8(pattern, at, &length);
      at += length;
    }
    tokens->push_back(std::move(token));
  }
  return true;
}

class Matcher {
 public:
  Matcher(const std::vector<Token> &tokens, std::string_view path)
      : tokens_(tokens),
        path_(path),
        memo_((tokens.size() + 1) * (path.size() + 1), kUnknown) {}

  bool matches(size_t token, size_t at) {
    char &slot = memo_[token * (path_.size() + 1) + at];
    if (slot == kUnknown) slot = compute(token, at) ? kYes : kNo;
    return slot == kYes;
  }

 private:
  static constexpr char kUnknown = 0, kYes = 1, kNo = 2;

  bool compute(size_t token, size_t at) {
    if (token == tokens_.size()) return at == path_.size();
    const Token &current = tokens_[token];
    switch (current.kind) {
      case TokenKind::AnyRest:
        return matches(token + 1, path_.size());
      case TokenKind::AnyFolders:
        // "(.*/)?": nothing, or any text that ends with '/'.
        if (matches(token + 1, at)) return true;
        for (size_t end = at; end < path_.size(); ++end) {
          if (path_[end] == '/' && matches(token + 1, end + 1)) return true;
        }
        return false;
      case TokenKind::AnyInSegment:
        for (size_t end = at;; ++end) {
          if (matches(token + 1, end)) return true;
          if (end >= path_.size() || path_[end] == '/') return false;
        }
      default:
        return matchOne(current, token, at);
    }
  }

  bool matchOne(const Token &current, size_t token, size_t at) {
    if (at >= path_.size()) return false;
    size_t length = 0;
    char32_t rune = detail::decodeUtf8(path_, at, &length);
    bool ok = false;
    if (current.kind == TokenKind::Literal) {
      ok = rune == current.rune;
    } else if (current.kind == TokenKind::OneInSegment) {
      ok = rune != '/';
    } else {
      bool inside = false;
      for (const ClassRange &range : current.ranges) {
        if (range.low <= rune && rune <= range.high) inside = true;
      }
      ok = inside != current.negated;
    }
    return ok && matches(token + 1, at + length);
  }

  const std::vector<Token> &tokens_;
  std::string_view path_;
  std::vector<char> memo_;
};

}  // namespace

bool matchIgnorePattern(std::string_view pattern, std::string_view path,
                        bool *badPattern) {
  std::vector<Token> tokens;
  bool valid = compile(pattern, &tokens);
  if (badPattern) *badPattern = !valid;
  if (!valid) return false;
  return Matcher(tokens, path).matches(0, 0);
}

}  // namespace dockpath
