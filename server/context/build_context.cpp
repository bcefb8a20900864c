// The build context reader. Every std::filesystem call uses the
// std::error_code overload, so nothing here throws on a missing or
// unreadable path; such a path reads as absent.
#include <dockpath/context/build_context.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace dockpath {

namespace fs = std::filesystem;

namespace {

// Upper bound on the bytes of file contents kept in one context's cache.
// NOTE: a chosen figure, not measured; files past it are read each time.
constexpr size_t kMaxCachedBytes = 64u << 20;
// stat() results and listed entries kept at most.
constexpr size_t kMaxCachedEntries = 100000;

bool isInside(const std::string &path, const std::string &root) {
  if (path == root) return true;
  if (path.size() <= root.size() || path.compare(0, root.size(), root) != 0)
    return false;
  return root.back() == '/' || path[root.size()] == '/';
}

std::string joinRelative(const std::string &prefix, const std::string &name) {
  return prefix.empty() ? name : prefix + "/" + name;
}

EntryKind kindOf(fs::file_status status) {
  if (fs::is_symlink(status)) return EntryKind::Symlink;
  if (fs::is_directory(status)) return EntryKind::Directory;
  // Regular files and the rare special files (FIFOs, sockets) both count
  // as files here.
  return EntryKind::File;
}

}  // namespace

BuildContext::BuildContext(std::string root) : root_(std::move(root)) {
  std::error_code ec;
  fs::file_status status = fs::status(root_, ec);
  if (ec || !fs::exists(status)) {
    error_ = "build context folder not found: " + root_;
    return;
  }
  if (!fs::is_directory(status)) {
    error_ = "build context is not a folder: " + root_;
    return;
  }
  fs::directory_iterator probe(root_, ec);
  if (ec) {
    error_ = "cannot read build context folder " + root_ + ": " + ec.message();
    return;
  }
  canonicalRoot_ = fs::canonical(root_, ec).string();
  if (ec) {
    error_ =
        "cannot resolve build context folder " + root_ + ": " + ec.message();
    return;
  }
  readable_ = true;
}

bool BuildContext::readable() const { return readable_; }

std::optional<std::string> BuildContext::normalise(std::string_view relative) {
  if (!relative.empty() && relative.front() == '/') return std::nullopt;
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= relative.size()) {
    size_t end = relative.find('/', start);
    if (end == std::string_view::npos) end = relative.size();
    std::string_view part = relative.substr(start, end - start);
    if (part == "..") {
      if (parts.empty()) return std::nullopt;
      parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.emplace_back(part);
    }
    start = end + 1;
  }
  std::string joined;
  for (const std::string &part : parts) joined = joinRelative(joined, part);
  return joined;
}

std::optional<std::string> BuildContext::resolveInside(
    const std::string &relative) const {
  if (!readable_) return std::nullopt;
  std::string current = canonicalRoot_;
  if (relative.empty()) return current;
  // Linux paths are at most PATH_MAX (4096) bytes; a longer one cannot
  // exist, and walking it part by part would take quadratic time.
  if (relative.size() > 4096) return std::nullopt;
  size_t start = 0;
  while (true) {
    size_t end = relative.find('/', start);
    std::string part = relative.substr(start, end - start);
    std::string next = current + "/" + part;
    if (end == std::string::npos) return next;  // the last part: not followed

    std::error_code ec;
    fs::file_status status = fs::symlink_status(next, ec);
    if (status.type() == fs::file_type::not_found) return std::nullopt;
    if (fs::is_symlink(status)) {
      std::string target = fs::canonical(next, ec).string();
      if (ec || !isInside(target, canonicalRoot_)) return std::nullopt;
      next = target;
    }
    current = next;
    start = end + 1;
  }
}

std::optional<std::string> BuildContext::resolveFolder(
    const std::string &relative) const {
  std::optional<std::string> path = resolveInside(relative);
  if (!path) return std::nullopt;
  std::error_code ec;
  if (fs::is_symlink(fs::symlink_status(*path, ec))) {
    std::string target = fs::canonical(*path, ec).string();
    if (ec || !isInside(target, canonicalRoot_)) return std::nullopt;
    path = target;
  }
  if (!fs::is_directory(fs::status(*path, ec)) || ec) return std::nullopt;
  return path;
}

std::optional<EntryKind> BuildContext::stat(std::string_view relative) const {
  std::optional<std::string> normal = normalise(relative);
  if (!normal) return std::nullopt;
  if (auto cached = statCache_.find(*normal); cached != statCache_.end())
    return cached->second;
  std::optional<EntryKind> kind;
  if (std::optional<std::string> path = resolveInside(*normal)) {
    std::error_code ec;
    fs::file_status status = fs::symlink_status(*path, ec);
    if (!ec && (fs::exists(status) || fs::is_symlink(status)))
      kind = kindOf(status);
  }
  if (cachedEntries_ < kMaxCachedEntries) {
    ++cachedEntries_;
    statCache_.emplace(*normal, kind);
  }
  return kind;
}

std::optional<std::string> BuildContext::readFile(std::string_view relative,
                                                  size_t maxBytes) const {
  std::optional<std::string> normal = normalise(relative);
  if (!normal) return std::nullopt;
  auto cached = fileCache_.find(*normal);
  if (cached != fileCache_.end()) {
    // nullopt: not a readable regular file when it was last looked at.
    if (!cached->second || cached->second->size() > maxBytes)
      return std::nullopt;
    return cached->second;
  }
  // Rules look for files that are not there (a module's candidate paths)
  // on every keystroke, so a missing file is cached like a file's contents.
  auto missing = [&]() -> std::optional<std::string> {
    if (cachedEntries_ < kMaxCachedEntries) {
      ++cachedEntries_;
      fileCache_.emplace(*normal, std::nullopt);
    }
    return std::nullopt;
  };

  std::optional<std::string> path = resolveInside(*normal);
  if (!path) return missing();
  std::error_code ec;
  // A symlink is read only when its target stays inside the root.
  std::string target = fs::canonical(*path, ec).string();
  if (ec || !isInside(target, canonicalRoot_)) return missing();
  if (!fs::is_regular_file(fs::status(target, ec)) || ec) return missing();
  uintmax_t size = fs::file_size(target, ec);
  if (ec || size > maxBytes) return std::nullopt;

  std::ifstream in(target, std::ios::binary);
  if (!in) return std::nullopt;
  std::string contents(static_cast<size_t>(size), '\0');
  in.read(contents.data(), static_cast<std::streamsize>(size));
  contents.resize(static_cast<size_t>(in.gcount()));
  if (in.bad()) return std::nullopt;

  if (cachedBytes_ + contents.size() <= kMaxCachedBytes) {
    cachedBytes_ += contents.size();
    fileCache_[*normal] = contents;
  }
  return contents;
}

void BuildContext::clearFileCache() const {
  fileCache_.clear();
  cachedBytes_ = 0;
  rootIgnore_.reset();
  statCache_.clear();
  listCache_.clear();
  cachedEntries_ = 0;
}

const DockerignoreMatcher *BuildContext::rootDockerignore() const {
  if (!rootIgnore_) {
    rootIgnore_.emplace();
    bool other = false;
    for (const std::string &path : glob("*.dockerignore", 16))
      other = other || path != ".dockerignore";
    auto text = other ? std::nullopt : readFile(".dockerignore");
    if (text) *rootIgnore_ = DockerignoreMatcher(parseDockerignore(*text));
  }
  return *rootIgnore_ ? &**rootIgnore_ : nullptr;
}

void BuildContext::listFolder(const std::string &relative, size_t limit,
                              std::vector<ContextEntry> *entries,
                              bool *truncated) const {
  std::optional<std::string> path = resolveFolder(relative);
  if (!path) return;
  std::error_code ec;
  fs::directory_iterator it(*path,
                            fs::directory_options::skip_permission_denied, ec);
  if (ec) return;  // an unreadable folder is listed, its contents are not

  // Reading stops a little past the limit, so a huge folder costs at most
  // limit + 1 entries; which ones it keeps then is up to the OS.
  std::vector<ContextEntry> children;
  for (; it != fs::directory_iterator() && children.size() <= limit;
       it.increment(ec)) {
    if (ec) break;
    ContextEntry entry;
    entry.path = joinRelative(relative, it->path().filename().string());
    std::error_code statError;
    fs::file_status status = it->symlink_status(statError);
    entry.kind = kindOf(status);
    if (entry.kind == EntryKind::File) {
      uintmax_t size = it->file_size(statError);
      entry.size = statError ? 0 : size;
    }
    children.push_back(std::move(entry));
  }
  std::sort(children.begin(), children.end(),
            [](const ContextEntry &a, const ContextEntry &b) {
              return a.path < b.path;
            });

  for (ContextEntry &child : children) {
    if (entries->size() >= limit) {
      *truncated = true;
      return;
    }
    bool isFolder = child.kind == EntryKind::Directory;
    std::string childPath = child.path;
    entries->push_back(std::move(child));
    if (isFolder) listFolder(childPath, limit, entries, truncated);
  }
}

std::vector<ContextEntry> BuildContext::list(std::string_view relative,
                                             size_t limit,
                                             bool *truncated) const {
  std::vector<ContextEntry> entries;
  bool wasTruncated = false;
  std::optional<std::string> normal = normalise(relative);
  auto key = std::make_pair(normal.value_or(""), limit);
  if (auto cached = listCache_.find(key);
      normal && cached != listCache_.end()) {
    if (truncated) *truncated = cached->second.truncated;
    return cached->second.entries;
  }
  if (normal) listFolder(*normal, limit, &entries, &wasTruncated);
  std::sort(entries.begin(), entries.end(),
            [](const ContextEntry &a, const ContextEntry &b) {
              return a.path < b.path;
            });
  if (normal && cachedEntries_ + entries.size() < kMaxCachedEntries) {
    cachedEntries_ += entries.size() + 1;
    listCache_.emplace(std::move(key), Listing{entries, wasTruncated});
  }
  if (truncated) *truncated = wasTruncated;
  return entries;
}

BuildContext &BuildContextCache::get(const std::string &root) {
  auto found = contexts_.find(root);
  if (found == contexts_.end()) {
    found = contexts_.emplace(root, std::make_unique<BuildContext>(root)).first;
  }
  return *found->second;
}

}  // namespace dockpath
