// A do-nothing LSP server over stdio, the floor for dockpath_lsp_bench:
// it replies to initialize, hover (null) and completion (no items), and for
// each didOpen and didChange publishes empty diagnostics with the
// document's version. It keeps no document text, so its round trip is the
// cost of framing, JSON parsing and the pipes alone.
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>

namespace {

using nlohmann::json;

void writeAll(const std::string &data) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = write(1, data.data() + done, data.size() - done);
    if (n <= 0) _exit(1);
    done += static_cast<size_t>(n);
  }
}

void sendMessage(const json &message) {
  std::string body = message.dump();
  writeAll("Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
           body);
}

void reply(const json &request, json result) {
  sendMessage({{"jsonrpc", "2.0"},
               {"id", request["id"]},
               {"result", std::move(result)}});
}

void publishEmptyDiagnostics(const json &params) {
  const json &document = params.at("textDocument");
  json diagnostics = {{"uri", document.at("uri")},
                      {"diagnostics", json::array()}};
  if (document.contains("version"))
    diagnostics["version"] = document["version"];
  sendMessage({{"jsonrpc", "2.0"},
               {"method", "textDocument/publishDiagnostics"},
               {"params", std::move(diagnostics)}});
}

// Handles one message and returns false when the client sent exit.
bool handle(const json &message) {
  std::string method = message.value("method", "");
  bool isRequest = message.contains("id");
  if (method == "initialize") {
    json capabilities = {{"textDocumentSync", 2},
                         {"hoverProvider", true},
                         {"completionProvider", json::object()}};
    reply(message, {{"capabilities", capabilities},
                    {"serverInfo", {{"name", "lsp-floor"}, {"version", "1"}}}});
  } else if (method == "shutdown") {
    reply(message, nullptr);
  } else if (method == "exit") {
    return false;
  } else if (method == "textDocument/didOpen" ||
             method == "textDocument/didChange") {
    publishEmptyDiagnostics(message.at("params"));
  } else if (method == "textDocument/hover") {
    reply(message, nullptr);
  } else if (method == "textDocument/completion") {
    reply(message, json::array());
  } else if (isRequest && !method.empty()) {
    sendMessage(
        {{"jsonrpc", "2.0"},
         {"id", message["id"]},
         {"error",
          {{"code", -32601}, {"message", "method not found: " + method}}}});
  }
  return true;
}

}  // namespace

int main(int argc, char **argv) {
  if (argc > 1 && std::strcmp(argv[1], "--version") == 0) {
    std::puts("lsp-floor 1");
    return 0;
  }
  std::string buffer;
  char chunk[65536];
  while (true) {
    size_t headerEnd = buffer.find("\r\n\r\n");
    if (headerEnd != std::string::npos) {
      size_t at = buffer.find("Content-Length:");
      if (at == std::string::npos || at > headerEnd) {
        std::fputs(
            "lsp-floor: invalid message header, Content-Length is missing\n",
            stderr);
        return 1;
      }
      size_t length = std::stoul(buffer.substr(at + 15, headerEnd - at - 15));
      if (buffer.size() >= headerEnd + 4 + length) {
        json message =
            json::parse(buffer.substr(headerEnd + 4, length), nullptr, false);
        buffer.erase(0, headerEnd + 4 + length);
        if (message.is_discarded()) {
          std::fputs("lsp-floor: invalid JSON message ignored\n", stderr);
          continue;
        }
        if (!handle(message)) return 0;
        continue;
      }
    }
    ssize_t n = read(0, chunk, sizeof chunk);
    if (n <= 0) return 0;
    buffer.append(chunk, static_cast<size_t>(n));
  }
}
