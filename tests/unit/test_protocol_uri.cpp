#include <doctest/doctest.h>

#include "dockpath/protocol/capabilities.h"
#include "dockpath/protocol/conversions.h"
#include "dockpath/protocol/uri.h"

using namespace dockpath::protocol;

TEST_CASE("uriToPath decodes file URIs") {
  CHECK(uriToPath("file:///home/u/Dockerfile") == "/home/u/Dockerfile");
  CHECK(uriToPath("file:///a%20b/c%C3%A9") == "/a b/c\xC3\xA9");
  CHECK(uriToPath("FILE:///x") == "/x");
  CHECK(uriToPath("file://localhost/x") == "/x");
  CHECK(uriToPath("file:/x") == "/x");
  CHECK(uriToPath("file:///x%2") == "/x%2");    // invalid escape kept
  CHECK(uriToPath("file:///x%zz") == "/x%zz");  // invalid escape kept
  CHECK(uriToPath("file:///x?q#f") == "/x");
}

TEST_CASE("uriToPath rejects what is not a local file") {
  CHECK_FALSE(uriToPath("untitled:Untitled-1"));
  CHECK_FALSE(uriToPath("test:///Dockerfile"));
  CHECK_FALSE(uriToPath("file://server/share/x"));
  CHECK_FALSE(uriToPath("file:relative"));
}

TEST_CASE("pathToUri encodes and round-trips") {
  CHECK(pathToUri("/a b/Dockerfile") == "file:///a%20b/Dockerfile");
  CHECK(pathToUri("/x/\xC3\xA9#%") == "file:///x/%C3%A9%23%25");
  for (std::string path : {"/plain", "/with space/é", "/100%/#?", "/a:b"}) {
    CAPTURE(path);
    CHECK(uriToPath(pathToUri(path)) == path);
  }
}

TEST_CASE("markdownToPlainText") {
  CHECK(markdownToPlainText("# Title\n\n**bold** and `code`") ==
        "Title\n\nbold and code");
  CHECK(markdownToPlainText("```dockerfile\nCOPY **/*.py .\n```") ==
        "COPY **/*.py .");
  CHECK(markdownToPlainText("see [docs](https://x.dev/a)") ==
        "see docs (https://x.dev/a)");
  CHECK(markdownToPlainText("`**/*.py` \\*") == "**/*.py *");
}

TEST_CASE("readClientCapabilities") {
  SUBCASE("defaults for empty params") {
    ClientCapabilities client = readClientCapabilities(json::object());
    CHECK(client.encoding == dockpath::PositionEncoding::Utf16);
    CHECK_FALSE(client.hoverMarkdown);
    CHECK_FALSE(client.documentChanges);
  }
  SUBCASE("utf-8 when offered") {
    json params = {
        {"capabilities",
         {{"general", {{"positionEncodings", {"utf-16", "utf-8"}}}}}}};
    CHECK(readClientCapabilities(params).encoding ==
          dockpath::PositionEncoding::Utf8);
  }
  SUBCASE("mistyped members are ignored") {
    json params = {{"capabilities", {{"general", 3}, {"textDocument", "x"}}},
                   {"clientInfo", {{"name", 5}}}};
    ClientCapabilities client = readClientCapabilities(params);
    CHECK(client.encoding == dockpath::PositionEncoding::Utf16);
    CHECK(client.name.empty());
  }
  SUBCASE("hover format and documentChanges") {
    json params = {
        {"clientInfo", {{"name", "Neovim"}, {"version", "0.7.2"}}},
        {"capabilities",
         {{"textDocument",
           {{"hover", {{"contentFormat", {"markdown", "plaintext"}}}}}},
          {"workspace", {{"workspaceEdit", {{"documentChanges", true}}}}}}}};
    ClientCapabilities client = readClientCapabilities(params);
    CHECK(client.name == "Neovim");
    CHECK(client.version == "0.7.2");
    CHECK(client.hoverMarkdown);
    CHECK(client.documentChanges);
  }
}

TEST_CASE("initializeResult") {
  ClientCapabilities client;
  client.encoding = dockpath::PositionEncoding::Utf8;
  json result = initializeResult(client, "1.2.3");
  const json &capabilities = result["capabilities"];
  CHECK(capabilities["positionEncoding"] == "utf-8");
  CHECK(capabilities["textDocumentSync"]["openClose"] == true);
  CHECK(capabilities["textDocumentSync"]["change"] == 2);
  CHECK(capabilities["textDocumentSync"]["save"]["includeText"] == false);
  CHECK(capabilities["hoverProvider"] == true);
  CHECK(capabilities["codeActionProvider"]["codeActionKinds"] ==
        json::array({"quickfix"}));
  CHECK(result["serverInfo"]["name"] == "dockpath");
  CHECK(result["serverInfo"]["version"] == "1.2.3");
}
