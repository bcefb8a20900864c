// DP001 module-not-on-sys-path: a module that the started program imports
// is in the image, but in a folder the interpreter does not search.
//
//   FROM gcr.io/distroless/python3-debian12
//   COPY --from=build /usr/local/lib/python3.11/site-packages
//        /usr/local/lib/python3.11/site-packages      <- not on sys.path
//   (one line in the Dockerfile)
//
// Fixes: append the folder to the ENV PYTHONPATH that the stage uses, or
// copy to the interpreter's dist-packages twin of a site-packages folder.
#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <map>
#include <set>

#include "dockpath/context/build_context.h"
#include "dockpath/python/imports.h"
#include "module_search.h"

namespace dockpath::rules {

namespace {

constexpr RuleInfo kInfo{
    "DP001", "module-not-on-sys-path", "path", Severity::Error,
    "A module the started program imports is in the image, but not in any "
    "folder on the interpreter's sys.path."};

std::string joinNames(const std::vector<std::string> &names) {
  std::string out;
  for (size_t i = 0; i < names.size() && i < 4; ++i)
    out += (i ? ", " : "") + fmt::format("'{}'", names[i]);
  if (names.size() > 4) out += fmt::format(" and {} more", names.size() - 4);
  return out;
}

std::string searchedList(const PythonLaunch &launch) {
  std::string out;
  for (size_t i = 0; i < launch.sysPath.size() && i < 6; ++i)
    out += (i ? ", " : "") + launch.sysPath[i].path;
  if (launch.sysPath.size() > 6)
    out += fmt::format(" and {} more", launch.sysPath.size() - 6);
  return out;
}

// Appends ":folder" to the value of an ENV PYTHONPATH item, inside its
// closing quote when it has one.
TextEdit appendToValue(const Word &value, const std::string &folder) {
  Position at = value.range.end;
  char last = value.text.empty() ? '\0' : value.text.back();
  if ((last == '"' || last == '\'') && value.text.size() > 1 && at.column > 0)
    --at.column;
  return {{at, at}, ":" + folder};
}

// The dist-packages twin of a site-packages folder, when the interpreter
// searches it ("/usr/local/lib/python3.11/site-packages" for Debian's
// python3.11 becomes ".../dist-packages").
std::string distPackagesTwin(const PythonLaunch &launch,
                             const std::string &folder) {
  if (!folder.ends_with("/site-packages")) return "";
  std::string twin = folder.substr(0, folder.size() - 13) + "dist-packages";
  for (const auto &entry : launch.sysPath)
    if (entry.path == twin) return twin;
  return "";
}

void addFixes(RuleContext &ctx, Diagnostic &d, const Stage &stage,
              const PythonLaunch &launch, const UnresolvedGroup &group) {
  const Variable *pythonPath = stage.variable("PYTHONPATH");
  const KeyValue *pair = pythonPath ? pythonPath->pairIn(ctx.file) : nullptr;
  if (pair && pair->value) {
    d.fixes.push_back({fmt::format("Add {} to PYTHONPATH", group.folder),
                       {appendToValue(*pair->value, group.folder)}});
  }
  const Instruction &placed = ctx.file.instructions[group.placedBy];
  std::string twin = distPackagesTwin(launch, group.folder);
  if (!twin.empty() && placed.kind == InstructionKind::Copy &&
      !placed.args.empty() && placed.args.back().value == group.folder) {
    d.fixes.push_back({fmt::format("Copy to {} instead", twin),
                       {{placed.args.back().range, twin}},
                       d.fixes.empty()});
  }
  if (!pythonPath) {
    Position end{placed.lastLine() + 1, 0};
    d.fixes.push_back(
        {fmt::format("Set PYTHONPATH to {}", group.folder),
         {{{end, end}, fmt::format("ENV PYTHONPATH={}\n", group.folder)}},
         d.fixes.empty()});
  }
}

void reportGroup(RuleContext &ctx, const Stage &stage,
                 const PythonLaunch &launch, const UnresolvedGroup &group) {
  const Variable *pythonPath = stage.variable("PYTHONPATH");
  const KeyValue *pair = pythonPath ? pythonPath->pairIn(ctx.file) : nullptr;
  bool atPythonPath = pair && pair->value;
  const Instruction &placed = ctx.file.instructions[group.placedBy];
  Range range = atPythonPath          ? pair->range
                : placed.args.empty() ? placed.range
                                      : placed.args.back().range;
  std::vector<std::string> names;
  for (const auto &missing : group.imports) names.push_back(missing.module);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());

  std::string interpreter = launch.interpreter->install->executable;
  std::string message = fmt::format(
      "{} {} {} not importable by {}: {} under {} (put there by {}), which "
      "is {}. Searched: {}.",
      names.size() == 1 ? "module" : "modules", joinNames(names),
      names.size() == 1 ? "is" : "are", interpreter,
      names.size() == 1 ? "it is" : "they are", group.folder,
      describeInstruction(ctx.file, group.placedBy),
      atPythonPath ? "neither on its default sys.path nor in PYTHONPATH"
                   : "not on its sys.path",
      searchedList(launch));
  Diagnostic &d = ctx.report(kInfo, range, std::move(message));
  if (atPythonPath)
    d.related.push_back(
        {"", placed.range,
         fmt::format("{} puts {} here",
                     describeInstruction(ctx.file, group.placedBy),
                     joinNames(names))});
  else if (pair)
    d.related.push_back({"", pair->range, "PYTHONPATH is set here"});
  for (const auto &missing : group.imports)
    if (!missing.file.empty())
      d.related.push_back(
          {missing.file,
           {{missing.line, missing.column},
            {missing.line, missing.column + (uint32_t)missing.module.size()}},
           fmt::format("imports '{}'", missing.module)});
  addFixes(ctx, d, stage, launch, group);
}

void check(RuleContext &ctx, const Stage &stage) {
  if (!isRuntimeStage(ctx.model, stage)) return;
  auto command = effectiveCommand(stage);
  if (!command) return;
  auto launch = pythonLaunch(stage, *command);
  if (!launch || !launch->complete) return;
  for (const auto &group : unresolvedImports(ctx, stage, *launch))
    reportGroup(ctx, stage, *launch, group);
}

}  // namespace

const Rule kModuleNotOnSysPath{kInfo, nullptr, check};

}  // namespace dockpath::rules
