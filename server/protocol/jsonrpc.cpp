#include "dockpath/protocol/jsonrpc.h"

#include <fmt/core.h>

#include <charconv>
#include <cstdint>

namespace dockpath::protocol {
namespace {

// Length of the valid UTF-8 sequence at text[i], or 0 when invalid
// (Unicode 15, table 3-7: no overlong forms, no surrogates, <= U+10FFFF).
size_t validSequenceLength(std::string_view text, size_t i) {
  auto byte = [&](size_t k) -> unsigned {
    return i + k < text.size() ? static_cast<unsigned char>(text[i + k])
                               : 0x100;
  };
  auto continuation = [&](size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) {
    return byte(k) >= lo && byte(k) <= hi;
  };
  unsigned lead = byte(0);
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return continuation(1) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    unsigned lo = lead == 0xE0 ? 0xA0 : 0x80;
    unsigned hi = lead == 0xED ? 0x9F : 0xBF;
    return continuation(1, lo, hi) && continuation(2) ? 3 : 0;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    unsigned lo = lead == 0xF0 ? 0x90 : 0x80;
    unsigned hi = lead == 0xF4 ? 0x8F : 0xBF;
    return continuation(1, lo, hi) && continuation(2) && continuation(3) ? 4
                                                                         : 0;
  }
  return 0;
}

// Reads the four hex digits after "\u" at text[i]; -1 when not an escape.
int readEscape(std::string_view text, size_t i) {
  if (i + 6 > text.size() || text[i] != '\\' || text[i + 1] != 'u') return -1;
  int value = 0;
  auto [end, ec] =
      std::from_chars(text.data() + i + 2, text.data() + i + 6, value, 16);
  if (ec != std::errc() || end != text.data() + i + 6) return -1;
  return value;
}

bool isHighSurrogate(int unit) { return unit >= 0xD800 && unit <= 0xDBFF; }
bool isLowSurrogate(int unit) { return unit >= 0xDC00 && unit <= 0xDFFF; }

bool isValidId(const json &id) {
  return id.is_number_integer() || id.is_string();
}

// Parses text, discarding (and flagging) any array or object nested
// deeper than maxDepth. nlohmann's parser itself is iterative, so only
// what happens to the value afterwards needs the limit.
json parseLimited(std::string_view text, int maxDepth, bool &tooDeep) {
  auto callback = [&](int depth, json::parse_event_t event, json &) {
    bool opens = event == json::parse_event_t::object_start ||
                 event == json::parse_event_t::array_start;
    if (opens && depth >= maxDepth) {
      tooDeep = true;
      return false;
    }
    return true;
  };
  return json::parse(text, callback);
}

DecodeError invalid(std::string message, json id = nullptr) {
  return DecodeError{ErrorCode::InvalidRequest, std::move(message),
                     std::move(id)};
}

std::variant<Message, DecodeError> classify(json &value) {
  json id = value.contains("id") ? value["id"] : json();
  json replyId = isValidId(id) ? id : json();
  auto version = value.find("jsonrpc");
  if (version == value.end() || *version != "2.0")
    return invalid("missing or wrong \"jsonrpc\": \"2.0\" member", replyId);

  Message message;
  auto params = value.find("params");
  // JSON-RPC 2.0 allows only a structured value, but eglot 1.9 sends
  // "params": null with shutdown and exit; null is read as no params.
  if (params != value.end() && !params->is_null()) {
    if (!params->is_object() && !params->is_array())
      return invalid("\"params\" must be an object or an array", replyId);
    message.params = std::move(*params);
  }
  auto method = value.find("method");
  if (method == value.end()) {
    if (!value.contains("result") && !value.contains("error"))
      return invalid("message has neither a method nor a result", replyId);
    message.kind = Message::Kind::Response;
    message.id = std::move(id);
    if (auto result = value.find("result"); result != value.end())
      message.result = std::move(*result);
    if (auto error = value.find("error"); error != value.end())
      message.error = std::move(*error);
    return message;
  }
  if (!method->is_string())
    return invalid("\"method\" must be a string", replyId);
  message.method = method->get<std::string>();
  if (!value.contains("id")) {
    message.kind = Message::Kind::Notification;
    return message;
  }
  if (!isValidId(id)) return invalid("\"id\" must be an integer or a string");
  message.kind = Message::Kind::Request;
  message.id = std::move(id);
  return message;
}

}  // namespace

std::string replaceInvalidUtf8(std::string_view text) {
  std::string result;
  result.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    size_t length = validSequenceLength(text, i);
    if (length == 0) {
      result.append("\xEF\xBF\xBD");
      ++i;
    } else {
      result.append(text.substr(i, length));
      i += length;
    }
  }
  return result;
}

std::string replaceLoneSurrogates(std::string_view text) {
  std::string result;
  result.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    if (text[i] != '\\' || i + 1 >= text.size()) {
      result.push_back(text[i++]);
      continue;
    }
    int unit = readEscape(text, i);
    if (unit < 0) {  // another escape such as \\ or \n: copy it whole
      result.append(text.substr(i, 2));
      i += 2;
    } else if (isHighSurrogate(unit) &&
               isLowSurrogate(readEscape(text, i + 6))) {
      result.append(text.substr(i, 12));
      i += 12;
    } else if (isHighSurrogate(unit) || isLowSurrogate(unit)) {
      result.append("\\ufffd");
      i += 6;
    } else {
      result.append(text.substr(i, 6));
      i += 6;
    }
  }
  return result;
}

json scanId(std::string_view text) {
  for (size_t at = text.find("\"id\""); at != std::string_view::npos;
       at = text.find("\"id\"", at + 4)) {
    size_t i = text.find_first_not_of(" \t\r\n", at + 4);
    if (i == std::string_view::npos || text[i] != ':') continue;
    i = text.find_first_not_of(" \t\r\n", i + 1);
    if (i == std::string_view::npos) break;
    if (text[i] == '"') {
      size_t close = text.find('"', i + 1);
      std::string_view inner = text.substr(i + 1, close - i - 1);
      if (close != std::string_view::npos && inner.size() <= 256 &&
          inner.find('\\') == std::string_view::npos)
        return replaceInvalidUtf8(inner);
      continue;
    }
    int64_t number = 0;
    auto [end, ec] =
        std::from_chars(text.data() + i, text.data() + text.size(), number);
    if (ec == std::errc()) return number;
  }
  return nullptr;
}

std::variant<Message, DecodeError> decodeMessage(std::string_view body,
                                                 int maxDepth) {
  std::string text = replaceLoneSurrogates(replaceInvalidUtf8(body));
  bool tooDeep = false;
  json value;
  try {
    value = parseLimited(text, maxDepth, tooDeep);
  } catch (const json::parse_error &e) {
    // e.what() quotes the text it last read, which may be document text,
    // so only the byte offset goes into the message.
    return DecodeError{ErrorCode::ParseError,
                       fmt::format("invalid JSON at byte {}", e.byte),
                       scanId(text)};
  }
  if (value.is_array())
    return invalid("batch messages are not supported by LSP");
  if (!value.is_object()) return invalid("a message must be a JSON object");
  if (tooDeep) {
    json id = value.contains("id") ? value["id"] : json();
    return invalid(fmt::format("message nests deeper than {} levels", maxDepth),
                   isValidId(id) ? id : json());
  }
  return classify(value);
}

std::string encodeMessage(const json &message) {
  return message.dump(-1, ' ', false, json::error_handler_t::replace);
}

json makeResult(const json &id, json result) {
  return json{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
}

json makeError(const json &id, ErrorCode code, std::string_view message) {
  return json{
      {"jsonrpc", "2.0"},
      {"id", id},
      {"error", {{"code", static_cast<int>(code)}, {"message", message}}}};
}

json makeNotification(std::string_view method, json params) {
  return json{
      {"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
}

std::string describe(ErrorCode code) {
  const char *name = "UnknownError";
  switch (code) {
    case ErrorCode::ParseError:
      name = "ParseError";
      break;
    case ErrorCode::InvalidRequest:
      name = "InvalidRequest";
      break;
    case ErrorCode::MethodNotFound:
      name = "MethodNotFound";
      break;
    case ErrorCode::InvalidParams:
      name = "InvalidParams";
      break;
    case ErrorCode::InternalError:
      name = "InternalError";
      break;
    case ErrorCode::ServerNotInitialized:
      name = "ServerNotInitialized";
      break;
    case ErrorCode::RequestCancelled:
      name = "RequestCancelled";
      break;
    case ErrorCode::RequestFailed:
      name = "RequestFailed";
      break;
  }
  return fmt::format("{} {}", static_cast<int>(code), name);
}

}  // namespace dockpath::protocol
