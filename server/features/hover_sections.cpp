#include "hover_sections.h"

#include <fmt/format.h>

#include "dockpath/context/build_context.h"
#include "dockpath/context/dockerignore.h"
#include "dockpath/model/runtime.h"

namespace dockpath::hover {

namespace {

std::string lineOf(const ParsedFile &file, const Origin &origin) {
  if (origin.fromImage()) return "the base image";
  return fmt::format("line {}",
                     file.instructions[origin.instruction].firstLine() + 1);
}

std::string joinWords(const std::vector<std::string> &words) {
  std::string out;
  for (const auto &w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

const char *sourceName(SysPathEntry::Source source) {
  switch (source) {
    case SysPathEntry::Source::ScriptFolder:
      return "the script's folder";
    case SysPathEntry::Source::WorkingDirectory:
      return "the working directory";
    case SysPathEntry::Source::PythonPath:
      return "PYTHONPATH";
    case SysPathEntry::Source::Default:
      return "the interpreter's default";
    case SysPathEntry::Source::UserSite:
      return "the user site";
  }
  return "";
}

const char *existenceName(Existence existence) {
  switch (existence) {
    case Existence::Present:
      return "exists";
    case Existence::Absent:
      return "does not exist";
    case Existence::Unknown:
      return "unknown";
  }
  return "";
}

void describeSysPath(Writer &out, const Stage &stage,
                     const PythonLaunch &launch) {
  out.paragraph(fmt::format("Interpreter `{}` (Python {})",
                            launch.interpreter->install->executable,
                            launch.interpreter->install->version));
  out.heading("Effective sys.path");
  for (const auto &entry : launch.sysPath)
    out.item(fmt::format("`{}`: {}, {}", entry.path, sourceName(entry.source),
                         existenceName(stage.fs.exists(entry.path))));
  out.endList();
}

}  // namespace

std::optional<HoverInfo> Writer::finish(Range range) {
  if (md_.empty()) return std::nullopt;
  while (!md_.empty() && md_.back() == '\n') md_.pop_back();
  return HoverInfo{range, std::move(md_)};
}

void describeStage(Writer &out, const BuildModel &model, const Stage &stage) {
  std::string title = stage.name.empty()
                          ? fmt::format("Stage {}", stage.index)
                          : fmt::format("Stage `{}`", stage.name);
  out.heading(title);
  if (stage.parentStage >= 0) {
    out.paragraph(fmt::format("Based on stage `{}`.",
                              model.stages[stage.parentStage].name));
  } else if (stage.image) {
    out.paragraph(fmt::format("Base image `{}`: {}", stage.image->name,
                              stage.image->summary));
  } else {
    out.paragraph(fmt::format(
        "Base image `{}` is unknown to dockpath, so rules that need facts "
        "about it stay silent.",
        stage.baseReference.empty() ? "?" : stage.baseReference));
    return;
  }
  const ImageFacts *image = stage.image;
  if (image && image->entrypoint)
    out.item(fmt::format("ENTRYPOINT `{}`", joinWords(*image->entrypoint)));
  if (image && image->cmd)
    out.item(fmt::format("CMD `{}`", joinWords(*image->cmd)));
  if (image)
    out.item(image->shell.empty() ? std::string("no shell")
                                  : fmt::format("shell `{}`", image->shell));
  for (const Interpreter &python : stage.pythons)
    out.item(fmt::format("Python {} at `{}`", python.install->version,
                         python.install->executable));
  out.item(fmt::format("user `{}`, HOME `{}`",
                       stage.user.empty() ? "root" : stage.user,
                       stage.home().empty() ? "unknown" : stage.home()));
  out.endList();
  if (image && !image->sources.empty())
    out.paragraph("Sources: " + image->sources.front());
}

void describeCommand(Writer &out, const ParsedFile &file, const Stage &stage) {
  auto command = effectiveCommand(stage);
  if (!command) {
    out.paragraph("This stage sets neither ENTRYPOINT nor CMD.");
    return;
  }
  out.heading("Effective command");
  std::vector<std::string> words;
  for (const auto &part : command->argv) words.push_back(part.value);
  out.code(joinWords(words));
  if (stage.entrypoint.set)
    out.item(fmt::format("ENTRYPOINT from {}",
                         lineOf(file, stage.entrypoint.origin)));
  if (stage.cmd.set)
    out.item(command->cmdIgnored
                 ? std::string("CMD is ignored: ENTRYPOINT is in shell form")
                 : fmt::format("CMD from {}", lineOf(file, stage.cmd.origin)));
  out.item(fmt::format("working directory `{}`", stage.workdir));
  out.endList();
  if (auto launch = pythonLaunch(stage, *command)) {
    describeSysPath(out, stage, *launch);
  }
}

void describePythonPath(Writer &out, const ParsedFile &file,
                        const Stage &stage) {
  const Variable *value = stage.variable("PYTHONPATH");
  out.heading("PYTHONPATH");
  if (value)
    out.paragraph(fmt::format("`{}` (set on {})", value->value,
                              lineOf(file, value->origin)));
  auto command = effectiveCommand(stage);
  auto launch = command ? pythonLaunch(stage, *command) : std::nullopt;
  if (launch) describeSysPath(out, stage, *launch);
}

bool describePath(Writer &out, const ParsedFile &file, const BuildModel &,
                  const Stage &stage, const Instruction &instruction,
                  const Word &word) {
  bool copyDest = (instruction.kind == InstructionKind::Copy ||
                   instruction.kind == InstructionKind::Add) &&
                  &word == &instruction.args.back();
  if (word.value.empty() || (word.value.front() != '/' && !copyDest))
    return false;
  std::string path = joinPath(stage.workdir, word.value);
  out.heading(fmt::format("`{}`", path));
  Existence existence = stage.fs.exists(path);
  const FsEntry *entry = stage.fs.find(stage.fs.resolve(path));
  if (entry) {
    std::string from = entry->contextPath().empty()
                           ? ""
                           : fmt::format(" from `{}` in the build context",
                                         entry->contextPath());
    out.paragraph(fmt::format("Put here by {}{}.",
                              lineOf(file, entry->origin), from));
    if (!entry->packages().empty())
      out.paragraph("Python packages: " + joinWords(entry->packages()));
  } else {
    out.paragraph(fmt::format("In this stage: {}.", existenceName(existence)));
  }
  return true;
}

namespace {

const char *kindName(EntryKind kind) {
  switch (kind) {
    case EntryKind::Directory:
      return "a folder";
    case EntryKind::Symlink:
      return "a symbolic link";
    default:
      return "a file";
  }
}

void describeContextSource(Writer &out, const BuildContext &context,
                           const std::string &relative) {
  out.heading(fmt::format("`{}` in the build context", relative));
  std::optional<EntryKind> kind = context.stat(relative);
  out.paragraph(kind ? fmt::format("It is {}.", kindName(*kind))
                     : std::string("It is not in the build context."));
  const DockerignoreMatcher *ignore = context.rootDockerignore();
  auto normal = BuildContext::normalise(relative);
  if (!ignore || !normal) return;
  if (const IgnorePattern *by = ignore->excludedBy(*normal))
    out.paragraph(fmt::format(
        ".dockerignore leaves it out of the build context (line {}, `{}`), "
        "so COPY cannot read it.",
        by->line + 1, by->pattern));
}

}  // namespace

bool describeCopySource(Writer &out, const ParsedFile &file,
                        const BuildModel &model, const BuildContext *context,
                        const Instruction &instruction, const Word &word) {
  const std::string &value = word.value;
  if (value.empty() || value.starts_with("<<") ||
      value.find_first_of("*?[$") != std::string::npos ||
      value.find("://") != std::string::npos)
    return false;
  const Flag *from = instruction.flag("from");
  if (!from) {
    if (!context) return false;
    describeContextSource(out, *context, value);
    return true;
  }
  const Stage *source = from->value ? model.stageNamed(*from->value) : nullptr;
  if (!source) return false;
  // COPY --from reads its sources from the root of the source stage, not
  // from its WORKDIR (Dockerfile reference, COPY --from).
  std::string path = joinPath("/", value);
  out.heading(fmt::format("`{}` in stage `{}`", path,
                          source->name.empty() ? std::to_string(source->index)
                                               : source->name));
  const FsEntry *entry = source->fs.find(source->fs.resolve(path));
  if (entry)
    out.paragraph(fmt::format("Put there by {}.", lineOf(file, entry->origin)));
  else
    out.paragraph(fmt::format("In that stage: {}.",
                              existenceName(source->fs.exists(path))));
  return true;
}

}  // namespace dockpath::hover
