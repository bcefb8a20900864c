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

 private:
  std::string root_;
  std::string error_;
  bool readable_ = false;
  mutable std::map<std::string, std::optional<std::string>, std::less<>>
      fileCache_;
};

// Build contexts by root folder, shared by the documents of one engine.
class BuildContextCache {
 public:
  BuildContext &get(const std::string &root);
  void clear() { contexts_.clear(); }

 private:
  std::map<std::string, std::unique_ptr<BuildContext>> contexts_;
};

}  // namespace dockpath
