#include "dockpath/protocol/uri.h"

#include <fmt/core.h>

#include <cctype>

namespace dockpath::protocol {
namespace {

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percentDecode(std::string_view text) {
  std::string result;
  result.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    int high = i + 2 < text.size() ? hexValue(text[i + 1]) : -1;
    int low = i + 2 < text.size() ? hexValue(text[i + 2]) : -1;
    if (text[i] == '%' && high >= 0 && low >= 0) {
      result.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else {
      result.push_back(text[i]);
    }
  }
  return result;
}

bool startsWithCaseless(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i])
      return false;
  }
  return true;
}

bool isUnreserved(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

}  // namespace

std::optional<std::string> uriToPath(std::string_view uri) {
  if (!startsWithCaseless(uri, "file:")) return std::nullopt;
  std::string_view rest = uri.substr(5);
  // A query or fragment is not part of the path.
  rest = rest.substr(0, rest.find_first_of("?#"));
  if (rest.starts_with("//")) {
    rest.remove_prefix(2);
    size_t slash = rest.find('/');
    std::string_view authority = rest.substr(0, slash);
    bool local =
        authority.empty() ||
        (authority.size() == 9 && startsWithCaseless(authority, "localhost"));
    if (!local) return std::nullopt;
    if (slash == std::string_view::npos) return std::nullopt;
    rest.remove_prefix(slash);
  }
  if (!rest.starts_with('/')) return std::nullopt;
  // NOTE: a Windows drive path such as file:///C:/x decodes to "/C:/x";
  // dockpath runs on POSIX systems only.
  return percentDecode(rest);
}

std::string pathToUri(std::string_view path) {
  std::string uri = "file://";
  for (char c : path) {
    auto byte = static_cast<unsigned char>(c);
    if (isUnreserved(byte) || c == '/')
      uri.push_back(c);
    else
      uri += fmt::format("%{:02X}", byte);
  }
  return uri;
}

}  // namespace dockpath::protocol
