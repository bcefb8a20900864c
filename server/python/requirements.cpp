// pip requirements files, and the tables of import names and console
// scripts per distribution. The requirement syntax follows PEP 508 and
// pip's "Requirements File Format" documentation: a line ending in '\' is
// joined with the next, '#' at the line start or after whitespace starts
// a comment, and lines starting with '-' are options.
#include <dockpath/python/requirements.h>

#include <algorithm>
#include <map>

namespace dockpath {

namespace {

std::string_view trim(std::string_view text) {
  const char *space = " \t\r\f\v";
  size_t first = text.find_first_not_of(space);
  if (first == std::string_view::npos) return {};
  size_t last = text.find_last_not_of(space);
  return text.substr(first, last - first + 1);
}

// Drops a comment: '#' at the start or after whitespace, as pip's
// COMMENT_RE does, so the '#' of a URL fragment ("x.whl#sha256=") stays.
std::string_view stripComment(std::string_view line) {
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] != '#') continue;
    if (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')
      return line.substr(0, i);
  }
  return line;
}

bool isNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

// The argument of "-r file", "-rfile", "--requirement file" or
// "--requirement=file", or empty for other options.
std::string includeOf(std::string_view option) {
  for (std::string_view flag : {"--requirement", "-r"}) {
    if (option.substr(0, flag.size()) != flag) continue;
    std::string_view rest = option.substr(flag.size());
    if (flag == "--requirement" && !rest.empty() && rest[0] != '=' &&
        rest[0] != ' ' && rest[0] != '\t') {
      continue;
    }
    if (!rest.empty() && rest[0] == '=') rest.remove_prefix(1);
    return std::string(trim(rest));
  }
  return {};
}

// Parses "name[extras] spec ; marker" or "name @ url ; marker". Returns
// false for lines that name no distribution (paths, bare URLs).
bool parseRequirementLine(std::string_view text, Requirement *out) {
  // Per-requirement options such as --hash come after the requirement.
  size_t option = text.find(" --");
  if (option != std::string_view::npos) text = trim(text.substr(0, option));
  size_t semicolon = text.find(';');
  if (semicolon != std::string_view::npos) {
    out->marker = std::string(trim(text.substr(semicolon + 1)));
    text = trim(text.substr(0, semicolon));
  }

  size_t end = 0;
  while (end < text.size() && isNameChar(text[end])) ++end;
  if (end == 0) return false;
  out->distribution = std::string(text.substr(0, end));
  std::string_view rest = trim(text.substr(end));
  if (!rest.empty() && rest[0] == '[') {
    size_t close = rest.find(']');
    if (close == std::string_view::npos) return false;
    std::string_view extras = rest.substr(1, close - 1);
    while (!extras.empty()) {
      size_t comma = extras.find(',');
      std::string_view extra = trim(extras.substr(0, comma));
      if (!extra.empty()) out->extras.emplace_back(extra);
      if (comma == std::string_view::npos) break;
      extras.remove_prefix(comma + 1);
    }
    rest = trim(rest.substr(close + 1));
  }
  if (rest.empty()) return true;
  if (rest[0] == '@') {
    out->url = std::string(trim(rest.substr(1)));
    return true;
  }
  // A version specifier starts with one of its operators or "(".
  if (std::string_view("<>=!~(").find(rest[0]) == std::string_view::npos)
    return false;
  out->specifier = std::string(rest);
  return true;
}

}  // namespace

std::string normaliseDistributionName(std::string_view name) {
  std::string normal;
  bool separator = false;
  for (char c : name) {
    if (c == '-' || c == '_' || c == '.') {
      separator = true;
      continue;
    }
    if (separator && !normal.empty()) normal += '-';
    separator = false;
    normal += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return normal;
}

std::vector<Requirement> parseRequirements(std::string_view text,
                                           std::vector<std::string> *includes) {
  std::vector<Requirement> requirements;
  uint32_t line = 0;
  size_t start = 0;
  while (start < text.size()) {
    uint32_t firstLine = line;
    std::string joined;
    // Join lines that end in a backslash.
    while (start < text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      std::string_view physical = text.substr(start, end - start);
      if (!physical.empty() && physical.back() == '\r')
        physical.remove_suffix(1);
      start = end + 1;
      ++line;
      if (!physical.empty() && physical.back() == '\\') {
        joined += physical.substr(0, physical.size() - 1);
        continue;
      }
      joined += physical;
      break;
    }

    std::string_view logical = trim(stripComment(joined));
    if (logical.empty()) continue;
    if (logical[0] == '-') {
      std::string include = includeOf(logical);
      if (!include.empty() && includes) includes->push_back(include);
      continue;  // -e, -c, --index-url and other options name no package
    }
    Requirement requirement;
    requirement.line = firstLine;
    if (parseRequirementLine(logical, &requirement))
      requirements.push_back(std::move(requirement));
  }
  return requirements;
}

}  // namespace dockpath
