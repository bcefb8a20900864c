#include "dockpath/syntax/ast.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace dockpath {
namespace {

constexpr std::array<std::pair<InstructionKind, std::string_view>, 18>
    kKeywords{{
        {InstructionKind::Add, "ADD"},
        {InstructionKind::Arg, "ARG"},
        {InstructionKind::Cmd, "CMD"},
        {InstructionKind::Copy, "COPY"},
        {InstructionKind::Entrypoint, "ENTRYPOINT"},
        {InstructionKind::Env, "ENV"},
        {InstructionKind::Expose, "EXPOSE"},
        {InstructionKind::From, "FROM"},
        {InstructionKind::Healthcheck, "HEALTHCHECK"},
        {InstructionKind::Label, "LABEL"},
        {InstructionKind::Maintainer, "MAINTAINER"},
        {InstructionKind::Onbuild, "ONBUILD"},
        {InstructionKind::Run, "RUN"},
        {InstructionKind::Shell, "SHELL"},
        {InstructionKind::Stopsignal, "STOPSIGNAL"},
        {InstructionKind::User, "USER"},
        {InstructionKind::Volume, "VOLUME"},
        {InstructionKind::Workdir, "WORKDIR"},
    }};

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(a[i])) !=
        std::toupper(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string_view keywordOf(InstructionKind kind) {
  for (const auto &[k, keyword] : kKeywords) {
    if (k == kind) return keyword;
  }
  return "";
}

InstructionKind kindOf(std::string_view keyword) {
  for (const auto &[kind, name] : kKeywords) {
    if (equalsIgnoreCase(keyword, name)) return kind;
  }
  return InstructionKind::Unknown;
}

Position Instruction::positionOf(size_t argOffset) const {
  if (segments.empty()) return argRange.start;
  if (argOffset >= argText.size()) return argRange.end;
  auto next = std::upper_bound(
      segments.begin(), segments.end(), argOffset,
      [](size_t offset, const TextSegment &s) { return offset < s.offset; });
  const TextSegment &segment = *std::prev(next);
  return {
      segment.start.line,
      segment.start.column + static_cast<uint32_t>(argOffset - segment.offset)};
}

const Flag *Instruction::flag(std::string_view name) const {
  for (const Flag &f : flags) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

const Directive *ParsedFile::directive(std::string_view name) const {
  for (const Directive &d : directives) {
    if (equalsIgnoreCase(d.name, name)) return &d;
  }
  return nullptr;
}

const Instruction *ParsedFile::instructionAt(uint32_t line) const {
  // Instructions are in document order and do not overlap, so the
  // candidate is the last one that starts at or before line.
  auto next = std::upper_bound(
      instructions.begin(), instructions.end(), line,
      [](uint32_t l, const Instruction &i) { return l < i.firstLine(); });
  if (next == instructions.begin()) return nullptr;
  const Instruction &candidate = *std::prev(next);
  return line <= candidate.lastLine() ? &candidate : nullptr;
}

}  // namespace dockpath
