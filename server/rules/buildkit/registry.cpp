#include "common.h"

namespace dockpath::rules {

// BuildKit's build checks in the order of linter/ruleset.go.
const std::vector<Rule> &buildkitRules() {
  static const std::vector<Rule> rules = {
      kStageNameCasing,
      kFromAsCasing,
      kNoEmptyContinuation,
      kConsistentInstructionCasing,
      kDuplicateStageName,
      kReservedStageName,
      kJsonArgsRecommended,
      kMaintainerDeprecated,
      kUndefinedArgInFrom,
      kWorkdirRelativePath,
      kUndefinedVar,
      kMultipleInstructionsDisallowed,
      kLegacyKeyValueFormat,
      kRedundantTargetPlatform,
      kSecretsUsedInArgOrEnv,
      kInvalidDefaultArgInFrom,
      kFromPlatformFlagConstDisallowed,
      kCopyIgnoredFile,
      kExposeProtoCasing,
      kExposeInvalidFormat,
  };
  return rules;
}

}  // namespace dockpath::rules
