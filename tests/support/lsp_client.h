// A minimal LSP client for tests: starts a server process with pipes,
// frames messages with Content-Length, and reads replies with a timeout.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace dockpath::test {

class LspClient {
 public:
  // Starts `argv` (argv[0] is the program path).
  explicit LspClient(const std::vector<std::string> &argv);
  ~LspClient();
  LspClient(const LspClient &) = delete;
  LspClient &operator=(const LspClient &) = delete;

  bool running() const { return pid_ > 0; }
  void send(const nlohmann::json &message);
  // Sends a request and returns its id.
  int request(const std::string &method, nlohmann::json params);
  void notify(const std::string &method, nlohmann::json params);

  // The next message for which accept returns true; messages read before
  // it are kept in seen(). nullopt on timeout or end of stream.
  std::optional<nlohmann::json> waitFor(
      const std::function<bool(const nlohmann::json &)> &accept,
      std::chrono::milliseconds timeout = std::chrono::seconds(20));
  std::optional<nlohmann::json> waitForReply(int id);

  // Closes stdin and waits for the exit code (-1 on timeout or signal).
  int finish(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  const std::vector<nlohmann::json> &seen() const { return seen_; }

 private:
  std::optional<nlohmann::json> readMessage(
      std::chrono::steady_clock::time_point deadline);

  pid_t pid_ = -1;
  int toServer_ = -1;
  int fromServer_ = -1;
  int nextId_ = 1;
  std::string buffer_;
  std::vector<nlohmann::json> seen_;
};

}  // namespace dockpath::test
