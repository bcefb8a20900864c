// The JSON exec form: ["executable", "arg", ...]. BuildKit decodes the
// arguments with Go's encoding/json and falls back to the shell form when
// that fails (frontend/dockerfile/parser/line_parsers.go, parseJSON).
#include <cctype>

#include "dockpath/syntax/parse_detail.h"

namespace dockpath::detail {
namespace {

// Nesting deeper than this is rejected so that hostile input cannot
// exhaust the stack.
constexpr int kMaxDepth = 256;

class JsonReader {
 public:
  explicit JsonReader(std::string_view text) : text_(text) {}

  std::optional<JsonArray> readArray() {
    skipBlanks();
    if (!consume('[')) return std::nullopt;
    JsonArray array;
    skipBlanks();
    if (!consume(']')) {
      do {
        skipBlanks();
        size_t begin = pos_;
        if (peek() == '"') {
          std::string value;
          if (!readString(value)) return std::nullopt;
          array.items.push_back({begin, pos_, std::move(value)});
        } else {
          if (!skipValue(1)) return std::nullopt;
          if (!array.nonStringAt) array.nonStringAt = begin;
        }
        skipBlanks();
      } while (consume(','));
      if (!consume(']')) return std::nullopt;
    }
    skipBlanks();
    if (pos_ != text_.size()) return std::nullopt;
    return array;
  }

 private:
  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  bool consume(char c) {
    if (peek() != c || pos_ >= text_.size()) return false;
    ++pos_;
    return true;
  }
  void skipBlanks() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' ||
            text_[pos_] == '\r')) {
      ++pos_;
    }
  }

  bool readHex4(uint32_t &value) {
    if (pos_ + 4 > text_.size()) return false;
    value = 0;
    for (int i = 0; i < 4; ++i) {
      char c = text_[pos_++];
      if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
      value = value * 16 + (std::isdigit(static_cast<unsigned char>(c))
                                ? c - '0'
                                : (std::tolower(c) - 'a' + 10));
    }
    return true;
  }

  static void appendUtf8(std::string &out, uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  bool readUnicodeEscape(std::string &out) {
    uint32_t cp = 0;
    if (!readHex4(cp)) return false;
    if (cp >= 0xD800 && cp <= 0xDBFF && text_.substr(pos_, 2) == "\\u") {
      size_t save = pos_;
      pos_ += 2;
      uint32_t low = 0;
      if (readHex4(low) && low >= 0xDC00 && low <= 0xDFFF) {
        appendUtf8(out, 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00));
        return true;
      }
      pos_ = save;
    }
    // Go's decoder turns a lone surrogate into U+FFFD.
    if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;
    appendUtf8(out, cp);
    return true;
  }

  bool readString(std::string &out) {
    ++pos_;  // the opening quote
    while (pos_ < text_.size()) {
      char c = text_[pos_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return false;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= text_.size()) return false;
      char e = text_[pos_++];
      switch (e) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u':
          if (!readUnicodeEscape(out)) return false;
          break;
        default:
          return false;
      }
    }
    return false;
  }

  bool skipLiteral(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  bool skipNumber() {
    size_t begin = pos_;
    consume('-');
    if (consume('0')) {
    } else if (std::isdigit(static_cast<unsigned char>(peek()))) {
      while (std::isdigit(static_cast<unsigned char>(peek()))) ++pos_;
    } else {
      return false;
    }
    if (consume('.')) {
      if (!std::isdigit(static_cast<unsigned char>(peek()))) return false;
      while (std::isdigit(static_cast<unsigned char>(peek()))) ++pos_;
    }
    if (peek() == 'e' || peek() == 'E') {
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      if (!std::isdigit(static_cast<unsigned char>(peek()))) return false;
      while (std::isdigit(static_cast<unsigned char>(peek()))) ++pos_;
    }
    return pos_ > begin;
  }

  bool skipContainer(char close, int depth) {
    ++pos_;
    skipBlanks();
    if (consume(close)) return true;
    do {
      skipBlanks();
      if (close == '}') {
        std::string key;
        if (peek() != '"' || !readString(key)) return false;
        skipBlanks();
        if (!consume(':')) return false;
        skipBlanks();
      }
      if (!skipValue(depth + 1)) return false;
      skipBlanks();
    } while (consume(','));
    return consume(close);
  }

  bool skipValue(int depth) {
    if (depth > kMaxDepth) return false;
    std::string ignored;
    switch (peek()) {
      case '"':
        return readString(ignored);
      case '[':
        return skipContainer(']', depth);
      case '{':
        return skipContainer('}', depth);
      case 't':
        return skipLiteral("true");
      case 'f':
        return skipLiteral("false");
      case 'n':
        return skipLiteral("null");
      default:
        return skipNumber();
    }
  }

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

std::optional<JsonArray> parseJsonArray(std::string_view text) {
  return JsonReader(text).readArray();
}

}  // namespace dockpath::detail
