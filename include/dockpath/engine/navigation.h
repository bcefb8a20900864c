// Results of the navigation features (document symbols, definition,
// references, rename, folding) as plain structs in UTF-8 byte columns.
// The features compute them and the protocol layer renders them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "dockpath/diagnostic.h"
#include "dockpath/text/position.h"

namespace dockpath {

// Values match LSP's SymbolKind.
enum class SymbolKind : uint8_t { Module = 2, Function = 12, Variable = 13 };

// An outline entry: a stage, an instruction, or an ARG or ENV variable.
struct DocumentSymbol {
  std::string name;    // never empty
  std::string detail;  // the base image, a value or an instruction's text
  SymbolKind kind = SymbolKind::Function;
  Range range;           // the whole stage, instruction or key=value item
  Range selectionRange;  // the name inside range
  std::vector<DocumentSymbol> children;
};

// A use or declaration of a stage name or a variable.
struct SymbolReference {
  Range range;               // the name only, without "$", "{" or "}"
  bool declaration = false;  // an AS name, or an ARG or ENV key
};

// The declaration that the stage name or variable at the cursor reads.
struct Definition {
  Range origin;  // the name under the cursor
  Range target;  // the AS name, the ARG or ENV key, or an unnamed FROM
};

// The result of a rename or prepareRename request. A non-empty error
// rejects the rename, and edits is then empty.
struct RenameOutcome {
  Range range;              // the name under the cursor
  std::string placeholder;  // that name as written
  std::vector<TextEdit> edits;
  std::string error;
};

// Values match LSP's FoldingRangeKind names.
enum class FoldingKind : uint8_t { Region, Comment };

// A range of whole lines that an editor can fold. startLine stays
// visible, and the lines after it up to endLine are hidden.
struct FoldingRange {
  uint32_t startLine = 0;
  uint32_t endLine = 0;
  FoldingKind kind = FoldingKind::Region;
};

}  // namespace dockpath
