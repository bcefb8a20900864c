// The results of a dockpath_lsp_bench run and their Markdown rendering.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "lsp_session.h"

namespace dockpath::bench {

struct MachineInfo {
  int cpus = 0;
  std::string cpuModel;
  std::string kernel;
  std::string nodeVersion;  // empty when no server runs under node
  std::vector<std::pair<std::string, std::string>> versions;  // server, version
  std::string loadAtStart;  // /proc/loadavg: 1, 5 and 15 minutes
  std::string loadAtEnd;
};

struct InputInfo {
  std::string name;
  int lines = 0;
};

struct Report {
  MachineInfo machine;
  std::string commandLine;
  std::string settings;
  std::vector<std::string> servers;  // the first is the ratio baseline
  std::vector<InputInfo> inputs;
  std::map<std::string, std::vector<double>> startups;  // by server
  // By (input, server), one entry per run.
  std::map<std::pair<std::string, std::string>, std::vector<SessionResult>>
      sessions;
};

// Renders the machine, the start-up table, a table per input and a
// summary table across inputs.
std::string renderReport(const Report &report);

}  // namespace dockpath::bench
