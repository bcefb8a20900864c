// Plain text from the Markdown that hovers use, for clients such as eglot
// without markdown-mode that show hover text as it is.
#include <string>
#include <string_view>

#include "dockpath/protocol/conversions.h"

namespace dockpath::protocol {
namespace {

bool isFence(std::string_view line) {
  size_t start = line.find_first_not_of(' ');
  if (start == std::string_view::npos) return false;
  line.remove_prefix(start);
  return line.starts_with("```") || line.starts_with("~~~");
}

std::string_view withoutHeading(std::string_view line) {
  size_t hashes = line.find_first_not_of('#');
  if (hashes == 0 || hashes > 6 || hashes == std::string_view::npos ||
      line[hashes] != ' ')
    return line;
  return line.substr(hashes + 1);
}

// Rewrites "[text](url)" at line[i] to "text (url)"; returns false when
// line[i] does not start a link.
bool appendLink(std::string_view line, size_t &i, std::string &out) {
  size_t close = line.find("](", i);
  if (close == std::string_view::npos) return false;
  size_t end = line.find(')', close);
  if (end == std::string_view::npos) return false;
  out.append(line.substr(i + 1, close - i - 1));
  out.append(" (");
  out.append(line.substr(close + 2, end - close - 2));
  out.push_back(')');
  i = end + 1;
  return true;
}

// Removes "**" and "__" markers and backslash escapes, keeps the text of
// code spans as it is (a glob such as "**/*.py" must survive), and
// rewrites links.
std::string plainInline(std::string_view line) {
  std::string out;
  for (size_t i = 0; i < line.size();) {
    std::string_view rest = line.substr(i);
    size_t codeEnd = rest[0] == '`' ? rest.find('`', 1) : 0;
    if (rest.starts_with("**") || rest.starts_with("__")) {
      i += 2;
    } else if (rest[0] == '`' && codeEnd != std::string_view::npos) {
      out.append(rest.substr(1, codeEnd - 1));
      i += codeEnd + 1;
    } else if (rest[0] == '\\' && rest.size() > 1) {
      out.push_back(rest[1]);
      i += 2;
    } else if (rest[0] != '[' || !appendLink(line, i, out)) {
      out.push_back(rest[0]);
      ++i;
    }
  }
  return out;
}

}  // namespace

std::string markdownToPlainText(std::string_view markdown) {
  std::string out;
  bool inFence = false;
  size_t start = 0;
  while (start <= markdown.size()) {
    size_t newline = markdown.find('\n', start);
    std::string_view line = markdown.substr(start, newline - start);
    if (isFence(line)) {
      inFence = !inFence;
    } else {
      out.append(inFence ? std::string(line)
                         : plainInline(withoutHeading(line)));
      out.push_back('\n');
    }
    if (newline == std::string_view::npos) break;
    start = newline + 1;
  }
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

}  // namespace dockpath::protocol
