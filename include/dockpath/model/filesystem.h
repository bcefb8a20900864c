// The file system of one build stage as far as dockpath can tell: what the
// base image is known to contain, plus every path the stage's instructions
// put there. A path is Present, Absent or Unknown; rules only claim that a
// path is missing when it is Absent.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dockpath/context/build_context.h"

namespace dockpath {

struct ImageFacts;

enum class Existence : uint8_t { Present, Absent, Unknown };

// Where a path came from: an instruction of the Dockerfile, or the image.
struct Origin {
  int instruction = -1;  // index into ParsedFile::instructions; -1: image
  int stage = -1;        // stage whose instruction made it
  bool fromImage() const { return instruction < 0; }
};

// Fields of an FsEntry that most entries leave empty. They are kept out of
// line, which makes the map node of an entry without them less than half
// the size.
struct FsEntryDetails {
  std::string target;       // symlink target, as written
  std::string contextPath;  // relative path in the build context, when
                            // copied from it
  std::string shebang;      // interpreter path of a script, when known
  // Python packages a pip install put here (their import names), for
  // messages; the packages themselves are entries below this folder.
  std::vector<std::string> packages;
  // For a venv's pyvenv.cfg: the interpreter that created it.
  std::string venvBase;
};

struct FsEntry {
  EntryKind kind = EntryKind::File;
  // A folder whose contents dockpath listed in full when it made it, so a
  // path below it that is not in the map is Absent (unless the base image
  // could have put it there).
  bool complete = false;
  // The base image may already have had this folder with contents that
  // dockpath does not know.
  bool baseMayHave = false;
  Origin origin;

  // Fields of FsEntryDetails, empty when unset.
  const std::string &target() const { return details().target; }
  const std::string &contextPath() const { return details().contextPath; }
  const std::string &shebang() const { return details().shebang; }
  const std::vector<std::string> &packages() const {
    return details().packages;
  }
  const std::string &venvBase() const { return details().venvBase; }

  void setTarget(std::string target);
  void setContextPath(std::string path);
  void setShebang(std::string interpreter);
  void addPackage(std::string importName);
  void setVenvBase(std::string interpreter);

 private:
  const FsEntryDetails &details() const;
  FsEntryDetails &mutableDetails();

  // Shared between the copies of an entry (COPY --from copies many) and
  // copied before a change.
  std::shared_ptr<FsEntryDetails> details_;
};

class FileSystem {
 public:
  FileSystem() = default;
  explicit FileSystem(const ImageFacts *image) : image_(image) {}

  const ImageFacts *image() const { return image_; }

  Existence exists(std::string_view path) const;
  // The entry made by an instruction at exactly path, or nullptr.
  const FsEntry *find(std::string_view path) const;
  // Follows symlinks made by instructions (at most 16 hops) and returns the
  // final path; paths outside the map are returned unchanged.
  std::string resolve(std::string_view path) const;

  // Adds or replaces an entry; parent folders are added as needed.
  void add(const std::string &path, FsEntry entry);
  // Copies every entry at or below `from` in source into `to`, as COPY
  // --from does for a folder (its contents go into `to`).
  void copyTree(const FileSystem &source, std::string_view from,
                const std::string &to, Origin origin);

  // Marks paths below prefix as possibly written by a command that
  // dockpath does not model, so absence below it is Unknown.
  void markOpaque(const std::string &prefix);
  bool opaqueAt(std::string_view path) const;

  // Entries at or below prefix, in path order.
  std::vector<std::pair<std::string, const FsEntry *>> below(
      std::string_view prefix) const;
  // Calls shift on the origin of every entry (used when a reused stage
  // moves in the file).
  template <typename Shift>
  void shiftOrigins(const Shift &shift) {
    for (auto &[path, entry] : entries_) shift(entry.origin);
  }

  // Entries whose last path component is name, in path order.
  std::vector<std::pair<std::string, const FsEntry *>> named(
      std::string_view name) const;

 private:
  Existence imageExistence(std::string_view path) const;

  const ImageFacts *image_ = nullptr;
  std::map<std::string, FsEntry, std::less<>> entries_;
  std::vector<std::string> opaque_;
  size_t symlinks_ = 0;  // links ever added; resolve() is a no-op at 0
};

// Path helpers for absolute POSIX paths inside an image.
std::string normalizePath(std::string_view path);  // "/a/./b/../c/" -> "/a/c"
std::string joinPath(std::string_view base, std::string_view relative);
std::string parentPath(std::string_view path);  // "/a/b" -> "/a", "/" -> "/"
std::string_view baseName(std::string_view path);
// True when path is prefix or below it ("/a/b" is under "/a").
bool isUnder(std::string_view path, std::string_view prefix);

}  // namespace dockpath
