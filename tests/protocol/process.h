// The server under test as a child process with pipes on stdin, stdout
// and stderr.
#pragma once

#include <sys/types.h>

#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace dockpath::transcript {

class ServerProcess {
 public:
  // Starts argv[0] with argv; throws std::runtime_error on failure.
  explicit ServerProcess(const std::vector<std::string> &argv);
  ~ServerProcess();

  // Writes bytes to the server's stdin, in pieces of chunkSize bytes with
  // a short pause between them when chunkSize is not 0. Write errors
  // (the server exited) are ignored: the checks report what is missing.
  void write(const std::string &bytes, size_t chunkSize);
  void closeInput();

  // Waits for the exit code; kills the process and returns nullopt after
  // timeoutSeconds.
  std::optional<int> wait(int timeoutSeconds);

  // Complete once wait() has returned.
  const std::string &output() const { return output_; }
  std::string errorTail(size_t lines) const;

 private:
  void writeAll(const char *data, size_t size);

  pid_t pid_ = -1;
  int input_ = -1;
  std::string output_;
  std::string errors_;
  std::thread outputReader_;
  std::thread errorReader_;
  bool exited_ = false;
};

}  // namespace dockpath::transcript
