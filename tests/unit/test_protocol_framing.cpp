#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "dockpath/protocol/framing.h"

using dockpath::protocol::FrameEvent;
using dockpath::protocol::frameMessage;
using dockpath::protocol::MessageFramer;

namespace {

// Feeds input in one piece and returns every event, ending with finish().
std::vector<FrameEvent> frameAll(MessageFramer &framer,
                                 std::string_view input) {
  std::vector<FrameEvent> events;
  framer.feed(input);
  while (auto event = framer.next()) events.push_back(*event);
  if (auto rest = framer.finish()) events.push_back(*rest);
  return events;
}

std::vector<FrameEvent> frameAll(std::string_view input) {
  MessageFramer framer;
  return frameAll(framer, input);
}

bool isMessage(const FrameEvent &event, std::string_view body) {
  return event.kind == FrameEvent::Kind::Message && event.body == body;
}

}  // namespace

TEST_CASE("framer reads one message") {
  auto events = frameAll("Content-Length: 2\r\n\r\n{}");
  REQUIRE(events.size() == 1);
  CHECK(isMessage(events[0], "{}"));
}

TEST_CASE("framer counts Content-Length in bytes") {
  std::string body = "{\"t\":\"\xC3\xA9\xF0\x9F\x98\x80\"}";  // é, U+1F600
  std::string framed = frameMessage(body);
  CHECK(framed.starts_with("Content-Length: 14\r\n\r\n"));
  auto events = frameAll(framed + frameMessage("{}"));
  REQUIRE(events.size() == 2);
  CHECK(isMessage(events[0], body));
  CHECK(isMessage(events[1], "{}"));
}

TEST_CASE("framer accepts header variants") {
  SUBCASE("Content-Type after Content-Length") {
    auto events = frameAll(
        "Content-Length: 2\r\nContent-Type: application/"
        "vscode-jsonrpc; charset=utf-8\r\n\r\n{}");
    REQUIRE(events.size() == 1);
    CHECK(isMessage(events[0], "{}"));
  }
  SUBCASE("Content-Type first, name in lower case") {
    auto events = frameAll("Content-Type: x\r\ncontent-length:   2 \r\n\r\n{}");
    REQUIRE(events.size() == 1);
    CHECK(isMessage(events[0], "{}"));
  }
  SUBCASE("bare LF line ends") {
    auto events = frameAll("Content-Length: 2\n\n{}");
    REQUIRE(events.size() == 1);
    CHECK(isMessage(events[0], "{}"));
  }
  SUBCASE("line breaks between messages") {
    auto events = frameAll("\r\nContent-Length: 2\r\n\r\n{}\r\n");
    REQUIRE(events.size() == 1);
    CHECK(isMessage(events[0], "{}"));
  }
}

TEST_CASE("framer survives random chunking") {
  std::vector<std::string> bodies;
  std::string stream;
  for (int i = 0; i < 200; ++i) {
    std::string body = "{\"id\":" + std::to_string(i) + ",\"text\":\"" +
                       std::string(i % 37, 'x') + "\xE2\x82\xAC\"}";
    bodies.push_back(body);
    stream += frameMessage(body);
  }
  std::mt19937 random(12345);
  for (int round = 0; round < 20; ++round) {
    MessageFramer framer;
    std::vector<std::string> received;
    std::uniform_int_distribution<size_t> chunkSize(1, round < 10 ? 7 : 400);
    for (size_t at = 0; at < stream.size();) {
      size_t size = std::min(chunkSize(random), stream.size() - at);
      framer.feed(std::string_view(stream).substr(at, size));
      at += size;
      while (auto event = framer.next()) {
        REQUIRE(event->kind == FrameEvent::Kind::Message);
        received.push_back(event->body);
      }
    }
    CHECK_FALSE(framer.finish());
    CHECK(received == bodies);
  }
}

TEST_CASE("framer resynchronises after a missing Content-Length") {
  auto events = frameAll("Content-Type: x\r\n\r\n{\"id\":7}" +
                         frameMessage("{\"id\":8}"));
  REQUIRE(events.size() == 2);
  CHECK(events[0].kind == FrameEvent::Kind::Error);
  CHECK(events[0].error == "missing Content-Length header");
  CHECK(events[0].body == "{\"id\":7}");
  CHECK(isMessage(events[1], "{\"id\":8}"));
}

TEST_CASE("framer resynchronises after an invalid Content-Length") {
  for (std::string value : {"abc", "-2", "2x", "99999999999999999999999"}) {
    CAPTURE(value);
    auto events = frameAll("Content-Length: " + value + "\r\n\r\n{\"id\":1}" +
                           frameMessage("{}"));
    REQUIRE(events.size() == 2);
    CHECK(events[0].kind == FrameEvent::Kind::Error);
    CHECK(events[0].error.starts_with("invalid Content-Length value"));
    CHECK(isMessage(events[1], "{}"));
  }
}

TEST_CASE("framer skips bytes that are not a header") {
  auto events = frameAll("garbage}\r\n" + frameMessage("{}"));
  REQUIRE(events.size() == 2);
  CHECK(events[0].kind == FrameEvent::Kind::Error);
  CHECK(isMessage(events[1], "{}"));

  // A too-short Content-Length leaves the rest of a body where the next
  // header should be.
  events = frameAll("Content-Length: 3\r\n\r\n{\"id\":1}" + frameMessage("{}"));
  REQUIRE(events.size() == 3);
  CHECK(isMessage(events[0], "{\"i"));
  CHECK(events[1].kind == FrameEvent::Kind::Error);
  CHECK(isMessage(events[2], "{}"));
}

TEST_CASE("framer finds a header split across chunks while resyncing") {
  MessageFramer framer;
  std::string input = "Content-Length: x\r\n\r\n{}" + frameMessage("{\"a\":1}");
  std::vector<FrameEvent> events;
  for (char c : input) {
    framer.feed(std::string_view(&c, 1));
    while (auto event = framer.next()) events.push_back(*event);
  }
  REQUIRE(events.size() == 2);
  CHECK(events[0].kind == FrameEvent::Kind::Error);
  CHECK(isMessage(events[1], "{\"a\":1}"));
}

TEST_CASE("framer rejects a body over the limit without storing it") {
  MessageFramer framer(16);
  std::string big(100, 'x');
  auto events = frameAll(
      framer, "Content-Length: 100\r\n\r\n" + big + frameMessage("{}"));
  REQUIRE(events.size() == 2);
  CHECK(events[0].kind == FrameEvent::Kind::Error);
  CHECK(events[0].error.find("exceeds the limit of 16") != std::string::npos);
  CHECK(events[0].body.empty());
  CHECK(isMessage(events[1], "{}"));
}

TEST_CASE("framer reports a truncated body at end of input") {
  auto events = frameAll("Content-Length: 10\r\n\r\n{\"id\":");
  REQUIRE(events.size() == 1);
  CHECK(events[0].kind == FrameEvent::Kind::Error);
  CHECK(events[0].error == "end of input after 6 of 10 body bytes");
  CHECK(events[0].body == "{\"id\":");

  events = frameAll("Content-Len");
  REQUIRE(events.size() == 1);
  CHECK(events[0].error == "end of input inside a header block");
}
