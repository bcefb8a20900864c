// The variable references in the parts of an instruction that BuildKit
// expands: ENV and LABEL keys and values, COPY and ADD words, --chown, ADD
// --checksum and unquoted heredocs, WORKDIR, USER, VOLUME, STOPSIGNAL and
// RUN --mount (instructions/commands.go, the Expand methods;
// dockerfile2llb/convert.go, dispatch). RUN, CMD and ENTRYPOINT text is
// left to the shell.
#pragma once

#include <string>
#include <vector>

#include "common.h"

namespace dockpath::rules::buildkit {

struct ExpandedReference {
  std::string name;
  Range range;  // the reference, or its whole word when that cannot map
};

// References in one word; an exec-form item maps to its whole range.
std::vector<ExpandedReference> wordReferences(const Word &word, bool execForm,
                                              char escape);

// References in every expanded part of an instruction other than ARG,
// whose defaults are expanded one by one.
std::vector<ExpandedReference> instructionReferences(const TextDocument &text,
                                                     const Instruction &in,
                                                     char escape);

}  // namespace dockpath::rules::buildkit
