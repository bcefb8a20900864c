// The semantic model of a build: its stages, what each stage inherits and
// sets (ENV, ARG, WORKDIR, USER, ENTRYPOINT, CMD, SHELL), its file system
// and the Python interpreters it has.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dockpath/images/catalog.h"
#include "dockpath/model/filesystem.h"
#include "dockpath/syntax/ast.h"
#include "dockpath/syntax/parser.h"

namespace dockpath {

class BuildContext;

// A value with the instruction that set it; instruction -1 is the image.
struct Variable {
  std::string value;
  bool known = true;  // false when it depends on a build argument without
                      // a default, or on a variable dockpath cannot expand
  Origin origin;
  int pairIndex = -1;  // the ENV or ARG item that set it, in origin's pairs

  // That item in the current parse, or nullptr for an image's variable.
  // An index rather than a pointer, so that a stage kept from an earlier
  // analysis stays valid while instructions are parsed again or move.
  const KeyValue *pairIn(const ParsedFile &file) const;
};

// ENTRYPOINT or CMD as a stage has it.
struct Command {
  bool set = false;
  bool execForm = true;
  std::vector<std::string> argv;  // exec form items, expanded
  std::string shellText;          // shell form text
  Origin origin;                  // -1: inherited from the image
  const Instruction *instruction = nullptr;
};

// A Python interpreter usable in a stage.
struct Interpreter {
  // Shared with the image catalog, and between a stage and the stages
  // built on it, so that a thousand stages do not each copy it.
  std::shared_ptr<const PythonInstall> install;
  std::string venv;  // the venv folder when this is a venv's python
  Origin origin;     // where it came from (the image, apt, a venv)
};

// A COPY --from source that the source stage does not have.
struct MissingCopySource {
  int instruction = -1;
  size_t word = 0;  // index into the instruction's args
  std::string path;
  int sourceStage = -1;
};

// A venv that COPY --from puts at another path than the one it was made
// at; its scripts' shebangs still name the old path.
struct RelocatedVenv {
  int instruction = -1;  // the COPY
  std::string from, to;  // venv folders
  Origin createdBy;      // the RUN that made it
};

// A stage's key and what it is made of (model/stage_cache.cpp). The model
// keeps these apart from the stages, in one array, so that an edit checks
// every stage's key without reading the stages themselves.
struct StageKey {
  // A hash of what the stage is built from: its instructions with their
  // positions relative to FROM, the global ARGs and the keys of the stages
  // it reads. Equal keys give equal stages, up to where they are.
  size_t key = 0;
  size_t local = 0;       // the instructions part alone
  uint32_t from = 0;      // instruction index of its FROM
  uint32_t fromLine = 0;  // the FROM's line
  // Its span of BuildModel::stageReads.
  uint32_t firstRead = 0;
  uint32_t readCount = 0;
};

struct Stage {
  int index = 0;
  std::string name;  // the AS name in lower case, or ""
  const Instruction *from = nullptr;
  int fromIndex = -1;                 // instruction index of FROM
  uint32_t fromLine = 0;              // its line
  std::string baseReference;          // expanded FROM image or stage name
  int parentStage = -1;               // FROM <earlier stage>
  const ImageFacts *image = nullptr;  // facts of the root base image
  std::string imageReference;         // the root base image as FROM names it
  bool baseKnown = false;             // the root base image is in the catalog

  std::vector<int> instructions;  // indices of the stage's instructions
  // How the stage's keywords (FROM included) and AS name are written, for
  // the checks that compare stages without reading every instruction.
  uint32_t keywords = 0;       // instructions, FROM included
  uint32_t lowerKeywords = 0;  // with no upper-case letter
  uint32_t upperKeywords = 0;  // with no lower-case letter
  bool nameHasUpper = false;   // the AS name as written
  std::map<std::string, Variable> env;
  std::map<std::string, Variable> args;  // in-stage ARG values
  std::string workdir = "/";
  Origin workdirOrigin;
  std::string user;  // "" is root
  Command entrypoint;
  Command cmd;
  std::vector<std::string> shell = {"/bin/sh", "-c"};
  bool shellSet = false;  // SHELL instruction seen
  FileSystem fs;
  std::vector<Interpreter> pythons;
  std::vector<MissingCopySource> missingCopySources;
  std::vector<RelocatedVenv> relocatedVenvs;

  // Diagnostics of the per-stage rules, kept with the stage so that an
  // edit elsewhere reuses them (filled by the rules engine).
  std::vector<Diagnostic> diagnostics;
  bool checked = false;
  bool checkedAsLast = false;  // whether it was the last stage then

  // HOME of the stage's user, from ENV HOME or the image's users; ""
  // when unknown.
  std::string home() const;
  const Variable *variable(const std::string &name) const;
};

struct BuildModel {
  std::vector<Stage> stages;
  std::map<std::string, Variable> globalArgs;  // ARG before the first FROM
  // Stage of each instruction (-1 before the first FROM).
  std::vector<int> stageOf;
  // Per stage: its key, and its AS name in lower case ("" for none).
  std::vector<StageKey> keys;
  std::vector<std::string> stageNames;
  // The earlier stages each stage's instructions read, by index; -1 for a
  // name with a variable, which may be any earlier stage.
  std::vector<int32_t> stageReads;
  // The parse's instruction array when the model was built; while it
  // stays, pointers into it stay valid.
  const Instruction *instructionData = nullptr;

  const Stage *stageNamed(const std::string &nameOrIndex) const;
};

// An interpreter of the image catalog, shared without being copied.
std::shared_ptr<const PythonInstall> catalogPython(const PythonInstall &python);

// Returns the stage index that a --from or mount from= value written as a
// number names. BuildKit reads it with Go's strconv.Atoi, so leading zeros
// are allowed. Returns nullopt for anything but decimal digits, and for a
// number too large to be an index.
// NOTE: Atoi also takes a leading '+' or '-', which name an image here.
std::optional<size_t> stageIndexOf(std::string_view reference);

// Builds the model. context may be nullptr (no build context on disk).
// Stages of `previous` (the model of an earlier version of the file) whose
// key is unchanged are moved into the result instead of being rebuilt;
// their `checked` diagnostics stay valid.
// `changes` lists the instructions parsed again since `previous` was
// built, so the stages outside them are not read at all.
BuildModel buildModel(const ParsedFile &file, const BuildContext *context,
                      BuildModel *previous = nullptr,
                      const InstructionChanges *changes = nullptr);

// Replays one stage up to, not including, instruction `before`: the state
// an instruction sees. Used by hover.
Stage stageBefore(const ParsedFile &file, const BuildModel &model,
                  const BuildContext *context, int before);

}  // namespace dockpath
