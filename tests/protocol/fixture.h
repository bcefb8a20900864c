// Transcript fixtures: a client's side of an LSP session and what the
// server must send back.
//
// Format, line by line:
//   # text             prose, ignored
//   # CHECK: JSON      a later server message contains JSON as a subset
//   # CHECK-NOT: JSON  no server message between the previous CHECK's match
//                      and the next CHECK's match (or the end) contains it
//   # EXIT: N          the expected exit code (default 0)
//   # RAW              the next client message is sent as written, without
//                      a header: line breaks are dropped and the escapes
//                      \r \n \t \\ \xHH are decoded
//   # CHUNKS: N        the next client message is written N bytes at a time
//   ---                ends a client message
// Any other line belongs to a client message (JSON, may span lines),
// which also ends at a "#" line or the end of the file. Messages are framed
// with a Content-Length header unless RAW.
//
// CHECKs match server messages in order. A subset matches when every
// member of an expected object matches the same member of the actual one,
// an expected array is a prefix of the actual array (an empty expected
// array matches only an empty array), and scalars are equal.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace dockpath::transcript {

using json = nlohmann::json;

struct ClientMessage {
  std::string bytes;  // what is written, header included
  bool raw = false;
  size_t chunkSize = 0;        // 0: one write
  int line = 0;                // first line in the fixture
  std::optional<json> parsed;  // the message, when it is valid JSON
};

struct Check {
  json expected;
  bool negated = false;  // CHECK-NOT
  int line = 0;
};

struct Fixture {
  std::vector<ClientMessage> messages;
  std::vector<Check> checks;
  int expectedExit = 0;
};

// Parses a fixture; throws std::runtime_error naming the line on a
// malformed directive.
Fixture parseFixture(const std::string &text);

// Returns the first difference between expected (a subset) and actual as
// "path: expected X, got Y", or nullopt when actual contains expected.
std::optional<std::string> findMismatch(const json &expected,
                                        const json &actual,
                                        const std::string &path = "");

}  // namespace dockpath::transcript
