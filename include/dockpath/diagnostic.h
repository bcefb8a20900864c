// Diagnostics and the edits that fix them, as the core reports them.
//
// Ranges are in UTF-8 byte columns (see text/position.h). The protocol layer
// turns these into LSP Diagnostic objects.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "dockpath/text/position.h"

namespace dockpath {

// Values match LSP's DiagnosticSeverity.
enum class Severity : uint8_t { Error = 1, Warning = 2, Information = 3, Hint = 4 };

// Values match LSP's DiagnosticTag.
enum class DiagnosticTag : uint8_t { Unnecessary = 1, Deprecated = 2 };

struct TextEdit {
  Range range;
  std::string newText;
};

struct Fix {
  std::string title;
  std::vector<TextEdit> edits;  // all in the analysed Dockerfile
  bool preferred = true;
};

struct RelatedInformation {
  // Absolute path of the file; empty for the analysed Dockerfile itself.
  std::string path;
  Range range;
  std::string message;
};

struct Diagnostic {
  Range range;
  Severity severity = Severity::Error;
  std::string code;  // rule id, e.g. "DP001", or a BuildKit check name
  std::string message;
  std::vector<RelatedInformation> related;
  std::vector<Fix> fixes;
  std::vector<DiagnosticTag> tags;
};

const char *severityName(Severity severity);  // "error", "warning", ...

// A stable key for a diagnostic that does not depend on its range, so that
// a code-action request can name a diagnostic even when the client
// rewrote its range (Neovim sends byte columns back, for example).
std::string fingerprint(const Diagnostic &diagnostic);

inline std::ostream &operator<<(std::ostream &os, const Diagnostic &d) {
  return os << d.range << ' ' << severityName(d.severity) << ' ' << d.code
            << ": " << d.message;
}

}  // namespace dockpath
