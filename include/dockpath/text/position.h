// Positions and ranges inside a document.
//
// The core counts columns in UTF-8 bytes. The protocol layer converts to and
// from the client's negotiated encoding (see text/encoding.h), so nothing
// below the protocol layer knows about UTF-16.
#pragma once

#include <cstdint>
#include <ostream>
#include <tuple>

namespace dockpath {

struct Position {
  uint32_t line = 0;
  uint32_t column = 0;  // byte offset into the line's UTF-8 text

  friend bool operator==(const Position &, const Position &) = default;
  friend auto operator<=>(const Position &a, const Position &b) {
    return std::tie(a.line, a.column) <=> std::tie(b.line, b.column);
  }
};

// A half-open range [start, end).
struct Range {
  Position start;
  Position end;

  friend bool operator==(const Range &, const Range &) = default;
  bool contains(Position p) const { return start <= p && p < end; }
  // True when p is inside the range or at its end, as a cursor may be.
  bool touches(Position p) const { return start <= p && p <= end; }
  bool empty() const { return start == end; }
};

inline std::ostream &operator<<(std::ostream &os, const Position &p) {
  return os << p.line << ':' << p.column;
}

inline std::ostream &operator<<(std::ostream &os, const Range &r) {
  return os << '[' << r.start << '-' << r.end << ')';
}

}  // namespace dockpath
