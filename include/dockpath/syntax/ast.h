// The syntax tree of a Dockerfile, as BuildKit's frontend reads it.
//
// Positions are absolute document positions. Texts keep what the user wrote
// (no variable expansion); expansion is a separate step (syntax/expand.h)
// because it needs the semantic model's variables.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dockpath/diagnostic.h"
#include "dockpath/text/position.h"

namespace dockpath {

enum class InstructionKind : uint8_t {
  Unknown,
  Add,
  Arg,
  Cmd,
  Copy,
  Entrypoint,
  Env,
  Expose,
  From,
  Healthcheck,
  Label,
  Maintainer,
  Onbuild,
  Run,
  Shell,
  Stopsignal,
  User,
  Volume,
  Workdir,
};

// Upper-case keyword of a kind ("COPY"); "" for Unknown.
std::string_view keywordOf(InstructionKind kind);
// Kind of a keyword in any letter case; Unknown when it is none.
InstructionKind kindOf(std::string_view keyword);

// One argument word after continuation lines are joined.
struct Word {
  std::string text;   // as written, quotes and escapes kept
  std::string value;  // quotes removed and escapes resolved; for an exec
                      // form item, the decoded JSON string
  Range range;        // may span lines when a continuation splits it
};

// An instruction flag such as --from=builder.
struct Flag {
  std::string name;                  // without the leading "--"
  std::optional<std::string> value;  // text after '=', unquoted
  Range range;                       // the whole "--name=value"
  Range nameRange;
  Range valueRange;  // empty at the end of the name when there is no value
};

// One item of ENV, ARG or LABEL, in either "k=v" or legacy "k v" form.
struct KeyValue {
  Word key;
  std::optional<Word> value;  // absent for a bare "ARG NAME"
  bool legacyForm = false;    // written "ENV key value"
  Range range;
};

struct Heredoc {
  std::string delimiter;   // without quotes and without "<<" or "<<-"
  bool quoted = false;     // the delimiter was quoted: no expansion
  bool stripTabs = false;  // "<<-": leading tabs are removed
  std::string body;        // content lines joined with "\n", tabs stripped
  Range markerRange;       // "<<EOF" on the instruction line
  Range bodyRange;         // from the first content line to the end of
                           // the terminating delimiter line
  bool terminated = true;  // false when the file ends before the delimiter
};

// Maps an offset in Instruction::argText back to the document: argText
// bytes [offset, next segment's offset) start at `start` on one line.
struct TextSegment {
  uint32_t offset = 0;
  Position start;
};

struct Instruction {
  InstructionKind kind = InstructionKind::Unknown;
  std::string keyword;  // as written, e.g. "copy"
  Range keywordRange;
  // From the keyword to the end of the last continuation line, or to the
  // end of the last heredoc's delimiter line.
  Range range;

  std::vector<Flag> flags;

  // Everything after the flags, continuation lines joined (the escape
  // character and line break removed) and comment lines inside the
  // continuation dropped. Heredoc bodies are not part of it.
  std::string argText;
  Range argRange;
  std::vector<TextSegment> segments;

  // True when argText is a valid JSON array of strings (exec form); BuildKit
  // falls back to shell form otherwise.
  bool execForm = false;
  // Exec form: the array items. Otherwise the whitespace-separated words of
  // argText, quote-aware. For ENV, ARG and LABEL see `pairs`.
  std::vector<Word> args;
  std::vector<KeyValue> pairs;
  std::vector<Heredoc> heredocs;

  // The instruction after ONBUILD, parsed the same way.
  std::shared_ptr<const Instruction> trigger;

  // A hash of the instruction's source lines, blank and comment lines
  // inside it included, so that two instructions with the same hash were
  // written the same way.
  size_t sourceHash = 0;
  // A hash of sourceHash, the keyword, flags and arguments, without
  // positions, that the model computes once and keeps while the
  // instruction is unchanged (0: not computed yet). Not part of the syntax.
  mutable size_t contentHash = 0;
  // The same with the positions relative to the stage's FROM line, for
  // the first line relativeLine (UINT32_MAX: not computed yet). The
  // positions of an instruction object only move all together, so the
  // relative first line shows whether the cached hash is still valid.
  mutable size_t relativeHash = 0;
  mutable uint32_t relativeLine = UINT32_MAX;

  // Document position of an offset into argText (clamped to its end).
  Position positionOf(size_t argOffset) const;
  const Flag *flag(std::string_view name) const;
  uint32_t firstLine() const { return range.start.line; }
  uint32_t lastLine() const { return range.end.line; }
};

// A parser directive such as "# escape=`", valid only before the first
// instruction, comment or blank line.
struct Directive {
  std::string name;  // lower case
  std::string value;
  Range range;
  Range valueRange;
};

// A comment line outside a parser directive.
struct Comment {
  std::string text;  // after '#', leading blanks removed
  Range range;
};

struct ParsedFile {
  std::vector<Directive> directives;
  char escape = '\\';
  std::vector<Instruction> instructions;  // in document order
  std::vector<Comment> comments;          // in document order
  // Syntax errors, each with code "syntax" and severity Error, in document
  // order. The parser never throws; it reports and recovers.
  std::vector<Diagnostic> errors;

  const Directive *directive(std::string_view name) const;
  // The instruction whose range covers line, or nullptr.
  const Instruction *instructionAt(uint32_t line) const;
};

}  // namespace dockpath
