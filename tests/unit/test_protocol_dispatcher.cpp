#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "dockpath/protocol/dispatcher.h"
#include "dockpath/protocol/log.h"
#include "dockpath/protocol/work_queue.h"

using namespace dockpath::protocol;

namespace {

// A dispatcher whose output is collected in sent.
struct Harness {
  std::vector<json> sent;
  Dispatcher dispatcher{[this](const json &m) { sent.push_back(m); }};

  Harness() { dockpath::log::setLevel(dockpath::log::Level::Error); }

  void request(int id, std::string_view method, json params = json::object()) {
    json message = {{"jsonrpc", "2.0"},
                    {"id", id},
                    {"method", method},
                    {"params", std::move(params)}};
    dispatcher.handleMessage(message.dump());
  }
  void notification(std::string_view method, json params = json::object()) {
    json message = {
        {"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
    dispatcher.handleMessage(message.dump());
  }
  void initialize() {
    dispatcher.onRequest("initialize", [](const json &, Reply reply) {
      reply.result({{"capabilities", json::object()}});
    });
    request(1, "initialize");
    sent.clear();
  }
  int lastErrorCode() const {
    REQUIRE_FALSE(sent.empty());
    return sent.back()["error"].value("code", 0);
  }
};

}  // namespace

TEST_CASE("dispatcher rejects requests before initialize") {
  Harness h;
  h.request(5, "textDocument/hover");
  REQUIRE(h.sent.size() == 1);
  CHECK(h.sent[0]["id"] == 5);
  CHECK(h.lastErrorCode() == -32002);
}

TEST_CASE("dispatcher drops notifications before initialize") {
  Harness h;
  int calls = 0;
  h.dispatcher.onNotification("n", [&](const json &) { ++calls; });
  h.notification("n");
  CHECK(calls == 0);
  CHECK(h.sent.empty());
}

TEST_CASE("dispatcher rejects a second initialize") {
  Harness h;
  h.initialize();
  h.request(2, "initialize");
  CHECK(h.lastErrorCode() == -32600);
}

TEST_CASE("dispatcher answers unknown methods") {
  Harness h;
  h.initialize();
  h.request(2, "no/such");
  CHECK(h.lastErrorCode() == -32601);
  h.request(3, "$/no/such");
  CHECK(h.lastErrorCode() == -32601);
  h.notification("no/such");
  h.notification("$/progress");
  CHECK(h.sent.size() == 2);  // notifications never get replies
}

TEST_CASE("dispatcher lifecycle sets the exit code") {
  SUBCASE("exit without shutdown") {
    Harness h;
    h.initialize();
    h.notification("exit");
    CHECK(h.dispatcher.exitRequested());
    CHECK(h.dispatcher.exitCode() == 1);
  }
  SUBCASE("exit after shutdown") {
    Harness h;
    h.initialize();
    h.request(2, "shutdown");
    REQUIRE(h.sent.size() == 1);
    CHECK(h.sent[0]["result"].is_null());
    h.request(3, "textDocument/hover");
    CHECK(h.lastErrorCode() == -32600);
    h.notification("exit");
    CHECK(h.dispatcher.exitCode() == 0);
  }
  SUBCASE("end of input without shutdown") {
    Harness h;
    h.initialize();
    h.dispatcher.handleEndOfInput();
    CHECK(h.dispatcher.exitRequested());
    CHECK(h.dispatcher.exitCode() == 1);
  }
}

TEST_CASE("reply guard answers a forgotten request") {
  Harness h;
  h.initialize();
  h.dispatcher.onRequest("forget", [](const json &, Reply) {});
  h.request(2, "forget");
  REQUIRE(h.sent.size() == 1);
  CHECK(h.sent[0]["id"] == 2);
  CHECK(h.lastErrorCode() == -32603);
}

TEST_CASE("reply guard waits for a reply kept for later") {
  Harness h;
  h.initialize();
  std::optional<Reply> kept;
  h.dispatcher.onRequest("later", [&](const json &, Reply r) { kept = r; });
  h.request(2, "later");
  CHECK(h.sent.empty());
  kept->result(7);
  kept.reset();
  REQUIRE(h.sent.size() == 1);
  CHECK(h.sent[0]["result"] == 7);
}

#ifdef NDEBUG
TEST_CASE("reply guard drops a second reply") {
  Harness h;
  h.initialize();
  h.dispatcher.onRequest("twice", [](const json &, Reply reply) {
    reply.result(1);
    reply.result(2);
  });
  h.request(2, "twice");
  REQUIRE(h.sent.size() == 1);
  CHECK(h.sent[0]["result"] == 1);
}
#endif

TEST_CASE("dispatcher maps handler exceptions to errors") {
  Harness h;
  h.initialize();
  h.dispatcher.onRequest("typed", [](const json &params, Reply reply) {
    reply.result(params.at("missing").get<int>());
  });
  h.request(2, "typed");
  REQUIRE(h.sent.size() == 1);
  CHECK(h.lastErrorCode() == -32602);
}

TEST_CASE("dispatcher marks a cancelled request") {
  Harness h;
  h.initialize();
  std::optional<Reply> kept;
  h.dispatcher.onRequest("slow", [&](const json &, Reply r) { kept = r; });
  h.request(2, "slow");
  CHECK_FALSE(kept->cancelled());
  h.notification("$/cancelRequest", {{"id", 3}});
  CHECK_FALSE(kept->cancelled());
  h.notification("$/cancelRequest", {{"id", 2}});
  CHECK(kept->cancelled());
  CHECK(h.sent.empty());  // the handler still owns the reply
  kept->error(ErrorCode::RequestCancelled, "cancelled");
  CHECK(h.lastErrorCode() == -32800);
}

TEST_CASE("dispatcher answers a framing error") {
  Harness h;
  FrameEvent event{FrameEvent::Kind::Error, R"({"id":4,"method":"x"})",
                   "missing Content-Length header"};
  h.dispatcher.handleFramingError(event);
  REQUIRE(h.sent.size() == 1);
  CHECK(h.sent[0]["id"] == 4);
  CHECK(h.lastErrorCode() == -32700);
}

TEST_CASE("work queue runs items in order") {
  for (auto mode : {WorkQueue::Mode::Inline, WorkQueue::Mode::Threaded}) {
    std::vector<int> order;
    WorkQueue queue(mode);
    for (int i = 0; i < 100; ++i)
      queue.push([&order, i] { order.push_back(i); });
    if (mode == WorkQueue::Mode::Inline) CHECK(order.empty());
    queue.drain();
    REQUIRE(order.size() == 100);
    for (int i = 0; i < 100; ++i) CHECK(order[i] == i);
  }
}

TEST_CASE("work queue survives a throwing item") {
  dockpath::log::setLevel(dockpath::log::Level::Error);
  WorkQueue queue(WorkQueue::Mode::Threaded);
  bool ran = false;
  queue.push([] { throw std::runtime_error("expected by the test"); });
  queue.push([&] { ran = true; });
  queue.drain();
  CHECK(ran);
}
