// BuildContext::glob: expands a COPY or ADD source pattern one path segment
// at a time with matchPathPattern(), as Go's filepath.Glob does. "**" has
// no special meaning in COPY sources: it is two '*' in one segment.
#include <dockpath/context/build_context.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace dockpath {

namespace fs = std::filesystem;

namespace {

// Go's filepath.Glob treats a segment without these as a literal.
bool hasMeta(std::string_view segment) {
  return segment.find_first_of("*?[\\") != std::string_view::npos;
}

std::vector<std::string> splitSegments(const std::string &path) {
  std::vector<std::string> segments;
  size_t start = 0;
  while (!path.empty() && start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    segments.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return segments;
}

std::string joinRelative(const std::string &prefix, const std::string &name) {
  return prefix.empty() ? name : prefix + "/" + name;
}

}  // namespace

void BuildContext::globSegments(const std::vector<std::string> &segments,
                                size_t index, const std::string &prefix,
                                size_t limit,
                                std::vector<std::string> *matches) const {
  if (matches->size() >= limit) return;
  if (index == segments.size()) {
    matches->push_back(prefix.empty() ? "." : prefix);
    return;
  }
  const std::string &segment = segments[index];
  bool last = index + 1 == segments.size();
  if (!hasMeta(segment)) {
    std::string path = joinRelative(prefix, segment);
    std::optional<EntryKind> kind = stat(path);
    if (!kind) return;
    if (last || resolveFolder(path)) {
      globSegments(segments, index + 1, path, limit, matches);
    }
    return;
  }

  std::optional<std::string> folder = resolveFolder(prefix);
  if (!folder) return;
  std::error_code ec;
  fs::directory_iterator it(*folder,
                            fs::directory_options::skip_permission_denied, ec);
  if (ec) return;
  std::vector<std::string> names;
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) break;
    std::string name = it->path().filename().string();
    if (matchPathPattern(segment, name)) names.push_back(std::move(name));
  }
  std::sort(names.begin(), names.end());
  for (const std::string &name : names) {
    std::string path = joinRelative(prefix, name);
    if (last || resolveFolder(path)) {
      globSegments(segments, index + 1, path, limit, matches);
    }
  }
}

std::vector<std::string> BuildContext::glob(std::string_view pattern,
                                            size_t limit) const {
  std::vector<std::string> matches;
  // COPY sources are relative to the context even when written as "/x".
  while (!pattern.empty() && pattern.front() == '/') pattern.remove_prefix(1);
  std::optional<std::string> normal = normalise(pattern);
  if (!normal || !readable_) return matches;
  std::vector<std::string> segments = splitSegments(*normal);
  for (const std::string &segment : segments) {
    bool bad = false;
    matchPathPattern(segment, "", &bad);
    if (bad) return matches;
  }
  globSegments(segments, 0, "", limit, &matches);
  return matches;
}

}  // namespace dockpath
