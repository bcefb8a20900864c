// Image reference validity as BuildKit checks a FROM name: the grammar of
// github.com/distribution/reference (regexp.go) with the Docker Hub
// normalisation of ParseNormalizedNamed (normalize.go).
#include <cctype>

#include "common.h"

namespace dockpath::rules::buildkit {

namespace {

// The grammar is matched by hand, because std::regex allocates and
// backtracks on every call, and FROM lines are checked on each keystroke
// that rebuilds their stage.

bool isLowerAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
bool isAlnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}
bool isWordChar(char c) { return isAlnum(c) || c == '_'; }  // regexp \w

// component: [a-z0-9]+ joined by one of "." "_" "__" or a run of "-".
bool isComponent(std::string_view text) {
  size_t i = 0;
  for (;;) {
    size_t start = i;
    while (i < text.size() && isLowerAlnum(text[i])) ++i;
    if (i == start) return false;
    if (i == text.size()) return true;
    if (text[i] == '.') {
      ++i;
    } else if (text[i] == '_') {
      i += i + 1 < text.size() && text[i + 1] == '_' ? 2 : 1;
    } else if (text[i] == '-') {
      while (i < text.size() && text[i] == '-') ++i;
    } else {
      return false;
    }
  }
}

// True when every part of text between separators passes valid.
bool allParts(std::string_view text, char separator,
              bool (*valid)(std::string_view)) {
  for (size_t start = 0;;) {
    size_t end = text.find(separator, start);
    if (!valid(text.substr(start, end - start))) return false;
    if (end == std::string_view::npos) return true;
    start = end + 1;
  }
}

// A host name label: alphanumerics, with '-' only inside.
bool isHostLabel(std::string_view label) {
  if (label.empty() || !isAlnum(label.front()) || !isAlnum(label.back()))
    return false;
  for (char c : label)
    if (!isAlnum(c) && c != '-') return false;
  return true;
}

// domain: labels joined by '.', or "[hex and colons]", then ":port".
bool isDomain(std::string_view text) {
  std::string_view host = text;
  size_t colon = text.rfind(':');
  if (colon != std::string_view::npos &&
      text.find(']', colon) == std::string_view::npos) {
    std::string_view port = text.substr(colon + 1);
    if (port.empty() ||
        port.find_first_not_of("0123456789") != std::string_view::npos)
      return false;
    host = text.substr(0, colon);
  }
  if (!host.empty() && host.front() == '[') {
    if (host.size() < 3 || host.back() != ']') return false;
    return host.substr(1, host.size() - 2)
               .find_first_not_of("0123456789abcdefABCDEF:") ==
           std::string_view::npos;
  }
  return allParts(host, '.', isHostLabel);
}

// name: an optional domain and '/', then components joined by '/'.
bool isName(std::string_view text) {
  size_t slash = text.find('/');
  if (slash != std::string_view::npos) {
    std::string_view first = text.substr(0, slash);
    if (!isComponent(first) && !isDomain(first)) return false;
    text = text.substr(slash + 1);
  }
  return allParts(text, '/', isComponent);
}

// tag: [\w][\w.-]{0,127}
bool isTag(std::string_view text) {
  if (text.empty() || text.size() > 128 || !isWordChar(text.front()))
    return false;
  for (char c : text)
    if (!isWordChar(c) && c != '.' && c != '-') return false;
  return true;
}

// digest: an algorithm of letter-led parts joined by [-_+.], ':' and at
// least 32 hex digits.
bool isDigest(std::string_view text) {
  size_t colon = text.find(':');
  if (colon == std::string_view::npos) return false;
  std::string_view algorithm = text.substr(0, colon);
  std::string_view hex = text.substr(colon + 1);
  bool partStart = true;
  for (char c : algorithm) {
    bool letter = std::isalpha(static_cast<unsigned char>(c)) != 0;
    if (partStart) {
      if (!letter) return false;
      partStart = false;
    } else if (c == '-' || c == '_' || c == '+' || c == '.') {
      partStart = true;
    } else if (!isAlnum(c)) {
      return false;
    }
  }
  if (algorithm.empty() || partStart) return false;
  return hex.size() >= 32 && hex.find_first_not_of("0123456789abcdefABCDEF") ==
                                 std::string_view::npos;
}

bool isHexIdentifier(std::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text)
    if (!std::isxdigit(static_cast<unsigned char>(c)) || std::isupper(c))
      return false;
  return true;
}

// Docker Hub names have no domain part; a first component with '.', ':'
// or upper case, or "localhost", is a registry.
std::string_view remainderAfterDomain(std::string_view reference) {
  size_t slash = reference.find('/');
  if (slash == std::string_view::npos) return reference;
  std::string_view first = reference.substr(0, slash);
  bool domain = first.find_first_of(".:") != std::string_view::npos ||
                first == "localhost" || !isLowerCase(first);
  return domain ? reference.substr(slash + 1) : reference;
}

}  // namespace

bool isValidImageReference(std::string_view reference) {
  if (reference.empty() || isHexIdentifier(reference)) return false;
  std::string_view remainder = remainderAfterDomain(reference);
  size_t tagOrDigest = remainder.find_first_of(":@");
  if (!isLowerCase(remainder.substr(0, tagOrDigest))) return false;
  std::string_view name = reference;
  size_t at = name.find('@');
  if (at != std::string_view::npos) {
    if (!isDigest(name.substr(at + 1))) return false;
    name = name.substr(0, at);
  }
  // A ':' after the last '/' starts the tag. One before it ends a domain
  // and starts its port.
  size_t colon = name.rfind(':');
  size_t slash = name.rfind('/');
  if (colon != std::string_view::npos &&
      (slash == std::string_view::npos || colon > slash)) {
    if (!isTag(name.substr(colon + 1))) return false;
    name = name.substr(0, colon);
  }
  return isName(name) &&
         name.size() <= 255;  // reference.go: NameTotalLengthMax
}

}  // namespace dockpath::rules::buildkit
