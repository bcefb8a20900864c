// Completion of instruction keywords, flags and flag values. The keywords,
// flags, mount options and fixed values follow BuildKit's Dockerfile
// reference (moby/buildkit frontend/dockerfile/docs/reference.md at commit
// 00001f3e74bb). The summaries are dockpath's own words.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "completion.h"

namespace dockpath::completion {

namespace {

struct KeywordInfo {
  InstructionKind kind;
  std::string_view summary;
  std::string_view arguments;  // snippet after the keyword and a space
};

// In alphabetical order, which is how clients show them by default.
constexpr KeywordInfo kKeywords[] = {
    {InstructionKind::Add,
     "Add local or remote files and folders, unpacking local archives",
     "${1:source} ${2:destination}"},
    {InstructionKind::Arg, "Declare a build argument", "${1:name}"},
    {InstructionKind::Cmd, "Set the default command of the container",
     "[\"${1:executable}\"]"},
    {InstructionKind::Copy, "Copy files and folders into the stage",
     "${1:source} ${2:destination}"},
    {InstructionKind::Entrypoint, "Set the executable the container runs",
     "[\"${1:executable}\"]"},
    {InstructionKind::Env, "Set environment variables", "${1:name}=${2:value}"},
    {InstructionKind::Expose, "Document a port the container listens on",
     "${1:port}"},
    {InstructionKind::From, "Start a build stage from a base image",
     "${1:image}"},
    {InstructionKind::Healthcheck,
     "Set the command that checks the container's health", "CMD ${1:command}"},
    {InstructionKind::Label, "Add metadata to the image",
     "${1:key}=${2:value}"},
    {InstructionKind::Maintainer, "Deprecated: set the author; use LABEL",
     "${1:name}"},
    {InstructionKind::Onbuild,
     "Add an instruction that runs when the image is used as a base",
     "${1:instruction}"},
    {InstructionKind::Run, "Run a command in the stage", "${1:command}"},
    {InstructionKind::Shell, "Set the shell for shell form commands",
     "[\"${1:executable}\", \"${2:parameter}\"]"},
    {InstructionKind::Stopsignal, "Set the signal that stops the container",
     "${1:signal}"},
    {InstructionKind::User, "Set the user and group", "${1:user}"},
    {InstructionKind::Volume, "Declare a mount point", "[\"${1:path}\"]"},
    {InstructionKind::Workdir, "Set the working directory", "${1:path}"},
};

struct FlagInfo {
  InstructionKind kind;
  std::string_view name;
  bool boolean;     // written without a value
  bool repeatable;  // may be given more than once
  std::string_view usage;
  std::string_view summary;
};

constexpr FlagInfo kFlags[] = {
    {InstructionKind::From, "platform", false, false, "--platform=PLATFORM",
     "Platform of the base image, such as linux/amd64"},
    {InstructionKind::Run, "mount", false, true,
     "--mount=type=TYPE,OPTION=VALUE",
     "Mount a build context folder, a stage, a cache, a tmpfs, a secret or "
     "an SSH agent socket while the command runs"},
    {InstructionKind::Run, "network", false, false, "--network=TYPE",
     "Network of the command: default, none or host"},
    {InstructionKind::Run, "security", false, false, "--security=MODE",
     "sandbox (the default) or insecure, which needs the security.insecure "
     "entitlement"},
    {InstructionKind::Copy, "from", false, false, "--from=STAGE",
     "Copy from a build stage, an image or a named context instead of the "
     "build context"},
    {InstructionKind::Copy, "chown", false, false, "--chown=USER:GROUP",
     "Owner of the copied files"},
    {InstructionKind::Copy, "chmod", false, false, "--chmod=MODE",
     "Permissions of the copied files, in octal or symbolic notation"},
    {InstructionKind::Copy, "link", true, false, "--link",
     "Copy into a layer of its own that does not depend on the layers "
     "before it"},
    {InstructionKind::Copy, "parents", true, false, "--parents",
     "Keep the parent folders of each source"},
    {InstructionKind::Copy, "exclude", false, true, "--exclude=PATTERN",
     "Leave out the paths that match a pattern"},
    {InstructionKind::Add, "keep-git-dir", true, false, "--keep-git-dir",
     "Keep the .git folder of a Git repository source"},
    {InstructionKind::Add, "checksum", false, false, "--checksum=DIGEST",
     "Verify a remote source: sha256:<hash> for HTTP, a commit for Git"},
    {InstructionKind::Add, "chown", false, false, "--chown=USER:GROUP",
     "Owner of the added files"},
    {InstructionKind::Add, "chmod", false, false, "--chmod=MODE",
     "Permissions of the added files, in octal or symbolic notation"},
    {InstructionKind::Add, "link", true, false, "--link",
     "Add into a layer of its own that does not depend on the layers "
     "before it"},
    {InstructionKind::Add, "unpack", true, false, "--unpack",
     "Whether to unpack tar archives; local ones are unpacked by default"},
    {InstructionKind::Add, "exclude", false, true, "--exclude=PATTERN",
     "Leave out the paths that match a pattern"},
    {InstructionKind::Healthcheck, "interval", false, false,
     "--interval=DURATION", "Time between checks (default 30s)"},
    {InstructionKind::Healthcheck, "timeout", false, false,
     "--timeout=DURATION", "Time after which a check fails (default 30s)"},
    {InstructionKind::Healthcheck, "start-period", false, false,
     "--start-period=DURATION",
     "Start-up time in which failures do not count (default 0s)"},
    {InstructionKind::Healthcheck, "start-interval", false, false,
     "--start-interval=DURATION",
     "Time between checks during the start period (default 5s)"},
    {InstructionKind::Healthcheck, "retries", false, false, "--retries=N",
     "Failures in a row that make the container unhealthy (default 3)"},
};

struct Value {
  std::string_view name;
  std::string_view summary;
};

constexpr Value kNetworks[] = {
    {"default", "The build's default network"},
    {"none", "No network access"},
    {"host", "The host's network; needs the network.host entitlement"},
};
constexpr Value kSecurityModes[] = {
    {"sandbox", "The default sandbox"},
    {"insecure", "No sandbox, as docker run --privileged"},
};
// FROM --platform: the platform ARGs BuildKit sets, and common platforms.
constexpr Value kPlatforms[] = {
    {"$BUILDPLATFORM", "The platform of the machine that builds"},
    {"$TARGETPLATFORM", "The platform the build is for"},
    {"linux/amd64", ""},
    {"linux/arm64", ""},
    {"linux/arm/v7", ""},
};
constexpr Value kBooleans[] = {{"true", ""}, {"false", ""}};
constexpr Value kMountTypes[] = {
    {"bind", "A read-only folder of the build context or a stage (default)"},
    {"cache", "A cache folder kept between builds"},
    {"tmpfs", "A tmpfs"},
    {"secret", "A secret, as a file or an environment variable"},
    {"ssh", "An SSH agent socket"},
};
constexpr Value kSharingModes[] = {
    {"shared", "Writers use the cache at the same time (default)"},
    {"private", "Each writer gets its own cache"},
    {"locked", "A second writer waits for the first"},
};

// RUN --mount options by type. The aliases dst and destination of target
// and readwrite and readonly are left out.
struct MountOption {
  std::string_view name;
  std::string_view types;  // the mount types that take it, ' '-separated
  bool boolean;
};

constexpr MountOption kMountOptions[] = {
    {"type", "bind cache tmpfs secret ssh", false},
    {"target", "bind cache tmpfs secret ssh", false},
    {"source", "bind cache", false},
    {"from", "bind cache", false},
    {"rw", "bind", true},
    {"id", "cache secret ssh", false},
    {"ro", "cache", true},
    {"sharing", "cache", false},
    {"mode", "cache secret ssh", false},
    {"uid", "cache secret ssh", false},
    {"gid", "cache secret ssh", false},
    {"size", "tmpfs", false},
    {"env", "secret", false},
    {"required", "secret ssh", false},
};

bool isLower(std::string_view word) {
  return std::none_of(word.begin(), word.end(), [](char c) {
    return std::isupper(static_cast<unsigned char>(c));
  });
}

std::string lowered(std::string_view word) {
  std::string out(word);
  for (char &c : out) c = static_cast<char>(std::tolower(c));
  return out;
}

// BuildKit's ConsistentInstructionCasing takes the casing most keywords
// use. The first 100 instructions decide, so a request costs the same in
// any file size.
bool lowerCaseFile(const ParsedFile &file) {
  int lower = 0, upper = 0;
  size_t count = std::min<size_t>(file.instructions.size(), 100);
  for (size_t i = 0; i < count; ++i) {
    const std::string &keyword = file.instructions[i].keyword;
    if (isLower(keyword))
      ++lower;
    else if (std::none_of(keyword.begin(), keyword.end(), [](char c) {
               return std::islower(static_cast<unsigned char>(c));
             }))
      ++upper;
  }
  return lower > upper;
}

void addValues(const Value *begin, const Value *end, Range range,
               std::string_view detail, CompletionList &out) {
  for (const Value *value = begin; value != end; ++value) {
    CompletionItem item;
    item.label = value->name;
    item.kind = CompletionKind::Value;
    item.detail = detail;
    item.documentation = value->summary;
    item.range = range;
    item.newText = value->name;
    out.items.push_back(std::move(item));
  }
}

template <size_t N>
void addValues(const Value (&values)[N], Range range, std::string_view detail,
               CompletionList &out) {
  addValues(values, values + N, range, detail, out);
}

bool typeTakes(const MountOption &option, std::string_view type) {
  size_t at = option.types.find(type);
  if (at == std::string_view::npos) return false;
  size_t end = at + type.size();
  return (at == 0 || option.types[at - 1] == ' ') &&
         (end == option.types.size() || option.types[end] == ' ');
}

// The mount type of a --mount value and the options it already has.
std::string mountType(std::string_view value, std::vector<std::string> *keys) {
  std::string type = "bind";
  size_t start = 0;
  while (start <= value.size()) {
    size_t comma = std::min(value.find(',', start), value.size());
    std::string_view item = value.substr(start, comma - start);
    std::string_view key = item.substr(0, item.find('='));
    keys->emplace_back(key);
    if (key == "type" && key.size() < item.size())
      type = item.substr(key.size() + 1);
    start = comma + 1;
  }
  return type;
}

// RUN --mount: the option names for the mount type, or the values of the
// option being typed.
void addMountItems(const Cursor &cursor, size_t valueStart,
                   CompletionList &out) {
  std::string_view line = cursor.line;
  size_t column = cursor.position.column;
  size_t itemStart = valueStart;
  for (size_t i = valueStart; i < column; ++i)
    if (line[i] == ',') itemStart = i + 1;
  std::string_view item = cursor.text(itemStart, column);

  size_t equals = item.find('=');
  if (equals != std::string_view::npos) {
    std::string_view key = item.substr(0, equals);
    size_t start = itemStart + equals + 1;
    Range range = cursor.span(start, wordEnd(line, start, ","));
    if (key == "type") addValues(kMountTypes, range, "mount type", out);
    if (key == "sharing") addValues(kSharingModes, range, "sharing", out);
    if (key == "required") addValues(kBooleans, range, "required", out);
    if (key == "from") addStages(cursor, cursor.stage(), range, out);
    return;
  }

  std::vector<std::string> present;
  std::string type = mountType(
      cursor.text(valueStart, wordEnd(line, valueStart, "")), &present);
  size_t keyEnd = wordEnd(line, column, ",=");
  bool valueFollows = keyEnd < line.size() && line[keyEnd] == '=';
  std::string typed(item);
  for (const MountOption &option : kMountOptions) {
    if (!typeTakes(option, type)) continue;
    // The option being typed is in `present` too, so it is only skipped
    // when it is there twice.
    auto count = std::count(present.begin(), present.end(), option.name);
    if (count > (option.name == typed ? 1 : 0)) continue;
    CompletionItem entry;
    entry.label = option.name;
    entry.kind = CompletionKind::Flag;
    entry.detail = "type=" + type + " mount option";
    entry.range = cursor.span(itemStart, keyEnd);
    entry.newText = std::string(option.name);
    if (!option.boolean && !valueFollows) entry.newText += '=';
    out.items.push_back(std::move(entry));
  }
}

}  // namespace

void addKeywords(const Cursor &cursor, Range range, bool onbuildTrigger,
                 bool bare, CompletionList &out) {
  bool lower = lowerCaseFile(cursor.file);
  for (const KeywordInfo &info : kKeywords) {
    // ONBUILD may not trigger ONBUILD, FROM or MAINTAINER.
    if (onbuildTrigger && (info.kind == InstructionKind::Onbuild ||
                           info.kind == InstructionKind::From ||
                           info.kind == InstructionKind::Maintainer))
      continue;
    std::string keyword(keywordOf(info.kind));
    if (lower) keyword = lowered(keyword);
    CompletionItem item;
    item.label = keyword;
    item.kind = CompletionKind::Keyword;
    item.detail = info.summary;
    item.range = range;
    item.newText = keyword;
    if (bare) item.newText += ' ';
    if (bare) item.snippet = fmt::format("{} {}", keyword, info.arguments);
    // Deprecated, so it sorts last. g++ 12 reports a false -Wrestrict for
    // assigning the literal "~", hence push_back; use = with a newer g++.
    if (info.kind == InstructionKind::Maintainer) item.sortText.push_back('~');
    out.items.push_back(std::move(item));
  }
}

void addFlags(const Instruction &instruction, Range range, bool valueFollows,
              CompletionList &out) {
  for (const FlagInfo &info : kFlags) {
    if (info.kind != instruction.kind) continue;
    bool alreadySet = std::any_of(
        instruction.flags.begin(), instruction.flags.end(),
        [&](const Flag &flag) {
          return flag.name == info.name && flag.range.start != range.start;
        });
    if (alreadySet && !info.repeatable) continue;
    CompletionItem item;
    item.label = "--" + std::string(info.name);
    item.kind = CompletionKind::Flag;
    item.detail = info.usage;
    item.documentation = info.summary;
    item.range = range;
    item.newText = item.label;
    if (!info.boolean && !valueFollows) item.newText += '=';
    out.items.push_back(std::move(item));
  }
}

void addFlagValues(const Cursor &cursor, const Instruction &instruction,
                   std::string_view flag, size_t valueStart,
                   CompletionList &out) {
  Range range = cursor.span(valueStart, wordEnd(cursor.line, valueStart, ""));
  InstructionKind kind = instruction.kind;
  if (kind == InstructionKind::Run && flag == "mount") {
    addMountItems(cursor, valueStart, out);
  } else if (kind == InstructionKind::Run && flag == "network") {
    addValues(kNetworks, range, "network", out);
  } else if (kind == InstructionKind::Run && flag == "security") {
    addValues(kSecurityModes, range, "security mode", out);
  } else if (kind == InstructionKind::From && flag == "platform") {
    addValues(kPlatforms, range, "platform", out);
  } else if (kind == InstructionKind::Copy && flag == "from") {
    addStages(cursor, cursor.stage(), range, out);
  } else {
    for (const FlagInfo &info : kFlags)
      if (info.kind == kind && info.name == flag && info.boolean)
        addValues(kBooleans, range, info.usage, out);
  }
}

void addArgumentKeyword(const Instruction &instruction, Range range,
                        CompletionList &out) {
  bool lower = isLower(instruction.keyword);
  auto add = [&](std::string_view keyword, std::string_view summary) {
    CompletionItem item;
    item.label = lower ? lowered(keyword) : std::string(keyword);
    item.kind = CompletionKind::Keyword;
    item.detail = summary;
    item.range = range;
    item.newText = item.label;
    out.items.push_back(std::move(item));
  };
  if (instruction.kind == InstructionKind::From) {
    add("AS", "Name the stage");
  } else if (instruction.kind == InstructionKind::Healthcheck) {
    add("CMD", "The command that checks the container's health");
    add("NONE", "Disable the health check of the base image");
  }
}

}  // namespace dockpath::completion
