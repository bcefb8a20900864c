#include "fixture.h"

#include <fmt/core.h>

#include <sstream>
#include <stdexcept>

namespace dockpath::transcript {
namespace {

std::string decodeEscapes(const std::string &text, int line) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\' || i + 1 == text.size()) {
      out.push_back(text[i]);
      continue;
    }
    char next = text[++i];
    if (next == 'r') {
      out.push_back('\r');
    } else if (next == 'n') {
      out.push_back('\n');
    } else if (next == 't') {
      out.push_back('\t');
    } else if (next == '\\') {
      out.push_back('\\');
    } else if (next == 'x' && i + 2 < text.size()) {
      out.push_back(
          static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else {
      throw std::runtime_error(
          fmt::format("line {}: unknown escape \\{}", line, next));
    }
  }
  return out;
}

// Collects the lines of one client message and the directives that apply
// to it.
class Builder {
 public:
  explicit Builder(Fixture &fixture) : fixture_(fixture) {}

  void addLine(const std::string &line, int number) {
    if (pending_.empty()) firstLine_ = number;
    pending_.push_back(line);
  }

  void finishMessage() {
    if (pending_.empty()) return;
    ClientMessage message;
    message.raw = raw_;
    message.chunkSize = chunkSize_;
    message.line = firstLine_;
    std::string text;
    for (const auto &line : pending_) text += raw_ ? line : line + "\n";
    if (raw_) {
      message.bytes = decodeEscapes(text, firstLine_);
    } else {
      while (!text.empty() && text.back() == '\n') text.pop_back();
      message.parsed = json::parse(text, nullptr, false);
      if (message.parsed->is_discarded()) message.parsed.reset();
      message.bytes =
          fmt::format("Content-Length: {}\r\n\r\n{}", text.size(), text);
    }
    fixture_.messages.push_back(std::move(message));
    pending_.clear();
    raw_ = false;
    chunkSize_ = 0;
  }

  void setRaw() { raw_ = true; }
  void setChunkSize(size_t size) { chunkSize_ = size; }

 private:
  Fixture &fixture_;
  std::vector<std::string> pending_;
  int firstLine_ = 0;
  bool raw_ = false;
  size_t chunkSize_ = 0;
};

json parseCheck(const std::string &text, int line) {
  json value = json::parse(text, nullptr, false);
  if (value.is_discarded())
    throw std::runtime_error(
        fmt::format("line {}: CHECK is not valid JSON: {}", line, text));
  return value;
}

void readDirective(const std::string &line, int number, Fixture &fixture,
                   Builder &builder) {
  auto argument = [&](size_t prefix) { return line.substr(prefix); };
  if (line.starts_with("# CHECK: ")) {
    fixture.checks.push_back({parseCheck(argument(9), number), false, number});
  } else if (line.starts_with("# CHECK-NOT: ")) {
    fixture.checks.push_back({parseCheck(argument(13), number), true, number});
  } else if (line.starts_with("# EXIT: ")) {
    fixture.expectedExit = std::stoi(argument(8));
  } else if (line == "# RAW") {
    builder.setRaw();
  } else if (line.starts_with("# CHUNKS: ")) {
    builder.setChunkSize(std::stoul(argument(10)));
  } else if (line.starts_with("# CHECK-")) {  // a misspelt directive
    throw std::runtime_error(
        fmt::format("line {}: unknown directive: {}", number, line));
  }
}

}  // namespace

Fixture parseFixture(const std::string &text) {
  Fixture fixture;
  Builder builder(fixture);
  std::istringstream input(text);
  std::string line;
  for (int number = 1; std::getline(input, line); ++number) {
    if (line.starts_with("#")) {
      builder.finishMessage();
      readDirective(line, number, fixture, builder);
    } else if (line.starts_with("---")) {
      builder.finishMessage();
    } else if (!line.empty()) {
      builder.addLine(line, number);
    }
  }
  builder.finishMessage();
  return fixture;
}

std::optional<std::string> findMismatch(const json &expected,
                                        const json &actual,
                                        const std::string &path) {
  std::string where = path.empty() ? "(message)" : path;
  if (expected.is_object()) {
    if (!actual.is_object())
      return fmt::format("{}: expected an object, got {}", where,
                         actual.dump());
    for (const auto &[key, value] : expected.items()) {
      if (!actual.contains(key))
        return fmt::format("{}.{}: missing", path, key);
      if (auto mismatch = findMismatch(value, actual[key], path + "." + key))
        return mismatch;
    }
    return std::nullopt;
  }
  if (expected.is_array()) {
    if (!actual.is_array())
      return fmt::format("{}: expected an array, got {}", where, actual.dump());
    if (expected.empty() && !actual.empty())
      return fmt::format("{}: expected [], got {} items", where, actual.size());
    if (actual.size() < expected.size())
      return fmt::format("{}: expected at least {} items, got {}", where,
                         expected.size(), actual.size());
    for (size_t i = 0; i < expected.size(); ++i) {
      std::string item = fmt::format("{}[{}]", path, i);
      if (auto mismatch = findMismatch(expected[i], actual[i], item))
        return mismatch;
    }
    return std::nullopt;
  }
  if (expected != actual)
    return fmt::format(
        "{}: expected {}, got {}", where, expected.dump(),
        actual.dump(-1, ' ', false, json::error_handler_t::replace));
  return std::nullopt;
}

}  // namespace dockpath::transcript
