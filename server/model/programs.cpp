// Finding programs on a stage's PATH and the interpreters behind them.

#include "stage_builder.h"

namespace dockpath::model {

namespace {

// Docker's default PATH for a container whose image sets none (the
// Dockerfile reference, "ENV").
constexpr const char *kDefaultPath =
    "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

}  // namespace

PathLookup lookupProgram(const Stage &stage, std::string_view program) {
  PathLookup result;
  if (program.find('/') != std::string_view::npos) {
    result.path = joinPath(stage.workdir, program);
    return result;
  }
  const Variable *pathVar = stage.variable("PATH");
  std::string path = pathVar ? pathVar->value : kDefaultPath;
  if (pathVar && !pathVar->known) result.unknownBefore = true;
  size_t start = 0;
  while (start <= path.size()) {
    size_t colon = path.find(':', start);
    if (colon == std::string::npos) colon = path.size();
    std::string dir = path.substr(start, colon - start);
    start = colon + 1;
    if (dir.empty()) continue;
    std::string candidate = joinPath(dir, program);
    Existence there = stage.fs.exists(candidate);
    if (there == Existence::Present) {
      result.path = candidate;
      return result;
    }
    if (there == Existence::Unknown) result.unknownBefore = true;
  }
  return result;
}

bool isPythonName(std::string_view name) {
  if (!name.starts_with("python")) return false;
  name.remove_prefix(6);
  if (name.empty()) return true;
  if (name.front() != '3') return false;
  name.remove_prefix(1);
  if (name.empty()) return true;
  if (name.front() != '.' || name.size() == 1) return false;
  return name.find_first_not_of("0123456789", 1) == std::string_view::npos;
}

const Interpreter *interpreterAt(const Stage &stage, std::string_view path) {
  // A venv's bin/python is a link to its base interpreter, so exact
  // names win over resolved links.
  std::string exact = normalizePath(path);
  for (const Interpreter &python : stage.pythons) {
    if (python.install->executable == exact) return &python;
    for (const auto &alias : python.install->aliases)
      if (alias == exact) return &python;
  }
  std::string wanted = stage.fs.resolve(path);
  for (const Interpreter &python : stage.pythons) {
    if (stage.fs.resolve(python.install->executable) == wanted) return &python;
    for (const auto &alias : python.install->aliases)
      if (stage.fs.resolve(alias) == wanted) return &python;
  }
  return nullptr;
}

}  // namespace dockpath::model
