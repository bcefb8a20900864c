// pip install, python -m venv and virtualenv in RUN: where packages,
// console scripts and venvs end up.
//
// pip's install locations (pip docs, "pip install" options): plain installs
// go to the interpreter's site-packages (or the active venv's), --user to
// the user site under $HOME/.local, --target to the named folder, --prefix
// to <prefix>/lib/pythonX.Y/site-packages. Console scripts get the
// installing interpreter's sys.executable as shebang (pip's wheel
// installer; measured with pip 23).
#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <set>

#include "dockpath/context/build_context.h"
#include "dockpath/python/requirements.h"
#include "stage_builder.h"

namespace dockpath::model {

namespace {

using Words = std::vector<std::string>;

// Finds the interpreter that a pip command runs, and where its arguments
// start (after "pip" or "python -m pip").
const Interpreter *pipInterpreter(const Stage &stage, const Words &words,
                                  size_t &argsStart) {
  std::string program(baseName(words[0]));
  if (isPythonName(program)) {
    if (words.size() < 3 || words[1] != "-m" || words[2] != "pip")
      return nullptr;
    argsStart = 3;
    return interpreterAt(stage, lookupProgram(stage, words[0]).path);
  }
  if (program.rfind("pip", 0) != 0) return nullptr;
  argsStart = 1;
  std::string path = lookupProgram(stage, words[0]).path;
  for (const Interpreter &python : stage.pythons)
    if (!python.venv.empty() && isUnder(path, python.venv)) return &python;
  for (const Interpreter &python : stage.pythons)
    if (python.install->hasPip && !path.empty() &&
        parentPath(path) == python.install->pipScripts)
      return &python;
  for (const Interpreter &python : stage.pythons)
    if (python.install->hasPip && python.venv.empty()) return &python;
  return nullptr;
}

bool takesValue(const std::string &option) {
  static const std::set<std::string> kWithValue = {
      "-r", "--requirement", "-c", "--constraint", "-t", "--target",
      "--prefix", "--root", "-i", "--index-url", "--extra-index-url",
      "-f", "--find-links", "--trusted-host", "--platform",
      "--python-version", "--implementation", "--abi", "--src",
      "--cache-dir", "--log", "--progress-bar", "-C", "--config-settings",
      "--global-option", "--no-binary", "--only-binary",
      "--upgrade-strategy", "-e", "--editable"};
  return kWithValue.count(option) > 0;
}

struct PipInstall {
  bool user = false;
  std::string target, prefix;
  std::vector<std::string> requirementFiles;
  std::vector<std::string> packages;
  bool unknownPackages = false;  // local paths, URLs, editable installs
};

PipInstall parsePipInstall(const Words &words, size_t start) {
  PipInstall pip;
  for (size_t i = start; i < words.size(); ++i) {
    std::string option = words[i], value;
    if (size_t eq = option.find('='); option.rfind("--", 0) == 0 &&
                                      eq != std::string::npos) {
      value = option.substr(eq + 1);
      option = option.substr(0, eq);
    } else if (takesValue(option) && i + 1 < words.size()) {
      value = words[++i];
    }
    if (option == "--user") pip.user = true;
    else if (option == "-t" || option == "--target") pip.target = value;
    else if (option == "--prefix") pip.prefix = value;
    else if (option == "-r" || option == "--requirement")
      pip.requirementFiles.push_back(value);
    else if (option == "-e" || option == "--editable" || option == "--root")
      pip.unknownPackages = true;
    else if (option.front() == '-') continue;
    else if (option.front() == '.' || option.front() == '/' ||
             option.find("://") != std::string::npos ||
             option.find(".whl") != std::string::npos ||
             option.find(".tar") != std::string::npos)
      pip.unknownPackages = true;
    else
      pip.packages.push_back(option.substr(0, option.find_first_of("[<>=!~;@ ")));
  }
  return pip;
}

// Reads a requirements file that an earlier COPY put at path.
bool readRequirements(RunState &run, const std::string &path,
                      std::vector<std::string> &names, int depth = 0) {
  const FsEntry *entry = run.stage.fs.find(joinPath(run.cwd, path));
  if (!entry || entry->contextPath().empty() || !run.context || depth > 4)
    return false;
  auto text = run.context->readFile(entry->contextPath());
  if (!text) return false;
  std::vector<std::string> includes;
  for (const Requirement &r : parseRequirements(*text, &includes))
    names.push_back(r.distribution);
  bool complete = true;
  for (const auto &include : includes)
    complete = readRequirements(run, joinPath(parentPath(joinPath(run.cwd, path)),
                                              include),
                                names, depth + 1) && complete;
  return complete;
}

void installPackages(RunState &run, const Interpreter &python,
                     const PipInstall &pip) {
  const std::string &version = python.install->version;
  std::string site, scripts;
  if (!pip.target.empty()) {
    site = joinPath(run.cwd, pip.target);
    scripts = joinPath(site, "bin");
  } else if (!pip.prefix.empty()) {
    std::string prefix = joinPath(run.cwd, pip.prefix);
    site = prefix + "/lib/python" + version + "/site-packages";
    scripts = prefix + "/bin";
  } else if (pip.user) {
    std::string home = run.stage.home();
    if (home.empty()) return run.stage.fs.markOpaque("/");
    site = home + "/.local/lib/python" + version + "/site-packages";
    scripts = home + "/.local/bin";
  } else {
    site = python.install->pipSitePackages;
    scripts = python.install->pipScripts;
  }
  if (site.empty()) return run.stage.fs.markOpaque("/");

  std::vector<std::string> names = pip.packages;
  bool complete = !pip.unknownPackages;
  for (const auto &file : pip.requirementFiles)
    complete = readRequirements(run, file, names) && complete;

  FsEntry folder;
  folder.kind = EntryKind::Directory;
  folder.origin = run.origin;
  if (const FsEntry *existing = run.stage.fs.find(site)) folder = *existing;
  for (const auto &name : names)
    for (const auto &module : importNamesOf(name)) {
      folder.addPackage(module);
      FsEntry package;
      package.kind = EntryKind::Directory;
      package.origin = run.origin;
      run.stage.fs.add(site + "/" + module, package);
    }
  folder.complete = false;  // dependencies are installed too
  run.stage.fs.add(site, folder);
  for (const auto &name : names)
    for (const auto &script : consoleScriptsOf(name)) {
      FsEntry file;
      file.origin = run.origin;
      file.setShebang(python.install->executable);
      run.stage.fs.add(scripts + "/" + script, file);
    }
  if (!complete) run.stage.fs.markOpaque(site);
}

// python -m venv DIR: bin/python links to the interpreter as invoked, and
// pyvenv.cfg records it (measured with Debian 12's python3.11 -m venv).
void createVenv(RunState &run, const Interpreter &base,
                const std::string &invoked, const std::string &dir) {
  std::string venv = joinPath(run.cwd, dir);
  const std::string &version = base.install->version;
  addRunPath(run, venv + "/bin/python", EntryKind::Symlink, invoked);
  addRunPath(run, venv + "/bin/python3", EntryKind::Symlink, "python");
  addRunPath(run, venv + "/bin/python" + version, EntryKind::Symlink,
             "python");
  FsEntry cfg;
  cfg.origin = run.origin;
  cfg.setVenvBase(invoked);
  run.stage.fs.add(venv + "/pyvenv.cfg", cfg);
  std::string site = venv + "/lib/python" + version + "/site-packages";
  addRunPath(run, site, EntryKind::Directory);

  for (const char *pip : {"pip", "pip3"}) {
    FsEntry script;
    script.origin = run.origin;
    script.setShebang(venv + "/bin/python");
    run.stage.fs.add(venv + "/bin/" + pip, script);
  }
  addVenvInterpreter(run.stage, base, venv, run.origin);
}

// Returns the install of a venv at folder venv made from base.
std::shared_ptr<const PythonInstall> makeVenvInstall(const PythonInstall &base,
                                                     const std::string &venv) {
  const std::string &version = base.version;
  std::string site = venv + "/lib/python" + version + "/site-packages";
  auto install = std::make_shared<PythonInstall>(base);
  install->executable = venv + "/bin/python";
  install->aliases = {venv + "/bin/python3", venv + "/bin/python" + version};
  std::erase_if(install->sysPath, [](const std::string &p) {
    return p.ends_with("site-packages") || p.ends_with("dist-packages");
  });
  install->sysPath.push_back(site);
  install->userSite.clear();
  install->pipSitePackages = site;
  install->pipScripts = venv + "/bin";
  install->hasPip = true;
  install->externallyManaged = false;
  return install;
}

// Returns the shared install of a venv at folder venv made from base. A
// file with many services has the same venv in hundreds of stages, because
// each builder makes one and each runtime stage copies it. Entries hold weak
// pointers, and an entry whose base or install has gone is replaced.
std::shared_ptr<const PythonInstall> venvInstall(
    const std::shared_ptr<const PythonInstall> &base, const std::string &venv) {
  struct Entry {
    std::weak_ptr<const PythonInstall> base;  // expired at once for a
                                              // catalog install
    std::weak_ptr<const PythonInstall> install;
  };
  static std::mutex mutex;
  static std::map<std::pair<const PythonInstall *, std::string>, Entry> known;
  // A catalog install lives as long as the program and owns no count.
  bool fromCatalog = base.use_count() == 0;
  std::lock_guard lock(mutex);
  Entry &entry = known[{base.get(), venv}];
  bool sameBase = fromCatalog || entry.base.lock() == base;
  if (auto install = entry.install.lock(); install && sameBase) return install;
  auto install = makeVenvInstall(*base, venv);
  entry = {base, install};
  if (known.size() > 256)
    std::erase_if(
        known, [](const auto &item) { return item.second.install.expired(); });
  return install;
}

}  // namespace

void addVenvInterpreter(Stage &stage, const Interpreter &base,
                        const std::string &venv, Origin origin) {
  Interpreter python;
  python.venv = venv;
  python.origin = origin;
  python.install = venvInstall(base.install, venv);
  std::erase_if(stage.pythons,
                [&](const Interpreter &p) { return p.venv == venv; });
  stage.pythons.push_back(std::move(python));
}

void addCopiedVenvs(Stage &stage, const std::string &dest, Origin origin) {
  for (const auto &[path, entry] : stage.fs.below(dest)) {
    if (entry->venvBase().empty() || baseName(path) != "pyvenv.cfg") continue;
    const Interpreter *base = interpreterAt(stage, entry->venvBase());
    if (base && base->venv.empty())
      addVenvInterpreter(stage, *base, parentPath(path), origin);
  }
}

namespace {

bool applyVenv(RunState &run, const Words &words) {
  std::string program(baseName(words[0]));
  size_t start = 0;
  std::string invoked;
  if (isPythonName(program) && words.size() > 3 && words[1] == "-m" &&
      (words[2] == "venv" || words[2] == "virtualenv")) {
    start = 3;
    invoked = lookupProgram(run.stage, words[0]).path;
  } else if (program == "virtualenv" && words.size() > 1) {
    start = 1;
    invoked = lookupProgram(run.stage, "python3").path;
  } else {
    return false;
  }
  const Interpreter *base = interpreterAt(run.stage, invoked);
  auto dir = std::find_if(words.begin() + start, words.end(),
                          [](auto &w) { return w.front() != '-'; });
  if (!base || dir == words.end()) {
    run.stage.fs.markOpaque("/");
    return true;
  }
  createVenv(run, *base, invoked, *dir);
  return true;
}

}  // namespace

bool applyPython(RunState &run, const Words &words) {
  if (applyVenv(run, words)) return true;
  size_t start = 0;
  const Interpreter *python = pipInterpreter(run.stage, words, start);
  std::string program(baseName(words[0]));
  if (!python) {
    if (program.rfind("pip", 0) == 0 || isPythonName(program)) {
      run.stage.fs.markOpaque("/");
      return true;
    }
    return false;
  }
  if (start >= words.size() || words[start] != "install")
    return true;  // pip list, pip check, ... write nothing that matters
  installPackages(run, *python, parsePipInstall(words, start + 1));
  return true;
}

}  // namespace dockpath::model
