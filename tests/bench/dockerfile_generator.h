// Generates multi-stage Dockerfiles of a given line count for
// dockpath_lsp_bench, together with the build-context files that their
// COPY instructions name, so that a path-aware server checks a project where
// the sources exist.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace dockpath::bench {

struct GeneratedProject {
  std::string dockerfile;
  // Paths relative to the build context, each created as a small file.
  std::vector<std::string> contextFiles;
};

// Generates Python, Node and Go build stages and runtime stages that copy
// from them (FROM ... AS, WORKDIR, ENV, ARG, COPY, COPY --from, RUN with
// continuation lines and &&, a heredoc in every third runtime stage, CMD),
// padded with LABEL lines to exactly `lines` lines.
GeneratedProject generateProject(int lines);

// Writes the Dockerfile and the context files under `directory`.
void writeProject(const GeneratedProject &project,
                  const std::filesystem::path &directory);

}  // namespace dockpath::bench
