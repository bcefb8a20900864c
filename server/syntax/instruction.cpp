// One instruction: keyword, flags, then the arguments by kind, with the
// argument counts that BuildKit requires (its instructions package,
// parse.go).
#include <algorithm>
#include <array>

#include "dockpath/syntax/parse_detail.h"

namespace dockpath::detail {
namespace {

size_t editDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      bool same = std::toupper(static_cast<unsigned char>(a[i - 1])) ==
                  static_cast<unsigned char>(b[j - 1]);
      row[j] =
          std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string unknownInstructionMessage(std::string_view keyword) {
  std::string message = "unknown instruction '" + std::string(keyword) + "'";
  std::string_view best;
  size_t bestDistance = 3;  // suggest only close misspellings
  for (int k = 1; k <= static_cast<int>(InstructionKind::Workdir); ++k) {
    std::string_view candidate = keywordOf(static_cast<InstructionKind>(k));
    size_t distance = editDistance(keyword, candidate);
    if (distance < bestDistance && keyword.size() < 64) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (!best.empty())
    return message + ": did you mean " + std::string(best) + "?";
  return message +
         ": an instruction starts with a keyword such as FROM, RUN or COPY";
}

// End of text[from..] without trailing white space.
size_t trimmedEnd(std::string_view text, size_t from) {
  size_t end = from;
  size_t pos = from;
  while (pos < text.size()) {
    size_t width = spaceWidth(text, pos);
    if (width == 0) {
      ++pos;
      end = pos;
    } else {
      pos += width;
    }
  }
  return end;
}

void setSegments(Instruction &instruction, const LogicalLine &line,
                 size_t begin) {
  instruction.segments.push_back({0, line.positionAt(begin)});
  for (const TextSegment &segment : line.segments) {
    if (segment.offset <= begin) continue;
    if (segment.offset >= begin + instruction.argText.size()) break;
    instruction.segments.push_back(
        {static_cast<uint32_t>(segment.offset - begin), segment.start});
  }
}

void requireWords(const ArgumentContext &context, std::string_view usage) {
  Instruction &instruction = context.instruction;
  for (WordSpan span : splitWords(context.text(), context.escape)) {
    instruction.args.push_back(context.word(span.begin, span.end));
  }
  if (!instruction.args.empty()) return;
  std::string keyword(keywordOf(instruction.kind));
  context.error(instruction.keywordRange,
                keyword + " requires " + std::string(usage));
}

void parseArguments(const ArgumentContext &context) {
  Instruction &instruction = context.instruction;
  switch (instruction.kind) {
    case InstructionKind::Env:
    case InstructionKind::Label:
      parseKeyValues(context);
      break;
    case InstructionKind::Arg:
      parseArgItems(context);
      break;
    case InstructionKind::Run:
    case InstructionKind::Cmd:
    case InstructionKind::Entrypoint:
    case InstructionKind::Shell:
    case InstructionKind::Copy:
    case InstructionKind::Add:
    case InstructionKind::Volume:
      parseCommandLine(context, 0);
      break;
    case InstructionKind::From:
      parseFrom(context);
      break;
    case InstructionKind::Healthcheck:
      parseHealthcheck(context);
      break;
    case InstructionKind::Onbuild:
      parseOnbuild(context);
      break;
    case InstructionKind::Expose:
      requireWords(context, "at least one port, as in EXPOSE 8080/tcp");
      break;
    case InstructionKind::Maintainer:
      requireWords(context, "exactly one argument, the maintainer's name");
      break;
    case InstructionKind::User:
      requireWords(context, "exactly one argument, as in USER app:app");
      break;
    case InstructionKind::Workdir:
      requireWords(context, "exactly one argument, as in WORKDIR /app");
      break;
    case InstructionKind::Stopsignal:
      requireWords(context, "exactly one argument, as in STOPSIGNAL SIGTERM");
      break;
    case InstructionKind::Unknown:
      for (WordSpan span : splitWords(context.text(), context.escape)) {
        instruction.args.push_back(context.word(span.begin, span.end));
      }
      context.error(instruction.keywordRange,
                    unknownInstructionMessage(instruction.keyword));
      break;
  }
}

bool isHealthcheckNone(const Instruction &instruction) {
  if (instruction.kind != InstructionKind::Healthcheck) return false;
  if (instruction.args.empty()) return false;
  std::string type = instruction.args[0].text;
  for (char &c : type) c = static_cast<char>(std::toupper(c));
  return type == "NONE";
}

}  // namespace

Word ArgumentContext::word(size_t from, size_t to) const {
  Word w;
  w.text = std::string(text().substr(from, to - from));
  w.value = unquoteWord(w.text, escape);
  w.range = range(from, to);
  return w;
}

void ArgumentContext::error(Range at, std::string message) const {
  errors.push_back(syntaxError(at, std::move(message)));
}

Instruction parseInstruction(const LogicalLine &line, size_t begin, char escape,
                             std::vector<Diagnostic> &errors) {
  std::string_view text = line.text;
  Instruction instruction;
  size_t keywordEnd = begin;
  while (keywordEnd < text.size() && !isAsciiSpace(text[keywordEnd])) {
    ++keywordEnd;
  }
  instruction.keyword = std::string(text.substr(begin, keywordEnd - begin));
  instruction.kind = kindOf(instruction.keyword);
  instruction.keywordRange = line.rangeOf(begin, keywordEnd);
  instruction.range = {instruction.keywordRange.start, line.end};

  size_t end = trimmedEnd(text, keywordEnd);
  size_t argsBegin = extractFlags(line, keywordEnd, end, instruction.flags);
  while (argsBegin < end && isAsciiSpace(text[argsBegin])) ++argsBegin;
  argsBegin = std::min(argsBegin, end);
  instruction.argText = std::string(text.substr(argsBegin, end - argsBegin));
  instruction.argRange = line.rangeOf(argsBegin, end);
  setSegments(instruction, line, argsBegin);

  ArgumentContext context{line, argsBegin, end, escape, instruction, errors};
  parseArguments(context);
  bool checked = instruction.kind != InstructionKind::Unknown &&
                 !isHealthcheckNone(instruction);
  if (checked) checkFlags(instruction, errors);
  // The lists grew by doubling, and a document keeps thousands of
  // instructions, so their spare capacity adds up.
  instruction.flags.shrink_to_fit();
  instruction.segments.shrink_to_fit();
  instruction.args.shrink_to_fit();
  instruction.pairs.shrink_to_fit();
  return instruction;
}

}  // namespace dockpath::detail
