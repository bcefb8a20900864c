// The LSP methods dockpath serves, as glue between the dispatcher and the
// Engine.
//
// Threading: handlers run on the reader thread, read their params and
// push work items. Every use of the Engine and its Documents happens in
// work items on the one analysis thread, in the order the messages
// arrived. Outside test mode the reader waits for analysis only when the
// queue drains at the end of the session. Each open document has an edit
// counter that the reader increments on every change, so the analysis
// thread can tell that its work is stale.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "dockpath/engine/engine.h"
#include "dockpath/protocol/capabilities.h"
#include "dockpath/protocol/dispatcher.h"
#include "dockpath/protocol/work_queue.h"

namespace dockpath::protocol {

struct ServerOptions {
  std::string version;  // sent as serverInfo.version
  // Runs the work of each message before the next message is handled,
  // so transcripts are deterministic. Also enables the notifications
  // "$/dockpath/holdWork" and "$/dockpath/runWork", which hold queued work
  // until released, so a test can queue several messages (a request and
  // its $/cancelRequest, several edits) before any of them runs.
  bool testMode = false;
};

class LspServer {
 public:
  LspServer(Dispatcher &dispatcher, ServerOptions options);
  ~LspServer();

  // Call after each handled message: in test mode it runs the queued
  // work unless it is held.
  void afterMessage();
  // Waits until the queued work has run.
  void drain();
  // Drops queued work and stops the analysis thread.
  void stop();

 private:
  using EditCounter = std::shared_ptr<std::atomic<uint64_t>>;
  struct ContentChange {
    std::optional<json> range;  // LSP Range; nullopt replaces all text
    std::string text;
  };

  void registerHandlers();
  void registerDocumentHandlers();
  void registerTestHandlers();
  void registerNavigationHandlers();  // lsp_navigation.cpp
  void registerRenameHandlers();

  // Reader thread.
  void initialize(const json &params, const Reply &reply);
  void didOpen(const json &params);
  void didChange(const json &params);
  void didClose(const json &params);
  void didSave(const json &params);
  void hover(const json &params, const Reply &reply);
  void completion(const json &params, const Reply &reply);
  void codeAction(const json &params, const Reply &reply);
  void initialized();
  void didChangeConfiguration(const json &params);
  void requestConfiguration();
  // Forgets what was read from disk and analyses every document again.
  void reloadFromDisk();
  // Applies dockpath's settings object ({"rules": {...}}) and analyses
  // every open document again.
  void applySettings(const json &settings);
  uint64_t bumpEdits(const std::string &uri);
  void queueAnalysis(const std::string &uri);
  void queueRequest(const Reply &reply, std::function<void()> work);

  // Analysis thread.
  void openDocument(const std::string &uri, const std::string &text,
                    int64_t version);
  void applyChanges(const std::string &uri,
                    const std::vector<ContentChange> &changes, int64_t version);
  void analyze(const std::string &uri, uint64_t edit,
               const EditCounter &counter);
  void publish(const std::string &uri, const Document &document,
               const Analysis &analysis);
  std::vector<json> lspDiagnostics(const std::string &uri,
                                   const Document &document,
                                   const Analysis &analysis) const;
  json hoverResult(const std::string &uri, const json &position);
  json completionResult(const std::string &uri, const json &position);
  json codeActionResult(const std::string &uri, const json &range,
                        const std::vector<std::string> &fingerprints);

  Dispatcher &dispatcher_;
  ServerOptions options_;
  // Written by initialize before any work item exists; the queue's mutex
  // orders that write before every read on the analysis thread.
  ClientCapabilities client_;
  std::map<std::string, EditCounter> editCounters_;  // reader thread only
  bool held_ = false;                                // reader thread only
  std::unique_ptr<Engine> engine_;                   // analysis thread only
  WorkQueue queue_;  // declared last so it stops before engine_ goes
};

}  // namespace dockpath::protocol
