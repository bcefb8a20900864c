// JSON-RPC 2.0 messages as LSP uses them: decoding a framed body into a
// request, notification or response, and encoding outgoing messages.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <variant>

namespace dockpath::protocol {

using json = nlohmann::json;

// JSON-RPC 2.0 error codes, and the two that LSP 3.17 adds.
enum class ErrorCode : int {
  ParseError = -32700,
  InvalidRequest = -32600,
  MethodNotFound = -32601,
  InvalidParams = -32602,
  InternalError = -32603,
  ServerNotInitialized = -32002,
  RequestCancelled = -32800,
  RequestFailed = -32803,  // LSP 3.17: valid request that could not be met
};

// Maximum nesting of arrays and objects in an incoming message. LSP
// messages from real clients stay under 10; the limit keeps a hostile or
// broken message from overflowing the stack when it is copied or dumped.
inline constexpr int kMaxNestingDepth = 64;

struct Message {
  enum class Kind { Request, Notification, Response };
  Kind kind = Kind::Notification;
  json id;             // integer or string; null for notifications
  std::string method;  // empty for responses
  json params;         // null when absent
  json result;         // a response's result, null when absent
  json error;          // a response's error object, null when absent
};

// A message that cannot be handled; the reply carries code and id.
struct DecodeError {
  ErrorCode code = ErrorCode::ParseError;
  std::string message;
  json id;  // null when no id could be read
};

// Decodes one message body. Invalid UTF-8 bytes become U+FFFD and lone
// surrogate escapes become \ufffd first, so the text a client sends is
// never rejected for those alone. The depth limit is enforced while
// parsing, before the value is copied anywhere.
std::variant<Message, DecodeError> decodeMessage(
    std::string_view body, int maxDepth = kMaxNestingDepth);

// Rewrites each "\uD800".."\uDBFF" escape not followed by a low surrogate
// escape, and each lone "\uDC00".."\uDFFF" escape, to "\ufffd". The
// replacement is one UTF-16 unit like the original, so the client's
// UTF-16 columns stay aligned with the server's copy of the text.
std::string replaceLoneSurrogates(std::string_view text);

// Returns text with every byte that is not part of a valid UTF-8 sequence
// replaced by U+FFFD.
std::string replaceInvalidUtf8(std::string_view text);

// Finds an "id" member in text that may not be valid JSON, for an error
// reply. Returns null when none is found.
// NOTE: a heuristic; it may find the "id" of a nested object.
json scanId(std::string_view text);

// Serialises a message, replacing invalid UTF-8 with U+FFFD instead of
// throwing as nlohmann's strict default does.
std::string encodeMessage(const json &message);

json makeResult(const json &id, json result);
json makeError(const json &id, ErrorCode code, std::string_view message);
json makeNotification(std::string_view method, json params);

// Returns "-32601 MethodNotFound" style text for logs.
std::string describe(ErrorCode code);

}  // namespace dockpath::protocol
