// Drives one language server over stdio the way an editor does and times
// the round trips, for dockpath_lsp_bench.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace dockpath::bench {

struct ServerSpec {
  std::string name;
  // argv[0] is an absolute program path.
  std::vector<std::string> argv;
};

struct Input {
  std::string name;
  std::filesystem::path file;  // absolute; its folder is the build context
  std::string text;
  int lines = 0;
};

struct SessionOptions {
  int keystrokes = 200;
  int intervalMs = 30;  // pause between keystrokes
  int hovers = 20;
  int completions = 20;
};

// One place in the document where the session types a word and deletes it
// again, one character per didChange.
struct TypingSpot {
  int line = 0;
  int character = 0;  // UTF-16 code units
  std::string word;
};

// The keystrokes of one typing phase.
struct TypingResult {
  // Send to the first publishDiagnostics whose version is >= the edit's,
  // one entry per keystroke that got one.
  std::vector<double> ms;
  int skippedVersions = 0;  // answered only by a later version
  int unanswered = 0;
  // True when the server publishes diagnostics without a version, so each
  // publication was attributed to the oldest unanswered keystroke.
  bool versionsInferred = false;
};

struct SessionResult {
  std::string error;  // empty when the session completed
  double openMs = 0;  // didOpen to the first publishDiagnostics
  // Keystrokes sent every intervalMs whether or not the server has caught
  // up, as a typist sends them.
  TypingResult paced;
  // The same edits again, each sent intervalMs after the previous one's
  // diagnostics arrived, so no keystroke waits behind another.
  TypingResult isolated;
  std::vector<double> hoverMs;
  bool hoverHasContent = false;
  bool completionSupported = false;
  std::vector<double> completionMs;
  size_t completionItems = 0;
  size_t finalDiagnostics = 0;  // count in the last publication
  long peakRssKiB = -1;         // VmHWM; -1 when it could not be read
};

// Starts the server, sends initialize and waits for its response; returns
// the milliseconds from just before fork to the response, or nullopt when
// the server did not respond within 20 s.
std::optional<double> measureStartup(const ServerSpec &server);

// Runs a whole session on one fresh server process: initialize, didOpen,
// the paced and then the isolated typing phase, hover and completion
// requests, then reads the server's peak RSS and shuts it down.
SessionResult runSession(const ServerSpec &server, const Input &input,
                         const SessionOptions &options);

}  // namespace dockpath::bench
