// Builder flags such as COPY --from=build. BuildKit reads them in
// extractBuilderFlags (frontend/dockerfile/parser/split_command.go) and
// checks them per instruction with BFlags (the instructions package).
#include <algorithm>
#include <string>

#include "dockpath/syntax/parse_detail.h"

namespace dockpath::detail {
namespace {

// Value kind of a flag in BFlags. A string needs a value, a boolean takes
// none or true/false, and a list may be given more than once.
enum class FlagType { String, Bool, List };

struct FlagSpec {
  std::string_view name;
  FlagType type;
};

using Specs = std::vector<FlagSpec>;

// The flags of BuildKit's Dockerfile frontend 1.x. Keep in sync when
// BuildKit adds one, or users get a false "unknown flag" error.
// NOTE: --device, --unpack and --start-interval come from the frontend's
// documentation as remembered, not from a checked BuildKit release.
const Specs &specsFor(InstructionKind kind) {
  static const Specs none;
  static const Specs from{{"platform", FlagType::String}};
  static const Specs run{{"mount", FlagType::List},
                         {"network", FlagType::String},
                         {"security", FlagType::String},
                         {"device", FlagType::List}};
  static const Specs copy{
      {"from", FlagType::String},  {"chown", FlagType::String},
      {"chmod", FlagType::String}, {"link", FlagType::Bool},
      {"parents", FlagType::Bool}, {"exclude", FlagType::List}};
  static const Specs add{
      {"chown", FlagType::String},    {"chmod", FlagType::String},
      {"link", FlagType::Bool},       {"keep-git-dir", FlagType::Bool},
      {"checksum", FlagType::String}, {"exclude", FlagType::List},
      {"unpack", FlagType::Bool}};
  static const Specs healthcheck{{"interval", FlagType::String},
                                 {"timeout", FlagType::String},
                                 {"start-period", FlagType::String},
                                 {"start-interval", FlagType::String},
                                 {"retries", FlagType::String}};
  switch (kind) {
    case InstructionKind::From:
      return from;
    case InstructionKind::Run:
      return run;
    case InstructionKind::Copy:
      return copy;
    case InstructionKind::Add:
      return add;
    case InstructionKind::Healthcheck:
      return healthcheck;
    default:
      return none;
  }
}

// Quote removal as extractBuilderFlags does it: both quote kinds group,
// and a backslash (not the escape directive's character) protects the
// next byte.
std::string unquoteFlagText(std::string_view raw) {
  std::string out;
  char quote = 0;
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (quote == 0 && (c == '\'' || c == '"')) {
      quote = c;
    } else if (quote != 0 && c == quote) {
      quote = 0;
    } else if (c == '\\') {
      if (i + 1 < raw.size()) out += raw[++i];
    } else {
      out += c;
    }
  }
  return out;
}

size_t scanFlagWord(std::string_view text, size_t pos, size_t end) {
  char quote = 0;
  while (pos < end) {
    char c = text[pos];
    if (quote == 0 && isAsciiSpace(c)) break;
    if (quote == 0 && (c == '\'' || c == '"')) {
      quote = c;
    } else if (quote != 0 && c == quote) {
      quote = 0;
    } else if (c == '\\' && pos + 1 < end) {
      ++pos;
    }
    ++pos;
  }
  return pos;
}

Flag makeFlag(const LogicalLine &line, size_t begin, size_t end) {
  std::string_view text = line.text;
  std::string_view raw = text.substr(begin, end - begin);
  size_t equals = raw.find('=');
  size_t nameEnd = equals == std::string_view::npos ? end : begin + equals;

  Flag flag;
  flag.name = unquoteFlagText(text.substr(begin + 2, nameEnd - begin - 2));
  flag.range = line.rangeOf(begin, end);
  flag.nameRange = line.rangeOf(begin + 2, nameEnd);
  if (equals == std::string_view::npos) {
    Position at = flag.nameRange.end;
    flag.valueRange = {at, at};
  } else {
    flag.value = unquoteFlagText(text.substr(nameEnd + 1, end - nameEnd - 1));
    flag.valueRange = line.rangeOf(nameEnd + 1, end);
  }
  return flag;
}

std::string listOf(const Specs &specs) {
  std::string out;
  for (const FlagSpec &spec : specs) {
    if (!out.empty()) out += ", ";
    out += "--";
    out += spec.name;
  }
  return out;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char &c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

void checkValue(const Flag &flag, const FlagSpec &spec,
                std::vector<Diagnostic> &errors) {
  if (spec.type == FlagType::Bool) {
    std::string value = lower(flag.value.value_or(""));
    if (value.empty() || value == "true" || value == "false") return;
    errors.push_back(
        syntaxError(flag.valueRange, "invalid value '" + *flag.value +
                                         "' for flag --" + flag.name +
                                         ": use true or false, or leave out "
                                         "'=' and the value"));
    return;
  }
  if (!flag.value) {
    errors.push_back(syntaxError(
        flag.range, "flag --" + flag.name + " is missing a value: write --" +
                        flag.name + "=VALUE"));
  }
}

}  // namespace

size_t extractFlags(const LogicalLine &line, size_t begin, size_t end,
                    std::vector<Flag> &flags) {
  std::string_view text = line.text;
  size_t pos = begin;
  while (true) {
    while (pos < end && isAsciiSpace(text[pos])) ++pos;
    if (pos + 1 >= end || text[pos] != '-' || text[pos + 1] != '-') {
      return pos;
    }
    size_t wordEnd = scanFlagWord(text, pos, end);
    // A bare "--" ends the flags (BuildKit's extractBuilderFlags).
    if (wordEnd == pos + 2) return wordEnd;
    flags.push_back(makeFlag(line, pos, wordEnd));
    pos = wordEnd;
  }
}

void checkFlags(const Instruction &instruction,
                std::vector<Diagnostic> &errors) {
  const Specs &specs = specsFor(instruction.kind);
  std::string keyword(keywordOf(instruction.kind));
  std::vector<std::string_view> seen;
  for (const Flag &flag : instruction.flags) {
    if (flag.name.empty()) {
      errors.push_back(syntaxError(
          flag.range, "flag name is missing after '--': write --name=value"));
      continue;
    }
    auto spec =
        std::find_if(specs.begin(), specs.end(),
                     [&](const FlagSpec &s) { return s.name == flag.name; });
    if (spec == specs.end()) {
      std::string message = "unknown flag --" + flag.name + " for " + keyword;
      message += specs.empty() ? ": " + keyword + " takes no flags"
                               : ": expected one of " + listOf(specs);
      errors.push_back(syntaxError(flag.range, message));
      continue;
    }
    if (spec->type != FlagType::List &&
        std::find(seen.begin(), seen.end(), spec->name) != seen.end()) {
      errors.push_back(syntaxError(
          flag.range, "flag --" + flag.name + " is given more than once in " +
                          keyword + ": keep one"));
      continue;
    }
    seen.push_back(spec->name);
    checkValue(flag, *spec, errors);
  }
}

}  // namespace dockpath::detail
