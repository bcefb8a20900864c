#include "process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>

namespace dockpath::transcript {
namespace {

void makePipe(int fds[2]) {
  if (::pipe2(fds, O_CLOEXEC) != 0)
    throw std::runtime_error(std::string("pipe failed: ") +
                             std::strerror(errno));
}

// Reads fd until end of file into text, then closes it.
std::thread startReader(int fd, std::string &text) {
  return std::thread([fd, &text] {
    char buffer[65536];
    for (;;) {
      ssize_t count = ::read(fd, buffer, sizeof buffer);
      if (count < 0 && errno == EINTR) continue;
      if (count <= 0) break;
      text.append(buffer, count);
    }
    ::close(fd);
  });
}

}  // namespace

ServerProcess::ServerProcess(const std::vector<std::string> &argv) {
  int in[2], out[2], err[2];
  makePipe(in);
  makePipe(out);
  makePipe(err);
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    ::dup2(in[0], STDIN_FILENO);
    ::dup2(out[1], STDOUT_FILENO);
    ::dup2(err[1], STDERR_FILENO);
    std::vector<char *> args;
    for (const auto &arg : argv)
      args.push_back(const_cast<char *>(arg.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  ::close(in[0]);
  ::close(out[1]);
  ::close(err[1]);
  input_ = in[1];
  outputReader_ = startReader(out[0], output_);
  errorReader_ = startReader(err[0], errors_);
}

ServerProcess::~ServerProcess() {
  closeInput();
  if (!exited_ && pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  if (outputReader_.joinable()) outputReader_.join();
  if (errorReader_.joinable()) errorReader_.join();
}

void ServerProcess::writeAll(const char *data, size_t size) {
  while (size > 0 && input_ >= 0) {
    ssize_t count = ::write(input_, data, size);
    if (count < 0 && errno == EINTR) continue;
    if (count <= 0) return;  // EPIPE: the server has exited
    data += count;
    size -= count;
  }
}

void ServerProcess::write(const std::string &bytes, size_t chunkSize) {
  if (chunkSize == 0) return writeAll(bytes.data(), bytes.size());
  for (size_t at = 0; at < bytes.size(); at += chunkSize) {
    writeAll(bytes.data() + at, std::min(chunkSize, bytes.size() - at));
    // Gives the server a chance to read each piece on its own.
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

void ServerProcess::closeInput() {
  if (input_ >= 0) ::close(input_);
  input_ = -1;
}

std::optional<int> ServerProcess::wait(int timeoutSeconds) {
  auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(timeoutSeconds);
  std::optional<int> code;
  while (!code) {
    int status = 0;
    pid_t done = ::waitpid(pid_, &status, WNOHANG);
    if (done == pid_) {
      exited_ = true;
      code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    } else if (std::chrono::steady_clock::now() > deadline) {
      break;
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  if (!code) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    exited_ = true;
  }
  outputReader_.join();
  errorReader_.join();
  return code;
}

std::string ServerProcess::errorTail(size_t lines) const {
  size_t start = errors_.size();
  for (size_t count = 0; start > 0 && count <= lines; --start) {
    if (errors_[start - 1] == '\n') ++count;
  }
  return errors_.substr(start);
}

}  // namespace dockpath::transcript
