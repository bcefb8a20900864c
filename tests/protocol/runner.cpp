// Runs one transcript fixture (see fixture.h) against the dockpath
// executable: `dockpath_transcript DOCKPATH FIXTURE`. Starts
// `DOCKPATH --stdio --test-mode`, writes the client messages, closes
// stdin, collects everything the server sends until it exits, and checks
// the expectations, the exit code, that stdout carries only framed
// JSON-RPC, and that each request got exactly one reply.
#include <fmt/core.h>

#include <csignal>
#include <fstream>
#include <iostream>
#include <sstream>

#include "dockpath/protocol/framing.h"
#include "fixture.h"
#include "process.h"

using namespace dockpath::transcript;
using dockpath::protocol::FrameEvent;
using dockpath::protocol::MessageFramer;

namespace {

// How long the server may take to exit after its input ends. Generous, so
// that a slow machine does not fail a test; no test asserts on time.
constexpr int kExitTimeoutSeconds = 30;

struct Outcome {
  std::vector<json> messages;
  std::vector<std::string> failures;
};

std::string readFile(const std::string &path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

std::string compact(const json &message) {
  std::string text =
      message.dump(-1, ' ', false, json::error_handler_t::replace);
  return text.size() > 400 ? text.substr(0, 400) + "..." : text;
}

// Splits the server's stdout into messages; anything else is a failure.
void decodeOutput(const std::string &output, Outcome &outcome) {
  MessageFramer framer;
  framer.feed(output);
  auto take = [&](std::optional<FrameEvent> event) {
    if (event->kind == FrameEvent::Kind::Error) {
      outcome.failures.push_back("stdout is not framed JSON-RPC: " +
                                 event->error);
      return;
    }
    json message = json::parse(event->body, nullptr, false);
    if (message.is_discarded())
      outcome.failures.push_back("stdout message is not JSON: " +
                                 event->body.substr(0, 200));
    else
      outcome.messages.push_back(std::move(message));
  };
  while (auto event = framer.next()) take(event);
  if (auto rest = framer.finish()) take(rest);
}

void describeCandidates(const Check &check, const Outcome &outcome, size_t from,
                        std::string &report) {
  if (from >= outcome.messages.size()) {
    report += "  no server messages left to match\n";
    return;
  }
  for (size_t i = from; i < outcome.messages.size(); ++i) {
    const json &message = outcome.messages[i];
    report += fmt::format("  [{}] {}\n", i, compact(message));
    if (auto why = findMismatch(check.expected, message))
      report += fmt::format("      {}\n", *why);
  }
}

// Matches the CHECKs in order against the messages.
void evaluateChecks(const Fixture &fixture, Outcome &outcome) {
  size_t cursor = 0;
  std::vector<const Check *> negated;  // waiting for the next match
  auto violates = [&](size_t from, size_t to) {
    for (const Check *check : negated) {
      for (size_t i = from; i < to; ++i) {
        if (!findMismatch(check->expected, outcome.messages[i]))
          outcome.failures.push_back(fmt::format(
              "line {}: CHECK-NOT {} matched server message [{}] {}",
              check->line, compact(check->expected), i,
              compact(outcome.messages[i])));
      }
    }
    negated.clear();
  };
  for (const Check &check : fixture.checks) {
    if (check.negated) {
      negated.push_back(&check);
      continue;
    }
    size_t found = cursor;
    while (found < outcome.messages.size() &&
           findMismatch(check.expected, outcome.messages[found]))
      ++found;
    if (found == outcome.messages.size()) {
      std::string report = fmt::format(
          "line {}: CHECK {} not found after server message [{}]; the "
          "candidates and their first difference:\n",
          check.line, compact(check.expected), cursor);
      describeCandidates(check, outcome, cursor, report);
      outcome.failures.push_back(report);
      negated.clear();
      continue;
    }
    violates(cursor, found);
    cursor = found + 1;
  }
  violates(cursor, outcome.messages.size());
}

// Every request sent before exit gets exactly one reply.
void checkOneReplyPerRequest(const Fixture &fixture, Outcome &outcome) {
  std::map<std::string, int> replies;
  for (const json &message : outcome.messages) {
    if (message.contains("id") && !message["id"].is_null() &&
        !message.contains("method"))
      ++replies[message["id"].dump()];
  }
  for (const ClientMessage &sent : fixture.messages) {
    if (!sent.parsed || !sent.parsed->is_object()) continue;
    const json &message = *sent.parsed;
    auto method = message.find("method");
    if (method == message.end() || !method->is_string()) continue;
    if (*method == "exit") break;
    auto id = message.find("id");
    if (id == message.end() || !(id->is_number_integer() || id->is_string()))
      continue;  // no reply can name it
    int count = replies[message["id"].dump()];
    if (count != 1)
      outcome.failures.push_back(fmt::format(
          "line {}: request {} got {} replies, expected exactly one", sent.line,
          message["id"].dump(), count));
  }
}

int run(const std::string &server, const std::string &fixturePath) {
  Fixture fixture = parseFixture(readFile(fixturePath));
  ServerProcess process(
      {server, "--stdio", "--test-mode", "--log-level=debug"});
  for (const ClientMessage &message : fixture.messages)
    process.write(message.bytes, message.chunkSize);
  process.closeInput();
  std::optional<int> exitCode = process.wait(kExitTimeoutSeconds);

  Outcome outcome;
  decodeOutput(process.output(), outcome);
  if (!exitCode)
    outcome.failures.push_back(
        fmt::format("the server did not exit within {} s after its input ended",
                    kExitTimeoutSeconds));
  else if (*exitCode != fixture.expectedExit)
    outcome.failures.push_back(fmt::format("exit code {}, expected {}",
                                           *exitCode, fixture.expectedExit));
  evaluateChecks(fixture, outcome);
  checkOneReplyPerRequest(fixture, outcome);

  if (outcome.failures.empty()) {
    fmt::print("PASS {}: {} checks, {} server messages\n", fixturePath,
               fixture.checks.size(), outcome.messages.size());
    return 0;
  }
  fmt::print("FAIL {}\n", fixturePath);
  for (const auto &failure : outcome.failures) fmt::print("- {}\n", failure);
  fmt::print("--- server stderr (last 40 lines) ---\n{}\n",
             process.errorTail(40));
  return 1;
}

}  // namespace

int main(int argc, char **argv) {
  if (argc != 3) {
    fmt::print(stderr, "usage: dockpath_transcript DOCKPATH FIXTURE\n");
    return 2;
  }
  std::signal(SIGPIPE, SIG_IGN);  // the server may exit before all input
  try {
    return run(argv[1], argv[2]);
  } catch (const std::exception &e) {
    fmt::print("FAIL {}: {}\n", argv[2], e.what());
    return 1;
  }
}
