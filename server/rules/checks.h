// Internal to the rules: each rule's definition, and helpers they share.
#pragma once

#include <string>
#include <vector>

#include "dockpath/model/runtime.h"
#include "dockpath/rules/rule.h"

namespace dockpath::rules {

extern const Rule kModuleNotOnSysPath;          // DP001
extern const Rule kInterpreterRepeated;         // DP002
extern const Rule kShellCmdAfterExecEntrypoint; // DP003
extern const Rule kProgramNotInStage;           // DP004
extern const Rule kPythonPathEntryMissing;      // DP005
extern const Rule kShellFormWithoutShell;       // DP006
extern const Rule kCopyFromMissingPath;         // DP007
extern const Rule kVenvRelocated;               // DP008

// BuildKit's build checks, under their BuildKit names
// (rules/buildkit/registry.cpp).
const std::vector<Rule> &buildkitRules();

// "COPY --from=build" for an instruction index, "the base image" for -1.
// Messages name instructions this way and leave their lines to the
// related information, so that a message stays true when lines above it
// move and the stage's diagnostics are reused.
std::string describeInstruction(const ParsedFile &file, int instruction);

// The exec-form word of a command part, or nullptr when it came from the
// image or is not an exec-form item.
const Word *wordOf(const Stage &stage, const CommandPart &part);

// Range of the whole instruction's arguments.
Range argumentsRange(const Instruction &instruction);

// The root base image as FROM names it, tag included
// ("gcr.io/distroless/static-debian12:debug"), for messages.
std::string imageName(const Stage &stage);

// Renders words as a JSON exec-form array: ["a", "b"].
std::string execFormArray(const std::vector<std::string> &words);

// A shell command that is one simple command of plain words, or nullopt.
std::optional<std::vector<std::string>> simpleCommand(std::string_view text);

}  // namespace dockpath::rules
