// Internals of the Dockerfile parser, shared by the files under
// server/syntax/. Not part of the core's interface: other components use
// syntax/parser.h and syntax/ast.h.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dockpath/syntax/ast.h"
#include "dockpath/text/document.h"

namespace dockpath::detail {

// Byte width of the Unicode white space character at text[pos] (Go's
// unicode.IsSpace set, which BuildKit uses to trim lines), or 0.
size_t spaceWidth(std::string_view text, size_t pos);
size_t skipSpace(std::string_view text, size_t pos);
// ' ', '\t', '\v', '\f', '\r', '\n': BuildKit's separator between the
// keyword and its arguments and between flags.
bool isAsciiSpace(char c);

// A physical line without its line break ("\r" characters at its end).
std::string_view contentOf(std::string_view line);

// Text joined from one or more physical lines, with the map back to the
// document.
struct LogicalLine {
  std::string text;
  std::vector<TextSegment> segments;  // never empty
  uint32_t firstLine = 0;
  uint32_t lastLine = 0;  // last physical line consumed
  Position end;           // end of the last piece of text taken

  // Position of the byte at offset; at a piece boundary, the start of the
  // next piece.
  Position positionAt(size_t offset) const;
  // Position just after the byte before offset; at a piece boundary, the
  // end of the previous piece. Use it for the end of a range.
  Position endPositionAt(size_t offset) const;
  Range rangeOf(size_t begin, size_t end) const;
};

// Where a continuation escape starts in content[from..], or nullopt when the
// line does not continue. BuildKit (frontend/dockerfile/parser, the
// lineContinuationRegex) treats the escape character followed only by
// blanks and tabs as a continuation unless another escape character
// precedes it.
std::optional<size_t> continuationAt(std::string_view content, size_t from,
                                     char escape);

// A word of shell-form text: bytes [begin, end) of the input.
struct WordSpan {
  size_t begin = 0;
  size_t end = 0;
};

// Splits text into words the way BuildKit's parseWords does: white space
// separates words except inside quotes, and the escape character protects
// the next character.
std::vector<WordSpan> splitWords(std::string_view text, char escape);
// Splits at runs of ASCII white space, ignoring quotes (BuildKit's
// reWhitespace split, used for the legacy "ENV key value" form).
std::vector<WordSpan> splitWhitespace(std::string_view text);

// Removes quotes and resolves escapes the way BuildKit's shell lexer does,
// leaving "$" forms as written.
std::string unquoteWord(std::string_view word, char escape);

// One item of a JSON exec form array.
struct JsonItem {
  size_t begin = 0;  // at the opening quote
  size_t end = 0;    // after the closing quote
  std::string value;
};

struct JsonArray {
  std::vector<JsonItem> items;
  // Set when the array is valid JSON but has an item that is not a string.
  std::optional<size_t> nonStringAt;
};

// Parses text as one JSON array with only white space around it; nullopt
// when it is not valid JSON or not an array.
std::optional<JsonArray> parseJsonArray(std::string_view text);

// Reads BuildKit's builder flags ("--name=value" words before the
// arguments) from line.text[begin, end) and returns the offset where the
// arguments start.
size_t extractFlags(const LogicalLine &line, size_t begin, size_t end,
                    std::vector<Flag> &flags);
// Reports flags that the instruction does not accept, missing values and
// invalid boolean values.
void checkFlags(const Instruction &instruction,
                std::vector<Diagnostic> &errors);

// Input of the per-instruction argument parsers. The instruction's
// arguments are line.text[begin, end).
struct ArgumentContext {
  const LogicalLine &line;
  size_t begin = 0;
  size_t end = 0;
  char escape = '\\';
  Instruction &instruction;
  std::vector<Diagnostic> &errors;

  std::string_view text() const {
    return std::string_view(line.text).substr(begin, end - begin);
  }
  // The word at argText offsets [from, to).
  Word word(size_t from, size_t to) const;
  Range range(size_t from, size_t to) const {
    return line.rangeOf(begin + from, begin + to);
  }
  void error(Range range, std::string message) const;
};

// ENV and LABEL pairs ("k=v ..." or legacy "k v").
void parseKeyValues(const ArgumentContext &context);
// ARG items ("NAME" or "NAME=default", several per line).
void parseArgItems(const ArgumentContext &context);
// Words of the shell form, or the items of the JSON exec form.
void parseCommandLine(const ArgumentContext &context, size_t from);
void parseFrom(const ArgumentContext &context);
void parseHealthcheck(const ArgumentContext &context);
void parseOnbuild(const ArgumentContext &context);

// Parses the instruction whose keyword starts at line.text[begin].
Instruction parseInstruction(const LogicalLine &line, size_t begin, char escape,
                             std::vector<Diagnostic> &errors);

// Heredoc markers ("<<EOF", "<<-EOF", "<<'EOF'") in line.text[begin..].
std::vector<Heredoc> findHeredocMarkers(const LogicalLine &line, size_t begin);
// Whether BuildKit looks for heredocs in this instruction: RUN, COPY and
// ADD in shell form, also as an ONBUILD trigger.
bool canContainHeredoc(const Instruction &instruction);

Diagnostic syntaxError(Range range, std::string message);

// Result of reading the parser directives at the top of a file.
struct DirectiveBlock {
  std::vector<Directive> directives;
  char escape = '\\';
  uint32_t bodyStart = 0;  // first line that is not a directive
};
DirectiveBlock parseDirectives(const TextLines &lines,
                               std::vector<Diagnostic> &errors);

// Parses instructions and comments from a line where no instruction is
// open. Stops before a line for which stopBefore returns true, or at the
// end of the document; returns the line where it stopped.
struct BodyParser {
  const TextLines &lines;
  char escape = '\\';
  std::vector<Instruction> instructions;
  std::vector<Comment> comments;
  std::vector<Diagnostic> errors;
  size_t visitedLines = 0;

  uint32_t run(uint32_t startLine,
               const std::function<bool(uint32_t)> &stopBefore);

  // Parses the item that starts at line first; returns the next line.
  uint32_t parseAt(uint32_t first);
  uint32_t readHeredocs(Instruction &instruction, const LogicalLine &logical,
                        size_t keyword, uint32_t next);
};

// Sorts errors by start position, keeping the order of equal starts.
void sortErrors(std::vector<Diagnostic> &errors);

// parse() on lines; also returns the first line after the directives and
// the number of lines read.
ParsedFile parseLines(const TextLines &lines, uint32_t &bodyStart,
                      size_t &visitedLines);

// Full match of text against a shell pattern (*, ?, [...], and a
// backslash before a literal character).
bool matchGlob(std::string_view pattern, std::string_view text);
// value without its shortest (or longest) prefix or suffix that matches.
std::string trimPrefix(std::string_view value, std::string_view pattern,
                       bool longest);
std::string trimSuffix(std::string_view value, std::string_view pattern,
                       bool longest);
// value with the leftmost-longest match of pattern, or every match,
// replaced.
std::string replaceMatches(std::string_view value, std::string_view pattern,
                           std::string_view replacement, bool all);

// Moves every position in the item by lineDelta lines.
void shiftLines(Instruction &instruction, int64_t lineDelta);
void shiftLines(Range &range, int64_t lineDelta);

}  // namespace dockpath::detail
