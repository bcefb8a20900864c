#include "dockpath/model/filesystem.h"

#include <algorithm>

#include "dockpath/images/catalog.h"

namespace dockpath {

namespace {

// True when path needs no normalising: absolute, no empty, "." or ".."
// components and no trailing slash.
bool isNormal(std::string_view path) {
  if (path.empty() || path.front() != '/') return false;
  if (path.size() == 1) return true;
  if (path.back() == '/') return false;
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] != '/') continue;
    std::string_view next = path.substr(i + 1);
    if (next.empty() || next.front() == '/') return false;
    if (next.front() == '.' &&
        (next.size() == 1 || next[1] == '/' ||
         (next[1] == '.' && (next.size() == 2 || next[2] == '/'))))
      return false;
  }
  return true;
}

// The parent of a normal path, as a view into it.
std::string_view parentView(std::string_view path) {
  size_t slash = path.rfind('/');
  if (slash == 0 || slash == std::string_view::npos) return "/";
  return path.substr(0, slash);
}

}  // namespace

std::string normalizePath(std::string_view path) {
  if (isNormal(path)) return std::string(path);
  std::vector<std::string_view> parts;
  size_t i = 0;
  while (i <= path.size()) {
    size_t slash = path.find('/', i);
    if (slash == std::string_view::npos) slash = path.size();
    std::string_view part = path.substr(i, slash - i);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    i = slash + 1;
  }
  std::string out;
  for (std::string_view part : parts) {
    out += '/';
    out += part;
  }
  return out.empty() ? "/" : out;
}

std::string joinPath(std::string_view base, std::string_view relative) {
  if (!relative.empty() && relative.front() == '/')
    return normalizePath(relative);
  std::string joined(base);
  joined += '/';
  joined += relative;
  return normalizePath(joined);
}

std::string parentPath(std::string_view path) {
  std::string p = normalizePath(path);
  size_t slash = p.rfind('/');
  if (slash == 0 || slash == std::string::npos) return "/";
  return p.substr(0, slash);
}

std::string_view baseName(std::string_view path) {
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool isUnder(std::string_view path, std::string_view prefix) {
  if (prefix == "/") return !path.empty() && path.front() == '/';
  if (path.size() < prefix.size() || path.substr(0, prefix.size()) != prefix)
    return false;
  return path.size() == prefix.size() || path[prefix.size()] == '/';
}

namespace {

// "path -> target" entries in ImageFacts::present name a link.
std::string_view presentPath(std::string_view item) {
  size_t arrow = item.find(" -> ");
  return arrow == std::string_view::npos ? item : item.substr(0, arrow);
}

bool pythonHas(const PythonInstall &python, std::string_view path) {
  auto isAncestorOf = [&](std::string_view known) {
    return !known.empty() && isUnder(known, path);
  };
  if (isAncestorOf(python.executable)) return true;
  for (const auto &alias : python.aliases)
    if (isAncestorOf(alias)) return true;
  for (const auto &dir : python.sysPath)
    if (isAncestorOf(dir)) return true;
  return isAncestorOf(python.pipSitePackages) ||
         isAncestorOf(python.pipScripts);
}

}  // namespace

const FsEntryDetails &FsEntry::details() const {
  static const FsEntryDetails kNone;
  return details_ ? *details_ : kNone;
}

FsEntryDetails &FsEntry::mutableDetails() {
  // Only one thread uses a model, so use_count() is exact here.
  if (!details_)
    details_ = std::make_shared<FsEntryDetails>();
  else if (details_.use_count() > 1)
    details_ = std::make_shared<FsEntryDetails>(*details_);
  return *details_;
}

void FsEntry::setTarget(std::string target) {
  mutableDetails().target = std::move(target);
}

void FsEntry::setContextPath(std::string path) {
  mutableDetails().contextPath = std::move(path);
}

void FsEntry::setShebang(std::string interpreter) {
  mutableDetails().shebang = std::move(interpreter);
}

void FsEntry::addPackage(std::string importName) {
  mutableDetails().packages.push_back(std::move(importName));
}

void FsEntry::setVenvBase(std::string interpreter) {
  mutableDetails().venvBase = std::move(interpreter);
}

Existence FileSystem::imageExistence(std::string_view path) const {
  if (!image_) return Existence::Unknown;
  for (const auto &item : image_->present)
    if (isUnder(presentPath(item), path)) return Existence::Present;
  if (!image_->shell.empty() && isUnder(image_->shell, path))
    return Existence::Present;
  if (image_->python && pythonHas(*image_->python, path))
    return Existence::Present;
  for (const auto &other : image_->otherPythons)
    if (pythonHas(other, path)) return Existence::Present;
  for (const auto &absent : image_->absent)
    if (isUnder(path, absent)) return Existence::Absent;
  if (image_->rootListed && path != "/") {
    std::string top = "/" + std::string(path.substr(1, path.find('/', 1) - 1));
    bool listed = std::any_of(
        image_->present.begin(), image_->present.end(),
        [&](const std::string &item) { return presentPath(item) == top; });
    if (!listed) return Existence::Absent;
  }
  return Existence::Unknown;
}

const FsEntry *FileSystem::find(std::string_view path) const {
  auto it = entries_.find(path);
  return it == entries_.end() ? nullptr : &it->second;
}

std::string FileSystem::resolve(std::string_view path) const {
  std::string current = normalizePath(path);
  if (symlinks_ == 0) return current;
  for (int hop = 0; hop < 16; ++hop) {
    // Resolve the deepest linked ancestor first, then the path itself.
    std::string probe = current;
    bool changed = false;
    while (true) {
      const FsEntry *entry = find(probe);
      if (entry && entry->kind == EntryKind::Symlink) {
        std::string target = joinPath(parentPath(probe), entry->target());
        current = normalizePath(target + current.substr(probe.size()));
        changed = true;
        break;
      }
      if (probe == "/") break;
      probe = std::string(parentView(probe));
    }
    if (!changed) return current;
  }
  return current;
}

Existence FileSystem::exists(std::string_view rawPath) const {
  std::string path = resolve(rawPath);
  if (find(path)) return Existence::Present;
  for (std::string_view dir = parentView(path);; dir = parentView(dir)) {
    if (const FsEntry *entry = find(dir)) {
      if (entry->kind == EntryKind::File) return Existence::Absent;
      if (entry->complete && !entry->baseMayHave && !opaqueAt(path))
        return Existence::Absent;
      break;
    }
    if (dir == "/") break;
  }
  if (opaqueAt(path)) return Existence::Unknown;
  return imageExistence(path);
}

void FileSystem::add(const std::string &rawPath, FsEntry entry) {
  std::string path = normalizePath(rawPath);
  if (path == "/") return;  // the root is always a folder
  std::vector<std::string> missing;
  for (std::string dir = parentPath(path); !find(dir); dir = parentPath(dir)) {
    missing.push_back(dir);
    if (dir == "/") break;
  }
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    FsEntry folder;
    folder.kind = EntryKind::Directory;
    folder.origin = entry.origin;
    folder.baseMayHave = *it == "/" || opaqueAt(*it) ||
                         imageExistence(*it) != Existence::Absent;
    folder.complete = true;
    entries_.emplace(*it, std::move(folder));
  }
  if (entry.kind == EntryKind::Directory && !find(path))
    entry.baseMayHave = entry.baseMayHave || opaqueAt(path) ||
                        imageExistence(path) != Existence::Absent;
  if (entry.kind == EntryKind::Symlink) ++symlinks_;
  entries_.insert_or_assign(path, std::move(entry));
}

void FileSystem::copyTree(const FileSystem &source, std::string_view from,
                          const std::string &to, Origin origin) {
  std::string root = source.resolve(from);
  for (const auto &[path, entry] : source.below(root)) {
    FsEntry copy = *entry;
    copy.origin = origin;
    std::string_view relative = std::string_view(path).substr(root.size());
    while (!relative.empty() && relative.front() == '/')
      relative.remove_prefix(1);
    add(joinPath(to, relative), copy);
  }
  // A folder the source stage only has from its image, or that a command
  // dockpath does not follow wrote to, brings contents nobody listed. A
  // listed but incomplete folder keeps complete=false, which is enough.
  const FsEntry *top = source.find(root);
  if (!top || top->baseMayHave || source.opaqueAt(root))
    markOpaque(normalizePath(to));
}

void FileSystem::markOpaque(const std::string &prefix) {
  for (const auto &existing : opaque_)
    if (isUnder(prefix, existing)) return;
  opaque_.push_back(prefix);
}

bool FileSystem::opaqueAt(std::string_view path) const {
  return std::any_of(opaque_.begin(), opaque_.end(),
                     [&](const std::string &p) { return isUnder(path, p); });
}

std::vector<std::pair<std::string, const FsEntry *>> FileSystem::below(
    std::string_view prefix) const {
  std::vector<std::pair<std::string, const FsEntry *>> out;
  for (auto it = entries_.lower_bound(prefix); it != entries_.end(); ++it) {
    if (!isUnder(it->first, prefix)) {
      if (it->first.compare(0, prefix.size(), prefix) != 0) break;
      continue;  // a sibling such as "/a-b" sorts between "/a" and "/a/"
    }
    out.emplace_back(it->first, &it->second);
  }
  return out;
}

std::vector<std::pair<std::string, const FsEntry *>> FileSystem::named(
    std::string_view name) const {
  std::vector<std::pair<std::string, const FsEntry *>> out;
  for (const auto &[path, entry] : entries_)
    if (baseName(path) == name) out.emplace_back(path, &entry);
  return out;
}

}  // namespace dockpath
