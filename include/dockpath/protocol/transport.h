// Byte streams of the stdio transport: reading stdin, writing stdout.
#pragma once

#include <functional>
#include <mutex>
#include <string_view>

namespace dockpath::protocol {

// Reads fd until end of input, a read error, or until onData returns
// false. Uses a Boost.Asio stream_descriptor; when fd cannot be watched
// (a regular file makes epoll fail with EPERM) it falls back to blocking
// reads.
void readInput(int fd, const std::function<bool(std::string_view)> &onData);

// Makes writes to a closed pipe fail with EPIPE instead of killing the
// process with SIGPIPE.
void ignoreSigpipe();

// Writes whole messages to fd, one at a time. After a write error (EPIPE
// when the client is gone) the error is logged once and later output is
// dropped, so the server never spins on a dead pipe.
class OutputWriter {
 public:
  explicit OutputWriter(int fd) : fd_(fd) {}

  void write(std::string_view bytes);
  // Drops all later output, as after a write error.
  void close();
  bool closed() const;

 private:
  bool writeAll(std::string_view bytes);

  int fd_;
  mutable std::mutex mutex_;
  bool closed_ = false;
};

}  // namespace dockpath::protocol
