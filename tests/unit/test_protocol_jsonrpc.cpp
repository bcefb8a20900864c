#include <doctest/doctest.h>

#include <string>

#include "dockpath/protocol/jsonrpc.h"

using namespace dockpath::protocol;

namespace {

Message decodeOk(std::string_view body) {
  auto result = decodeMessage(body);
  REQUIRE(std::holds_alternative<Message>(result));
  return std::get<Message>(result);
}

DecodeError decodeFails(std::string_view body) {
  auto result = decodeMessage(body);
  REQUIRE(std::holds_alternative<DecodeError>(result));
  return std::get<DecodeError>(result);
}

std::string nested(int depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

}  // namespace

TEST_CASE("decodeMessage classifies messages") {
  Message request =
      decodeOk(R"({"jsonrpc":"2.0","id":3,"method":"m","params":{"a":1}})");
  CHECK(request.kind == Message::Kind::Request);
  CHECK(request.id == 3);
  CHECK(request.method == "m");
  CHECK(request.params["a"] == 1);

  Message stringId = decodeOk(R"({"jsonrpc":"2.0","id":"x","method":"m"})");
  CHECK(stringId.kind == Message::Kind::Request);
  CHECK(stringId.id == "x");
  CHECK(stringId.params.is_null());

  // eglot sends "params": null with shutdown; it reads as no params.
  Message nullParams =
      decodeOk(R"({"jsonrpc":"2.0","id":4,"method":"shutdown","params":null})");
  CHECK(nullParams.kind == Message::Kind::Request);
  CHECK(nullParams.params.is_null());

  Message notification = decodeOk(R"({"jsonrpc":"2.0","method":"n"})");
  CHECK(notification.kind == Message::Kind::Notification);

  Message response = decodeOk(R"({"jsonrpc":"2.0","id":1,"result":null})");
  CHECK(response.kind == Message::Kind::Response);
}

TEST_CASE("decodeMessage rejects invalid requests") {
  SUBCASE("not JSON") {
    DecodeError error = decodeFails(R"({"jsonrpc":"2.0","id":9,"method":)");
    CHECK(error.code == ErrorCode::ParseError);
    CHECK(error.id == 9);  // read by scanId
  }
  SUBCASE("batch") {
    DecodeError error = decodeFails(R"([{"jsonrpc":"2.0","method":"n"}])");
    CHECK(error.code == ErrorCode::InvalidRequest);
    CHECK(error.id.is_null());
  }
  SUBCASE("wrong version") {
    DecodeError error = decodeFails(R"({"jsonrpc":"1.0","id":2,"method":"m"})");
    CHECK(error.code == ErrorCode::InvalidRequest);
    CHECK(error.id == 2);
  }
  SUBCASE("bad id type") {
    DecodeError error =
        decodeFails(R"({"jsonrpc":"2.0","id":[1],"method":"m"})");
    CHECK(error.code == ErrorCode::InvalidRequest);
    CHECK(error.id.is_null());
  }
  SUBCASE("method not a string") {
    DecodeError error = decodeFails(R"({"jsonrpc":"2.0","id":1,"method":5})");
    CHECK(error.code == ErrorCode::InvalidRequest);
  }
  SUBCASE("params not structured") {
    DecodeError error =
        decodeFails(R"({"jsonrpc":"2.0","id":1,"method":"m","params":3})");
    CHECK(error.code == ErrorCode::InvalidRequest);
  }
  SUBCASE("a scalar") {
    CHECK(decodeFails("42").code == ErrorCode::InvalidRequest);
  }
}

TEST_CASE("decodeMessage limits nesting depth") {
  // The top-level object is depth 0, so "params" may hold
  // kMaxNestingDepth - 1 levels.
  std::string ok = R"({"jsonrpc":"2.0","id":1,"method":"m","params":)" +
                   nested(kMaxNestingDepth - 1) + "}";
  CHECK(decodeOk(ok).kind == Message::Kind::Request);

  std::string deep = R"({"jsonrpc":"2.0","id":1,"method":"m","params":)" +
                     nested(kMaxNestingDepth) + "}";
  DecodeError error = decodeFails(deep);
  CHECK(error.code == ErrorCode::InvalidRequest);
  CHECK(error.id == 1);

  // Deep enough to overflow the stack if anything recursed over it.
  std::string hostile = R"({"jsonrpc":"2.0","id":2,"method":"m","params":)" +
                        nested(1000000) + "}";
  CHECK(decodeFails(hostile).id == 2);
}

TEST_CASE("replaceLoneSurrogates") {
  CHECK(replaceLoneSurrogates(R"("\ud800")") == R"("\ufffd")");
  CHECK(replaceLoneSurrogates(R"("\uDC00x")") == R"("\ufffdx")");
  CHECK(replaceLoneSurrogates(R"("\ud83d\ude00")") == R"("\ud83d\ude00")");
  CHECK(replaceLoneSurrogates(R"("\ud83d\ud83d\ude00")") ==
        R"("\ufffd\ud83d\ude00")");
  CHECK(replaceLoneSurrogates(R"("\ud800\n")") == R"("\ufffd\n")");
  // An escaped backslash followed by "ud800" is text, not an escape.
  CHECK(replaceLoneSurrogates(R"("\\ud800")") == R"("\\ud800")");
  CHECK(replaceLoneSurrogates(R"("\ud80")") == R"("\ud80")");
  CHECK(replaceLoneSurrogates("\"\\ud800") == "\"\\ufffd");
}

TEST_CASE("decodeMessage accepts a lone surrogate in text") {
  Message message = decodeOk(
      R"({"jsonrpc":"2.0","method":"n","params":{"text":"a\ud800b"}})");
  CHECK(message.params["text"] ==
        "a\xEF\xBF\xBD"
        "b");
}

TEST_CASE("decodeMessage repairs invalid UTF-8 in text") {
  Message message = decodeOk(
      "{\"jsonrpc\":\"2.0\",\"method\":\"n\",\"params\":{\"text\":\"a\xFF"
      "b\xC3\"}}");
  CHECK(message.params["text"] ==
        "a\xEF\xBF\xBD"
        "b\xEF\xBF\xBD");
}

TEST_CASE("replaceInvalidUtf8") {
  const std::string fffd = "\xEF\xBF\xBD";
  CHECK(replaceInvalidUtf8("plain") == "plain");
  CHECK(replaceInvalidUtf8("\xC3\xA9\xF0\x9F\x98\x80") ==
        "\xC3\xA9\xF0\x9F\x98\x80");
  CHECK(replaceInvalidUtf8("\xC0\xAF") == fffd + fffd);             // overlong
  CHECK(replaceInvalidUtf8("\xED\xA0\x80") == fffd + fffd + fffd);  // D800
  CHECK(replaceInvalidUtf8("\xF4\x90\x80\x80") ==
        fffd + fffd + fffd + fffd);                      // above U+10FFFF
  CHECK(replaceInvalidUtf8("\xE2\x82") == fffd + fffd);  // truncated
}

TEST_CASE("encodeMessage replaces invalid UTF-8") {
  json message = makeNotification("n", {{"text", "a\xFFz"}});
  std::string encoded;
  CHECK_NOTHROW(encoded = encodeMessage(message));
  CHECK(encoded.find("a\xEF\xBF\xBDz") != std::string::npos);
}

TEST_CASE("scanId") {
  CHECK(scanId(R"({"id" : 12, "x)") == 12);
  CHECK(scanId(R"({"jsonrpc":"2.0","id":"abc")") == "abc");
  CHECK(scanId(R"({"method":"x")").is_null());
  CHECK(scanId(R"({"id":{"x":1}})").is_null());
}

TEST_CASE("makeError") {
  json error = makeError(4, ErrorCode::MethodNotFound, "no");
  CHECK(error["jsonrpc"] == "2.0");
  CHECK(error["id"] == 4);
  CHECK(error["error"]["code"] == -32601);
  CHECK(error["error"]["message"] == "no");
}
