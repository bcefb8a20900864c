// Routing of decoded JSON-RPC messages to handlers, with the duties every
// message shares: the LSP lifecycle (initialize first, nothing but exit
// after shutdown), cancellation, logging with latency, and exactly one
// reply per request.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "dockpath/protocol/framing.h"
#include "dockpath/protocol/jsonrpc.h"

namespace dockpath::protocol {

// Sends one outgoing message; must be safe to call from any thread.
using MessageSink = std::function<void(const json &)>;

struct ReplyState;

// The one reply a request gets. Copies share one state, so a handler may
// pass the reply to a work queue. If the last copy is destroyed without a
// reply, the request gets an InternalError reply. A second reply is a bug:
// it asserts in debug builds and is logged and dropped otherwise.
class Reply {
 public:
  void result(json value) const;
  void error(ErrorCode code, std::string_view message) const;
  // Sends the error unless a reply was already sent; returns whether it did.
  bool failIfPending(ErrorCode code, std::string_view message) const;
  // True after $/cancelRequest named this request.
  bool cancelled() const;
  bool replied() const;
  const json &id() const;

 private:
  friend class Dispatcher;
  explicit Reply(std::shared_ptr<ReplyState> state)
      : state_(std::move(state)) {}
  std::shared_ptr<ReplyState> state_;
};

class Dispatcher {
 public:
  using RequestHandler = std::function<void(const json &params, Reply)>;
  using NotificationHandler = std::function<void(const json &params)>;

  explicit Dispatcher(MessageSink sink) : sink_(std::move(sink)) {}

  // Handlers run on the thread that calls handleMessage. "initialize" and
  // "shutdown" may be registered like any other request; the dispatcher
  // tracks the lifecycle itself and handles "exit" and "$/cancelRequest".
  void onRequest(std::string method, RequestHandler handler);
  void onNotification(std::string method, NotificationHandler handler);

  // Decodes and handles one message body.
  void handleMessage(std::string_view body);
  // Logs a framing error and replies with a ParseError carrying the id
  // that can be read from the unframed bytes, or null.
  void handleFramingError(const FrameEvent &event);
  // End of input behaves like "exit": exit code 0 after shutdown, else 1.
  void handleEndOfInput();

  void notify(std::string_view method, json params);

  // Sends a request to the client. onResponse gets the result, or null
  // and the error object when the client answers with an error; it runs
  // on the thread that handles the response message.
  using ResponseHandler =
      std::function<void(const json &result, const json &error)>;
  void request(std::string_view method, json params,
               ResponseHandler onResponse);

  bool exitRequested() const { return exitRequested_; }
  int exitCode() const { return shutdownReceived() ? 0 : 1; }
  bool initialized() const { return state_ != State::Uninitialized; }
  bool shutdownReceived() const { return state_ == State::ShutDown; }

 private:
  enum class State { Uninitialized, Running, ShutDown };

  void handleRequest(const std::string &method, const json &id,
                     const json &params);
  void handleNotification(const std::string &method, const json &params);
  void runRequest(const RequestHandler &handler, const json &params,
                  const Reply &reply);
  void rejectRequest(const std::string &method, const json &id, ErrorCode code,
                     std::string_view message);
  bool admitRequest(const std::string &method, const json &id);
  void cancel(const json &params);
  Reply makeReply(const std::string &method, const json &id);

  MessageSink sink_;
  std::map<std::string, RequestHandler, std::less<>> requestHandlers_;
  std::map<std::string, NotificationHandler, std::less<>> notificationHandlers_;
  State state_ = State::Uninitialized;
  bool exitRequested_ = false;

  void handleResponse(const Message &message);

  // The server's own requests without a response yet, by id.
  std::mutex requestsMutex_;
  int64_t nextRequestId_ = 1;
  std::map<int64_t, ResponseHandler> requests_;

  // Requests without a reply yet, by id as JSON text, for $/cancelRequest.
  // The mutex is needed because replies are sent from the analysis thread.
  std::mutex pendingMutex_;
  std::map<std::string, std::weak_ptr<ReplyState>> pending_;
};

}  // namespace dockpath::protocol
