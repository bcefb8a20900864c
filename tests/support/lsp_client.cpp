#include "lsp_client.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>

namespace dockpath::test {

using nlohmann::json;

LspClient::LspClient(const std::vector<std::string> &argv) {
  int in[2], out[2];
  if (pipe(in) != 0 || pipe(out) != 0) return;
  signal(SIGPIPE, SIG_IGN);
  pid_ = fork();
  if (pid_ == 0) {
    dup2(in[0], 0);
    dup2(out[1], 1);
    close(in[1]);
    close(out[0]);
    std::vector<char *> args;
    for (const auto &a : argv) args.push_back(const_cast<char *>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  toServer_ = in[1];
  fromServer_ = out[0];
}

LspClient::~LspClient() {
  if (toServer_ >= 0) close(toServer_);
  if (fromServer_ >= 0) close(fromServer_);
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
}

void LspClient::send(const json &message) {
  std::string body = message.dump();
  std::string frame =
      "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  size_t done = 0;
  while (done < frame.size()) {
    ssize_t n = write(toServer_, frame.data() + done, frame.size() - done);
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

int LspClient::request(const std::string &method, json params) {
  int id = nextId_++;
  json message = {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}};
  if (!params.is_null()) message["params"] = std::move(params);
  send(message);
  return id;
}

void LspClient::notify(const std::string &method, json params) {
  json message = {{"jsonrpc", "2.0"}, {"method", method}};
  if (!params.is_null()) message["params"] = std::move(params);
  send(message);
}

std::optional<json> LspClient::readMessage(
    std::chrono::steady_clock::time_point deadline) {
  while (true) {
    size_t end = buffer_.find("\r\n\r\n");
    if (end != std::string::npos) {
      size_t at = buffer_.find("Content-Length:");
      if (at != std::string::npos && at < end) {
        size_t length = std::stoul(buffer_.substr(at + 15, end - at - 15));
        if (buffer_.size() >= end + 4 + length) {
          std::string body = buffer_.substr(end + 4, length);
          buffer_.erase(0, end + 4 + length);
          return json::parse(body, nullptr, false);
        }
      }
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    pollfd fd{fromServer_, POLLIN, 0};
    if (poll(&fd, 1, static_cast<int>(left.count())) <= 0) return std::nullopt;
    char chunk[65536];
    ssize_t n = read(fromServer_, chunk, sizeof chunk);
    if (n <= 0) return std::nullopt;
    buffer_.append(chunk, static_cast<size_t>(n));
  }
}

std::optional<json> LspClient::waitFor(
    const std::function<bool(const json &)> &accept,
    std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (auto message = readMessage(deadline)) {
    seen_.push_back(*message);
    if (accept(*message)) return message;
  }
  return std::nullopt;
}

std::optional<json> LspClient::waitForReply(int id) {
  return waitFor([id](const json &m) {
    return m.contains("id") && m["id"] == id && !m.contains("method");
  });
}

int LspClient::finish(std::chrono::milliseconds timeout) {
  if (toServer_ >= 0) close(toServer_);
  toServer_ = -1;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    pid_t done = waitpid(pid_, &status, WNOHANG);
    if (done == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return -1;
}

}  // namespace dockpath::test
