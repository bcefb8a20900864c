#include "dockpath/protocol/transport.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/read.hpp>
#include <cerrno>
#include <csignal>
#include <cstring>

#include "dockpath/protocol/log.h"

namespace dockpath::protocol {
namespace {

namespace asio = boost::asio;

constexpr size_t kReadBufferBytes = 65536;

void readBlocking(int fd, const std::function<bool(std::string_view)> &onData) {
  std::array<char, kReadBufferBytes> buffer;
  for (;;) {
    ssize_t count = ::read(fd, buffer.data(), buffer.size());
    if (count < 0 && errno == EINTR) continue;
    if (count < 0) {
      log::error("reading input failed: {}", std::strerror(errno));
      return;
    }
    if (count == 0) return;
    if (!onData(std::string_view(buffer.data(), count))) return;
  }
}

// Reads with async_read_some until the handler chain stops. The io_context
// runs on the calling thread, so onData runs there too.
void readAsync(asio::io_context &context,
               asio::posix::stream_descriptor &stream,
               const std::function<bool(std::string_view)> &onData) {
  std::array<char, kReadBufferBytes> buffer;
  std::function<void()> readNext;
  readNext = [&] {
    stream.async_read_some(
        asio::buffer(buffer),
        [&](const boost::system::error_code &error, size_t count) {
          if (count > 0 && !onData(std::string_view(buffer.data(), count)))
            return;
          if (error == asio::error::eof) return;
          if (error) {
            log::error("reading input failed: {}", error.message());
            return;
          }
          readNext();
        });
  };
  readNext();
  context.run();
}

}  // namespace

void readInput(int fd, const std::function<bool(std::string_view)> &onData) {
  // Asio makes the descriptor non-blocking, and every process with the
  // same open file (a terminal, say) sees that flag, so restore it after.
  int flags = ::fcntl(fd, F_GETFL);
  int own = ::dup(fd);
  asio::io_context context;
  asio::posix::stream_descriptor stream(context);
  boost::system::error_code error;
  if (own >= 0) stream.assign(own, error);
  if (own < 0 || error) {
    const char *reason = own < 0 ? std::strerror(errno) : nullptr;
    std::string message = reason ? reason : error.message();
    if (own >= 0) ::close(own);
    log::verbose("input cannot be watched ({}); using blocking reads", message);
    readBlocking(fd, onData);
    return;
  }
  readAsync(context, stream, onData);
  stream.close(error);
  if (flags >= 0) ::fcntl(fd, F_SETFL, flags);
}

void ignoreSigpipe() { std::signal(SIGPIPE, SIG_IGN); }

void OutputWriter::write(std::string_view bytes) {
  std::lock_guard lock(mutex_);
  if (closed_) return;
  if (!writeAll(bytes)) closed_ = true;
}

void OutputWriter::close() {
  std::lock_guard lock(mutex_);
  closed_ = true;
}

bool OutputWriter::closed() const {
  std::lock_guard lock(mutex_);
  return closed_;
}

// Returns false after logging a write error.
bool OutputWriter::writeAll(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t count = ::write(fd_, bytes.data(), bytes.size());
    if (count > 0) {
      bytes.remove_prefix(count);
      continue;
    }
    if (count < 0 && errno == EINTR) continue;
    if (count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      pollfd wait{fd_, POLLOUT, 0};
      ::poll(&wait, 1, -1);  // an error or hang-up shows in the next write
      continue;
    }
    log::error("writing output failed: {}; dropping further output",
               count < 0 ? std::strerror(errno) : "nothing written");
    return false;
  }
  return true;
}

}  // namespace dockpath::protocol
