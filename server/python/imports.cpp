// scanImports: a small Python tokenizer that splits the source into logical
// lines (joining bracketed and backslash-continued lines, skipping
// comments and string literals), then reads import statements and tracks
// indented blocks to mark imports that may not run.
//
// The input is treated as bytes: invalid UTF-8 or binary data never stops
// the scan, bytes >= 0x80 count as identifier characters.
#include <dockpath/python/imports.h>

#include <algorithm>
#include <array>

namespace dockpath {

namespace {

enum class TokenKind { Name, Op, Other };

struct Token {
  TokenKind kind;
  std::string_view text;
  uint32_t line;
  uint32_t column;
  int depth;  // bracket depth at the token
};

struct LogicalLine {
  uint32_t indent = 0;  // width of the leading whitespace, tabs to 8
  std::vector<Token> tokens;
};

bool isNameStart(unsigned char c) {
  return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         c >= 0x80;
}

bool isNameChar(unsigned char c) {
  return isNameStart(c) || (c >= '0' && c <= '9');
}

// True for the string prefixes Python accepts before a quote (r, b, u, f
// and their two-letter combinations, any case; t for 3.14 template
// strings).
bool isStringPrefix(std::string_view name) {
  if (name.empty() || name.size() > 2) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    char lower = static_cast<char>(c | 0x20);
    return lower == 'r' || lower == 'b' || lower == 'u' || lower == 'f' ||
           lower == 't';
  });
}

class Lexer {
 public:
  explicit Lexer(std::string_view source) : text_(source) {}

  std::vector<LogicalLine> run() {
    while (pos_ < text_.size()) {
      if (atLineStart_) {
        readIndentation();
        continue;
      }
      step();
    }
    flush();
    return std::move(lines_);
  }

 private:
  char peek(size_t ahead = 0) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }

  uint32_t column() const { return static_cast<uint32_t>(pos_ - lineStart_); }

  void newLine() {
    ++line_;
    lineStart_ = pos_;
  }

  void flush() {
    if (!current_.tokens.empty()) lines_.push_back(std::move(current_));
    current_ = LogicalLine{};
    depth_ = 0;
  }

  void readIndentation() {
    uint32_t width = 0;
    while (peek() == ' ' || peek() == '\t' || peek() == '\f') {
      width = peek() == '\t' ? (width / 8 + 1) * 8 : width + 1;
      ++pos_;
    }
    atLineStart_ = false;
    if (current_.tokens.empty()) current_.indent = width;
  }

  void addToken(TokenKind kind, size_t start) {
    current_.tokens.push_back({kind, text_.substr(start, pos_ - start), line_,
                               static_cast<uint32_t>(start - lineStart_),
                               depth_});
  }

  void step() {
    char c = peek();
    if (c == '\n') {
      ++pos_;
      newLine();
      if (depth_ == 0) flush();
      atLineStart_ = depth_ == 0;
    } else if (c == '#') {
      while (pos_ < text_.size() && peek() != '\n') ++pos_;
    } else if (c == '\\' &&
               (peek(1) == '\n' || (peek(1) == '\r' && peek(2) == '\n'))) {
      pos_ += peek(1) == '\n' ? 2 : 3;
      newLine();
    } else if (c == '\'' || c == '"') {
      readString(pos_);
    } else if (isNameStart(static_cast<unsigned char>(c))) {
      readName();
    } else if (c >= '0' && c <= '9') {
      size_t start = pos_;
      while (isNameChar(static_cast<unsigned char>(peek())) || peek() == '.')
        ++pos_;
      addToken(TokenKind::Other, start);
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
      ++pos_;
    } else {
      readOperator();
    }
  }

  void readName() {
    size_t start = pos_;
    while (isNameChar(static_cast<unsigned char>(peek()))) ++pos_;
    std::string_view name = text_.substr(start, pos_ - start);
    if ((peek() == '\'' || peek() == '"') && isStringPrefix(name)) {
      readString(start);
      return;
    }
    addToken(TokenKind::Name, start);
  }

  // Skips a string literal whose quote is at pos_; `start` is where its
  // prefix began. An unterminated single-quoted string ends at the line
  // end, an unterminated triple-quoted one at the end of the input.
  void readString(size_t start) {
    char quote = peek();
    bool triple = peek(1) == quote && peek(2) == quote;
    pos_ += triple ? 3 : 1;
    while (pos_ < text_.size()) {
      char c = peek();
      if (c == '\\') {
        if (peek(1) == '\n') {
          ++pos_;
          ++pos_;
          newLine();
        } else {
          pos_ += 2;
        }
        continue;
      }
      if (c == '\n') {
        if (!triple) break;
        ++pos_;
        newLine();
        continue;
      }
      if (c == quote && (!triple || (peek(1) == quote && peek(2) == quote))) {
        pos_ += triple ? 3 : 1;
        break;
      }
      ++pos_;
    }
    pos_ = std::min(pos_, text_.size());
    addToken(TokenKind::Other, start);
  }

  void readOperator() {
    size_t start = pos_;
    char c = peek();
    if (c == '.' && peek(1) == '.' && peek(2) == '.') {
      pos_ += 3;
    } else {
      ++pos_;
    }
    if (c == ')' || c == ']' || c == '}') depth_ = std::max(0, depth_ - 1);
    addToken(TokenKind::Op, start);
    if (c == '(' || c == '[' || c == '{') ++depth_;
  }

  std::string_view text_;
  size_t pos_ = 0;
  size_t lineStart_ = 0;
  uint32_t line_ = 0;
  int depth_ = 0;
  bool atLineStart_ = true;
  LogicalLine current_;
  std::vector<LogicalLine> lines_;
};

// The part of a statement's tokens from `begin`, as a view.
struct Statement {
  const Token *begin;
  const Token *end;
  size_t size() const { return static_cast<size_t>(end - begin); }
  const Token &operator[](size_t i) const { return begin[i]; }
};

bool isName(const Token &token, std::string_view text) {
  return token.kind == TokenKind::Name && token.text == text;
}

// Reads a dotted name ("a.b.c") from statement[*at].
std::string readDotted(const Statement &statement, size_t *at) {
  std::string name;
  while (*at < statement.size() && statement[*at].kind == TokenKind::Name) {
    name += statement[*at].text;
    ++*at;
    if (*at < statement.size() && statement[*at].text == ".") {
      name += '.';
      ++*at;
    } else {
      break;
    }
  }
  return name;
}

// "import a.b as c, d": one import per module.
void readImport(const Statement &statement, bool guarded,
                std::vector<PythonImport> *imports) {
  size_t at = 1;
  while (at < statement.size()) {
    const Token &first = statement[at];
    std::string module = readDotted(statement, &at);
    if (module.empty()) return;
    imports->push_back({module, 0, {}, first.line, first.column, guarded});
    if (at < statement.size() && isName(statement[at], "as")) at += 2;
    if (at >= statement.size() || statement[at].text != ",") return;
    ++at;
  }
}

// "from ..a.b import (x, y as z)" or "from . import *".
void readFrom(const Statement &statement, bool guarded,
              std::vector<PythonImport> *imports) {
  PythonImport result;
  result.guarded = guarded;
  result.line = statement[0].line;
  size_t at = 1;
  if (at < statement.size()) result.column = statement[at].column;
  for (; at < statement.size() && statement[at].kind == TokenKind::Op; ++at) {
    std::string_view dots = statement[at].text;
    if (dots != "." && dots != "...") break;
    result.level += static_cast<int>(dots.size());
  }
  if (at < statement.size() && !isName(statement[at], "import"))
    result.module = readDotted(statement, &at);
  if (at >= statement.size() || !isName(statement[at], "import")) return;
  if (result.module.empty() && result.level == 0) return;
  for (++at; at < statement.size(); ++at) {
    const Token &token = statement[at];
    if (isName(token, "as")) {
      ++at;  // skip the alias
    } else if (token.kind == TokenKind::Name || token.text == "*") {
      result.names.emplace_back(token.text);
    }
  }
  imports->push_back(std::move(result));
}

enum class BlockKind { None, Guarding, Plain };

// Whether a statement opens a block, and whether code in that block may
// not run (try/except/finally, if/elif/else, def, class, match/case).
BlockKind blockKindOf(const Statement &statement) {
  constexpr std::array<std::string_view, 10> kGuarding = {
      "try",  "except", "finally", "if",    "elif",
      "else", "def",    "class",   "match", "case"};
  constexpr std::array<std::string_view, 3> kPlain = {"for", "while", "with"};
  size_t first = isName(statement[0], "async") ? 1 : 0;
  if (first >= statement.size() || statement[first].kind != TokenKind::Name) {
    return BlockKind::None;
  }
  std::string_view word = statement[first].text;
  if (std::find(kGuarding.begin(), kGuarding.end(), word) != kGuarding.end())
    return BlockKind::Guarding;
  if (std::find(kPlain.begin(), kPlain.end(), word) != kPlain.end())
    return BlockKind::Plain;
  return BlockKind::None;
}

struct Block {
  uint32_t indent;
  bool guarding;
};

class StatementReader {
 public:
  void readLine(const LogicalLine &line) {
    while (!blocks_.empty() && blocks_.back().indent >= line.indent)
      blocks_.pop_back();
    bool guarded = std::any_of(blocks_.begin(), blocks_.end(),
                               [](const Block &b) { return b.guarding; });
    readStatements(
        {line.tokens.data(), line.tokens.data() + line.tokens.size()},
        line.indent, guarded);
  }

  std::vector<PythonImport> take() { return std::move(imports_); }

 private:
  // Reads "a; b; c", where a may be a block header with an inline body.
  void readStatements(Statement rest, uint32_t indent, bool guarded) {
    while (rest.size() > 0) {
      const Token *stop = rest.begin;
      while (stop != rest.end && !(stop->depth == 0 && stop->text == ";"))
        ++stop;
      Statement statement{rest.begin, stop};
      rest.begin = stop == rest.end ? stop : stop + 1;
      if (statement.size() == 0) continue;

      BlockKind kind = blockKindOf(statement);
      if (kind == BlockKind::None) {
        readSimple(statement, guarded);
        continue;
      }
      const Token *colon = statement.begin;
      while (colon != statement.end &&
             !(colon->depth == 0 && colon->text == ":"))
        ++colon;
      if (colon == statement.end) continue;  // not a header after all
      bool inner = guarded || kind == BlockKind::Guarding;
      const Token *lineEnd = rest.end;
      if (colon + 1 == lineEnd) {
        blocks_.push_back({indent, kind == BlockKind::Guarding});
        return;
      }
      // An inline body ("try: import x; import y") runs to the line end.
      readStatements({colon + 1, lineEnd}, indent, inner);
      return;
    }
  }

  void readSimple(const Statement &statement, bool guarded) {
    if (isName(statement[0], "import"))
      readImport(statement, guarded, &imports_);
    if (isName(statement[0], "from")) readFrom(statement, guarded, &imports_);
  }

  std::vector<Block> blocks_;
  std::vector<PythonImport> imports_;
};

}  // namespace

std::vector<PythonImport> scanImports(std::string_view source) {
  std::vector<LogicalLine> lines = Lexer(source).run();
  StatementReader reader;
  for (const LogicalLine &line : lines) reader.readLine(line);
  return reader.take();
}

}  // namespace dockpath
