// The line loop: comments, blank lines, continuation lines and heredoc
// bodies, as BuildKit's Parse reads them (frontend/dockerfile/parser,
// parser.go).
#include "dockpath/syntax/parser.h"

#include <algorithm>
#include <functional>

#include "dockpath/syntax/parse_detail.h"

namespace dockpath::detail {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

size_t firstColumn(const TextLines &lines, uint32_t line) {
  // BuildKit strips a UTF-8 byte order mark from the first line only.
  return line == 0 && lines[0].substr(0, 3) == kBom ? 3 : 0;
}

Comment makeComment(std::string_view content, uint32_t line, size_t hash) {
  Comment comment;
  size_t text = hash + 1;
  while (text < content.size() &&
         (content[text] == ' ' || content[text] == '\t')) {
    ++text;
  }
  comment.text = std::string(content.substr(text));
  comment.range = {{line, static_cast<uint32_t>(hash)},
                   {line, static_cast<uint32_t>(content.size())}};
  return comment;
}

void appendPiece(LogicalLine &logical, std::string_view content, uint32_t line,
                 size_t from, size_t to) {
  if (to > from) {
    logical.segments.push_back({static_cast<uint32_t>(logical.text.size()),
                                {line, static_cast<uint32_t>(from)}});
    logical.text.append(content.substr(from, to - from));
  }
  logical.end = {line, static_cast<uint32_t>(content.size())};
}

std::string joinBody(const std::vector<std::string_view> &lines) {
  std::string body;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) body += '\n';
    body.append(lines[i]);
  }
  return body;
}

// The hash of lines [first, end) of the document.
size_t hashLines(const TextLines &lines, uint32_t first, uint32_t end) {
  size_t hash = 0;
  for (uint32_t line = first; line < end && line < lines.size(); ++line)
    hash = hash * 31 + std::hash<std::string_view>{}(lines[line]);
  return hash;
}

}  // namespace

uint32_t BodyParser::run(uint32_t line,
                         const std::function<bool(uint32_t)> &stopBefore) {
  while (line < lines.size()) {
    if (stopBefore && stopBefore(line)) return line;
    line = parseAt(line);
  }
  return line;
}

uint32_t BodyParser::parseAt(uint32_t first) {
  std::string_view content = contentOf(lines[first]);
  size_t start = skipSpace(content, firstColumn(lines, first));
  ++visitedLines;
  if (start == content.size()) return first + 1;
  if (content[start] == '#') {
    comments.push_back(makeComment(content, first, start));
    return first + 1;
  }

  LogicalLine logical;
  logical.firstLine = first;
  std::optional<size_t> cut = continuationAt(content, start, escape);
  appendPiece(logical, content, first, start, cut.value_or(content.size()));
  uint32_t next = first + 1;
  // BuildKit skips blank lines and comment lines inside a continuation.
  while (cut && next < lines.size()) {
    std::string_view piece = contentOf(lines[next]);
    size_t text = skipSpace(piece, 0);
    ++visitedLines;
    if (text < piece.size() && piece[text] == '#') {
      comments.push_back(makeComment(piece, next, text));
    } else if (text < piece.size()) {
      cut = continuationAt(piece, 0, escape);
      appendPiece(logical, piece, next, 0, cut.value_or(piece.size()));
    }
    ++next;
  }
  logical.lastLine = next - 1;
  if (logical.segments.empty()) {
    logical.segments.push_back({0, {first, static_cast<uint32_t>(start)}});
  }

  size_t keyword = skipSpace(logical.text, 0);
  // A lone escape character joins lines without adding text.
  if (keyword == logical.text.size()) return next;
  Instruction instruction = parseInstruction(logical, keyword, escape, errors);
  if (canContainHeredoc(instruction)) {
    next = readHeredocs(instruction, logical, keyword, next);
  }
  instruction.sourceHash = hashLines(lines, first, next);
  instructions.push_back(std::move(instruction));
  return next;
}

uint32_t BodyParser::readHeredocs(Instruction &instruction,
                                  const LogicalLine &logical, size_t keyword,
                                  uint32_t next) {
  std::vector<Heredoc> heredocs = findHeredocMarkers(logical, keyword);
  const uint32_t lineCount = static_cast<uint32_t>(lines.size());
  for (Heredoc &heredoc : heredocs) {
    std::vector<std::string_view> body;
    bool bodyInDocument = next < lineCount;
    Position bodyStart =
        next < lineCount ? Position{next, 0} : instruction.range.end;
    heredoc.terminated = false;
    while (next < lineCount) {
      std::string_view content = contentOf(lines[next]);
      ++visitedLines;
      std::string_view candidate = content;
      if (heredoc.stripTabs) {
        candidate.remove_prefix(
            std::min(candidate.find_first_not_of('\t'), candidate.size()));
      }
      ++next;
      if (candidate == heredoc.delimiter) {
        heredoc.terminated = true;
        heredoc.bodyRange = {bodyStart,
                             {next - 1, static_cast<uint32_t>(content.size())}};
        break;
      }
      body.push_back(candidate);
    }
    if (!heredoc.terminated) {
      std::string_view last = contentOf(lines.back());
      Position end =
          bodyInDocument
              ? Position{lineCount - 1, static_cast<uint32_t>(last.size())}
              : bodyStart;
      heredoc.bodyRange = {bodyStart, end};
      errors.push_back(syntaxError(heredoc.markerRange,
                                   "unterminated heredoc: end it with a line "
                                   "that contains only " +
                                       heredoc.delimiter));
    }
    heredoc.body = joinBody(body);
    instruction.range.end = heredoc.bodyRange.end;
  }
  if (instruction.trigger) {
    auto trigger = std::make_shared<Instruction>(*instruction.trigger);
    trigger->heredocs = heredocs;
    trigger->range.end = instruction.range.end;
    instruction.trigger = std::move(trigger);
  }
  instruction.heredocs = std::move(heredocs);
  return next;
}

void sortErrors(std::vector<Diagnostic> &errors) {
  std::stable_sort(errors.begin(), errors.end(),
                   [](const Diagnostic &a, const Diagnostic &b) {
                     return a.range.start < b.range.start;
                   });
}

ParsedFile parseLines(const TextLines &lines, uint32_t &bodyStart,
                      size_t &visitedLines) {
  ParsedFile file;
  DirectiveBlock block = parseDirectives(lines, file.errors);
  file.directives = std::move(block.directives);
  file.escape = block.escape;
  bodyStart = block.bodyStart;

  BodyParser body{lines, file.escape};
  body.run(block.bodyStart, nullptr);
  file.instructions = std::move(body.instructions);
  file.comments = std::move(body.comments);
  // Edits splice into these vectors in place, so the spare capacity of
  // the full parse would stay for the document's lifetime.
  file.instructions.shrink_to_fit();
  file.comments.shrink_to_fit();
  file.errors.insert(file.errors.end(),
                     std::make_move_iterator(body.errors.begin()),
                     std::make_move_iterator(body.errors.end()));
  sortErrors(file.errors);
  visitedLines = block.bodyStart + body.visitedLines;
  return file;
}

}  // namespace dockpath::detail

namespace dockpath {

ParsedFile parse(const TextDocument &document) {
  uint32_t bodyStart = 0;
  size_t visited = 0;
  return detail::parseLines(document.lines(), bodyStart, visited);
}

// BuildKit: parser.Parse fails on a file with no instructions,
// instructions.Parse on a command before any stage (CurrentStage: "no
// build stage in current context"), and dockerfile2llb on a file whose
// only instructions are ARGs ("dockerfile contains no stages to build").
std::vector<Diagnostic> structureErrors(const ParsedFile &file) {
  std::vector<Diagnostic> errors;
  if (file.instructions.empty()) {
    errors.push_back(detail::syntaxError(
        {{0, 0}, {0, 0}},
        "the Dockerfile has no instructions: start it with FROM, as in "
        "FROM alpine:3.20"));
    return errors;
  }
  bool sawFrom = false;
  for (const Instruction &instruction : file.instructions) {
    if (instruction.kind == InstructionKind::From) {
      sawFrom = true;
      break;
    }
    if (instruction.kind == InstructionKind::Arg ||
        instruction.kind == InstructionKind::Unknown)
      continue;
    errors.push_back(detail::syntaxError(
        instruction.keywordRange,
        instruction.keyword + " before the first FROM: only ARG may come "
                              "before FROM, because no build stage has "
                              "started. Move it below a FROM."));
  }
  if (!sawFrom && errors.empty())
    errors.push_back(detail::syntaxError(
        file.instructions.front().keywordRange,
        "the Dockerfile has no FROM, so there is no stage to build: add "
        "one, as in FROM alpine:3.20"));
  return errors;
}

}  // namespace dockpath
