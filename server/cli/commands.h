// Subcommands of the dockpath executable other than the server.
#pragma once

#include <string>
#include <vector>

namespace dockpath::cli {

// `dockpath check [--format text|json] PATH...`; args excludes "check".
// Returns the process exit code: 0 when no error-severity diagnostic was
// found, 1 when one was, 2 on usage or I/O errors.
int runCheck(const std::vector<std::string> &args);

// `dockpath rules [--format text|json]`; args excludes "rules".
int runRules(const std::vector<std::string> &args);

}  // namespace dockpath::cli
