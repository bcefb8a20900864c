// Internal to BuildKit's build checks: each check's definition and the
// helpers they share.
//
// The checks follow BuildKit's frontend/dockerfile/linter/ruleset.go
// (names, conditions) and the dispatch code that runs them
// (frontend/dockerfile/dockerfile2llb/convert.go,
// frontend/dockerfile/instructions/parse.go), as of BuildKit v0.2x.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../checks.h"
#include "dockpath/syntax/expand.h"

namespace dockpath::rules {

extern const Rule kStageNameCasing;
extern const Rule kFromAsCasing;
extern const Rule kNoEmptyContinuation;
extern const Rule kConsistentInstructionCasing;
extern const Rule kDuplicateStageName;
extern const Rule kReservedStageName;
extern const Rule kJsonArgsRecommended;
extern const Rule kMaintainerDeprecated;
extern const Rule kUndefinedArgInFrom;
extern const Rule kWorkdirRelativePath;
extern const Rule kUndefinedVar;
extern const Rule kMultipleInstructionsDisallowed;
extern const Rule kLegacyKeyValueFormat;
extern const Rule kRedundantTargetPlatform;
extern const Rule kSecretsUsedInArgOrEnv;
extern const Rule kInvalidDefaultArgInFrom;
extern const Rule kFromPlatformFlagConstDisallowed;
extern const Rule kCopyIgnoredFile;
extern const Rule kExposeProtoCasing;
extern const Rule kExposeInvalidFormat;

namespace buildkit {

std::string toLower(std::string_view text);
std::string toUpper(std::string_view text);
bool isLowerCase(std::string_view text);  // no upper-case ASCII letter
bool isUpperCase(std::string_view text);  // no lower-case ASCII letter

// The part [offset, offset + length) of a word's text as a document range.
// A word split by a line continuation, or whose text does not fill its
// range, maps to its whole range.
Range subRange(const Word &word, size_t offset, size_t length);

// The part [offset, offset + length) of a heredoc's body.
Range heredocRange(const TextDocument &text, const Heredoc &heredoc,
                   size_t offset, size_t length);

// The same for a flag's value.
Range flagValueSubRange(const Flag &flag, size_t offset, size_t length);

// Returns the closest option at a Levenshtein distance below 3, or "" when
// there is none or an option equals name. Ties go to the first option, as
// in BuildKit's util/suggest/error.go.
std::string suggestName(std::string_view name,
                        const std::vector<std::string> &options);

// The build arguments BuildKit defines without an ARG for FROM
// (TARGETPLATFORM, BUILDARCH, ...), with the value each gets on a
// linux/amd64 builder.
const std::vector<std::pair<std::string, std::string>> &automaticArgs();

// True when the instruction belongs to a stage (is not a global ARG).
bool inStage(const BuildModel &model, size_t instruction);

// Calls visit with the stage's FROM and then each of its instructions.
// Checks that look at one instruction at a time run per stage this way, so
// that their diagnostics are kept with the stage while it is unchanged.
template <typename Visit>
void forEachInStage(const ParsedFile &file, const Stage &stage,
                    const Visit &visit) {
  visit(file.instructions[stage.fromIndex]);
  for (int i : stage.instructions) visit(file.instructions[i]);
}

// The FROM instruction's "AS" and name words, or nullptr.
const Word *stageNameWord(const Instruction &from);
const Word *asKeywordWord(const Instruction &from);

// True when the expanded text is a valid image reference under the
// grammar of github.com/distribution/reference ParseNormalizedNamed.
bool isValidImageReference(std::string_view reference);

}  // namespace buildkit
}  // namespace dockpath::rules
