// The document outline, from the parse alone:
//
//   ARG PY=3.12                     PY                 (variable)
//   FROM python:${PY} AS build      build  python:${PY} (stage)
//   ENV PIP_NO_CACHE_DIR=1            PIP_NO_CACHE_DIR  (variable)
//   RUN pip install .                 RUN  pip install . (instruction)
//   FROM gcr.io/distroless/python3  stage 1  gcr.io/...
#include <fmt/format.h>

#include <cctype>

#include "dockpath/features/features.h"

namespace dockpath {

namespace {

// Maximum detail length in bytes, because an outline shows one line per
// symbol.
constexpr size_t kMaxDetail = 60;

// The text on one line with runs of blanks collapsed, cut at kMaxDetail
// bytes on a UTF-8 character boundary.
std::string shortDetail(std::string_view text) {
  std::string out;
  for (char c : text) {
    bool blank = std::isspace(static_cast<unsigned char>(c));
    if (blank && (out.empty() || out.back() == ' ')) continue;
    out += blank ? ' ' : c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.size() <= kMaxDetail) return out;
  size_t cut = kMaxDetail;
  while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80)
    --cut;
  out.resize(cut);
  return out + "...";
}

void addVariables(std::vector<DocumentSymbol> &out,
                  const Instruction &instruction) {
  for (const KeyValue &pair : instruction.pairs) {
    if (pair.key.text.empty()) continue;
    DocumentSymbol symbol;
    symbol.name = pair.key.text;
    symbol.detail = pair.value ? shortDetail(pair.value->text) : "";
    symbol.kind = SymbolKind::Variable;
    symbol.range = pair.range;
    symbol.selectionRange = pair.key.range;
    out.push_back(std::move(symbol));
  }
}

void addInstruction(std::vector<DocumentSymbol> &out,
                    const Instruction &instruction) {
  if (instruction.kind == InstructionKind::Arg ||
      instruction.kind == InstructionKind::Env) {
    addVariables(out, instruction);
    return;
  }
  std::string_view keyword = keywordOf(instruction.kind);
  DocumentSymbol symbol;
  symbol.name = keyword.empty() ? instruction.keyword : std::string(keyword);
  if (symbol.name.empty()) return;
  symbol.detail = shortDetail(instruction.argText);
  symbol.kind = SymbolKind::Function;
  symbol.range = instruction.range;
  symbol.selectionRange = instruction.keywordRange;
  out.push_back(std::move(symbol));
}

DocumentSymbol stageSymbol(const Instruction &from, int index) {
  DocumentSymbol stage;
  bool named = from.args.size() >= 3 && from.args[1].value.size() == 2 &&
               std::tolower((unsigned char)from.args[1].value[0]) == 'a' &&
               std::tolower((unsigned char)from.args[1].value[1]) == 's';
  stage.name = named ? from.args[2].text : fmt::format("stage {}", index);
  stage.detail = from.args.empty() ? "" : from.args[0].text;
  stage.kind = SymbolKind::Module;
  stage.range = from.range;
  stage.selectionRange = named ? from.args[2].range : from.keywordRange;
  return stage;
}

}  // namespace

std::vector<DocumentSymbol> computeDocumentSymbols(const ParsedFile &file) {
  std::vector<DocumentSymbol> out;
  DocumentSymbol *stage = nullptr;
  int stages = 0;
  for (const Instruction &instruction : file.instructions) {
    if (instruction.kind == InstructionKind::From) {
      out.push_back(stageSymbol(instruction, stages++));
      stage = &out.back();
      continue;
    }
    if (!stage) {
      addInstruction(out, instruction);
      continue;
    }
    addInstruction(stage->children, instruction);
    stage->range.end = std::max(stage->range.end, instruction.range.end);
  }
  return out;
}

}  // namespace dockpath
