// .dockerignore files: parsing and matching with BuildKit's semantics
// (moby/patternmatcher). A path is excluded when the last pattern that
// matches it, or one of its parent folders, is not a '!' exception.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dockpath {

struct IgnorePattern {
  // The cleaned pattern without '!', '/'-separated, leading '/' removed:
  // "config/" is read as "config", "/a/./b" as "a/b".
  std::string pattern;
  bool exception = false;  // written with a leading '!': re-includes paths
  uint32_t line = 0;       // 0-based line in the file
  // False when the pattern is malformed (an unclosed '['). BuildKit then
  // fails the build; here the pattern matches nothing.
  bool valid = true;
};

// Parses the text of a .dockerignore file: lines starting with '#' are
// comments, blank lines are skipped, each line is trimmed, cleaned as a
// path, and a leading '/' is removed. Never throws.
std::vector<IgnorePattern> parseDockerignore(std::string_view text);

class DockerignoreMatcher {
 public:
  DockerignoreMatcher() = default;
  explicit DockerignoreMatcher(std::vector<IgnorePattern> patterns);

  // True when a path relative to the context root ("config/settings.yaml")
  // is left out of the build context.
  bool excluded(std::string_view relative) const;
  // The pattern that decided that the path is excluded, or nullptr when it
  // is not excluded.
  const IgnorePattern *excludedBy(std::string_view relative) const;

  const std::vector<IgnorePattern> &patterns() const { return patterns_; }
  bool empty() const { return patterns_.empty(); }

 private:
  std::vector<IgnorePattern> patterns_;
};

// Matches a whole relative path against one cleaned pattern as
// moby/patternmatcher does: '*' is any run of characters but '/', '?' one
// character but '/', "[a-z]" a class, '\\' escapes, "**/" any number of
// folders (none too), and a trailing "**" anything.
bool matchIgnorePattern(std::string_view pattern, std::string_view path,
                        bool *badPattern = nullptr);

// The ignore file that applies to one build, as BuildKit picks it:
// "<Dockerfile>.dockerignore" beside the Dockerfile when it exists (for
// "-f app.Dockerfile", "app.Dockerfile.dockerignore"), otherwise
// "<context>/.dockerignore". `path` is empty when neither exists.
struct DockerignoreFile {
  std::string path;
  DockerignoreMatcher matcher;
};

// Reads the ignore file for a Dockerfile path and a context folder (both
// filesystem paths). Files over maxBytes and unreadable files count as
// absent. Never throws.
DockerignoreFile loadDockerignore(const std::string &dockerfilePath,
                                  const std::string &contextRoot,
                                  size_t maxBytes = 1 << 20);

}  // namespace dockpath
