// Shell patterns for the ${V#p}, ${V%p} and ${V/p/r} forms.
#include "dockpath/syntax/parse_detail.h"

namespace dockpath::detail {

namespace {

// Length of the pattern element at pattern[0] and whether it matches c.
// An element is '?', a [...] set, a backslash escape or one character.
size_t matchElement(std::string_view pattern, char c, bool &matches) {
  char p = pattern[0];
  if (p == '?') {
    matches = true;
    return 1;
  }
  if (p == '\\' && pattern.size() > 1) {
    matches = pattern[1] == c;
    return 2;
  }
  size_t close = p == '[' ? pattern.find(']', 2) : std::string_view::npos;
  if (close == std::string_view::npos) {
    matches = p == c;
    return 1;
  }
  std::string_view set = pattern.substr(1, close - 1);
  bool negate = set[0] == '!' || set[0] == '^';
  if (negate) set.remove_prefix(1);
  bool found = false;
  for (size_t i = 0; i < set.size(); ++i) {
    if (i + 2 < set.size() && set[i + 1] == '-') {
      found = found || (c >= set[i] && c <= set[i + 2]);
      i += 2;
    } else {
      found = found || c == set[i];
    }
  }
  matches = found != negate;
  return close + 1;
}

}  // namespace

// The classic backtracking wildcard match: on a mismatch, go back to the
// last '*' and let it take one more character. O(pattern x text).
bool matchGlob(std::string_view pattern, std::string_view text) {
  size_t p = 0, t = 0;
  size_t starP = std::string_view::npos, starT = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      starP = ++p;
      starT = t;
      continue;
    }
    bool matches = false;
    size_t length = p < pattern.size()
                        ? matchElement(pattern.substr(p), text[t], matches)
                        : 0;
    if (matches) {
      p += length;
      ++t;
    } else if (starP != std::string_view::npos) {
      p = starP;
      t = ++starT;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::string trimPrefix(std::string_view value, std::string_view pattern,
                       bool longest) {
  for (size_t n = 0; n <= value.size(); ++n) {
    size_t length = longest ? value.size() - n : n;
    if (matchGlob(pattern, value.substr(0, length))) {
      return std::string(value.substr(length));
    }
  }
  return std::string(value);
}

std::string trimSuffix(std::string_view value, std::string_view pattern,
                       bool longest) {
  for (size_t n = 0; n <= value.size(); ++n) {
    size_t length = longest ? value.size() - n : n;
    if (matchGlob(pattern, value.substr(value.size() - length))) {
      return std::string(value.substr(0, value.size() - length));
    }
  }
  return std::string(value);
}

// Replaces the leftmost-longest match (or every match) of pattern.
std::string replaceMatches(std::string_view value, std::string_view pattern,
                           std::string_view replacement, bool all) {
  std::string out;
  size_t pos = 0;
  while (pos <= value.size()) {
    size_t matched = std::string_view::npos;
    for (size_t length = value.size() - pos + 1; length-- > 0;) {
      if (matchGlob(pattern, value.substr(pos, length))) {
        matched = length;
        break;
      }
    }
    if (matched == std::string_view::npos || (matched == 0 && pattern.size())) {
      if (pos < value.size()) out += value[pos];
      ++pos;
      continue;
    }
    out.append(replacement);
    out.append(value.substr(pos + matched, all ? 0 : std::string_view::npos));
    if (!all) return out;
    if (matched == 0) {
      if (pos < value.size()) out += value[pos];
      ++pos;
    } else {
      pos += matched;
    }
  }
  return out;
}

}  // namespace dockpath::detail
