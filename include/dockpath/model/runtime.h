// What a stage runs when the container starts: the effective command line
// from ENTRYPOINT and CMD, and, when it starts Python, the interpreter,
// what it runs and its effective sys.path.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dockpath/model/build_model.h"

namespace dockpath {

// One argument of the effective command and where it comes from.
struct CommandPart {
  std::string value;
  enum class Source : uint8_t { Entrypoint, Cmd, Shell } source;
  int index = -1;  // index in the instruction's exec-form array, if any
};

struct EffectiveCommand {
  std::vector<CommandPart> argv;
  // Docker's composition rules (Dockerfile reference, "Understand how CMD
  // and ENTRYPOINT interact"): exec ENTRYPOINT + shell CMD runs the shell
  // string as arguments to the entrypoint; shell ENTRYPOINT ignores CMD.
  bool shellCmdAppended = false;
  bool cmdIgnored = false;
};

// Returns nullopt when neither ENTRYPOINT nor CMD is set.
std::optional<EffectiveCommand> effectiveCommand(const Stage &stage);

struct SysPathEntry {
  std::string path;
  enum class Source : uint8_t {
    ScriptFolder,      // python /path/script.py
    WorkingDirectory,  // python -m, python -c, or a tool that adds it
    PythonPath,        // PYTHONPATH
    Default,           // the interpreter's built-in sys.path
    UserSite,          // ~/.local/lib/pythonX.Y/site-packages
  } source;
};

struct PythonLaunch {
  const Interpreter *interpreter = nullptr;
  std::string program;  // argv[0] as resolved on PATH
  enum class Mode : uint8_t { Module, Script, Code, Interactive } mode;
  std::string target;   // module name or absolute script path
  size_t targetArg = 0;  // index in the argv of the module or script
  std::vector<SysPathEntry> sysPath;
  bool complete = true;  // false when an entry could not be expanded
};

// The Python start of the stage's effective command, when argv[0] (or a
// console script's shebang) is a Python interpreter in the stage's model.
std::optional<PythonLaunch> pythonLaunch(const Stage &stage,
                                         const EffectiveCommand &command);

// Where a module would be imported from: the first sys.path entry under
// which the file system has it.
struct ModuleSearch {
  Existence found = Existence::Absent;  // Present, or Unknown when some
                                        // entry's contents are unknown
  std::string path;       // where it was found
  size_t entryIndex = 0;  // in PythonLaunch::sysPath
};
ModuleSearch findModule(const Stage &stage, const PythonLaunch &launch,
                        std::string_view dotted);

}  // namespace dockpath
