// The reader-thread half of LspServer: reading params and queueing work.
#include "dockpath/protocol/lsp_server.h"

#include "dockpath/protocol/log.h"
#include "dockpath/rules/rule.h"

namespace dockpath::protocol {
namespace {

std::string documentUri(const json &params) {
  return params.at("textDocument").at("uri").get<std::string>();
}

// Fingerprints from context.diagnostics[].data.fingerprint. Ranges are not
// used: Neovim 0.7 rebuilds them from its own store in byte columns.
std::vector<std::string> contextFingerprints(const json &params) {
  std::vector<std::string> fingerprints;
  const json context = params.value("context", json::object());
  for (const json &diagnostic : context.value("diagnostics", json::array())) {
    if (!diagnostic.is_object()) continue;
    const json data = diagnostic.value("data", json::object());
    if (data.is_object() && data.contains("fingerprint") &&
        data["fingerprint"].is_string())
      fingerprints.push_back(data["fingerprint"].get<std::string>());
  }
  return fingerprints;
}

// True unless context.only names kinds none of which covers "quickfix"
// (a kind covers its own sub-kinds, "quickfix" covers "quickfix.x").
bool wantsQuickFixes(const json &params) {
  const json context = params.value("context", json::object());
  auto only = context.find("only");
  if (only == context.end() || !only->is_array()) return true;
  for (const json &kind : *only) {
    if (kind == "quickfix") return true;
  }
  return false;
}

}  // namespace

LspServer::LspServer(Dispatcher &dispatcher, ServerOptions options)
    : dispatcher_(dispatcher),
      options_(std::move(options)),
      engine_(std::make_unique<Engine>()),
      queue_(options_.testMode ? WorkQueue::Mode::Inline
                               : WorkQueue::Mode::Threaded) {
  registerHandlers();
}

LspServer::~LspServer() { stop(); }

void LspServer::afterMessage() {
  if (options_.testMode && !held_) queue_.runPending();
}

void LspServer::drain() { queue_.drain(); }
void LspServer::stop() { queue_.stop(); }

void LspServer::registerHandlers() {
  dispatcher_.onRequest("initialize",
                        [this](const json &p, Reply r) { initialize(p, r); });
  // Replying from the queue sends the shutdown reply after all earlier work.
  dispatcher_.onRequest("shutdown", [this](const json &, Reply r) {
    queue_.push([r] { r.result(nullptr); });
  });
  dispatcher_.onNotification("initialized",
                             [this](const json &) { initialized(); });
  dispatcher_.onNotification(
      "workspace/didChangeConfiguration",
      [this](const json &p) { didChangeConfiguration(p); });
  // Files of a build context or a .dockpath.toml changed on disk.
  dispatcher_.onNotification("workspace/didChangeWatchedFiles",
                             [this](const json &) { reloadFromDisk(); });
  dispatcher_.onRequest("textDocument/hover",
                        [this](const json &p, Reply r) { hover(p, r); });
  dispatcher_.onRequest("textDocument/completion",
                        [this](const json &p, Reply r) { completion(p, r); });
  dispatcher_.onRequest("textDocument/codeAction",
                        [this](const json &p, Reply r) { codeAction(p, r); });
  registerDocumentHandlers();
  registerNavigationHandlers();
  if (options_.testMode) registerTestHandlers();
}

void LspServer::registerDocumentHandlers() {
  dispatcher_.onNotification("textDocument/didOpen",
                             [this](const json &p) { didOpen(p); });
  dispatcher_.onNotification("textDocument/didChange",
                             [this](const json &p) { didChange(p); });
  dispatcher_.onNotification("textDocument/didClose",
                             [this](const json &p) { didClose(p); });
  dispatcher_.onNotification("textDocument/didSave",
                             [this](const json &p) { didSave(p); });
}

void LspServer::registerTestHandlers() {
  dispatcher_.onNotification("$/dockpath/holdWork",
                             [this](const json &) { held_ = true; });
  dispatcher_.onNotification("$/dockpath/runWork",
                             [this](const json &) { held_ = false; });
}

void LspServer::initialize(const json &params, const Reply &reply) {
  client_ = readClientCapabilities(params);
  log::info("client {} {}; position encoding {}",
            client_.name.empty() ? "(unnamed)" : client_.name, client_.version,
            encodingName(client_.encoding));
  reply.result(initializeResult(client_, options_.version));
}

void LspServer::initialized() {
  const json &options = client_.initializationOptions;
  if (options.is_object() && options.contains("rules")) applySettings(options);
  if (client_.configuration) requestConfiguration();
}

// The client's settings under the "dockpath" section, as VS Code,
// LSP4IJ and eglot (eglot-workspace-configuration) provide them.
void LspServer::requestConfiguration() {
  json params = {{"items", json::array({{{"section", "dockpath"}}})}};
  dispatcher_.request("workspace/configuration", std::move(params),
                      [this](const json &result, const json &error) {
                        // eglot answers [null] when it has no "dockpath"
                        // section; that keeps the settings as they are.
                        if (!error.is_null() || !result.is_array() ||
                            result.empty() || !result[0].is_object())
                          return;
                        applySettings(result[0]);
                      });
}

// LSP 3.17: the settings in the notification are client-defined; VS Code
// sends {"dockpath": {...}} while others send null and expect a pull.
void LspServer::didChangeConfiguration(const json &params) {
  const json settings = params.value("settings", json());
  if (settings.is_object() && settings.contains("dockpath"))
    applySettings(settings["dockpath"]);
  else if (client_.configuration)
    requestConfiguration();
}

void LspServer::reloadFromDisk() {
  queue_.push([this] { engine_->invalidateBuildContexts(); });
  for (const auto &[uri, counter] : editCounters_) {
    bumpEdits(uri);
    queueAnalysis(uri);
  }
}

void LspServer::applySettings(const json &settings) {
  Settings parsed;
  const json rules = settings.is_object()
                         ? settings.value("rules", json::object())
                         : json::object();
  if (rules.is_object()) {
    for (const auto &[rule, level] : rules.items()) {
      if (!findRule(rule)) {
        log::error("settings: unknown rule {}; `dockpath rules` lists the "
                   "rule ids and names",
                   rule);
        continue;
      }
      auto parsedLevel =
          level.is_string() ? parseRuleLevel(level.get<std::string>())
                            : std::nullopt;
      if (parsedLevel)
        parsed.rules[rule] = *parsedLevel;
      else
        log::error("settings: invalid level {} for rule {}; use off, "
                   "error, warning, info or hint",
                   level.dump(), rule);
    }
  }
  log::info("settings: {} rule levels", parsed.rules.size());
  queue_.push([this, parsed = std::move(parsed)]() mutable {
    engine_->setClientSettings(std::move(parsed));
  });
  for (const auto &[uri, counter] : editCounters_) {
    bumpEdits(uri);
    queueAnalysis(uri);
  }
}

uint64_t LspServer::bumpEdits(const std::string &uri) {
  auto &counter = editCounters_[uri];
  if (!counter) counter = std::make_shared<std::atomic<uint64_t>>(0);
  return ++*counter;
}

// Analyses the document as it is once the queue reaches this item, unless
// an edit queued after it makes the analysis stale.
void LspServer::queueAnalysis(const std::string &uri) {
  auto counter = editCounters_.find(uri);
  if (counter == editCounters_.end()) return;
  EditCounter shared = counter->second;
  uint64_t edit = shared->load();
  queue_.push([this, uri, edit, shared] { analyze(uri, edit, shared); });
}

void LspServer::didOpen(const json &params) {
  const json &document = params.at("textDocument");
  std::string uri = document.at("uri").get<std::string>();
  std::string text = document.at("text").get<std::string>();
  int64_t version = document.value("version", int64_t{0});
  log::verbose("open {} version {}, {} bytes", uri, version, text.size());
  bumpEdits(uri);
  queue_.push([this, uri, text = std::move(text), version] {
    openDocument(uri, text, version);
  });
  queueAnalysis(uri);
}

void LspServer::didChange(const json &params) {
  std::string uri = documentUri(params);
  int64_t version = params.at("textDocument").value("version", int64_t{0});
  std::vector<ContentChange> changes;
  for (const json &change : params.at("contentChanges")) {
    ContentChange item;
    // rangeLength is deprecated in LSP 3.17 and ignored: range is enough.
    if (change.contains("range")) item.range = change["range"];
    item.text = change.at("text").get<std::string>();
    changes.push_back(std::move(item));
  }
  if (!editCounters_.contains(uri)) {
    log::error("didChange for {}, which is not open; ignored", uri);
    return;
  }
  bumpEdits(uri);
  queue_.push([this, uri, changes = std::move(changes), version] {
    applyChanges(uri, changes, version);
  });
  queueAnalysis(uri);
}

void LspServer::didClose(const json &params) {
  std::string uri = documentUri(params);
  bumpEdits(uri);  // abandons an analysis in progress
  editCounters_.erase(uri);
  queue_.push([this, uri] {
    engine_->close(uri);
    dispatcher_.notify("textDocument/publishDiagnostics",
                       {{"uri", uri}, {"diagnostics", json::array()}});
  });
}

void LspServer::didSave(const json &params) {
  std::string uri = documentUri(params);
  // The build context on disk may have changed along with the file.
  queue_.push([this] { engine_->invalidateBuildContexts(); });
  queueAnalysis(uri);
}

void LspServer::hover(const json &params, const Reply &reply) {
  std::string uri = documentUri(params);
  json position = params.at("position");
  queueRequest(reply, [this, reply, uri, position] {
    reply.result(hoverResult(uri, position));
  });
}

void LspServer::completion(const json &params, const Reply &reply) {
  std::string uri = documentUri(params);
  json position = params.at("position");
  queueRequest(reply, [this, reply, uri, position] {
    reply.result(completionResult(uri, position));
  });
}

void LspServer::codeAction(const json &params, const Reply &reply) {
  std::string uri = documentUri(params);
  json range = params.at("range");
  if (!wantsQuickFixes(params)) return reply.result(json::array());
  auto fingerprints = contextFingerprints(params);
  queueRequest(reply, [this, reply, uri, range, fingerprints] {
    reply.result(codeActionResult(uri, range, fingerprints));
  });
}

// Queues a request's work. A request cancelled while queued gets
// RequestCancelled, invalid params found on the analysis thread get
// InvalidParams, and other exceptions InternalError.
void LspServer::queueRequest(const Reply &reply, std::function<void()> work) {
  queue_.push([reply, work = std::move(work)] {
    if (reply.cancelled()) {
      reply.error(ErrorCode::RequestCancelled, "request cancelled");
      return;
    }
    try {
      work();
    } catch (const json::exception &e) {
      reply.failIfPending(ErrorCode::InvalidParams,
                          std::string("invalid params: ") + e.what());
    } catch (const std::exception &e) {
      log::error("request {} failed: {}", reply.id().dump(), e.what());
      reply.failIfPending(ErrorCode::InternalError, e.what());
    }
  });
}

}  // namespace dockpath::protocol
