// Arguments of the command instructions (RUN, CMD, ENTRYPOINT, SHELL,
// COPY, ADD, VOLUME), FROM, HEALTHCHECK and ONBUILD.
#include <cctype>

#include "dockpath/syntax/parse_detail.h"

namespace dockpath::detail {
namespace {

std::string upper(std::string_view text) {
  std::string out(text);
  for (char &c : out) c = static_cast<char>(std::toupper(c));
  return out;
}

bool isHeredocWord(std::string_view word) {
  size_t pos = 0;
  while (pos < word.size() &&
         std::isdigit(static_cast<unsigned char>(word[pos]))) {
    ++pos;
  }
  return word.substr(pos, 2) == "<<" && word.size() > pos + 2;
}

void checkCommandLine(const ArgumentContext &context) {
  Instruction &instruction = context.instruction;
  std::string keyword(keywordOf(instruction.kind));
  switch (instruction.kind) {
    case InstructionKind::Shell:
      if (instruction.args.empty()) {
        context.error(instruction.keywordRange,
                      "SHELL requires at least one argument, as in "
                      "SHELL [\"/bin/sh\", \"-c\"]");
      } else if (!instruction.execForm) {
        context.error(instruction.argRange,
                      "SHELL requires the JSON exec form, as in "
                      "SHELL [\"/bin/bash\", \"-c\"]");
      }
      break;
    case InstructionKind::Copy:
    case InstructionKind::Add:
      if (instruction.args.size() < 2) {
        Range at = instruction.args.empty() ? instruction.keywordRange
                                            : instruction.argRange;
        context.error(at, keyword +
                              " requires at least two arguments, one or more "
                              "sources and a destination, as in " +
                              keyword + " src /dest/");
      } else if (!instruction.execForm &&
                 isHeredocWord(instruction.args.back().text)) {
        context.error(instruction.args.back().range,
                      keyword +
                          " cannot use a heredoc as the destination: "
                          "put the destination path last");
      }
      break;
    case InstructionKind::Volume:
      if (instruction.args.empty()) {
        context.error(instruction.keywordRange,
                      "VOLUME requires at least one argument, as in "
                      "VOLUME /data");
      }
      for (const Word &word : instruction.args) {
        if (instruction.execForm && word.value.empty()) {
          context.error(word.range, "VOLUME paths must not be empty");
        }
      }
      break;
    default:
      break;
  }
}

}  // namespace

void parseCommandLine(const ArgumentContext &context, size_t from) {
  Instruction &instruction = context.instruction;
  std::string_view text = context.text().substr(from);
  std::optional<JsonArray> json;
  if (!text.empty() && text[0] == '[') json = parseJsonArray(text);
  if (json && !json->nonStringAt) {
    instruction.execForm = true;
    for (const JsonItem &item : json->items) {
      Word word = context.word(from + item.begin, from + item.end);
      word.value = item.value;
      instruction.args.push_back(std::move(word));
    }
  } else {
    // BuildKit rejects a JSON array with a non-string item instead of
    // running it as a shell command.
    if (json) {
      size_t at = from + *json->nonStringAt;
      context.error(context.range(at, at + 1),
                    "exec form items must be JSON strings: quote the item, "
                    "as in [\"sleep\", \"10\"]");
    }
    for (WordSpan span : splitWords(text, context.escape)) {
      instruction.args.push_back(
          context.word(from + span.begin, from + span.end));
    }
  }
  checkCommandLine(context);
}

namespace {

// BuildKit's rule for stage names, ^[a-z][a-z0-9-_\.]*$ after lower-casing
// (instructions/parse.go).
bool isValidStageName(std::string_view name) {
  auto lowerAt = [&](size_t i) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(name[i])));
  };
  if (name.empty() || lowerAt(0) < 'a' || lowerAt(0) > 'z') return false;
  for (size_t i = 1; i < name.size(); ++i) {
    char c = lowerAt(i);
    if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '-' &&
        c != '_' && c != '.')
      return false;
  }
  return true;
}

}  // namespace

void parseFrom(const ArgumentContext &context) {
  Instruction &instruction = context.instruction;
  for (WordSpan span : splitWords(context.text(), context.escape)) {
    instruction.args.push_back(context.word(span.begin, span.end));
  }
  const std::vector<Word> &args = instruction.args;
  if (args.empty()) {
    context.error(instruction.keywordRange,
                  "FROM requires an image name, as in FROM alpine:3.20");
    return;
  }
  if (args.size() == 3 && upper(args[1].text) == "AS") {
    if (!isValidStageName(args[2].text)) {
      context.error(args[2].range,
                    "invalid stage name '" + args[2].text +
                        "': start with a letter and use only letters, "
                        "digits, '-', '_' and '.'");
    }
    return;
  }
  if (args.size() != 1) {
    context.error(instruction.argRange,
                  "FROM takes an image and an optional 'AS name', as in "
                  "FROM golang:1.22 AS build; found " +
                      std::to_string(args.size()) + " arguments");
  }
}

void parseHealthcheck(const ArgumentContext &context) {
  Instruction &instruction = context.instruction;
  std::string_view text = context.text();
  if (text.empty()) {
    context.error(instruction.keywordRange,
                  "HEALTHCHECK requires an argument: CMD followed by a "
                  "command, or NONE");
    return;
  }
  size_t typeEnd = 0;
  while (typeEnd < text.size() && spaceWidth(text, typeEnd) == 0) ++typeEnd;
  size_t commandBegin = skipSpace(text, typeEnd);
  instruction.args.push_back(context.word(0, typeEnd));
  std::string type = upper(text.substr(0, typeEnd));
  if (type == "NONE") {
    if (commandBegin < text.size()) {
      context.error(context.range(commandBegin, text.size()),
                    "HEALTHCHECK NONE takes no arguments: remove them");
    }
    for (WordSpan span :
         splitWords(text.substr(commandBegin), context.escape)) {
      instruction.args.push_back(
          context.word(commandBegin + span.begin, commandBegin + span.end));
    }
    return;
  }
  parseCommandLine(context, commandBegin);
  if (type != "CMD") {
    context.error(instruction.args[0].range,
                  "unknown HEALTHCHECK type '" + instruction.args[0].text +
                      "': use CMD followed by a command, or NONE");
  } else if (instruction.args.size() < 2) {
    context.error(instruction.args[0].range,
                  "HEALTHCHECK CMD is missing a command, as in "
                  "HEALTHCHECK CMD curl -f http://localhost/");
  }
}

void parseOnbuild(const ArgumentContext &context) {
  Instruction &instruction = context.instruction;
  if (context.text().empty()) {
    context.error(instruction.keywordRange,
                  "ONBUILD requires an instruction, as in "
                  "ONBUILD COPY . /app");
    return;
  }
  auto trigger = std::make_shared<Instruction>(parseInstruction(
      context.line, context.begin, context.escape, context.errors));
  std::string keyword = upper(trigger->keyword);
  if (trigger->kind == InstructionKind::Onbuild) {
    context.error(trigger->keywordRange,
                  "ONBUILD ONBUILD is not allowed: give the trigger "
                  "instruction directly");
  } else if (trigger->kind == InstructionKind::From ||
             trigger->kind == InstructionKind::Maintainer) {
    context.error(trigger->keywordRange,
                  keyword + " is not allowed as an ONBUILD trigger");
  }
  instruction.trigger = std::move(trigger);
}

}  // namespace dockpath::detail
