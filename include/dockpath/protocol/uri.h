// Conversion between file:// URIs (RFC 8089) and local paths.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dockpath::protocol {

// Returns the decoded path of a file:// URI with an empty or "localhost"
// authority, or nullopt for other schemes ("untitled:", "test:") and for
// files on other hosts. Invalid percent escapes are kept as they are.
std::optional<std::string> uriToPath(std::string_view uri);

// Returns the file:// URI of an absolute path, percent-encoding every byte
// except RFC 3986 unreserved characters and "/".
std::string pathToUri(std::string_view path);

}  // namespace dockpath::protocol
