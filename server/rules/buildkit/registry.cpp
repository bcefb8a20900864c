#include "../checks.h"

namespace dockpath::rules {

// TODO: BuildKit's build checks are not implemented yet.
const std::vector<Rule> &buildkitRules() {
  static const std::vector<Rule> rules;
  return rules;
}

}  // namespace dockpath::rules
