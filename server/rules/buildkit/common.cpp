#include "common.h"

#include <algorithm>
#include <cctype>

namespace dockpath::rules::buildkit {

std::string toLower(std::string_view text) {
  std::string out(text);
  for (char &c : out) c = static_cast<char>(std::tolower((unsigned char)c));
  return out;
}

std::string toUpper(std::string_view text) {
  std::string out(text);
  for (char &c : out) c = static_cast<char>(std::toupper((unsigned char)c));
  return out;
}

bool isLowerCase(std::string_view text) {
  return std::none_of(text.begin(), text.end(), [](char c) {
    return std::isupper(static_cast<unsigned char>(c));
  });
}

bool isUpperCase(std::string_view text) {
  return std::none_of(text.begin(), text.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c));
  });
}

namespace {

Range clampedSubRange(Range whole, size_t textSize, size_t offset,
                      size_t length) {
  bool oneLine = whole.start.line == whole.end.line;
  if (!oneLine || whole.end.column - whole.start.column != textSize ||
      offset + length > textSize)
    return whole;
  Position start{whole.start.line,
                 whole.start.column + static_cast<uint32_t>(offset)};
  Position end{start.line, start.column + static_cast<uint32_t>(length)};
  return {start, end};
}

size_t levenshtein(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

Range subRange(const Word &word, size_t offset, size_t length) {
  return clampedSubRange(word.range, word.text.size(), offset, length);
}

Range flagValueSubRange(const Flag &flag, size_t offset, size_t length) {
  size_t size = flag.value ? flag.value->size() : 0;
  return clampedSubRange(flag.valueRange, size, offset, length);
}

Range heredocRange(const TextDocument &text, const Heredoc &heredoc,
                   size_t offset, size_t length) {
  std::string_view body = heredoc.body;
  offset = std::min(offset, body.size());
  size_t lineStart = body.rfind('\n', offset == 0 ? 0 : offset - 1);
  lineStart =
      lineStart == std::string_view::npos || offset == 0 ? 0 : lineStart + 1;
  uint32_t line = heredoc.bodyRange.start.line +
                  static_cast<uint32_t>(
                      std::count(body.begin(), body.begin() + lineStart, '\n'));
  if (line >= text.lineCount()) return heredoc.markerRange;
  // "<<-" removed the line's leading tabs from the body.
  std::string_view docLine = text.line(line);
  size_t tabs = heredoc.stripTabs
                    ? std::min(docLine.find_first_not_of('\t'), docLine.size())
                    : 0;
  uint32_t column = static_cast<uint32_t>(tabs + offset - lineStart);
  return {{line, column}, {line, column + static_cast<uint32_t>(length)}};
}

std::string suggestName(std::string_view name,
                        const std::vector<std::string> &options) {
  std::string match;
  size_t best = 3;  // util/suggest/error.go: "same as hcl"
  for (const std::string &option : options) {
    if (option == name) return "";
    size_t distance = levenshtein(name, option);
    if (distance < best) {
      best = distance;
      match = option;
    }
  }
  return match;
}

const std::vector<std::pair<std::string, std::string>> &automaticArgs() {
  // Dockerfile reference, "Automatic platform ARGs in the global scope".
  // NOTE: the values stand for a linux/amd64 builder; BuildKit takes them
  // from the builder and --platform.
  static const std::vector<std::pair<std::string, std::string>> args = {
      {"TARGETPLATFORM", "linux/amd64"},
      {"TARGETOS", "linux"},
      {"TARGETARCH", "amd64"},
      {"TARGETVARIANT", ""},
      {"BUILDPLATFORM", "linux/amd64"},
      {"BUILDOS", "linux"},
      {"BUILDARCH", "amd64"},
      {"BUILDVARIANT", ""},
  };
  return args;
}

bool inStage(const BuildModel &model, size_t instruction) {
  return instruction < model.stageOf.size() && model.stageOf[instruction] >= 0;
}

const Word *asKeywordWord(const Instruction &from) {
  if (from.kind != InstructionKind::From || from.args.size() < 3)
    return nullptr;
  return &from.args[1];
}

const Word *stageNameWord(const Instruction &from) {
  // BuildKit reads a name only from exactly "FROM image AS name"
  // (instructions/parse.go, isLowerCaseStageName).
  if (from.kind != InstructionKind::From || from.args.size() != 3 ||
      toLower(from.args[1].text) != "as")
    return nullptr;
  return &from.args[2];
}

}  // namespace dockpath::rules::buildkit
