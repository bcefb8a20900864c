// SecretsUsedInArgOrEnv: an ARG or ENV whose name suggests a secret.
// Their values stay in the image config or its history, where anyone with
// the image can read them. A name is flagged when one of its
// '_'-separated parts is a secret word and none is "public", in any letter
// case (dockerfile2llb/convert.go, getSecretsRegex and
// validateNoSecretKey). Only ARGs inside a stage are checked, as BuildKit
// checks them while it runs the stage.
//
//   ARG GITHUB_TOKEN                      <- flagged
//   RUN --mount=type=secret,id=github_token ...   <- fine
//
// No fix: the secret has to move to a build secret or SSH mount.
#include <fmt/format.h>

#include <algorithm>

#include "common.h"

namespace dockpath::rules {

namespace {

constexpr RuleInfo kInfo{
    "SecretsUsedInArgOrEnv", "SecretsUsedInArgOrEnv", "buildkit",
    Severity::Warning, "Sensitive data should not be passed with ARG or ENV."};

bool hasPart(std::string_view name, const std::vector<std::string> &words) {
  size_t at = 0;
  while (at <= name.size()) {
    size_t end = std::min(name.find('_', at), name.size());
    std::string part = buildkit::toLower(name.substr(at, end - at));
    if (std::find(words.begin(), words.end(), part) != words.end()) return true;
    at = end + 1;
  }
  return false;
}

bool looksSecret(std::string_view name) {
  static const std::vector<std::string> secret = {
      "apikey",   "auth",  "credential", "credentials", "key",
      "password", "pword", "passwd",     "secret",      "token"};
  static const std::vector<std::string> allowed = {"public"};
  return hasPart(name, secret) && !hasPart(name, allowed);
}

void check(RuleContext &ctx, const Stage &stage) {
  for (int i : stage.instructions) {
    const Instruction &in = ctx.file.instructions[i];
    bool env = in.kind == InstructionKind::Env;
    if (!env && in.kind != InstructionKind::Arg) continue;
    for (const KeyValue &pair : in.pairs) {
      if (!looksSecret(pair.key.value)) continue;
      ctx.report(kInfo, pair.key.range,
                 fmt::format("'{}' looks like a secret: {} values stay in "
                             "the image, readable by anyone who has it. "
                             "Pass it with RUN --mount=type=secret instead.",
                             pair.key.value, env ? "ENV" : "ARG"));
    }
  }
}

}  // namespace

const Rule kSecretsUsedInArgOrEnv{kInfo, nullptr, check};

}  // namespace dockpath::rules
