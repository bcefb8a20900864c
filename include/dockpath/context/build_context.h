// Read-only access to a build context on disk: the folder whose files COPY
// and ADD read. Reads are bounded (file count, file size) so that a huge or
// unreadable context degrades to "unknown" instead of stalling analysis.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dockpath/context/dockerignore.h"

namespace dockpath {

enum class EntryKind : uint8_t { File, Directory, Symlink };

struct ContextEntry {
  std::string path;  // relative to the context root, '/'-separated
  EntryKind kind = EntryKind::File;
  uint64_t size = 0;
};

class BuildContext {
 public:
  explicit BuildContext(std::string root);

  const std::string &root() const { return root_; }
  // False when the root is missing or unreadable; error() says why.
  bool readable() const;
  const std::string &error() const { return error_; }

  // Kind of the entry at a relative path ("." or "" is the root), or
  // nullopt when it does not exist or cannot be read. Never follows a path
  // out of the root ("../x" is nullopt).
  std::optional<EntryKind> stat(std::string_view relative) const;

  // Entries under a relative folder, recursively, in path order, at most
  // limit of them; `truncated` is set when there were more.
  std::vector<ContextEntry> list(std::string_view relative, size_t limit,
                                 bool *truncated = nullptr) const;

  // Contents of a regular file, or nullopt when it is missing, not a
  // regular file, or larger than maxBytes.
  std::optional<std::string> readFile(std::string_view relative,
                                      size_t maxBytes = 1 << 20) const;

  // Paths matching a glob as COPY sources do ("*.py", "src/*/main.py").
  std::vector<std::string> glob(std::string_view pattern,
                                size_t limit = 10000) const;

  // The root's .dockerignore, read once, or nullptr when there is none or
  // when another ignore file ("<name>.dockerignore") may apply instead.
  const DockerignoreMatcher *rootDockerignore() const;

  // Drops the cached file contents, so that the next readFile() reads the
  // disk again (for example after the editor saved a file).
  void clearFileCache() const;

  // Normalises a relative path ("a/./b/../c" -> "a/c", "." and "" -> ""),
  // or returns nullopt when it is absolute or climbs out of the root.
  static std::optional<std::string> normalise(std::string_view relative);

 private:
  // The absolute path of a normalised relative path, or nullopt when a
  // symlink on the way resolves to a place outside the root.
  std::optional<std::string> resolveInside(const std::string &relative) const;
  // Like resolveInside(), but also follows a final symlink that stays
  // inside the root; nullopt unless the result is a folder.
  std::optional<std::string> resolveFolder(const std::string &relative) const;
  void listFolder(const std::string &relative, size_t limit,
                  std::vector<ContextEntry> *entries, bool *truncated) const;
  void globSegments(const std::vector<std::string> &segments, size_t index,
                    const std::string &prefix, size_t limit,
                    std::vector<std::string> *matches) const;

  std::string root_;
  std::string canonicalRoot_;
  std::string error_;
  bool readable_ = false;
  mutable std::map<std::string, std::optional<std::string>, std::less<>>
      fileCache_;
  mutable size_t cachedBytes_ = 0;
  // Outer nullopt: not read yet.
  mutable std::optional<std::optional<DockerignoreMatcher>> rootIgnore_;
  // stat() and list() results, kept like the file contents until
  // clearFileCache(): an edit rebuilds a stage, and its COPY instructions
  // ask for the same paths again on every keystroke.
  mutable std::map<std::string, std::optional<EntryKind>, std::less<>>
      statCache_;
  struct Listing {
    std::vector<ContextEntry> entries;
    bool truncated = false;
  };
  mutable std::map<std::pair<std::string, size_t>, Listing> listCache_;
  mutable size_t cachedEntries_ = 0;
};

// Matches one path segment against a pattern with the semantics of Go's
// filepath.Match, which BuildKit uses for COPY and ADD sources: '*' is any
// run of characters but '/', '?' is one character (a UTF-8 sequence counts
// as one), "[a-z]" and "[^a-z]" are classes, and '\\' escapes the next
// character. Sets *badPattern when the pattern is malformed (then the
// result is false).
bool matchPathPattern(std::string_view pattern, std::string_view name,
                      bool *badPattern = nullptr);

namespace detail {
// Decodes the UTF-8 sequence at text[at] and stores its length. An invalid
// byte decodes to itself with length 1, as Go decodes it to one rune.
char32_t decodeUtf8(std::string_view text, size_t at, size_t *length);
}  // namespace detail

// Build contexts by root folder, shared by the documents of one engine.
class BuildContextCache {
 public:
  BuildContext &get(const std::string &root);
  void clear() { contexts_.clear(); }

 private:
  std::map<std::string, std::unique_ptr<BuildContext>> contexts_;
};

}  // namespace dockpath
