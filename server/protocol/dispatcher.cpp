#include "dockpath/protocol/dispatcher.h"

#include <atomic>
#include <cassert>

#include "dockpath/protocol/log.h"

namespace dockpath::protocol {

using Clock = std::chrono::steady_clock;

// Shared by the copies of one Reply. The destructor is the guard against a
// handler that forgot to reply.
struct ReplyState {
  json id;
  std::string method;
  Clock::time_point start = Clock::now();
  MessageSink sink;
  std::atomic<bool> done{false};
  std::atomic<bool> cancelled{false};

  ~ReplyState() {
    if (done) return;
    log::error("no reply to {}({}); sending an internal error", method,
               id.dump());
    send(makeError(id, ErrorCode::InternalError,
                   "the server did not reply to " + method));
  }

  void send(const json &message) {
    if (done.exchange(true)) {
      log::error("second reply to {}({}) dropped", method, id.dump());
      assert(!"a request was replied to twice");
      return;
    }
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
        Clock::now() - start);
    if (auto error = message.find("error"); error != message.end()) {
      log::info("--> {}({}) error {} after {} ms", method, id.dump(),
                error->value("code", 0), ms.count());
    } else {
      log::info("--> {}({}) after {} ms", method, id.dump(), ms.count());
    }
    sink(message);
  }
};

void Reply::result(json value) const {
  state_->send(makeResult(state_->id, std::move(value)));
}

void Reply::error(ErrorCode code, std::string_view message) const {
  state_->send(makeError(state_->id, code, message));
}

bool Reply::failIfPending(ErrorCode code, std::string_view message) const {
  if (state_->done) return false;
  error(code, message);
  return true;
}

bool Reply::cancelled() const { return state_->cancelled; }
bool Reply::replied() const { return state_->done; }
const json &Reply::id() const { return state_->id; }

void Dispatcher::onRequest(std::string method, RequestHandler handler) {
  requestHandlers_[std::move(method)] = std::move(handler);
}

void Dispatcher::onNotification(std::string method,
                                NotificationHandler handler) {
  notificationHandlers_[std::move(method)] = std::move(handler);
}

void Dispatcher::notify(std::string_view method, json params) {
  log::verbose("--> {}", method);
  sink_(makeNotification(method, std::move(params)));
}

void Dispatcher::request(std::string_view method, json params,
                         ResponseHandler onResponse) {
  int64_t id = 0;
  {
    std::lock_guard<std::mutex> lock(requestsMutex_);
    id = nextRequestId_++;
    requests_[id] = std::move(onResponse);
  }
  log::verbose("--> {}({}) to the client", method, id);
  json message = {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}};
  if (!params.is_null()) message["params"] = std::move(params);
  sink_(message);
}

void Dispatcher::handleResponse(const Message &message) {
  ResponseHandler handler;
  {
    std::lock_guard<std::mutex> lock(requestsMutex_);
    auto it = message.id.is_number_integer()
                  ? requests_.find(message.id.get<int64_t>())
                  : requests_.end();
    if (it == requests_.end()) {
      log::verbose("ignored a response with unknown id {}",
                   message.id.dump());
      return;
    }
    handler = std::move(it->second);
    requests_.erase(it);
  }
  // A client may respond with an error (eglot can reject a request as
  // stale). The handler decides what to do, and the session goes on.
  const json &error = message.error;
  if (!error.is_null())
    log::info("the client responded to request {} with an error: {}",
              message.id.dump(), error.dump());
  handler(message.result, error);
}

void Dispatcher::handleMessage(std::string_view body) {
  log::debug("<-- raw {}", body);
  auto decoded = decodeMessage(body);
  if (auto *error = std::get_if<DecodeError>(&decoded)) {
    log::error("rejected a message ({}): {}", describe(error->code),
               error->message);
    sink_(makeError(error->id, error->code, error->message));
    return;
  }
  auto &message = std::get<Message>(decoded);
  switch (message.kind) {
    case Message::Kind::Request:
      handleRequest(message.method, message.id, message.params);
      break;
    case Message::Kind::Notification:
      handleNotification(message.method, message.params);
      break;
    case Message::Kind::Response:
      handleResponse(message);
      break;
  }
}

void Dispatcher::handleFramingError(const FrameEvent &event) {
  json id = scanId(event.body);
  log::error("framing error: {} (id {})", event.error, id.dump());
  sink_(makeError(id, ErrorCode::ParseError, event.error));
}

void Dispatcher::handleEndOfInput() {
  if (exitRequested_) return;
  log::info("end of input {} shutdown; exiting with code {}",
            shutdownReceived() ? "after" : "without", exitCode());
  exitRequested_ = true;
}

void Dispatcher::rejectRequest(const std::string &method, const json &id,
                               ErrorCode code, std::string_view message) {
  log::info("--> {}({}) rejected: {}", method, id.dump(), message);
  sink_(makeError(id, code, message));
}

// Applies the lifecycle rules of LSP 3.17 ("initialize", "shutdown") to a
// request; returns false after rejecting it.
bool Dispatcher::admitRequest(const std::string &method, const json &id) {
  if (method == "initialize" && state_ != State::Uninitialized) {
    rejectRequest(method, id, ErrorCode::InvalidRequest,
                  "initialize was already received");
    return false;
  }
  if (state_ == State::Uninitialized && method != "initialize") {
    rejectRequest(method, id, ErrorCode::ServerNotInitialized,
                  "the server has not been initialized");
    return false;
  }
  if (state_ == State::ShutDown) {
    rejectRequest(method, id, ErrorCode::InvalidRequest,
                  "the server is shutting down");
    return false;
  }
  return true;
}

void Dispatcher::handleRequest(const std::string &method, const json &id,
                               const json &params) {
  log::info("<-- {}({})", method, id.dump());
  if (!admitRequest(method, id)) return;
  if (method == "initialize") state_ = State::Running;
  if (method == "shutdown") state_ = State::ShutDown;

  auto handler = requestHandlers_.find(method);
  if (handler == requestHandlers_.end()) {
    if (method == "shutdown") {
      makeReply(method, id).result(nullptr);
      return;
    }
    rejectRequest(method, id, ErrorCode::MethodNotFound,
                  "method not found: " + method);
    return;
  }
  runRequest(handler->second, params, makeReply(method, id));
}

// Calls a handler. A JSON type or range error means the params did not
// have the expected shape.
void Dispatcher::runRequest(const RequestHandler &handler, const json &params,
                            const Reply &reply) {
  try {
    handler(params, reply);
  } catch (const json::exception &e) {
    log::error("invalid params for request {}: {}", reply.id().dump(),
               e.what());
    reply.failIfPending(ErrorCode::InvalidParams,
                        std::string("invalid params: ") + e.what());
  } catch (const std::exception &e) {
    log::error("request {} failed: {}", reply.id().dump(), e.what());
    reply.failIfPending(ErrorCode::InternalError, e.what());
  }
}

Reply Dispatcher::makeReply(const std::string &method, const json &id) {
  auto state = std::make_shared<ReplyState>();
  state->id = id;
  state->method = method;
  state->sink = sink_;

  std::lock_guard lock(pendingMutex_);
  if (pending_.size() > 64) {
    std::erase_if(pending_, [](const auto &entry) {
      auto alive = entry.second.lock();
      return !alive || alive->done;
    });
  }
  pending_[id.dump()] = state;
  return Reply(std::move(state));
}

void Dispatcher::cancel(const json &params) {
  json id = params.is_object() ? params.value("id", json()) : json();
  std::shared_ptr<ReplyState> state;
  {
    std::lock_guard lock(pendingMutex_);
    auto entry = pending_.find(id.dump());
    if (entry != pending_.end()) state = entry->second.lock();
  }
  if (!state || state->done) {
    log::verbose("cancel for {} ignored: no such pending request", id.dump());
    return;
  }
  log::verbose("cancel requested for {}({})", state->method, id.dump());
  state->cancelled = true;
}

void Dispatcher::handleNotification(const std::string &method,
                                    const json &params) {
  log::verbose("<-- {}", method);
  if (method == "exit") {
    log::info("exit {} shutdown; exiting with code {}",
              shutdownReceived() ? "after" : "without", exitCode());
    exitRequested_ = true;
    return;
  }
  if (state_ != State::Running) {
    // LSP 3.17: before initialize, notifications other than exit are
    // dropped; after shutdown only exit is expected.
    log::verbose("dropped {}: server not running", method);
    return;
  }
  if (method == "$/cancelRequest") return cancel(params);

  auto handler = notificationHandlers_.find(method);
  if (handler == notificationHandlers_.end()) {
    if (method.starts_with("$/"))
      log::debug("ignored {}", method);
    else
      log::verbose("ignored unknown notification {}", method);
    return;
  }
  try {
    handler->second(params);
  } catch (const std::exception &e) {
    log::error("notification {} failed: {}", method, e.what());
  }
}

}  // namespace dockpath::protocol
