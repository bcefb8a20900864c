#include "lsp_session.h"

#include <fstream>
#include <sstream>

#include "../support/lsp_client.h"
#include "dockpath/text/document.h"
#include "dockpath/text/encoding.h"

using nlohmann::json;
using dockpath::test::LspClient;

namespace {

std::string readFile(const std::filesystem::path &path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string uriOf(const std::filesystem::path &path) {
  return "file://" + path.string();
}

Findings findingsOf(const json &diagnostics) {
  Findings out;
  for (const auto &d : diagnostics) {
    std::string code = d.value("code", "");
    if (code.rfind("DP", 0) == 0)
      out.insert({code, d["range"]["start"]["line"].get<unsigned>() + 1});
  }
  return out;
}

std::string describe(const Findings &findings) {
  std::string out;
  for (const auto &[code, line] : findings)
    out += " " + code + "@" + std::to_string(line);
  return out.empty() ? " (none)" : out;
}

// Waits for the diagnostics of uri at version.
std::optional<json> diagnosticsAt(LspClient &client, const std::string &uri,
                                  int version) {
  auto message = client.waitFor([&](const json &m) {
    return m.value("method", "") == "textDocument/publishDiagnostics" &&
           m["params"]["uri"] == uri &&
           m["params"].value("version", -1) == version;
  });
  if (!message) return std::nullopt;
  return (*message)["params"]["diagnostics"];
}

dockpath::Position bytePosition(const dockpath::TextDocument &text,
                                const json &p) {
  uint32_t line = p["line"].get<uint32_t>();
  std::string_view content = line < text.lineCount() ? text.line(line) : "";
  return {line, dockpath::toByteColumn(content, p["character"].get<uint32_t>(),
                                       dockpath::PositionEncoding::Utf16)};
}

// Applies a WorkspaceEdit's edits for uri, the last first.
std::string applyEdit(const std::string &original, const json &edit,
                      const std::string &uri) {
  dockpath::TextDocument text(original);
  json edits = edit.contains("changes") ? edit["changes"].value(uri, json())
                                        : json::array();
  if (edit.contains("documentChanges"))
    for (const auto &change : edit["documentChanges"])
      for (const auto &e : change["edits"]) edits.push_back(e);
  std::vector<json> ordered(edits.begin(), edits.end());
  std::sort(ordered.begin(), ordered.end(), [](const json &a, const json &b) {
    auto key = [](const json &e) {
      return std::make_pair(e["range"]["start"]["line"].get<int>(),
                            e["range"]["start"]["character"].get<int>());
    };
    return key(b) < key(a);
  });
  for (const auto &e : ordered)
    text.replace({bytePosition(text, e["range"]["start"]),
                  bytePosition(text, e["range"]["end"])},
                 e["newText"].get<std::string>());
  return text.text();
}

json initializeParams(const std::filesystem::path &dir) {
  json kinds = {{"valueSet", {"quickfix"}}};
  json codeAction = {
      {"codeActionLiteralSupport", {{"codeActionKind", kinds}}}};
  return {{"processId", nullptr},
          {"rootUri", uriOf(dir)},
          {"capabilities", {{"textDocument", {{"codeAction", codeAction}}}}}};
}

}  // namespace

void checkProtocol(const std::filesystem::path &dir,
                   const std::string &binary, const Findings &expected,
                   const std::function<void(const std::string &)> &fail) {
  LspClient client({binary, "--stdio"});
  int init = client.request("initialize", initializeParams(dir));
  if (!client.waitForReply(init)) return fail("protocol: no initialize reply");
  client.notify("initialized", json::object());

  std::string uri = uriOf(dir / "Dockerfile");
  std::string original = readFile(dir / "Dockerfile");
  client.notify("textDocument/didOpen",
                {{"textDocument", {{"uri", uri}, {"languageId", "dockerfile"},
                                   {"version", 1}, {"text", original}}}});
  auto diagnostics = diagnosticsAt(client, uri, 1);
  if (!diagnostics) return fail("protocol: no diagnostics for version 1");
  Findings got = findingsOf(*diagnostics);
  if (got != expected)
    fail("protocol: expected" + describe(expected) + ", got" + describe(got));

  int version = 1;
  for (const auto &d : *diagnostics) {
    if (d.value("code", "").rfind("DP", 0) != 0) continue;
    int id = client.request(
        "textDocument/codeAction",
        {{"textDocument", {{"uri", uri}}},
         {"range", d["range"]},
         {"context", {{"diagnostics", json::array({d})}}}});
    auto reply = client.waitForReply(id);
    if (!reply || !(*reply)["result"].is_array())
      return fail("protocol: no code actions reply");
    for (const auto &action : (*reply)["result"]) {
      if (!action.contains("edit")) continue;
      std::string fixedText = applyEdit(original, action["edit"], uri);
      for (const std::string &text : {fixedText, original}) {
        client.notify("textDocument/didChange",
                      {{"textDocument", {{"uri", uri}, {"version", ++version}}},
                       {"contentChanges", json::array({{{"text", text}}})}});
        auto after = diagnosticsAt(client, uri, version);
        if (!after) return fail("protocol: no diagnostics after a fix");
        if (&text == &fixedText &&
            findingsOf(*after).size() + 1 != findingsOf(*diagnostics).size())
          fail("protocol: quick fix '" + action.value("title", "") +
               "' leaves" + describe(findingsOf(*after)));
      }
    }
  }
  int shutdown = client.request("shutdown", nullptr);
  client.waitForReply(shutdown);
  client.notify("exit", nullptr);
  int code = client.finish();
  if (code != 0) fail("protocol: exit code " + std::to_string(code));
}
