// RUN: the commands whose effect on the file system dockpath models
// (pip install, python -m venv, apt-get install, mkdir, ln, touch, cd) and
// the ones that write nothing that matters. Any other command may
// write anywhere, so the stage's file system becomes opaque.
#include <algorithm>
#include <set>

#include "dockpath/context/build_context.h"
#include "dockpath/python/requirements.h"
#include "stage_builder.h"

namespace dockpath::model {

namespace {

using Words = std::vector<std::string>;

// Commands that write nothing a path rule looks at.
bool isHarmless(const std::string &program, const Words &words) {
  static const std::set<std::string> kHarmless = {
      "echo",  "true",    "false",   "set",      "export",  "chmod",
      "chown", "useradd", "adduser", "groupadd", "addgroup", "rm",
      "test",  "[",       "printf",  "id",       "whoami",  "ls",
      "cat",   "sleep",   "exit",    "update-ca-certificates", "env",
      "unset", "usermod", "ldconfig", "sync",    "rmdir"};
  if (kHarmless.count(program)) return true;
  if (program == "apt-get" || program == "apt" || program == "apk")
    return words.size() > 1 &&
           (words[1] == "update" || words[1] == "clean" ||
            words[1] == "autoremove" || words[1] == "purge" ||
            words[1] == "remove" || words[1] == "del");
  return false;
}

}  // namespace

void addRunPath(RunState &run, const std::string &path, EntryKind kind,
                std::string target) {
  FsEntry entry;
  entry.kind = kind;
  entry.origin = run.origin;
  if (!target.empty()) entry.setTarget(std::move(target));
  entry.complete = kind == EntryKind::Directory;
  std::string full = joinPath(run.cwd, path);
  if (kind == EntryKind::Directory && run.stage.fs.find(full)) return;
  run.stage.fs.add(full, std::move(entry));
}

namespace {

void addPath(RunState &run, const std::string &path, EntryKind kind,
             std::string target = {}) {
  addRunPath(run, path, kind, std::move(target));
}

bool applyMkdirLike(RunState &run, const std::string &program,
                    const Words &words) {
  if (program == "mkdir" || program == "touch") {
    bool skipValue = false;
    for (size_t i = 1; i < words.size(); ++i) {
      if (skipValue) {
        skipValue = false;
      } else if (words[i] == "-m" || words[i] == "--mode") {
        skipValue = true;
      } else if (words[i].front() != '-') {
        addPath(run, words[i], program == "mkdir" ? EntryKind::Directory
                                                  : EntryKind::File);
      }
    }
    return true;
  }
  if (program == "ln") {
    Words operands;
    bool symbolic = false;
    for (size_t i = 1; i < words.size(); ++i) {
      if (words[i].front() == '-')
        symbolic = symbolic || words[i].find('s') != std::string::npos;
      else
        operands.push_back(words[i]);
    }
    if (!symbolic || operands.size() != 2) return false;
    std::string link = joinPath(run.cwd, operands[1]);
    const FsEntry *existing = run.stage.fs.find(link);
    if (existing && existing->kind == EntryKind::Directory)
      link = joinPath(link, baseName(operands[0]));
    addPath(run, link, EntryKind::Symlink, operands[0]);
    return true;
  }
  if (program == "cd") {
    run.cwd = joinPath(run.cwd, words.size() > 1 ? words[1] : "/root");
    return true;
  }
  return false;
}

// apt-get install: Debian's python3 packages add the image's apt
// interpreter; other packages may write below /usr, /etc, /var and /lib.
bool applyApt(RunState &run, const Words &words) {
  if (words.size() < 2 || (words[1] != "install" && words[1] != "add"))
    return false;
  const ImageFacts *image = run.stage.image;
  bool python = false, pythonLink = false, other = false;
  for (size_t i = 2; i < words.size(); ++i) {
    const std::string &pkg = words[i];
    if (pkg.front() == '-') continue;
    std::string name = pkg.substr(0, pkg.find_first_of("=:"));
    if (name == "python3" || name == "python3-minimal" ||
        name.rfind("python3.", 0) == 0 || name == "python3-venv" ||
        name == "python3-pip" || name == "python3-dev")
      python = true;
    else if (name == "python-is-python3")
      pythonLink = true;
    else if (name.rfind("python", 0) == 0)
      other = true;
  }
  for (const char *prefix : {"/usr/lib", "/usr/share", "/usr/include",
                             "/usr/libexec", "/etc", "/var", "/lib", "/opt"})
    run.stage.fs.markOpaque(prefix);
  if (other || words[0] == "apk") run.stage.fs.markOpaque("/usr");
  if ((python || pythonLink) && image && image->aptPython &&
      !interpreterAt(run.stage, image->aptPython->executable)) {
    Interpreter apt{catalogPython(*image->aptPython), "", run.origin};
    run.stage.pythons.push_back(apt);
  }
  if (python && image && image->aptPython) {
    addPath(run, image->aptPython->executable, EntryKind::File);
    for (const auto &alias : image->aptPython->aliases)
      if (baseName(alias) != "python" || pythonLink)
        addPath(run, alias, EntryKind::Symlink,
                std::string(baseName(image->aptPython->executable)));
  }
  return true;
}

void applyCommand(RunState &run, Words words) {
  // Leading variable assignments ("CGO_ENABLED=0 go build") only set the
  // command's environment.
  while (!words.empty() && words.front().find('=') != std::string::npos &&
         words.front().front() != '-' && words.front().front() != '=')
    words.erase(words.begin());
  while (!words.empty() && (words.front() == "sudo" || words.front() == "exec"))
    words.erase(words.begin());
  if (words.empty()) return;

  // Redirections write a file.
  for (size_t i = 0; i + 1 < words.size(); ++i)
    if ((words[i] == ">" || words[i] == ">>") && words[i + 1] != "/dev/null")
      addPath(run, words[i + 1], EntryKind::File);
  auto redirect = std::find_if(words.begin(), words.end(), [](auto &w) {
    return w == ">" || w == ">>" || w == "<" || w == ">&";
  });
  words.erase(redirect, words.end());
  if (words.empty()) return;

  std::string program(baseName(words.front()));
  if (isHarmless(program, words)) return;
  if (applyMkdirLike(run, program, words)) return;
  if ((program == "apt-get" || program == "apt" || program == "apk") &&
      applyApt(run, words))
    return;
  if (applyPython(run, words)) return;
  if (program == "go" && words.size() > 1 && words[1] == "build") {
    auto out = std::find(words.begin(), words.end(), "-o");
    if (out != words.end() && out + 1 != words.end()) {
      addPath(run, *(out + 1), EntryKind::File);
      return;
    }
  }
  run.stage.fs.markOpaque("/");
}

}  // namespace

void applyRun(Stage &stage, const Instruction &instruction, int index,
              const BuildContext *context, const StageBuilder &builder) {
  RunState run{stage, Origin{index, stage.index}, context, stage.workdir};
  std::vector<Words> commands;
  bool supported = true;
  if (instruction.execForm) {
    Words words;
    for (const Word &w : instruction.args) words.push_back(w.value);
    if (!words.empty()) commands.push_back(std::move(words));
  } else {
    // Split first, then expand each word as the shell would.
    supported = splitShellCommands(instruction.argText, commands, true);
    for (auto &words : commands)
      for (auto &word : words) {
        Expanded e = builder.expandIn(stage, word);
        supported = supported && e.known;
        word = std::move(e.value);
      }
    for (const Heredoc &doc : instruction.heredocs) {
      // "RUN <<EOF" runs the body as a script; "RUN python3 <<EOF" feeds
      // it to another program, which dockpath does not follow.
      if (instruction.args.size() == 1 && !doc.quoted)
        supported = splitShellCommands(doc.body, commands) && supported;
      else
        supported = false;
    }
    // Drop the "<<EOF" markers that appear as words.
    for (auto &words : commands)
      std::erase_if(words, [](auto &w) { return w.rfind("<<", 0) == 0; });
    std::erase_if(commands, [](auto &words) { return words.empty(); });
  }
  if (!supported) {
    stage.fs.markOpaque("/");
    return;
  }
  // An empty argument ("") changes nothing dockpath follows.
  for (auto &words : commands)
    std::erase_if(words, [](const std::string &w) { return w.empty(); });
  std::erase_if(commands, [](const Words &words) { return words.empty(); });
  for (auto &words : commands) applyCommand(run, std::move(words));
}

}  // namespace dockpath::model
