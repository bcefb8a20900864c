#include "dockpath/protocol/framing.h"

#include <fmt/core.h>

#include <algorithm>
#include <charconv>
#include <string>

namespace dockpath::protocol {
namespace {

// Header names that start a message; resynchronisation looks for these.
constexpr std::string_view kLengthHeader = "content-length:";
constexpr std::string_view kTypeHeader = "content-type:";

// Capacity of the input buffer that is kept once it is empty.
constexpr size_t kKeptCapacity = 64 * 1024;

// RFC 9110 "token" characters, the ones allowed in a header name.
bool isTokenChar(char c) {
  if (std::isalnum(static_cast<unsigned char>(c))) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

char lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

bool equalsCaseless(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(),
                    [](char x, char y) { return lower(x) == lower(y); });
}

// Returns the offset of needle (lower case) in text, ignoring case.
size_t findCaseless(std::string_view text, std::string_view needle) {
  auto it = std::search(text.begin(), text.end(), needle.begin(), needle.end(),
                        [](char x, char y) { return lower(x) == y; });
  return it == text.end() ? std::string_view::npos : it - text.begin();
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

// Parses a Content-Length value: decimal digits only, no sign, no spaces
// inside. Returns nullopt when invalid or too large for size_t.
std::optional<size_t> parseLength(std::string_view value) {
  value = trim(value);
  if (value.empty()) return std::nullopt;
  size_t result = 0;
  auto [end, ec] =
      std::from_chars(value.data(), value.data() + value.size(), result);
  if (ec != std::errc() || end != value.data() + value.size())
    return std::nullopt;
  return result;
}

// The Content-Length found in a header block.
struct Header {
  std::optional<size_t> length;
  std::string lengthError;  // set when Content-Length was present but bad
};

void readHeaderLine(std::string_view name, std::string_view value,
                    Header &header) {
  if (!equalsCaseless(name, "content-length")) return;  // Content-Type etc.
  auto length = parseLength(value);
  if (!length) {
    header.lengthError =
        fmt::format("invalid Content-Length value '{}'", trim(value));
  } else if (header.length && *header.length != *length) {
    header.lengthError = "conflicting Content-Length headers";
  } else {
    header.length = length;
  }
}

}  // namespace

void MessageFramer::feed(std::string_view bytes) { buffer_.append(bytes); }

std::string_view MessageFramer::available() const {
  return std::string_view(buffer_).substr(position_);
}

void MessageFramer::consume(size_t count) {
  consumed_ += count;
  position_ += count;
  if (position_ == buffer_.size()) {
    buffer_.clear();
    // A didOpen of a large file grows the buffer to the whole message, and
    // keeping that capacity for the small messages after it wastes memory.
    if (buffer_.capacity() > kKeptCapacity) buffer_.shrink_to_fit();
    position_ = 0;
  } else if (position_ > 65536 && position_ * 2 > buffer_.size()) {
    buffer_.erase(0, position_);
    position_ = 0;
  }
}

std::optional<FrameEvent> MessageFramer::next() {
  for (;;) {
    uint64_t consumedBefore = consumed_;
    State stateBefore = state_;
    std::optional<FrameEvent> event;
    switch (state_) {
      case State::Header:
        event = readHeader();
        break;
      case State::Body:
        event = readBody();
        break;
      case State::Skip:
        event = skipBody();
        break;
      case State::Resync:
        event = resync();
        break;
    }
    if (event) return event;
    if (state_ == stateBefore && consumed_ == consumedBefore)
      return std::nullopt;  // no progress: more input is needed
  }
}

std::optional<FrameEvent> MessageFramer::readHeader() {
  // Stray line breaks between messages are harmless; skip them.
  std::string_view data = available();
  size_t blank = 0;
  while (blank < data.size() && (data[blank] == '\r' || data[blank] == '\n'))
    ++blank;
  consume(blank);
  data = available();
  if (data.empty()) return std::nullopt;
  if (!isTokenChar(data[0])) {
    startResync("expected a header, found other bytes", 0);
    return std::nullopt;
  }

  Header header;
  size_t lineStart = 0;
  for (;;) {
    size_t newline = data.find('\n', lineStart);
    if (newline == std::string_view::npos) {
      if (data.size() > kMaxHeaderBytes)
        startResync("header block exceeds the size limit", data.size());
      return std::nullopt;
    }
    std::string_view line = data.substr(lineStart, newline - lineStart);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) break;

    size_t colon = line.find(':');
    std::string_view name = line.substr(0, colon);
    if (colon == std::string_view::npos || name.empty() ||
        !std::all_of(name.begin(), name.end(), isTokenChar)) {
      startResync("invalid header line", lineStart);
      return std::nullopt;
    }
    readHeaderLine(name, line.substr(colon + 1), header);
    lineStart = newline + 1;
  }
  size_t bodyStart = data.find('\n', lineStart) + 1;

  if (!header.lengthError.empty()) {
    startResync(header.lengthError, bodyStart);
    return std::nullopt;
  }
  if (!header.length) {
    startResync("missing Content-Length header", bodyStart);
    return std::nullopt;
  }
  consume(bodyStart);
  bodyLength_ = *header.length;
  if (bodyLength_ > maxBodyBytes_) {
    state_ = State::Skip;
    FrameEvent event{FrameEvent::Kind::Error, "", ""};
    event.error = fmt::format(
        "Content-Length {} exceeds the limit of {} bytes; body skipped",
        bodyLength_, maxBodyBytes_);
    return event;
  }
  state_ = State::Body;
  return std::nullopt;
}

std::optional<FrameEvent> MessageFramer::readBody() {
  std::string_view data = available();
  if (data.size() < bodyLength_) return std::nullopt;
  FrameEvent event{FrameEvent::Kind::Message,
                   std::string(data.substr(0, bodyLength_)), ""};
  consume(bodyLength_);
  state_ = State::Header;
  return event;
}

std::optional<FrameEvent> MessageFramer::skipBody() {
  size_t count = std::min(available().size(), bodyLength_);
  consume(count);
  bodyLength_ -= count;
  if (bodyLength_ == 0) state_ = State::Header;
  return std::nullopt;
}

void MessageFramer::startResync(std::string reason, size_t from) {
  consume(from);
  state_ = State::Resync;
  resyncReason_ = std::move(reason);
  orphan_.clear();
}

// Skips bytes up to the next header that can start a message. The skipped
// bytes are usually the body of a message whose header was broken.
std::optional<FrameEvent> MessageFramer::resync() {
  std::string_view data = available();
  size_t found = std::min(findCaseless(data, kLengthHeader),
                          findCaseless(data, kTypeHeader));
  size_t skip = found;
  if (found == std::string_view::npos) {
    // Keep a tail that may be the start of a header split across reads.
    size_t keep = std::min(data.size(), kLengthHeader.size() - 1);
    skip = data.size() - keep;
  }
  size_t room =
      kOrphanPrefixBytes - std::min(kOrphanPrefixBytes, orphan_.size());
  orphan_.append(data.substr(0, std::min(skip, room)));
  consume(skip);
  if (found == std::string_view::npos) return std::nullopt;

  state_ = State::Header;
  return FrameEvent{FrameEvent::Kind::Error, std::move(orphan_),
                    std::move(resyncReason_)};
}

std::optional<FrameEvent> MessageFramer::finish() {
  std::string_view rest = available();
  std::optional<FrameEvent> event;
  switch (state_) {
    case State::Header:
      if (rest.find_first_not_of("\r\n") != std::string_view::npos)
        event = FrameEvent{FrameEvent::Kind::Error, "",
                           "end of input inside a header block"};
      break;
    case State::Body:
      event = FrameEvent{FrameEvent::Kind::Error,
                         std::string(rest.substr(0, kOrphanPrefixBytes)),
                         fmt::format("end of input after {} of {} body bytes",
                                     rest.size(), bodyLength_)};
      break;
    case State::Skip:
      break;
    case State::Resync:
      orphan_.append(rest.substr(
          0,
          kOrphanPrefixBytes - std::min(kOrphanPrefixBytes, orphan_.size())));
      event = FrameEvent{FrameEvent::Kind::Error, std::move(orphan_),
                         std::move(resyncReason_)};
      break;
  }
  buffer_.clear();
  position_ = 0;
  state_ = State::Header;
  return event;
}

std::string frameMessage(std::string_view body) {
  std::string framed = fmt::format("Content-Length: {}\r\n\r\n", body.size());
  framed.append(body);
  return framed;
}

}  // namespace dockpath::protocol
