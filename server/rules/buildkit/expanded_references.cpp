#include "expanded_references.h"

namespace dockpath::rules::buildkit {

namespace {

void append(std::vector<ExpandedReference> &out,
            std::vector<ExpandedReference> more) {
  out.insert(out.end(), more.begin(), more.end());
}

std::vector<ExpandedReference> flagReferences(const Instruction &in,
                                              char escape) {
  std::vector<ExpandedReference> out;
  for (const Flag &flag : in.flags) {
    bool expanded =
        flag.name == "chown" ||
        (in.kind == InstructionKind::Add && flag.name == "checksum") ||
        (in.kind == InstructionKind::Run && flag.name == "mount");
    if (!expanded || !flag.value) continue;
    for (const auto &ref : findReferences(*flag.value, escape))
      out.push_back(
          {ref.name, flagValueSubRange(flag, ref.offset, ref.length)});
  }
  return out;
}

std::vector<ExpandedReference> heredocReferences(const TextDocument &text,
                                                 const Instruction &in,
                                                 char escape) {
  std::vector<ExpandedReference> out;
  for (const Heredoc &doc : in.heredocs) {
    if (doc.quoted) continue;
    for (const auto &ref : findReferences(doc.body, escape))
      out.push_back(
          {ref.name, heredocRange(text, doc, ref.offset, ref.length)});
  }
  return out;
}

}  // namespace

std::vector<ExpandedReference> wordReferences(const Word &word, bool execForm,
                                              char escape) {
  std::vector<ExpandedReference> out;
  const std::string &source = execForm ? word.value : word.text;
  for (const auto &ref : findReferences(source, escape))
    out.push_back({ref.name, execForm
                                 ? word.range
                                 : subRange(word, ref.offset, ref.length)});
  return out;
}

std::vector<ExpandedReference> instructionReferences(const TextDocument &text,
                                                     const Instruction &in,
                                                     char escape) {
  std::vector<ExpandedReference> out;
  switch (in.kind) {
    case InstructionKind::Env:
    case InstructionKind::Label:
      for (const KeyValue &pair : in.pairs) {
        append(out, wordReferences(pair.key, false, escape));
        if (pair.value) append(out, wordReferences(*pair.value, false, escape));
      }
      break;
    case InstructionKind::Copy:
    case InstructionKind::Add:
      append(out, heredocReferences(text, in, escape));
      [[fallthrough]];
    case InstructionKind::Workdir:
    case InstructionKind::User:
    case InstructionKind::Volume:
    case InstructionKind::Stopsignal:
      for (const Word &word : in.args)
        append(out, wordReferences(word, in.execForm, escape));
      [[fallthrough]];
    case InstructionKind::Run:
      append(out, flagReferences(in, escape));
      break;
    default:
      break;
  }
  return out;
}

}  // namespace dockpath::rules::buildkit
