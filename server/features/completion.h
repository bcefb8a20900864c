// Internal to completion: the cursor's surroundings and the providers that
// add items for one kind of context. completion.cpp decides which context
// the cursor is in, and the other completion_*.cpp files fill the items.
#pragma once

#include <string>
#include <string_view>

#include "dockpath/engine/engine.h"
#include "dockpath/model/build_model.h"

namespace dockpath::completion {

// The cursor and what surrounds it.
struct Cursor {
  const ParsedFile &file;
  const BuildModel &model;
  const BuildContext *context;
  std::string_view line;  // the cursor's line without a CRLF's "\r"
  Position position;      // column clamped to the line
  // Index of the instruction the cursor is in (for an ONBUILD trigger, of
  // the ONBUILD), or -1.
  int instruction = -1;

  // Stage of that instruction, or -1 before the first FROM.
  int stage() const;
  // A range on the cursor's line, in byte columns.
  Range span(size_t begin, size_t end) const;
  std::string_view text(size_t begin, size_t end) const {
    return line.substr(begin, end - begin);
  }
};

// Where a word that ends at a stop character or white space ends, from
// column `from`.
size_t wordEnd(std::string_view line, size_t from, std::string_view stops);

// Instruction keywords, or the keywords an ONBUILD trigger may use.
// `bare` is true when nothing follows the range on the line, so the item
// may add a space or a snippet for the arguments.
void addKeywords(const Cursor &cursor, Range range, bool onbuildTrigger,
                 bool bare, CompletionList &out);

// The flags of an instruction kind that it does not have yet.
// `valueFollows` is true when an '=' already follows the range.
void addFlags(const Instruction &instruction, Range range, bool valueFollows,
              CompletionList &out);

// Values of a flag: the fixed sets, stage names for --from, and the
// options of --mount. valueStart is the column after the '='.
void addFlagValues(const Cursor &cursor, const Instruction &instruction,
                   std::string_view flag, size_t valueStart,
                   CompletionList &out);

// Words after the flags that are keywords of their own: AS in FROM, CMD
// and NONE in HEALTHCHECK.
void addArgumentKeyword(const Instruction &instruction, Range range,
                        CompletionList &out);

// Stage names and indices of the stages before `beforeStage`.
void addStages(const Cursor &cursor, int beforeStage, Range range,
               CompletionList &out);

// The ARG and ENV variables in scope at the cursor. With closeBrace the
// items end with the '}' of a "${" reference.
void addVariables(const Cursor &cursor, Range range, bool closeBrace,
                  CompletionList &out);

// Names an in-stage ARG may declare: the global ARGs and BuildKit's
// predefined ones.
void addArgNames(const Cursor &cursor, Range range, CompletionList &out);

// Base images from the catalog, for the word typed so far.
void addImages(std::string_view typed, Range range, CompletionList &out);

// Entries of the build context folder named by the path typed so far,
// which starts at column pathStart.
void addContextPaths(const Cursor &cursor, size_t pathStart,
                     CompletionList &out);

// Entries of a stage's modelled file system below the folder named by the
// absolute path typed so far, which starts at column pathStart.
void addStagePaths(const Cursor &cursor, const Stage &stage, size_t pathStart,
                   CompletionList &out);

}  // namespace dockpath::completion
