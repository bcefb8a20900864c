#include "dockpath/diagnostic.h"

#include <fmt/format.h>

namespace dockpath {

const char *severityName(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Information:
      return "info";
    case Severity::Hint:
      return "hint";
  }
  return "error";
}

std::string fingerprint(const Diagnostic &diagnostic) {
  // FNV-1a over the code and message: stable across edits elsewhere in
  // the file, which shift ranges but not messages.
  uint64_t hash = 14695981039346656037ull;
  auto mix = [&](std::string_view text) {
    for (unsigned char c : text) {
      hash ^= c;
      hash *= 1099511628211ull;
    }
    hash ^= 0xff;
    hash *= 1099511628211ull;
  };
  mix(diagnostic.code);
  mix(diagnostic.message);
  return fmt::format("{}-{:016x}", diagnostic.code, hash);
}

}  // namespace dockpath
