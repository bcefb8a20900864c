// A small leveled logger that writes one line per message to stderr.
//
// stdout carries the protocol, so nothing here ever writes to it. Levels
// follow the usual language-server scheme: error, info (the default),
// verbose and debug. Raw JSON belongs at debug only, and document text never
// at info.
#pragma once

#include <fmt/chrono.h>
#include <fmt/core.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <optional>
#include <string_view>

namespace dockpath::log {

enum class Level { Error = 0, Info = 1, Verbose = 2, Debug = 3 };

namespace detail {
inline std::atomic<Level> threshold{Level::Info};
inline std::mutex outputMutex;

inline char levelLetter(Level level) {
  switch (level) {
    case Level::Error:
      return 'E';
    case Level::Info:
      return 'I';
    case Level::Verbose:
      return 'V';
    case Level::Debug:
      return 'D';
  }
  return '?';
}

void write(Level level, std::string_view text);
}  // namespace detail

inline void setLevel(Level level) { detail::threshold = level; }
inline Level level() { return detail::threshold; }
inline bool enabled(Level level) { return level <= detail::threshold.load(); }

inline const char *levelName(Level level) {
  switch (level) {
    case Level::Error:
      return "error";
    case Level::Info:
      return "info";
    case Level::Verbose:
      return "verbose";
    case Level::Debug:
      return "debug";
  }
  return "info";
}

// Returns the level named "error", "info", "verbose" or "debug".
inline std::optional<Level> parseLevel(std::string_view name) {
  if (name == "error") return Level::Error;
  if (name == "info") return Level::Info;
  if (name == "verbose") return Level::Verbose;
  if (name == "debug") return Level::Debug;
  return std::nullopt;
}

template <typename... Args>
void print(Level level, fmt::format_string<Args...> format, Args &&...args) {
  if (!enabled(level)) return;
  detail::write(level, fmt::format(format, std::forward<Args>(args)...));
}

template <typename... Args>
void error(fmt::format_string<Args...> format, Args &&...args) {
  print(Level::Error, format, std::forward<Args>(args)...);
}
template <typename... Args>
void info(fmt::format_string<Args...> format, Args &&...args) {
  print(Level::Info, format, std::forward<Args>(args)...);
}
template <typename... Args>
void verbose(fmt::format_string<Args...> format, Args &&...args) {
  print(Level::Verbose, format, std::forward<Args>(args)...);
}
template <typename... Args>
void debug(fmt::format_string<Args...> format, Args &&...args) {
  print(Level::Debug, format, std::forward<Args>(args)...);
}

// Writes "I 12:34:56.789 text" as one line. The mutex keeps lines from the
// reader and the analysis thread whole.
inline void detail::write(Level level, std::string_view text) {
  auto now = std::chrono::system_clock::now();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                now.time_since_epoch()) %
            1000;
  std::lock_guard lock(outputMutex);
  fmt::print(stderr, "{} {:%H:%M:%S}.{:03} {}\n", levelLetter(level),
             std::chrono::floor<std::chrono::seconds>(now), ms.count(), text);
  std::fflush(stderr);
}

}  // namespace dockpath::log
