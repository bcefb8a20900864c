// The language server over stdin and stdout.
#pragma once

#include "dockpath/protocol/lsp_server.h"

namespace dockpath::protocol {

// Serves LSP on stdin and stdout until exit or end of input. Returns the
// process exit code: 0 when shutdown came first, 1 otherwise.
int runStdioServer(const ServerOptions &options);

}  // namespace dockpath::protocol
