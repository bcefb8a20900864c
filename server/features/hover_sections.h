// Internal to hover: the Markdown sections it is made of.
#pragma once

#include <optional>
#include <string>

#include "dockpath/engine/engine.h"
#include "dockpath/model/build_model.h"

namespace dockpath::hover {

class Writer {
 public:
  void heading(const std::string &text) { md_ += "**" + text + "**\n\n"; }
  void paragraph(const std::string &text) { md_ += text + "\n\n"; }
  void item(const std::string &text) { md_ += "- " + text + "\n"; }
  void endList() { md_ += "\n"; }
  void code(const std::string &text) { md_ += "```\n" + text + "\n```\n\n"; }
  std::optional<HoverInfo> finish(Range range);

 private:
  std::string md_;
};

void describeStage(Writer &out, const BuildModel &model, const Stage &stage);
void describeCommand(Writer &out, const ParsedFile &file, const Stage &stage);
void describePythonPath(Writer &out, const ParsedFile &file,
                        const Stage &stage);
// Returns false when the word is not a path.
bool describePath(Writer &out, const ParsedFile &file,
                  const BuildModel &model, const Stage &stage,
                  const Instruction &instruction, const Word &word);

// Describes a COPY or ADD source word (any argument but the last): the
// path in the --from stage, or in the build context with what
// .dockerignore does to it. Returns false for a glob, a heredoc, a URL, or
// a --from image.
bool describeCopySource(Writer &out, const ParsedFile &file,
                        const BuildModel &model, const BuildContext *context,
                        const Instruction &instruction, const Word &word);

}  // namespace dockpath::hover
