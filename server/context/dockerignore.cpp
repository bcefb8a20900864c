// .dockerignore parsing and matching. The rules follow moby/patternmatcher
// as BuildKit uses it (read from its ignorefile.ReadAll and
// PatternMatcher.MatchesOrParentMatches):
// - a line starting with '#' is a comment; lines are trimmed, "!" marks an
//   exception, the rest is cleaned like Go's filepath.Clean and loses one
//   leading '/';
// - patterns are applied in order and the last one that matches the path
//   or a parent folder decides; an exception is only tried on a path that
//   an earlier pattern excluded.
#include <dockpath/context/build_context.h>
#include <dockpath/context/dockerignore.h>

#include <filesystem>
#include <fstream>
#include <system_error>

namespace dockpath {

namespace {

// Go's filepath.Clean for '/'-separated paths.
std::string cleanPath(std::string_view path) {
  bool rooted = !path.empty() && path.front() == '/';
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view part = path.substr(start, end - start);
    if (part == "..") {
      if (!parts.empty() && parts.back() != "..") {
        parts.pop_back();
      } else if (!rooted) {
        parts.push_back(part);
      }
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    start = end + 1;
  }
  std::string cleaned = rooted ? "/" : "";
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) cleaned += '/';
    cleaned += parts[i];
  }
  return cleaned.empty() ? "." : cleaned;
}

std::string_view trimSpace(std::string_view text) {
  const char *space = " \t\r\n\v\f";
  size_t first = text.find_first_not_of(space);
  if (first == std::string_view::npos) return {};
  size_t last = text.find_last_not_of(space);
  return text.substr(first, last - first + 1);
}

std::optional<std::string> readBounded(const std::string &path,
                                       size_t maxBytes) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec) || ec) return std::nullopt;
  uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec || size > maxBytes) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string text(static_cast<size_t>(size), '\0');
  in.read(text.data(), static_cast<std::streamsize>(size));
  text.resize(static_cast<size_t>(in.gcount()));
  return text;
}

}  // namespace

std::vector<IgnorePattern> parseDockerignore(std::string_view text) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
  std::vector<IgnorePattern> patterns;
  uint32_t line = 0;
  for (size_t start = 0; start < text.size(); ++line) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view raw = text.substr(start, end - start);
    start = end + 1;
    // The comment test comes before trimming, as in BuildKit, so "  #x"
    // is a pattern.
    if (!raw.empty() && raw.front() == '#') continue;
    std::string_view trimmed = trimSpace(raw);
    if (trimmed.empty()) continue;

    IgnorePattern pattern;
    pattern.line = line;
    pattern.exception = trimmed.front() == '!';
    if (pattern.exception) trimmed = trimSpace(trimmed.substr(1));
    if (!trimmed.empty()) {
      pattern.pattern = cleanPath(trimmed);
      if (pattern.pattern.size() > 1 && pattern.pattern.front() == '/')
        pattern.pattern.erase(0, 1);
    }
    bool bad = false;
    matchIgnorePattern(pattern.pattern, "x", &bad);
    pattern.valid = !bad;
    patterns.push_back(std::move(pattern));
  }
  return patterns;
}

DockerignoreMatcher::DockerignoreMatcher(std::vector<IgnorePattern> patterns)
    : patterns_(std::move(patterns)) {}

const IgnorePattern *DockerignoreMatcher::excludedBy(
    std::string_view relative) const {
  std::string path = cleanPath(relative);
  // Every parent folder of the path: "a", "a/b" for "a/b/c".
  std::vector<std::string_view> parents;
  for (size_t slash = path.find('/'); slash != std::string::npos;
       slash = path.find('/', slash + 1)) {
    parents.push_back(std::string_view(path).substr(0, slash));
  }

  const IgnorePattern *decided = nullptr;
  for (const IgnorePattern &pattern : patterns_) {
    if (!pattern.valid) continue;
    if (pattern.exception && decided == nullptr) continue;
    bool match = matchIgnorePattern(pattern.pattern, path);
    for (size_t i = 0; !match && i < parents.size(); ++i) {
      match = matchIgnorePattern(pattern.pattern, parents[i]);
    }
    if (match) decided = pattern.exception ? nullptr : &pattern;
  }
  return decided;
}

bool DockerignoreMatcher::excluded(std::string_view relative) const {
  return excludedBy(relative) != nullptr;
}

DockerignoreFile loadDockerignore(const std::string &dockerfilePath,
                                  const std::string &contextRoot,
                                  size_t maxBytes) {
  const std::string candidates[] = {
      dockerfilePath + ".dockerignore",
      (std::filesystem::path(contextRoot) / ".dockerignore").string()};
  for (const std::string &candidate : candidates) {
    if (std::optional<std::string> text = readBounded(candidate, maxBytes)) {
      return {candidate, DockerignoreMatcher(parseDockerignore(*text))};
    }
  }
  return {};
}

}  // namespace dockpath
