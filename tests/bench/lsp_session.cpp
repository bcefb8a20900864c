#include "lsp_session.h"

#include <dirent.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <fstream>
#include <set>
#include <sstream>

#include "../support/lsp_client.h"

namespace dockpath::bench {
namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;
using test::LspClient;

double millisecondsSince(Clock::time_point start, Clock::time_point end) {
  return std::chrono::duration<double, std::milli>(end - start).count();
}

// The pids whose parent is this process, from /proc/<pid>/stat.
std::set<pid_t> childPids() {
  std::set<pid_t> children;
  DIR *proc = opendir("/proc");
  if (!proc) return children;
  pid_t self = getpid();
  while (dirent *entry = readdir(proc)) {
    if (!std::isdigit(static_cast<unsigned char>(entry->d_name[0]))) continue;
    std::ifstream stat(std::string("/proc/") + entry->d_name + "/stat");
    std::string content((std::istreambuf_iterator<char>(stat)), {});
    // The command name in brackets may contain spaces, so the fields are
    // read after the last ')': state, then ppid.
    size_t close = content.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream fields(content.substr(close + 1));
    std::string state;
    pid_t parent = 0;
    fields >> state >> parent;
    if (parent == self) children.insert(std::stoi(entry->d_name));
  }
  closedir(proc);
  return children;
}

// NOTE: LspClient keeps the server's pid private, so the pid is found as
// the one child process that appeared while the client was constructed.
pid_t startedChild(const std::set<pid_t> &before) {
  for (pid_t pid : childPids())
    if (!before.contains(pid)) return pid;
  return -1;
}

long readPeakRssKiB(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.starts_with("VmHWM:")) return std::stol(line.substr(6));
  return -1;
}

std::string fileUri(const std::filesystem::path &path) {
  std::string uri = "file://";
  for (char c : path.string()) {
    auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) ||
        std::string_view("/-._~").find(c) != std::string_view::npos) {
      uri += c;
    } else {
      char escaped[4];
      std::snprintf(escaped, sizeof escaped, "%%%02X", byte);
      uri += escaped;
    }
  }
  return uri;
}

json initializeParams(const std::optional<std::filesystem::path> &root) {
  // Capabilities of a typical editor, without workspace/configuration, so
  // no server waits for settings that this client would not send.
  json capabilities = {
      {"general", {{"positionEncodings", {"utf-16"}}}},
      {"textDocument",
       {{"synchronization",
         {{"didSave", true}, {"dynamicRegistration", false}}},
        {"publishDiagnostics",
         {{"versionSupport", true}, {"relatedInformation", true}}},
        {"hover", {{"contentFormat", {"markdown", "plaintext"}}}},
        {"completion",
         {{"completionItem", {{"snippetSupport", true}}},
          {"contextSupport", true}}}}},
  };
  json params = {{"processId", getpid()},
                 {"clientInfo", {{"name", "dockpath_lsp_bench"}}},
                 {"capabilities", capabilities}};
  if (root) {
    params["rootUri"] = fileUri(*root);
    params["workspaceFolders"] = {
        {{"uri", fileUri(*root)}, {"name", root->filename().string()}}};
  } else {
    params["rootUri"] = nullptr;
  }
  return params;
}

// Sends the response to a request from the server (workspace/configuration,
// client/registerCapability, ...) so the server never waits on this client.
void respondToServerRequest(LspClient &client, const json &message) {
  json result = nullptr;
  if (message["method"] == "workspace/configuration") {
    size_t items = message["params"].value("items", json::array()).size();
    result = json::array();
    for (size_t i = 0; i < items; ++i) result.push_back(nullptr);
  }
  client.send({{"jsonrpc", "2.0"}, {"id", message["id"]}, {"result", result}});
}

bool isServerRequest(const json &message) {
  return message.contains("method") && message.contains("id");
}

bool isDiagnosticsFor(const json &message, const std::string &uri) {
  return message.value("method", "") == "textDocument/publishDiagnostics" &&
         message["params"].value("uri", "") == uri;
}

// Waits for a message that `accept` takes, responding to server requests
// on the way.
std::optional<json> waitForMessage(
    LspClient &client, const std::function<bool(const json &)> &accept,
    std::chrono::milliseconds timeout) {
  return client.waitFor(
      [&](const json &message) {
        if (isServerRequest(message)) {
          respondToServerRequest(client, message);
          return false;
        }
        return accept(message);
      },
      timeout);
}

std::optional<json> waitForResponse(LspClient &client, int id,
                                    std::chrono::milliseconds timeout) {
  return waitForMessage(
      client,
      [id](const json &m) {
        return m.contains("id") && m["id"] == id && !m.contains("method");
      },
      timeout);
}

void shutDown(LspClient &client) {
  int id = client.request("shutdown", nullptr);
  waitForResponse(client, id, std::chrono::seconds(5));
  client.notify("exit", nullptr);
  // The destructor kills the server when it has not exited by then.
  client.finish(std::chrono::seconds(5));
}

size_t utf16Length(std::string_view text) {
  size_t units = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    auto byte = static_cast<unsigned char>(text[i]);
    if ((byte & 0xC0) == 0x80) continue;  // continuation byte
    units += byte >= 0xF0 ? 2 : 1;
  }
  return units;
}

std::vector<std::string> splitLines(const std::string &text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  std::string line;
  while (std::getline(stream, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

bool startsWithKeyword(const std::string &line, std::string_view keyword) {
  size_t start = line.find_first_not_of(" \t");
  if (start == std::string::npos || line.size() < start + keyword.size() + 1)
    return false;
  for (size_t i = 0; i < keyword.size(); ++i)
    if (std::toupper(static_cast<unsigned char>(line[start + i])) != keyword[i])
      return false;
  return line[start + keyword.size()] == ' ' ||
         line[start + keyword.size()] == '\t';
}

// The line index of each instruction's first line, skipping continuation
// lines and heredoc bodies well enough to find RUN and COPY lines.
std::vector<int> instructionLines(const std::vector<std::string> &lines) {
  std::vector<int> starts;
  bool continued = false;
  std::string heredocEnd;
  for (int i = 0; i < static_cast<int>(lines.size()); ++i) {
    const std::string &line = lines[i];
    if (!heredocEnd.empty()) {
      if (line == heredocEnd) heredocEnd.clear();
      continue;
    }
    size_t first = line.find_first_not_of(" \t");
    bool blankOrComment = first == std::string::npos || line[first] == '#';
    if (!continued && !blankOrComment) starts.push_back(i);
    if (blankOrComment) continue;
    continued = line.ends_with("\\");
    size_t heredoc = line.find("<<");
    if (heredoc != std::string::npos) {
      std::string marker = line.substr(heredoc + 2);
      if (!marker.empty() && marker[0] == '-') marker.erase(0, 1);
      size_t end = marker.find_first_of(" \t\\");
      if (end != std::string::npos) marker.resize(end);
      marker.erase(std::remove(marker.begin(), marker.end(), '"'),
                   marker.end());
      marker.erase(std::remove(marker.begin(), marker.end(), '\''),
                   marker.end());
      if (!marker.empty() &&
          std::isupper(static_cast<unsigned char>(marker[0])))
        heredocEnd = marker;
    }
  }
  return starts;
}

// Orders candidate lines by distance from the middle of the file.
void sortByDistanceFromMiddle(std::vector<int> &candidates, size_t lineCount) {
  int middle = static_cast<int>(lineCount / 2);
  std::stable_sort(candidates.begin(), candidates.end(),
                   [middle](int a, int b) {
                     return std::abs(a - middle) < std::abs(b - middle);
                   });
}

// Byte offsets of the first source path and of the destination.
struct CopyPaths {
  int line = -1;
  size_t sourceStart = 0;
  size_t sourceEnd = 0;
  size_t destinationStart = 0;
  size_t destinationEnd = 0;
};

std::optional<CopyPaths> findCopyPaths(const std::vector<std::string> &lines,
                                       const std::vector<int> &starts) {
  std::vector<int> plain, fromStage;
  for (int i : starts) {
    if (!startsWithKeyword(lines[i], "COPY") &&
        !startsWithKeyword(lines[i], "ADD"))
      continue;
    if (lines[i].find('[') != std::string::npos) continue;  // exec form
    (lines[i].find("--from") == std::string::npos ? plain : fromStage)
        .push_back(i);
  }
  sortByDistanceFromMiddle(plain, lines.size());
  sortByDistanceFromMiddle(fromStage, lines.size());
  plain.insert(plain.end(), fromStage.begin(), fromStage.end());
  for (int i : plain) {
    const std::string &line = lines[i];
    std::vector<std::pair<size_t, size_t>> words;
    size_t at = line.find_first_not_of(" \t");
    at = line.find_first_of(" \t", at);  // skip the keyword
    while ((at = line.find_first_not_of(" \t", at)) != std::string::npos) {
      size_t end = line.find_first_of(" \t", at);
      if (end == std::string::npos) end = line.size();
      if (line.compare(at, 2, "--") != 0 && line.compare(at, 1, "\\") != 0)
        words.emplace_back(at, end);
      at = end;
    }
    if (words.size() >= 2)
      return CopyPaths{i, words.front().first, words.front().second,
                       words.back().first, words.back().second};
  }
  return std::nullopt;
}

std::optional<int> findRunLine(const std::vector<std::string> &lines,
                               const std::vector<int> &starts) {
  std::vector<int> runs;
  for (int i : starts)
    if (startsWithKeyword(lines[i], "RUN") &&
        lines[i].find("<<") == std::string::npos)
      runs.push_back(i);
  sortByDistanceFromMiddle(runs, lines.size());
  if (runs.empty()) return std::nullopt;
  return runs.front();
}

struct Positions {
  std::vector<TypingSpot> spots;
  json hover;       // a Position
  json completion;  // a Position
};

// Chooses the typing spots: the end of the first physical line of the RUN
// instruction nearest the middle of the file, and the end of the first
// source path of the COPY or ADD instruction nearest the middle
// (preferring one without --from). The hover position is the middle of
// that COPY's destination, and the completion position is the second
// character of the RUN keyword.
Positions choosePositions(const std::string &text) {
  std::vector<std::string> lines = splitLines(text);
  std::vector<int> starts = instructionLines(lines);
  Positions positions;
  std::optional<int> run = findRunLine(lines, starts);
  if (run) {
    std::string line = lines[*run];
    size_t end = line.size();
    if (line.ends_with("\\")) end = line.find_last_not_of(" \t", end - 2) + 1;
    positions.spots.push_back(
        {*run, static_cast<int>(utf16Length(line.substr(0, end))), " --quiet"});
    positions.completion = {{"line", *run}, {"character", 1}};
  }
  if (auto copy = findCopyPaths(lines, starts)) {
    const std::string &line = lines[copy->line];
    positions.spots.push_back(
        {copy->line,
         static_cast<int>(utf16Length(line.substr(0, copy->sourceEnd))),
         ".bak"});
    // dockpath describes COPY destinations, not sources, on hover.
    size_t middle = copy->destinationStart +
                    (copy->destinationEnd - copy->destinationStart) / 2;
    positions.hover = {{"line", copy->line},
                       {"character", utf16Length(line.substr(0, middle))}};
  }
  if (positions.spots.empty() && !lines.empty()) {
    int last = static_cast<int>(lines.size()) - 1;
    positions.spots.push_back(
        {last, static_cast<int>(utf16Length(lines[last])), " x"});
  }
  if (positions.hover.is_null())
    positions.hover = {{"line", 0}, {"character", 1}};
  if (positions.completion.is_null())
    positions.completion = {{"line", 0}, {"character", 1}};
  return positions;
}

json range(int line, int startCharacter, int endCharacter) {
  return {{"start", {{"line", line}, {"character", startCharacter}}},
          {"end", {{"line", line}, {"character", endCharacter}}}};
}

// The content changes of the typing session: at each spot in turn, the
// word typed one character per change and deleted one backspace per
// change. Each spot's share of `keystrokes` is rounded up to whole
// type-and-delete cycles, so the document ends as it began and the hover
// and completion positions stay valid.
std::vector<json> typingChanges(const std::vector<TypingSpot> &spots,
                                int keystrokes) {
  std::vector<json> changes;
  for (size_t s = 0; s < spots.size(); ++s) {
    const TypingSpot &spot = spots[s];
    int share =
        keystrokes / static_cast<int>(spots.size()) +
        (static_cast<int>(s) < keystrokes % static_cast<int>(spots.size()));
    int wordLength = static_cast<int>(spot.word.size());  // ASCII words
    int cycle = 2 * wordLength;
    share = (share + cycle - 1) / cycle * cycle;
    int typed = 0;  // characters of the word currently in the document
    bool deleting = false;
    for (int k = 0; k < share; ++k) {
      if (!deleting) {
        int at = spot.character + typed;
        changes.push_back({{"range", range(spot.line, at, at)},
                           {"rangeLength", 0},
                           {"text", std::string(1, spot.word[typed])}});
        if (++typed == wordLength) deleting = true;
      } else {
        int at = spot.character + typed;
        changes.push_back({{"range", range(spot.line, at - 1, at)},
                           {"rangeLength", 1},
                           {"text", ""}});
        if (--typed == 0) deleting = false;
      }
    }
  }
  return changes;
}

struct Keystroke {
  int64_t version = 0;
  Clock::time_point sent;
  std::optional<double> ms;
};

// Records the publications of a typing session against its keystrokes.
class KeystrokeTracker {
 public:
  explicit KeystrokeTracker(size_t count) : keys_(count) {}

  Keystroke &at(size_t index) { return keys_[index]; }
  void markSent(size_t index) { sent_ = index + 1; }
  bool sentAnswered() const { return next_ == sent_; }

  void record(const json &params, Clock::time_point now, TypingResult &result) {
    if (params.contains("version") && params["version"].is_number_integer()) {
      int64_t version = params["version"];
      while (next_ < sent_ && keys_[next_].version <= version) {
        keys_[next_].ms = millisecondsSince(keys_[next_].sent, now);
        if (keys_[next_].version != version) ++result.skippedVersions;
        ++next_;
      }
    } else if (next_ < sent_) {
      result.versionsInferred = true;
      keys_[next_].ms = millisecondsSince(keys_[next_].sent, now);
      ++next_;
    }
  }

  void collect(TypingResult &result) const {
    for (const Keystroke &key : keys_) {
      if (key.ms)
        result.ms.push_back(*key.ms);
      else
        ++result.unanswered;
    }
  }

 private:
  std::vector<Keystroke> keys_;
  size_t sent_ = 0;  // keystrokes sent so far
  size_t next_ = 0;  // first keystroke without diagnostics
};

// One typing phase: sends `changes` as didChange notifications with
// versions from `firstVersion` on, and records when each one's
// diagnostics arrive.
class TypingPhase {
 public:
  TypingPhase(LspClient &client, std::string uri, int intervalMs)
      : client_(client), uri_(std::move(uri)), interval_(intervalMs) {}

  // Sends the keystrokes one every interval, whether or not the server has
  // caught up (paced), or each one interval after the previous one's
  // diagnostics arrived (isolated). Returns an error message, or "".
  std::string type(const std::vector<json> &changes, int64_t firstVersion,
                   bool isolated, TypingResult &result,
                   size_t &finalDiagnostics) {
    KeystrokeTracker tracker(changes.size());
    auto accept = [&](const json &message) {
      if (isDiagnosticsFor(message, uri_)) {
        tracker.record(message["params"], Clock::now(), result);
        finalDiagnostics =
            message["params"].value("diagnostics", json::array()).size();
      }
      return tracker.sentAnswered();
    };
    std::string error;
    Clock::time_point due = Clock::now();
    for (size_t i = 0; i < changes.size() && error.empty(); ++i) {
      if (isolated && i > 0) {
        if (!tracker.sentAnswered() &&
            !waitForMessage(client_, accept, std::chrono::seconds(60))) {
          error =
              "timed out after 60 s waiting for an isolated keystroke's "
              "diagnostics";
          break;
        }
        due = Clock::now() + interval_;
      }
      if (!pauseUntil(due, accept)) {
        error = "the server closed its output during the typing session";
        break;
      }
      Keystroke &key = tracker.at(i);
      key.version = firstVersion + static_cast<int64_t>(i);
      client_.notify(
          "textDocument/didChange",
          {{"textDocument", {{"uri", uri_}, {"version", key.version}}},
           {"contentChanges", json::array({changes[i]})}});
      key.sent = Clock::now();
      tracker.markSent(i);
      due = key.sent + interval_;
    }
    if (error.empty() && !tracker.sentAnswered() &&
        !waitForMessage(client_, accept, std::chrono::seconds(300)))
      error =
          "timed out after 300 s waiting for the last keystroke's diagnostics";
    tracker.collect(result);
    return error;
  }

 private:
  // Reads messages until `due`; returns false when the server closed its
  // output first.
  bool pauseUntil(Clock::time_point due,
                  const std::function<bool(const json &)> &accept) {
    while (Clock::now() < due) {
      auto left =
          std::chrono::ceil<std::chrono::milliseconds>(due - Clock::now());
      auto received = waitForMessage(
          client_,
          [&](const json &message) {
            accept(message);
            return false;
          },
          left);
      if (!received && Clock::now() + std::chrono::milliseconds(1) < due)
        return false;
    }
    return true;
  }

  LspClient &client_;
  std::string uri_;
  std::chrono::milliseconds interval_;
};

// Sends `count` requests one after another and times each response.
std::vector<double> timeRequests(LspClient &client, const std::string &method,
                                 const json &params, int count,
                                 std::optional<json> &lastResult) {
  std::vector<double> times;
  for (int i = 0; i < count; ++i) {
    Clock::time_point sent = Clock::now();
    int id = client.request(method, params);
    auto response = waitForResponse(client, id, std::chrono::seconds(20));
    if (!response) break;
    times.push_back(millisecondsSince(sent, Clock::now()));
    lastResult = response->value("result", json());
  }
  return times;
}

}  // namespace

std::optional<double> measureStartup(const ServerSpec &server) {
  Clock::time_point start = Clock::now();
  LspClient client(server.argv);
  if (!client.running()) return std::nullopt;
  int id = client.request("initialize", initializeParams(std::nullopt));
  auto response = waitForResponse(client, id, std::chrono::seconds(20));
  if (!response) return std::nullopt;
  double ms = millisecondsSince(start, Clock::now());
  client.notify("initialized", json::object());
  shutDown(client);
  return ms;
}

SessionResult runSession(const ServerSpec &server, const Input &input,
                         const SessionOptions &options) {
  SessionResult result;
  std::set<pid_t> before = childPids();
  LspClient client(server.argv);
  pid_t pid = startedChild(before);
  if (!client.running()) {
    result.error = "failed to start the server";
    return result;
  }

  int id =
      client.request("initialize", initializeParams(input.file.parent_path()));
  auto initialized = waitForResponse(client, id, std::chrono::seconds(20));
  if (!initialized) {
    result.error = "no initialize response within 20 s";
    return result;
  }
  result.completionSupported =
      (*initialized)["result"]["capabilities"].contains("completionProvider");
  client.notify("initialized", json::object());

  std::string uri = fileUri(input.file);
  Clock::time_point opened = Clock::now();
  client.notify("textDocument/didOpen", {{"textDocument",
                                          {{"uri", uri},
                                           {"languageId", "dockerfile"},
                                           {"version", 1},
                                           {"text", input.text}}}});
  auto first = waitForMessage(
      client, [&](const json &m) { return isDiagnosticsFor(m, uri); },
      std::chrono::seconds(60));
  if (!first) {
    result.error = "no diagnostics within 60 s of didOpen";
    return result;
  }
  result.openMs = millisecondsSince(opened, Clock::now());
  result.finalDiagnostics =
      (*first)["params"].value("diagnostics", json::array()).size();

  Positions positions = choosePositions(input.text);
  std::vector<json> changes =
      typingChanges(positions.spots, options.keystrokes);
  TypingPhase typing(client, uri, options.intervalMs);
  // didOpen sent version 1.
  result.error =
      typing.type(changes, 2, false, result.paced, result.finalDiagnostics);
  if (!result.error.empty()) return result;
  int64_t next = 2 + static_cast<int64_t>(changes.size());
  result.error = typing.type(changes, next, true, result.isolated,
                             result.finalDiagnostics);
  if (!result.error.empty()) return result;

  json document = {{"uri", uri}};
  std::optional<json> hover;
  result.hoverMs =
      timeRequests(client, "textDocument/hover",
                   {{"textDocument", document}, {"position", positions.hover}},
                   options.hovers, hover);
  result.hoverHasContent = hover && !hover->is_null();
  if (result.completionSupported) {
    std::optional<json> completion;
    result.completionMs = timeRequests(client, "textDocument/completion",
                                       {{"textDocument", document},
                                        {"position", positions.completion},
                                        {"context", {{"triggerKind", 1}}}},
                                       options.completions, completion);
    if (completion && completion->is_array())
      result.completionItems = completion->size();
    if (completion && completion->is_object())
      result.completionItems = completion->value("items", json::array()).size();
  }

  if (pid > 0) result.peakRssKiB = readPeakRssKiB(pid);
  shutDown(client);
  return result;
}

}  // namespace dockpath::bench
