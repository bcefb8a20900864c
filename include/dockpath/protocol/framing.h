// The LSP base protocol's message framing: a header block of
// "Name: value\r\n" lines ending in an empty line, then a body of exactly
// Content-Length bytes (LSP 3.17, "Base Protocol").
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dockpath::protocol {

// Bodies larger than this are rejected and skipped without being stored.
inline constexpr size_t kMaxBodyBytes = size_t{64} << 20;

// One result of splitting the input stream.
struct FrameEvent {
  enum class Kind { Message, Error };
  Kind kind = Kind::Message;
  // The message body, or for an error the start of the bytes that could not
  // be framed (at most kOrphanPrefixBytes), so an id may be read from it.
  std::string body;
  std::string error;  // what was wrong, for the log and the error reply
};

// Splits a byte stream into message bodies. Input may arrive in chunks of
// any size, and one chunk may hold several messages.
//
// A header block without a valid Content-Length, or bytes that are not a
// header at all, produce an error event. The framer then skips to the next
// "Content-Length:" or "Content-Type:" it finds, so one broken message
// does not end the session.
class MessageFramer {
 public:
  static constexpr size_t kMaxHeaderBytes = 8192;
  static constexpr size_t kOrphanPrefixBytes = 4096;

  explicit MessageFramer(size_t maxBodyBytes = kMaxBodyBytes)
      : maxBodyBytes_(maxBodyBytes) {}

  void feed(std::string_view bytes);

  // Returns the next complete message or error, or nullopt when more input
  // is needed.
  std::optional<FrameEvent> next();

  // Reports what is left at end of input (a truncated body, unframed
  // bytes), or nullopt when the stream ended between messages.
  std::optional<FrameEvent> finish();

 private:
  enum class State { Header, Body, Skip, Resync };

  std::optional<FrameEvent> readHeader();
  std::optional<FrameEvent> readBody();
  std::optional<FrameEvent> skipBody();
  std::optional<FrameEvent> resync();
  void startResync(std::string reason, size_t from);
  std::string_view available() const;
  void consume(size_t count);

  size_t maxBodyBytes_;
  State state_ = State::Header;
  std::string buffer_;
  size_t position_ = 0;       // start of the unread bytes in buffer_
  uint64_t consumed_ = 0;     // bytes consumed so far, to detect progress
  size_t bodyLength_ = 0;     // in Body and Skip: bytes still expected
  std::string resyncReason_;  // in Resync: why framing was lost
  std::string orphan_;        // in Resync: start of the skipped bytes
};

// Frames body with its Content-Length header, counted in bytes.
std::string frameMessage(std::string_view body);

}  // namespace dockpath::protocol
