// FromPlatformFlagConstDisallowed: FROM --platform with a constant value,
// which pins the stage to one platform so that a multi-platform build
// runs it under emulation. BuildKit stays silent when the stage name
// contains the platform's OS or architecture, as in "build-amd64"
// (dockerfile2llb/convert.go, reportConstPlatformDisallowed).
//
//   FROM --platform=linux/amd64 alpine:3.20 AS tools      <- flagged
//   FROM --platform=$BUILDPLATFORM alpine:3.20 AS tools   <- fine
//
// No fix: whether $BUILDPLATFORM or $TARGETPLATFORM is meant is not known.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "common.h"

namespace dockpath::rules {

namespace {

using buildkit::toLower;

constexpr RuleInfo kInfo{"FromPlatformFlagConstDisallowed",
                         "FromPlatformFlagConstDisallowed", "buildkit",
                         Severity::Warning,
                         "FROM --platform should not use a constant value."};

struct Platform {
  std::string os;
  std::string architecture;  // "" when the value names only an OS
};

// containerd/platforms: the operating systems that Parse recognises alone.
bool isKnownOs(std::string_view os) {
  static const std::vector<std::string_view> known = {
      "aix",     "android", "darwin",  "dragonfly", "freebsd", "hurd",
      "illumos", "ios",     "js",      "linux",     "nacl",    "netbsd",
      "openbsd", "plan9",   "solaris", "wasip1",    "windows", "zos"};
  return std::find(known.begin(), known.end(), os) != known.end();
}

// containerd/platforms normalizeArch, for the common aliases.
std::string normalArchitecture(std::string arch) {
  if (arch == "x86_64" || arch == "x86-64") return "amd64";
  if (arch == "aarch64") return "arm64";
  if (arch == "armhf" || arch == "armel") return "arm";
  if (arch == "i386" || arch == "i486" || arch == "i586" || arch == "i686")
    return "386";
  return arch;
}

// platforms.Parse accepts parts of [A-Za-z0-9_.-]+ only.
bool isPlatformPart(std::string_view part) {
  if (part.empty()) return false;
  for (char c : part)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.' &&
        c != '-')
      return false;
  return true;
}

// platforms.Parse: "os[/arch[/variant]]" or a lone OS or architecture.
std::optional<Platform> parsePlatform(std::string_view text) {
  std::vector<std::string> parts;
  size_t at = 0;
  while (true) {
    size_t slash = std::min(text.find('/', at), text.size());
    parts.push_back(toLower(text.substr(at, slash - at)));
    if (!isPlatformPart(parts.back())) return std::nullopt;
    if (slash == text.size()) break;
    at = slash + 1;
  }
  if (parts.size() > 3) return std::nullopt;
  if (parts.size() > 1) return Platform{parts[0], normalArchitecture(parts[1])};
  if (isKnownOs(parts[0])) return Platform{parts[0], ""};
  // NOTE: a lone architecture gets the builder's OS, assumed linux here.
  return Platform{"linux", normalArchitecture(parts[0])};
}

void check(RuleContext &ctx, const Stage &stage) {
  const Instruction &from = *stage.from;
  if (from.kind != InstructionKind::From) return;
  const Flag *flag = from.flag("platform");
  if (!flag || !flag->value || flag->value->empty() ||
      !findReferences(*flag->value, ctx.file.escape).empty())
    return;
  auto platform = parsePlatform(*flag->value);
  if (!platform) return;
  const Word *nameWord = buildkit::stageNameWord(from);
  std::string name = nameWord ? toLower(nameWord->text) : "";
  // NOTE: for a lone OS BuildKit adds the builder's architecture, which
  // is unknown here, so only the OS is compared.
  bool named = name.find(platform->os) != std::string::npos ||
               (!platform->architecture.empty() &&
                name.find(platform->architecture) != std::string::npos);
  if (named) return;
  ctx.report(kInfo, flag->valueRange,
             fmt::format("--platform={} pins the stage to one platform, so "
                         "builds for other platforms run it emulated. Use "
                         "$BUILDPLATFORM or $TARGETPLATFORM, or name the "
                         "stage after the platform.",
                         *flag->value));
}

}  // namespace

const Rule kFromPlatformFlagConstDisallowed{kInfo, nullptr, check};

}  // namespace dockpath::rules
