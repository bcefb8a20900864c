// UndefinedVar: an instruction that BuildKit expands uses a variable that
// is not set at that point: no ENV or ARG of the stage (or of the stages
// it builds on) and no ENV of the base image sets it. BuildKit expands
// ENV, LABEL, ARG defaults, COPY and ADD (words, --chown, ADD --checksum,
// unquoted heredocs), WORKDIR, USER, VOLUME, STOPSIGNAL and RUN --mount
// (instructions/commands.go; dockerfile2llb/convert.go,
// reportUnmatchedVariables). RUN, CMD and ENTRYPOINT text is left to the
// shell and not checked. A global ARG is not visible in a stage until the
// stage declares it again.
//
//   FROM alpine:3.20
//   ARG VERSION=1.0
//   FROM alpine:3.20
//   COPY app-${VERSION}.tar.gz /opt/    <- flagged: no ARG VERSION here
//
// dockpath checks a stage only when it knows the ENV of its base image
// (FROM scratch, a catalog image, or an earlier stage built on one), since
// any other image may set the variable.
// No fix: which definition is missing is not known.
#include <fmt/format.h>

#include <set>

#include "variable_scope.h"

namespace dockpath::rules {

namespace {

using buildkit::VariableScope;

constexpr RuleInfo kInfo{"UndefinedVar", "UndefinedVar", "buildkit",
                         Severity::Warning,
                         "Variables should be defined before their use."};

struct Checker {
  RuleContext &ctx;
  const VariableScope &scope;
  std::set<std::string> reported;

  void reference(const std::string &name, Range range) {
    if (scope.defines(name) || !reported.insert(name).second) return;
    std::string suggestion = buildkit::suggestName(name, scope.names());
    std::string hint = suggestion.empty()
                           ? fmt::format(
                                 "Set it with ARG or ENV before "
                                 "this instruction.")
                           : fmt::format("Did you mean ${}?", suggestion);
    ctx.report(kInfo, range,
               fmt::format("${} is not defined here, so it expands to an "
                           "empty string. {}",
                           name, hint));
  }

  void word(const Word &word, bool execForm) {
    if (execForm) {
      for (const auto &ref : findReferences(word.value, ctx.file.escape))
        reference(ref.name, word.range);
      return;
    }
    for (const auto &ref : findReferences(word.text, ctx.file.escape))
      reference(ref.name, buildkit::subRange(word, ref.offset, ref.length));
  }

  void flag(const Flag &flag) {
    if (!flag.value) return;
    for (const auto &ref : findReferences(*flag.value, ctx.file.escape))
      reference(ref.name,
                buildkit::flagValueSubRange(flag, ref.offset, ref.length));
  }

  void heredoc(const Heredoc &doc) {
    for (const auto &ref : findReferences(doc.body, ctx.file.escape))
      reference(ref.name,
                buildkit::heredocRange(ctx.text, doc, ref.offset, ref.length));
  }
};

void checkFlags(Checker &checker, const Instruction &in) {
  for (const Flag &flag : in.flags) {
    bool expanded =
        flag.name == "chown" ||
        (in.kind == InstructionKind::Add && flag.name == "checksum") ||
        (in.kind == InstructionKind::Run && flag.name == "mount");
    if (expanded) checker.flag(flag);
  }
}

// Checks the instruction against the scope before it.
void checkInstruction(Checker &checker, const Instruction &in) {
  switch (in.kind) {
    case InstructionKind::Env:
    case InstructionKind::Label:
      for (const KeyValue &pair : in.pairs) {
        checker.word(pair.key, false);
        if (pair.value) checker.word(*pair.value, false);
      }
      break;
    case InstructionKind::Copy:
    case InstructionKind::Add:
      for (const Heredoc &doc : in.heredocs)
        if (!doc.quoted) checker.heredoc(doc);
      [[fallthrough]];
    case InstructionKind::Workdir:
    case InstructionKind::User:
    case InstructionKind::Volume:
    case InstructionKind::Stopsignal:
      for (const Word &word : in.args) checker.word(word, in.execForm);
      [[fallthrough]];
    case InstructionKind::Run:
      checkFlags(checker, in);
      break;
    default:
      break;
  }
}

void check(RuleContext &ctx) {
  buildkit::ScopeWalker walker(ctx.file, ctx.model);
  for (size_t i = 0; i < ctx.file.instructions.size(); ++i) {
    const Instruction &in = ctx.file.instructions[i];
    VariableScope *scope = walker.scopeBefore(i);
    if (!scope || !scope->complete) continue;
    if (in.kind == InstructionKind::Arg) {
      // Each ARG default sees the ARGs before it in the same instruction.
      for (const KeyValue &pair : in.pairs) {
        Checker checker{ctx, *scope, {}};
        if (pair.value) checker.word(*pair.value, false);
        scope->define(pair.key.value);
      }
      continue;
    }
    Checker checker{ctx, *scope, {}};
    checkInstruction(checker, in);
  }
}

}  // namespace

const Rule kUndefinedVar{kInfo, check};

}  // namespace dockpath::rules
