// COPY and ADD: what they put where, following the Dockerfile reference:
// a folder source copies its contents (not the folder itself) into the
// destination; a file goes to the destination path, or into it when the
// destination ends with '/', is an existing folder, or there are several
// sources.
#include <algorithm>

#include "dockpath/context/build_context.h"
#include "stage_builder.h"

namespace dockpath::model {

namespace {

constexpr size_t kMaxContextEntries = 20000;

// True when COPY's destination names a folder: it ends with '/' or "/.",
// is ".", is the working directory (which always exists) or the root, or
// an earlier instruction made a folder there. With several sources the
// destination must be a folder too.
bool namesFolder(const Stage &stage, const std::string &written,
                 const std::string &path, size_t sourceCount) {
  if (written.empty() || written.back() == '/' || written == "." ||
      written.ends_with("/.") || sourceCount > 1)
    return true;
  if (path == "/" || path == stage.workdir) return true;
  const FsEntry *existing = stage.fs.find(path);
  return existing && existing->kind == EntryKind::Directory;
}

bool hasWildcard(std::string_view path) {
  return path.find_first_of("*?[") != std::string_view::npos;
}

// Copies a build context file or folder (relative path) to dest.
void copyFromContext(Stage &stage, const BuildContext &context,
                     const std::string &source, const std::string &dest,
                     bool destIsDir, Origin origin) {
  auto kind = context.stat(source);
  if (!kind) return;
  if (*kind != EntryKind::Directory) {
    FsEntry entry;
    entry.origin = origin;
    entry.setContextPath(source);
    std::string target =
        destIsDir ? joinPath(dest, baseName(source)) : dest;
    stage.fs.add(target, entry);
    return;
  }
  bool truncated = false;
  auto entries = context.list(source, kMaxContextEntries, &truncated);
  FsEntry folder;
  folder.kind = EntryKind::Directory;
  folder.origin = origin;
  folder.complete = !truncated;
  if (!stage.fs.find(dest)) stage.fs.add(dest, folder);
  std::string prefix = source == "." || source.empty() ? "" : source + "/";
  for (const ContextEntry &e : entries) {
    FsEntry entry;
    entry.kind = e.kind;
    entry.origin = origin;
    entry.setContextPath(e.path);
    entry.complete = e.kind == EntryKind::Directory && !truncated;
    std::string relative = e.path.substr(std::min(prefix.size(),
                                                  e.path.size()));
    stage.fs.add(joinPath(dest, relative), entry);
  }
  if (truncated) stage.fs.markOpaque(dest);
}

void copyFromStage(Stage &stage, const Stage &source,
                   const std::string &path, const std::string &dest,
                   bool destIsDir, Origin origin, int instruction,
                   size_t word) {
  std::string from = source.fs.resolve(path);
  Existence there = source.fs.exists(from);
  if (there == Existence::Absent) {
    stage.missingCopySources.push_back({instruction, word, path,
                                        source.index});
    return;
  }
  const FsEntry *entry = source.fs.find(from);
  if (entry && entry->kind != EntryKind::Directory) {
    FsEntry copy = *entry;
    copy.origin = origin;
    stage.fs.add(destIsDir ? joinPath(dest, baseName(from)) : dest, copy);
    return;
  }
  stage.fs.copyTree(source.fs, from, dest, origin);
  addCopiedVenvs(stage, dest, origin);
  for (const auto &[path, venv] : source.fs.below(from)) {
    if (baseName(path) != "pyvenv.cfg" || venv->venvBase().empty()) continue;
    std::string made = parentPath(path);
    std::string moved = joinPath(dest, made.substr(from.size()));
    if (moved != made)
      stage.relocatedVenvs.push_back({instruction, made, moved,
                                      venv->origin});
  }
}

}  // namespace

void applyCopy(Stage &stage, const Instruction &instruction, int index,
               const BuildModel &model, const BuildContext *context,
               const StageBuilder &builder) {
  Origin origin{index, stage.index};
  std::vector<const Word *> words;
  for (const Word &w : instruction.args)
    if (w.value.rfind("<<", 0) != 0) words.push_back(&w);

  // COPY <<EOF /dest: the heredoc becomes a file.
  if (!instruction.heredocs.empty() && !words.empty()) {
    Expanded dest = builder.expandIn(stage, words.back()->text);
    if (!dest.known) return;
    FsEntry entry;
    entry.origin = origin;
    std::string destPath = joinPath(stage.workdir, dest.value);
    bool destIsDir = namesFolder(stage, dest.value, destPath, 1);
    for (const Heredoc &doc : instruction.heredocs)
      stage.fs.add(destIsDir ? joinPath(destPath, doc.delimiter) : destPath,
                   entry);
    return;
  }
  if (words.size() < 2) return;

  Expanded dest = builder.expandIn(stage, words.back()->text);
  if (!dest.known) {
    stage.fs.markOpaque("/");
    return;
  }
  std::string destPath = joinPath(stage.workdir, dest.value);
  size_t sourceCount = words.size() - 1;
  bool destIsDir = namesFolder(stage, dest.value, destPath, sourceCount);

  const Flag *from = instruction.flag("from");
  const Stage *sourceStage = nullptr;
  if (from && from->value) {
    Expanded name = builder.expandIn(stage, *from->value);
    sourceStage = name.known ? model.stageNamed(name.value) : nullptr;
    if (!sourceStage || sourceStage->index >= stage.index) {
      // An image, or a name dockpath cannot resolve: contents unknown.
      stage.fs.markOpaque(destPath);
      return;
    }
  }

  for (size_t i = 0; i < sourceCount; ++i) {
    Expanded source = builder.expandIn(stage, words[i]->text);
    if (!source.known || hasWildcard(source.value) ||
        (!sourceStage && !context)) {
      // TODO: expand wildcards against the context and source stages.
      stage.fs.markOpaque(destPath);
      continue;
    }
    if (sourceStage) {
      copyFromStage(stage, *sourceStage, joinPath("/", source.value),
                    destPath, destIsDir, origin, index, i);
    } else if (instruction.kind == InstructionKind::Add &&
               source.value.find("://") != std::string::npos) {
      stage.fs.markOpaque(destPath);  // a URL: never fetched
    } else {
      std::string relative = normalizePath(source.value).substr(1);
      copyFromContext(stage, *context, relative.empty() ? "." : relative,
                      destPath, destIsDir, origin);
    }
  }
}

}  // namespace dockpath::model
