// The protocol half of a case check: the same findings through
// `dockpath --stdio`, and each quick fix applied as an editor would.
#pragma once

#include <filesystem>
#include <functional>
#include <set>
#include <string>

using Findings = std::multiset<std::pair<std::string, unsigned>>;

void checkProtocol(const std::filesystem::path &dir,
                   const std::string &binary, const Findings &expected,
                   const std::function<void(const std::string &)> &fail);
