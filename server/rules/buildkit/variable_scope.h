// The variables set at each instruction of a stage, as BuildKit's
// UndefinedVar check counts them: the base image's ENV (PATH always), and
// the ENV and ARG names of the stage and of the stages it builds on
// (dockerfile2llb/convert.go: dispatchState.init copies the base stage's
// state and build args).
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common.h"

namespace dockpath::rules::buildkit {

struct VariableScope {
  std::set<std::string> defined;
  // False when the base image is not in the catalog, so that any name may
  // be set by it.
  bool complete = false;

  bool defines(const std::string &name) const;
  void define(const std::string &name) { defined.insert(name); }
  // The defined names and PATH, for suggestions.
  std::vector<std::string> names() const;
};

// Walks the instructions in order and keeps one scope per stage.
class ScopeWalker {
 public:
  ScopeWalker(const ParsedFile &file, const BuildModel &model)
      : file_(file), model_(model), scopes_(model.stages.size()) {}

  // The scope of instruction i's stage before i runs, or nullptr for a
  // global ARG or a FROM. Call it with increasing i; it applies the ENV and
  // ARG names of the instruction of the previous call.
  VariableScope *scopeBefore(size_t i);

 private:
  void begin(int stage);

  const ParsedFile &file_;
  const BuildModel &model_;
  std::vector<VariableScope> scopes_;
  std::optional<size_t> previous_;
};

}  // namespace dockpath::rules::buildkit
