// ExposeProtoCasing: an EXPOSE protocol not in lower case. BuildKit accepts
// tcp, udp and sctp in any case and lowers them, but warns
// (dockerfile2llb/convert_expose.go, parsePort).
//
//   EXPOSE 53/UDP       <- flagged
//   EXPOSE 53/udp       <- fine
//
// Fix: lower-case the protocol.
#include <fmt/format.h>

#include "common.h"

namespace dockpath::rules {

namespace {

using buildkit::toLower;

constexpr RuleInfo kInfo{"ExposeProtoCasing", "ExposeProtoCasing", "buildkit",
                         Severity::Warning,
                         "The protocol in EXPOSE should be lower case."};

void checkWord(RuleContext &ctx, const Word &word) {
  // NOTE: words with variables are skipped; BuildKit expands them first.
  if (word.text.find('$') != std::string::npos) return;
  size_t container = word.text.rfind(':');
  container = container == std::string::npos ? 0 : container + 1;
  size_t slash = word.text.find('/', container);
  if (slash == std::string::npos) return;
  std::string proto = word.text.substr(slash + 1);
  std::string lower = toLower(proto);
  bool known = lower == "tcp" || lower == "udp" || lower == "sctp";
  if (!known || proto == lower) return;
  Range range = buildkit::subRange(word, slash + 1, proto.size());
  Diagnostic &d = ctx.report(
      kInfo, range,
      fmt::format("Protocol '{}' in EXPOSE {} should be lower case: write "
                  "'{}'.",
                  proto, word.text, lower));
  if (range != word.range)
    d.fixes.push_back({fmt::format("Write '{}'", lower), {{range, lower}}});
}

void check(RuleContext &ctx, const Stage &stage) {
  buildkit::forEachInStage(ctx.file, stage, [&](const Instruction &in) {
    if (in.kind == InstructionKind::Expose)
      for (const Word &word : in.args) checkWord(ctx, word);
  });
}

}  // namespace

const Rule kExposeProtoCasing{kInfo, nullptr, check};

}  // namespace dockpath::rules
