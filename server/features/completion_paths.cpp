// Completion of COPY and ADD source paths: the entries of one folder of the
// build context on disk, or of a stage's modelled file system for
// COPY --from. Only the folder named by the text before the last '/' is
// listed, never the tree below it.
#include <fmt/format.h>

#include <map>

#include "completion.h"
#include "dockpath/context/build_context.h"
#include "dockpath/context/dockerignore.h"

namespace dockpath::completion {

namespace {

// A folder with more entries is listed in part, and the list is marked
// incomplete so that the client asks again as the user types.
constexpr size_t kMaxEntries = 500;

// Escapes the characters that BuildContext::glob() reads as a pattern.
std::string escapeGlob(std::string_view path) {
  std::string out;
  for (char c : path) {
    if (c == '*' || c == '?' || c == '[' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

// The part of the typed path that names the folder, and the column where
// the entry name starts.
struct TypedPath {
  std::string folder;  // up to and including the last '/', or ""
  size_t nameStart = 0;
};

TypedPath splitTyped(const Cursor &cursor, size_t pathStart) {
  std::string_view typed = cursor.text(pathStart, cursor.position.column);
  size_t slash = typed.rfind('/');
  if (slash == std::string_view::npos) return {"", pathStart};
  return {std::string(typed.substr(0, slash + 1)), pathStart + slash + 1};
}

void addEntry(const Cursor &cursor, const TypedPath &typed,
              std::string_view name, bool folder, std::string detail,
              CompletionList &out) {
  size_t end = wordEnd(cursor.line, cursor.position.column, "/\"'],");
  CompletionItem item;
  item.label = std::string(name) + (folder ? "/" : "");
  item.kind = folder ? CompletionKind::Folder : CompletionKind::File;
  item.detail = std::move(detail);
  item.range = cursor.span(typed.nameStart, end);
  item.newText = item.label;
  // A '/' after the range already ends the folder name.
  if (folder && end < cursor.line.size() && cursor.line[end] == '/')
    item.newText.pop_back();
  // Folders first, as file managers list them.
  item.sortText = (folder ? "0" : "1") + item.label;
  out.items.push_back(std::move(item));
}

std::optional<DockerignoreMatcher> ignoreMatcher(const BuildContext &context) {
  std::optional<std::string> text = context.readFile(".dockerignore");
  if (!text) return std::nullopt;
  return DockerignoreMatcher(parseDockerignore(*text));
}

std::string describeOrigin(const Cursor &cursor, const Stage &stage,
                           const FsEntry *entry) {
  std::string where =
      stage.name.empty() ? fmt::format("stage {}", stage.index) : stage.name;
  if (!entry || entry->origin.fromImage())
    return "in " + where + ", from its base image";
  const auto &instructions = cursor.file.instructions;
  int index = entry->origin.instruction;
  if (index < 0 || static_cast<size_t>(index) >= instructions.size())
    return "in " + where;
  const Instruction &instruction = instructions[index];
  return fmt::format("in {}, made by {} on line {}", where,
                     keywordOf(instruction.kind), instruction.firstLine() + 1);
}

}  // namespace

void addContextPaths(const Cursor &cursor, size_t pathStart,
                     CompletionList &out) {
  const BuildContext *context = cursor.context;
  if (!context || !context->readable()) return;
  TypedPath typed = splitTyped(cursor, pathStart);
  // BuildKit reads "/src" and "./src" relative to the context root too.
  std::string_view folder = typed.folder;
  while (folder.starts_with('/')) folder.remove_prefix(1);
  std::optional<std::string> relative = BuildContext::normalise(folder);
  if (!relative) return;

  std::string pattern = escapeGlob(*relative);
  pattern += relative->empty() ? "*" : "/*";
  std::vector<std::string> paths = context->glob(pattern, kMaxEntries + 1);
  if (paths.size() > kMaxEntries) {
    paths.resize(kMaxEntries);
    out.incomplete = true;
  }
  std::optional<DockerignoreMatcher> ignored = ignoreMatcher(*context);
  for (const std::string &path : paths) {
    if (ignored && ignored->excluded(path)) continue;
    std::optional<EntryKind> kind = context->stat(path);
    if (!kind) continue;
    bool isFolder = *kind == EntryKind::Directory;
    std::string detail = isFolder                      ? "folder"
                         : *kind == EntryKind::Symlink ? "symbolic link"
                                                       : "file";
    addEntry(cursor, typed, baseName(path), isFolder,
             detail + " in the build context", out);
  }
}

void addStagePaths(const Cursor &cursor, const Stage &stage, size_t pathStart,
                   CompletionList &out) {
  TypedPath typed = splitTyped(cursor, pathStart);
  // COPY --from reads every source path from the stage's root.
  std::string folder = normalizePath("/" + typed.folder);

  // Children by name. A folder wins over a file of the same name.
  std::map<std::string, std::pair<bool, const FsEntry *>> children;
  for (const auto &[path, entry] : stage.fs.below(folder)) {
    if (path == folder || parentPath(path) != folder) continue;
    children[std::string(baseName(path))] = {
        entry->kind == EntryKind::Directory, entry};
  }
  if (const ImageFacts *image = stage.fs.image()) {
    for (std::string_view present : image->present) {
      // Links are written "path -> target".
      present = present.substr(0, present.find(" -> "));
      std::string path = normalizePath(present);
      // A listed path below folder makes its first part a folder.
      if (path.size() <= folder.size() || !isUnder(path, folder)) continue;
      std::string_view rest =
          std::string_view(path).substr(folder == "/" ? 1 : folder.size() + 1);
      size_t slash = rest.find('/');
      std::string name(rest.substr(0, slash));
      auto &child = children[name];
      if (slash != std::string_view::npos) child.first = true;
    }
  }
  for (const auto &[name, child] : children) {
    addEntry(cursor, typed, name, child.first,
             describeOrigin(cursor, stage, child.second), out);
  }
}

}  // namespace dockpath::completion
