#include "dockpath/model/runtime.h"

#include <algorithm>

#include "stage_builder.h"

namespace dockpath {

namespace {

void appendShell(const Stage &stage, const std::string &text,
                 EffectiveCommand &out, CommandPart::Source textSource) {
  for (const auto &word : stage.shell)
    out.argv.push_back({word, CommandPart::Source::Shell, -1});
  out.argv.push_back({text, textSource, -1});
}

void appendExec(const Command &command, CommandPart::Source source,
                EffectiveCommand &out) {
  for (size_t i = 0; i < command.argv.size(); ++i)
    out.argv.push_back({command.argv[i], source, static_cast<int>(i)});
}

}  // namespace

std::optional<EffectiveCommand> effectiveCommand(const Stage &stage) {
  using Source = CommandPart::Source;
  const Command &ep = stage.entrypoint;
  const Command &cmd = stage.cmd;
  EffectiveCommand out;
  bool hasEntrypoint = ep.set && !(ep.execForm && ep.argv.empty());
  if (hasEntrypoint && !ep.execForm) {
    appendShell(stage, ep.shellText, out, Source::Entrypoint);
    out.cmdIgnored = cmd.set;
  } else if (hasEntrypoint) {
    appendExec(ep, Source::Entrypoint, out);
    if (cmd.set && cmd.execForm) {
      appendExec(cmd, Source::Cmd, out);
    } else if (cmd.set) {
      appendShell(stage, cmd.shellText, out, Source::Cmd);
      out.shellCmdAppended = true;
    }
  } else if (cmd.set && cmd.execForm) {
    appendExec(cmd, Source::Cmd, out);
  } else if (cmd.set) {
    appendShell(stage, cmd.shellText, out, Source::Cmd);
  } else {
    return std::nullopt;
  }
  if (out.argv.empty()) return std::nullopt;
  return out;
}

namespace {

struct InterpreterOptions {
  bool isolated = false;
  bool ignoreEnvironment = false;
  bool noUserSite = false;
};

// Reads the interpreter's options up to what it runs (Python's command
// line: "python [option] ... [-c cmd | -m mod | file | -] [args]").
void readTarget(const Stage &stage, const EffectiveCommand &command,
                size_t start, PythonLaunch &launch,
                InterpreterOptions &options) {
  launch.mode = PythonLaunch::Mode::Interactive;
  for (size_t i = start; i < command.argv.size(); ++i) {
    const std::string &arg = command.argv[i].value;
    if (arg == "-m" || arg == "-c") {
      launch.mode = arg == "-m" ? PythonLaunch::Mode::Module
                                : PythonLaunch::Mode::Code;
      if (i + 1 < command.argv.size()) {
        launch.targetArg = i + 1;
        launch.target = command.argv[i + 1].value;
      }
      return;
    }
    if (arg == "-W" || arg == "-X" || arg == "--check-hash-based-pycs") {
      ++i;
      continue;
    }
    if (arg == "--") {
      if (i + 1 >= command.argv.size()) return;
    } else if (arg.size() > 1 && arg[0] == '-' && arg[1] != '-') {
      options.isolated |= arg.find('I') != std::string::npos;
      options.ignoreEnvironment |= arg.find('E') != std::string::npos;
      options.noUserSite |= arg.find('s') != std::string::npos;
      continue;
    } else if (arg.rfind("--", 0) == 0 || arg == "-") {
      return;
    }
    size_t scriptIndex = arg == "--" ? i + 1 : i;
    launch.mode = PythonLaunch::Mode::Script;
    launch.targetArg = scriptIndex;
    launch.target =
        joinPath(stage.workdir, command.argv[scriptIndex].value);
    return;
  }
}

void addPythonPath(const Stage &stage, PythonLaunch &launch) {
  const Variable *pythonPath = stage.variable("PYTHONPATH");
  if (!pythonPath) return;
  if (!pythonPath->known) launch.complete = false;
  const std::string &value = pythonPath->value;
  size_t start = 0;
  while (start <= value.size()) {
    size_t colon = value.find(':', start);
    if (colon == std::string::npos) colon = value.size();
    std::string entry = value.substr(start, colon - start);
    start = colon + 1;
    if (entry.empty()) continue;
    launch.sysPath.push_back({joinPath(stage.workdir, entry),
                              SysPathEntry::Source::PythonPath});
  }
}

// Python's site module drops repeated sys.path entries at start-up.
void removeDuplicates(std::vector<SysPathEntry> &entries) {
  std::vector<SysPathEntry> unique;
  for (auto &entry : entries) {
    bool seen = std::any_of(unique.begin(), unique.end(), [&](auto &u) {
      return u.path == entry.path;
    });
    if (!seen) unique.push_back(std::move(entry));
  }
  entries = std::move(unique);
}

void buildSysPath(const Stage &stage, PythonLaunch &launch,
                  const InterpreterOptions &options) {
  using Source = SysPathEntry::Source;
  if (!options.isolated && !stage.variable("PYTHONSAFEPATH")) {
    if (launch.mode == PythonLaunch::Mode::Script)
      launch.sysPath.push_back({parentPath(launch.target),
                                Source::ScriptFolder});
    else
      launch.sysPath.push_back({stage.workdir, Source::WorkingDirectory});
  }
  if (!options.isolated && !options.ignoreEnvironment)
    addPythonPath(stage, launch);
  const PythonInstall &install = *launch.interpreter->install;
  for (const auto &dir : install.sysPath)
    launch.sysPath.push_back({dir, Source::Default});
  bool userSite = !install.userSite.empty() && !options.isolated &&
                  !options.noUserSite && !stage.variable("PYTHONNOUSERSITE");
  if (userSite) {
    std::string home = stage.home();
    if (home.empty()) {
      launch.complete = false;
      return;
    }
    std::string site = install.userSite;
    site.replace(site.find("{home}"), 6, home);
    launch.sysPath.push_back({site, Source::UserSite});
  }
}

// Tools whose first argument is "module:attribute" and that put the
// working directory on sys.path (uvicorn --app-dir defaults to ".";
// gunicorn and hypercorn insert the working directory).
bool isAppServer(std::string_view name) {
  return name == "uvicorn" || name == "gunicorn" || name == "hypercorn";
}

}  // namespace

std::optional<PythonLaunch> pythonLaunch(const Stage &stage,
                                         const EffectiveCommand &command) {
  model::PathLookup program =
      model::lookupProgram(stage, command.argv[0].value);
  if (program.path.empty()) return std::nullopt;
  PythonLaunch launch;
  launch.program = program.path;
  launch.interpreter = model::interpreterAt(stage, program.path);
  InterpreterOptions options;
  if (launch.interpreter) {
    readTarget(stage, command, 1, launch, options);
  } else {
    // A console script: its shebang names the interpreter.
    const FsEntry *script = stage.fs.find(stage.fs.resolve(program.path));
    if (!script || script->shebang().empty()) return std::nullopt;
    launch.interpreter = model::interpreterAt(stage, script->shebang());
    if (!launch.interpreter) return std::nullopt;
    launch.mode = PythonLaunch::Mode::Script;
    launch.target = program.path;
    if (isAppServer(baseName(program.path))) {
      for (size_t i = 1; i < command.argv.size(); ++i) {
        const std::string &arg = command.argv[i].value;
        if (arg.empty() || arg.front() == '-') continue;
        launch.mode = PythonLaunch::Mode::Module;
        launch.target = arg.substr(0, arg.find(':'));
        launch.targetArg = i;
        break;
      }
    }
  }
  buildSysPath(stage, launch, options);
  removeDuplicates(launch.sysPath);
  return launch;
}

namespace {

// Existence of a module or package named `name` inside folder.
Existence moduleIn(const Stage &stage, const std::string &folder,
                   const std::string &name, std::string &where) {
  Existence result = Existence::Absent;
  for (const char *suffix : {"", ".py", ".pyc", ".so"}) {
    std::string candidate = folder + "/" + name + suffix;
    Existence there = stage.fs.exists(candidate);
    // Without a suffix only a package folder is a module: a console
    // script such as bin/flask is not.
    const FsEntry *entry = *suffix ? nullptr : stage.fs.find(candidate);
    if (entry && entry->kind == EntryKind::File) continue;
    if (there == Existence::Present) {
      where = candidate;
      return there;
    }
    if (there == Existence::Unknown) result = Existence::Unknown;
  }
  // TODO: extension modules with an ABI tag (name.cpython-311-x86_64-
  // linux-gnu.so) are only found through a package folder.
  return result;
}

}  // namespace

ModuleSearch findModule(const Stage &stage, const PythonLaunch &launch,
                        std::string_view dotted) {
  std::vector<std::string> parts;
  for (size_t start = 0; start <= dotted.size();) {
    size_t dot = dotted.find('.', start);
    if (dot == std::string_view::npos) dot = dotted.size();
    parts.emplace_back(dotted.substr(start, dot - start));
    start = dot + 1;
  }
  ModuleSearch search;
  for (size_t i = 0; i < launch.sysPath.size(); ++i) {
    std::string where;
    Existence top = moduleIn(stage, launch.sysPath[i].path, parts[0], where);
    if (top == Existence::Unknown && search.found == Existence::Absent) {
      search.found = Existence::Unknown;
      search.entryIndex = i;
    }
    if (top != Existence::Present) continue;
    // Python stops at the first entry that has the top-level package.
    search = {Existence::Present, where, i};
    for (size_t p = 1; p < parts.size() && search.found == Existence::Present;
         ++p) {
      Existence sub = moduleIn(stage, search.path, parts[p], where);
      search.found = sub;
      if (sub == Existence::Present) search.path = where;
    }
    return search;
  }
  return search;
}

}  // namespace dockpath
