// Internal to the model: applies one instruction at a time to a stage.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dockpath/model/build_model.h"
#include "dockpath/syntax/expand.h"

namespace dockpath::model {

struct Expanded {
  std::string value;
  bool known = true;
};

class StageBuilder {
 public:
  StageBuilder(const ParsedFile &file, const BuildModel &model,
               const BuildContext *context)
      : file_(file), model_(model), context_(context) {}

  // Starts a stage at a FROM instruction.
  Stage begin(const Instruction &from, int index, int stageIndex);
  void apply(Stage &stage, const Instruction &instruction, int index);

  Expanded expandIn(const Stage &stage, std::string_view text) const;

 private:
  void applyArg(Stage &stage, const Instruction &instruction, int index);
  void applyEnv(Stage &stage, const Instruction &instruction, int index);
  void applyWorkdir(Stage &stage, const Instruction &instruction, int index);
  void applyCommand(Stage &stage, const Instruction &instruction, int index);

  const ParsedFile &file_;
  const BuildModel &model_;
  const BuildContext *context_;
};

// The stages of a parse and their keys (model/stage_cache.cpp), in the
// shape BuildModel keeps them.
struct StagePlan {
  size_t firstFrom = 0;  // the first FROM, or the instruction count
  size_t globals = 0;    // hash of the instructions before it
  std::vector<StageKey> keys;
  std::vector<std::string> names;
  std::vector<int32_t> reads;
};

// Plans the stages of file. With the previous model and the instruction
// changes since it was built, only the stages that the changes touch are
// read; otherwise every instruction is. Takes the previous model's key
// arrays.
StagePlan planStages(const ParsedFile &file, BuildModel *previous,
                     const InstructionChanges *changes);

// Keeps the stages of the previous model whose key is unchanged, in place
// in the stages vector the new model took over from it
// (model/stage_cache.cpp). Instruction indices and lines are shifted by how
// far each stage moved, and pointers into the parse are set again. A stage
// reads only itself and earlier stages, so those are settled first. A
// stage that did not move is not read at all.
class StageMover {
 public:
  // stages starts as the previous model's stages and becomes the new
  // model's. oldKeys and oldData are the previous model's keys and
  // instruction array.
  StageMover(std::vector<Stage> &stages, std::vector<StageKey> oldKeys,
             const Instruction *oldData, const ParsedFile &file);
  // True when stages[stageIndex] had this key and was kept, moved to the
  // FROM at fromIndex.
  bool keep(size_t stageIndex, size_t key, int fromIndex);

 private:
  void shift(Stage &stage) const;
  void shiftPosition(Position &p) const;
  void shiftDiagnostic(Diagnostic &d) const;

  std::vector<Stage> &stages_;
  std::vector<StageKey> oldKeys_;
  const ParsedFile &file_;
  bool sameData_;  // the parse's instruction array did not move
  // Per stage of the previous model: where it started, and how far the
  // stage with its index moved (0 until kept).
  std::vector<uint32_t> oldLines_;
  std::vector<int> indexDelta_;
  std::vector<int> lineDelta_;
  // Whether any stage kept so far moved; until one does, nothing needs
  // shifting, which is the common case of an edit inside one line.
  bool moved_ = false;
};

// COPY and ADD (model/copy.cpp).
void applyCopy(Stage &stage, const Instruction &instruction, int index,
               const BuildModel &model, const BuildContext *context,
               const StageBuilder &builder);

// RUN (model/run.cpp).
void applyRun(Stage &stage, const Instruction &instruction, int index,
              const BuildContext *context, const StageBuilder &builder);

// Expands ARG values before the first FROM, which see only each other,
// into model.globalArgs.
void applyGlobalArg(BuildModel &model, const Instruction &instruction,
                    int index, char escape);

// The state that RUN's commands work on while dockpath follows them.
struct RunState {
  Stage &stage;
  Origin origin;
  const BuildContext *context;
  std::string cwd;  // changes with "cd"
};

// Records a path that a RUN command made, relative to run.cwd.
void addRunPath(RunState &run, const std::string &path, EntryKind kind,
                std::string target = {});

// pip install, python -m venv and virtualenv (model/pip.cpp). Returns
// false when the words are none of these.
bool applyPython(RunState &run, const std::vector<std::string> &words);

// Registers the interpreter of a venv at folder venv, made from base.
void addVenvInterpreter(Stage &stage, const Interpreter &base,
                        const std::string &venv, Origin origin);
// Registers the venvs that a COPY put below dest whose base interpreter
// the stage has (a venv whose base is missing stays unregistered, and
// its links dangle).
void addCopiedVenvs(Stage &stage, const std::string &dest, Origin origin);

// Splits a shell command into simple commands of words, quotes removed
// (or kept, for expanding each word afterwards). Returns false when the
// text uses shell syntax that dockpath does not follow (subshells, loops,
// command substitution).
bool splitShellCommands(std::string_view text,
                        std::vector<std::vector<std::string>> &commands,
                        bool keepQuotes = false);

// A PATH lookup of a bare program name in the stage: the first PATH entry
// where the file is Present, or "" when none is, and whether some entry
// was Unknown before it.
struct PathLookup {
  std::string path;
  bool unknownBefore = false;
};
PathLookup lookupProgram(const Stage &stage, std::string_view program);

// True for "python", "python3" and "python3.N".
bool isPythonName(std::string_view name);

// The Python interpreter that a program path runs, or nullptr.
const Interpreter *interpreterAt(const Stage &stage, std::string_view path);

}  // namespace dockpath::model
