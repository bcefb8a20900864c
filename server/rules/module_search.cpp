#include "module_search.h"

#include <deque>
#include <map>
#include <set>

#include "dockpath/context/build_context.h"
#include "dockpath/python/imports.h"

namespace dockpath::rules {

namespace {

constexpr size_t kMaxFiles = 200;

struct Provider {
  std::string folder;
  int placedBy = -1;
};

// A folder made by an instruction from which the whole dotted module
// resolves.
std::optional<Provider> findProvider(const Stage &stage,
                                     const PythonLaunch &launch,
                                     const std::string &dotted) {
  std::string top = dotted.substr(0, dotted.find('.'));
  auto candidates = stage.fs.named(top);
  auto files = stage.fs.named(top + ".py");
  candidates.insert(candidates.end(), files.begin(), files.end());
  for (const auto &[path, entry] : candidates) {
    if (entry->origin.fromImage()) continue;
    PythonLaunch probe = launch;
    probe.sysPath = {{parentPath(path), SysPathEntry::Source::PythonPath}};
    if (findModule(stage, probe, dotted).found == Existence::Present)
      return Provider{parentPath(path), entry->origin.instruction};
  }
  return std::nullopt;
}

// True when a sys.path entry's contents are unknown because a command
// dockpath does not follow may have written there.
bool uncertain(const Stage &stage, const PythonLaunch &launch) {
  for (const auto &entry : launch.sysPath)
    if (stage.fs.opaqueAt(entry.path)) return true;
  return false;
}

// The source file behind a resolved module path.
std::string sourceFileOf(const Stage &stage, const std::string &path) {
  const FsEntry *entry = stage.fs.find(path);
  if (entry && entry->kind == EntryKind::Directory)
    return path + "/__init__.py";
  return path;
}

class ImportWalker {
 public:
  ImportWalker(RuleContext &ctx, const Stage &stage,
               const PythonLaunch &launch)
      : ctx_(ctx), stage_(stage), launch_(launch) {}

  std::vector<UnresolvedGroup> run() {
    if (launch_.mode == PythonLaunch::Mode::Script) {
      enqueue(launch_.target);
    } else if (launch_.mode == PythonLaunch::Mode::Module &&
               !launch_.target.empty()) {
      ModuleSearch main = findModule(stage_, launch_, launch_.target);
      if (main.found == Existence::Present) {
        const FsEntry *entry = stage_.fs.find(main.path);
        bool package = entry && entry->kind == EntryKind::Directory;
        enqueue(package ? main.path + "/__main__.py" : main.path);
        if (package) enqueue(main.path + "/__init__.py");
      } else {
        consider({launch_.target, "", 0, 0});
      }
    }
    while (!queue_.empty() && visited_.size() <= kMaxFiles) {
      std::string path = queue_.front();
      queue_.pop_front();
      scan(path);
    }
    std::vector<UnresolvedGroup> out;
    for (auto &[folder, group] : groups_) out.push_back(std::move(group));
    return out;
  }

 private:
  void enqueue(const std::string &path) {
    if (visited_.insert(path).second) queue_.push_back(path);
  }

  void scan(const std::string &path) {
    const FsEntry *entry = stage_.fs.find(path);
    if (!entry || entry->contextPath().empty() || !ctx_.context) return;
    auto source = ctx_.context->readFile(entry->contextPath());
    if (!source) return;
    std::string file = ctx_.context->root() + "/" + entry->contextPath();
    for (const PythonImport &imp : scanImports(*source)) {
      if (imp.guarded || imp.level > 0 || imp.module.empty()) continue;
      consider({imp.module, file, imp.line, imp.column});
    }
  }

  void consider(const UnresolvedImport &imp) {
    std::string top = imp.module.substr(0, imp.module.find('.'));
    const std::string &version = launch_.interpreter->install->version;
    if (isStandardModule(top, version)) return;
    ModuleSearch search = findModule(stage_, launch_, imp.module);
    if (search.found == Existence::Present) {
      if (search.path.ends_with(".py") || stage_.fs.find(search.path))
        enqueue(sourceFileOf(stage_, search.path));
      return;
    }
    if (uncertain(stage_, launch_)) return;
    auto provider = findProvider(stage_, launch_, imp.module);
    if (!provider) return;
    UnresolvedGroup &group = groups_[provider->folder];
    group.folder = provider->folder;
    group.placedBy = provider->placedBy;
    group.imports.push_back(imp);
  }

  RuleContext &ctx_;
  const Stage &stage_;
  const PythonLaunch &launch_;
  std::deque<std::string> queue_;
  std::set<std::string> visited_;
  std::map<std::string, UnresolvedGroup> groups_;
};

}  // namespace

std::vector<UnresolvedGroup> unresolvedImports(RuleContext &ctx,
                                               const Stage &stage,
                                               const PythonLaunch &launch) {
  return ImportWalker(ctx, stage, launch).run();
}

}  // namespace dockpath::rules
