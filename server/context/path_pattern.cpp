// Go filepath.Match for one path segment, as BuildKit applies it to COPY
// and ADD sources. Written from the Go documentation of path/filepath:
//   pattern: { term }
//   term: '*' (any run of non-separator characters) | '?' (one
//         non-separator character) | '[' [ '^' ] { range } ']' | c | '\\' c
//   range: c | c '-' c, where c may not be '-' or ']' unescaped.
#include <dockpath/context/build_context.h>

#include <cstdint>

namespace dockpath {

char32_t detail::decodeUtf8(std::string_view text, size_t at, size_t *length) {
  auto byte = static_cast<unsigned char>(text[at]);
  size_t expected = byte < 0x80         ? 1
                    : byte >> 5 == 0x6  ? 2
                    : byte >> 4 == 0xe  ? 3
                    : byte >> 3 == 0x1e ? 4
                                        : 0;
  if (expected <= 1 || at + expected > text.size()) {
    *length = 1;
    return byte;
  }
  char32_t rune = byte & (0x7f >> expected);
  for (size_t i = 1; i < expected; ++i) {
    auto next = static_cast<unsigned char>(text[at + i]);
    if ((next & 0xc0) != 0x80) {
      *length = 1;
      return byte;
    }
    rune = (rune << 6) | (next & 0x3f);
  }
  *length = expected;
  return rune;
}

namespace {

using detail::decodeUtf8;

// Reads one class character at pattern[*at], unescaping '\\'. Returns
// false on a malformed class (an unescaped '-' or ']', or the end).
bool classChar(std::string_view pattern, size_t *at, char32_t *out) {
  if (*at >= pattern.size()) return false;
  char c = pattern[*at];
  if (c == '-' || c == ']') return false;
  if (c == '\\') {
    ++*at;
    if (*at >= pattern.size()) return false;
  }
  size_t length = 0;
  *out = decodeUtf8(pattern, *at, &length);
  *at += length;
  return true;
}

// Parses the class that starts after '[' at pattern[*at] and tests the
// rune against it. Leaves *at after the closing ']'.
bool matchClass(std::string_view pattern, size_t *at, char32_t rune,
                bool *matched) {
  bool negated = *at < pattern.size() && pattern[*at] == '^';
  if (negated) ++*at;
  bool found = false;
  size_t ranges = 0;
  while (true) {
    if (*at < pattern.size() && pattern[*at] == ']' && ranges > 0) {
      ++*at;
      break;
    }
    char32_t low = 0;
    if (!classChar(pattern, at, &low)) return false;
    char32_t high = low;
    if (*at < pattern.size() && pattern[*at] == '-') {
      ++*at;
      if (!classChar(pattern, at, &high)) return false;
    }
    if (low <= rune && rune <= high) found = true;
    ++ranges;
  }
  *matched = found != negated;
  return true;
}

bool isValidPattern(std::string_view pattern) {
  for (size_t at = 0; at < pattern.size();) {
    char c = pattern[at];
    if (c == '\\') {
      if (at + 1 >= pattern.size()) return false;
      at += 2;
    } else if (c == '[') {
      ++at;
      bool ignored = false;
      if (!matchClass(pattern, &at, 0, &ignored)) return false;
    } else {
      ++at;
    }
  }
  return true;
}

bool matchFrom(std::string_view pattern, size_t p, std::string_view name,
               size_t n) {
  while (p < pattern.size()) {
    char c = pattern[p];
    if (c == '*') {
      while (p < pattern.size() && pattern[p] == '*') ++p;
      // Try every split point up to the next '/', which '*' cannot cross.
      for (size_t k = n;; ++k) {
        if (matchFrom(pattern, p, name, k)) return true;
        if (k >= name.size() || name[k] == '/') return false;
      }
    }
    if (n >= name.size()) return false;
    // '?' and classes match any character but the separator.
    bool wildcard = c == '?' || c == '[';
    if (wildcard && name[n] == '/') return false;
    size_t length = 0;
    char32_t rune = decodeUtf8(name, n, &length);
    if (c == '?') {
      ++p;
    } else if (c == '[') {
      ++p;
      bool matched = false;
      if (!matchClass(pattern, &p, rune, &matched) || !matched) return false;
    } else {
      if (c == '\\') ++p;
      size_t patternLength = 0;
      if (decodeUtf8(pattern, p, &patternLength) != rune) return false;
      p += patternLength;
    }
    n += length;
  }
  return n == name.size();
}

}  // namespace

bool matchPathPattern(std::string_view pattern, std::string_view name,
                      bool *badPattern) {
  bool valid = isValidPattern(pattern);
  if (badPattern) *badPattern = !valid;
  return valid && matchFrom(pattern, 0, name, 0);
}

}  // namespace dockpath
