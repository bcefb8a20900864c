// Image reference validity as BuildKit checks a FROM name: the grammar of
// github.com/distribution/reference (regexp.go) with the Docker Hub
// normalisation of ParseNormalizedNamed (normalize.go).
#include <cctype>
#include <regex>

#include "common.h"

namespace dockpath::rules::buildkit {

namespace {

const std::regex &referencePattern() {
  static const std::regex pattern = [] {
    std::string alnum = "[a-z0-9]+";
    std::string separator = "(?:[._]|__|[-]+)";
    std::string component = alnum + "(?:" + separator + alnum + ")*";
    std::string hostPart =
        "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    std::string host =
        "(?:" + hostPart + "(?:\\." + hostPart + ")*" + "|\\[[a-fA-F0-9:]+\\])";
    std::string domain = host + "(?::[0-9]+)?";
    std::string name =
        "(?:" + domain + "/)?" + component + "(?:/" + component + ")*";
    std::string tag = "[\\w][\\w.-]{0,127}";
    std::string digest =
        "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
    return std::regex("^(" + name + ")(?::" + tag + ")?(?:@" + digest + ")?$");
  }();
  return pattern;
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
  std::match_results<std::string_view::const_iterator> match;
  if (!std::regex_match(reference.begin(), reference.end(), match,
                        referencePattern()))
    return false;
  return match.length(1) <= 255;  // reference.go: NameTotalLengthMax
}

}  // namespace dockpath::rules::buildkit
