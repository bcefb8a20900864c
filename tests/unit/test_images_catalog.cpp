#include <dockpath/images/catalog.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>

using namespace dockpath;

namespace {

bool contains(const std::vector<std::string> &list, const std::string &item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

std::string envOf(const ImageFacts &facts, const std::string &key) {
  for (const auto &[name, value] : facts.env) {
    if (name == key) return value;
  }
  return "<unset>";
}

}  // namespace

TEST_CASE("parseImageReference splits registry name tag digest") {
  auto ref =
      parseImageReference("docker.io/library/python:3.11-slim@sha256:0123abcd");
  REQUIRE(ref);
  CHECK(ref->registry == "");
  CHECK(ref->name == "python");
  CHECK(ref->tag == "3.11-slim");
  CHECK(ref->digest == "sha256:0123abcd");

  auto distroless = parseImageReference("gcr.io/distroless/static-debian12");
  REQUIRE(distroless);
  CHECK(distroless->registry == "gcr.io");
  CHECK(distroless->name == "gcr.io/distroless/static-debian12");
  CHECK(distroless->tag == "latest");

  auto port = parseImageReference("localhost:5000/team/app");
  REQUIRE(port);
  CHECK(port->registry == "localhost:5000");
  CHECK(port->name == "localhost:5000/team/app");
  CHECK(port->tag == "latest");
}

TEST_CASE("parseImageReference rejects variables and malformed input") {
  CHECK_FALSE(parseImageReference(""));
  CHECK_FALSE(parseImageReference("python:${PY}-slim"));
  CHECK_FALSE(parseImageReference("$BASE"));
  CHECK_FALSE(parseImageReference("Python:3.12"));
  CHECK_FALSE(parseImageReference("python:"));
  CHECK_FALSE(parseImageReference("python:-bad"));
  CHECK_FALSE(parseImageReference("python@nodigest"));
}

TEST_CASE("lookupImage accepts every reference form") {
  const ImageFacts *plain = lookupImage("python:3.11-slim-bookworm");
  REQUIRE(plain != nullptr);
  CHECK(lookupImage("docker.io/python:3.11-slim-bookworm") == plain);
  CHECK(lookupImage("docker.io/library/python:3.11-slim-bookworm") == plain);
  CHECK(lookupImage("index.docker.io/library/python:3.11-slim-bookworm") ==
        plain);
  CHECK(lookupImage("library/python:3.11-slim-bookworm") == plain);
  CHECK(lookupImage("python:3.11-slim-bookworm@sha256:abc123") == plain);
  CHECK(lookupImage("python:3.11.9-slim-bookworm") == plain);
  CHECK(lookupImage("python:3.11.14-slim-bookworm") == plain);
}

TEST_CASE("lookupImage returns nullptr for unknown references") {
  CHECK(lookupImage("python:${PY}-slim") == nullptr);
  CHECK(lookupImage("python:2.7-slim") == nullptr);
  CHECK(lookupImage("python:3.11.9-slim") == nullptr);
  CHECK(lookupImage("python:3.11-slim-buster") == nullptr);
  CHECK(lookupImage("gcr.io/distroless/python3-debian12:unknown") == nullptr);
  CHECK(lookupImage("myregistry.example/python:3.11-slim") == nullptr);
  CHECK(lookupImage("node:22") == nullptr);
  CHECK(lookupImage("ubuntu:latest") == nullptr);
}

TEST_CASE("catalog python tags follow the official-images tag file") {
  const ImageFacts *slim = lookupImage("python:3.11-slim");
  REQUIRE(slim != nullptr);
  CHECK(slim->tag == "3.11-slim-trixie");
  CHECK(lookupImage("python:3.12-slim")->tag == "3.12-slim-trixie");
  CHECK(lookupImage("python:3.12")->tag == "3.12-trixie");
  CHECK(lookupImage("python:3-slim")->tag == "3.14-slim-trixie");
  CHECK(lookupImage("python:slim")->tag == "3.14-slim-trixie");
  CHECK(lookupImage("python:latest")->tag == "3.14-trixie");
  CHECK(lookupImage("python")->tag == "3.14-trixie");
  CHECK(lookupImage("python:bookworm")->tag == "3.14-bookworm");
  CHECK(lookupImage("python:3.13-alpine")->tag == "3.13-alpine3.22");
  CHECK(lookupImage("python:alpine")->tag == "3.14-alpine3.22");
  CHECK(lookupImage("python:3.9-slim")->tag == "3.9-slim-bookworm");
  CHECK(lookupImage("python:3.10-slim-bookworm")->tag == "3.10-slim-bookworm");
}

TEST_CASE("catalog index keys are unique") {
  std::set<std::string> keys;
  for (const ImageFacts &facts : allImages()) {
    std::string key = facts.name + ":" + facts.tag;
    CHECK_MESSAGE(keys.insert(key).second, key);
    for (const std::string &alias : facts.tagAliases) {
      std::string aliasKey = facts.name + ":" + alias;
      CHECK_MESSAGE(keys.insert(aliasKey).second, aliasKey);
    }
    CHECK_FALSE(facts.sources.empty());
  }
}

TEST_CASE("catalog distroless python3-debian12 runtime facts") {
  const ImageFacts *image = lookupImage("gcr.io/distroless/python3-debian12");
  REQUIRE(image != nullptr);
  REQUIRE(image->entrypoint);
  CHECK(*image->entrypoint == std::vector<std::string>{"/usr/bin/python3.11"});
  CHECK_FALSE(image->cmd);
  CHECK(image->shell == "");
  CHECK(image->user == "");
  CHECK(image->home == "/root");
  CHECK(image->rootListed);
  CHECK(envOf(*image, "LANG") == "C.UTF-8");
  REQUIRE(image->python);
  const PythonInstall &python = *image->python;
  CHECK(python.executable == "/usr/bin/python3.11");
  CHECK(python.aliases ==
        std::vector<std::string>{"/usr/bin/python3", "/usr/bin/python"});
  CHECK(python.sysPath == std::vector<std::string>{
                              "/usr/lib/python311.zip", "/usr/lib/python3.11",
                              "/usr/lib/python3.11/lib-dynload",
                              "/usr/local/lib/python3.11/dist-packages",
                              "/usr/lib/python3/dist-packages"});
  CHECK_FALSE(
      contains(python.sysPath, "/usr/local/lib/python3.11/site-packages"));
  CHECK(python.userSite == "{home}/.local/lib/python3.11/site-packages");
  CHECK_FALSE(python.hasPip);
  CHECK_FALSE(python.hasVenv);
  CHECK(python.pipSitePackages == "");
  CHECK(contains(image->absent, "/bin/sh"));
  CHECK(contains(image->absent, "/usr/local/bin"));
  CHECK(contains(image->absent, "/usr/local/lib/python3.11/site-packages"));
  CHECK(contains(image->present, "/etc/passwd"));
  CHECK(contains(image->present, "/bin"));
  CHECK_FALSE(contains(image->present, "/app"));
}

TEST_CASE("catalog distroless variants set user and busybox") {
  const ImageFacts *nonroot =
      lookupImage("gcr.io/distroless/python3-debian12:nonroot");
  REQUIRE(nonroot != nullptr);
  CHECK(nonroot->user == "65532");
  CHECK(nonroot->workdir == "/home/nonroot");
  CHECK(nonroot->home == "/home/nonroot");

  const ImageFacts *debug =
      lookupImage("gcr.io/distroless/python3-debian12:debug-nonroot");
  REQUIRE(debug != nullptr);
  REQUIRE(debug->entrypoint);
  CHECK(*debug->entrypoint == std::vector<std::string>{"/usr/bin/python3.11"});
  CHECK(debug->shell == "");
  CHECK(debug->user == "65532");
  CHECK(contains(debug->present, "/busybox/sh"));
  CHECK(contains(debug->absent, "/bin/sh"));
  CHECK(envOf(*debug, "PATH") ==
        "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:"
        "/busybox");

  const ImageFacts *staticDebug =
      lookupImage("gcr.io/distroless/static-debian12:debug");
  REQUIRE(staticDebug != nullptr);
  CHECK(*staticDebug->entrypoint == std::vector<std::string>{"/busybox/sh"});
  const ImageFacts *base = lookupImage("gcr.io/distroless/base-debian13");
  REQUIRE(base != nullptr);
  REQUIRE(base->entrypoint);
  CHECK(base->entrypoint->empty());
  CHECK_FALSE(base->python);
  CHECK(contains(base->present, "/bin -> usr/bin"));
}

TEST_CASE("catalog distroless python versions per Debian") {
  const ImageFacts *d11 = lookupImage("gcr.io/distroless/python3-debian11");
  REQUIRE(d11 != nullptr);
  CHECK(d11->python->version == "3.9");
  CHECK(d11->shell == "/bin/sh");
  const ImageFacts *d13 = lookupImage("gcr.io/distroless/python3-debian13");
  REQUIRE(d13 != nullptr);
  CHECK(*d13->entrypoint == std::vector<std::string>{"/usr/bin/python3.13"});
  CHECK(d13->python->hasVenv);
  CHECK(d13->python->sysPath.front() == "/usr/lib/python313.zip");
  const ImageFacts *java = lookupImage("gcr.io/distroless/java21-debian13");
  REQUIRE(java != nullptr);
  CHECK(*java->entrypoint == std::vector<std::string>{"/usr/bin/java", "-jar"});
  const ImageFacts *node = lookupImage("gcr.io/distroless/nodejs22-debian13");
  REQUIRE(node != nullptr);
  CHECK(*node->entrypoint == std::vector<std::string>{"/nodejs/bin/node"});
}

TEST_CASE("catalog python slim-bookworm pip site") {
  const ImageFacts *image = lookupImage("python:3.11-slim-bookworm");
  REQUIRE(image != nullptr);
  REQUIRE(image->python);
  const PythonInstall &python = *image->python;
  CHECK(python.executable == "/usr/local/bin/python3.11");
  CHECK(python.pipSitePackages == "/usr/local/lib/python3.11/site-packages");
  CHECK(python.pipScripts == "/usr/local/bin");
  CHECK(python.hasPip);
  CHECK(python.sysPath.back() == "/usr/local/lib/python3.11/site-packages");
  CHECK(python.sysPath.front() == "/usr/local/lib/python311.zip");
  CHECK_FALSE(image->entrypoint);
  REQUIRE(image->cmd);
  CHECK(*image->cmd == std::vector<std::string>{"python3"});
  CHECK(image->shell == "/bin/sh");
  CHECK(envOf(*image, "PYTHON_VERSION") == "3.11.14");
  CHECK(envOf(*image, "PATH").rfind("/usr/local/bin:", 0) == 0);
  CHECK(contains(image->absent, "/usr/bin/python3"));
  CHECK(image->otherPythons.empty());
  CHECK(image->rootListed);
  CHECK_FALSE(contains(image->present, "/app"));
}

TEST_CASE("catalog full python image has Debian python3") {
  const ImageFacts *image = lookupImage("python:3.12-bookworm");
  REQUIRE(image != nullptr);
  REQUIRE(image->otherPythons.size() == 1);
  CHECK(image->otherPythons[0].executable == "/usr/bin/python3.11");
  CHECK(contains(image->absent, "/usr/bin/python"));
  CHECK_FALSE(contains(image->absent, "/usr/bin/python3"));
  const ImageFacts *alpine = lookupImage("python:3.12-alpine");
  REQUIRE(alpine != nullptr);
  CHECK_FALSE(alpine->rootListed);
  CHECK(contains(alpine->absent, "/bin/bash"));
}

TEST_CASE("catalog debian and ubuntu apt python") {
  const ImageFacts *bookworm = lookupImage("debian:bookworm-slim");
  REQUIRE(bookworm != nullptr);
  CHECK(lookupImage("debian:12-slim") == bookworm);
  CHECK(*bookworm->cmd == std::vector<std::string>{"bash"});
  CHECK(bookworm->shell == "/bin/sh");
  CHECK_FALSE(bookworm->python);
  CHECK(contains(bookworm->absent, "/usr/bin/python3"));
  REQUIRE(bookworm->aptPython);
  CHECK(bookworm->aptPython->version == "3.11");
  CHECK(bookworm->aptPython->externallyManaged);
  CHECK(lookupImage("debian:bullseye")->aptPython->version == "3.9");
  CHECK_FALSE(lookupImage("debian:11")->aptPython->externallyManaged);
  CHECK(lookupImage("debian:trixie")->aptPython->version == "3.13");
  CHECK(lookupImage("debian")->tag == "13");
  CHECK(lookupImage("ubuntu:jammy")->aptPython->version == "3.10");
  CHECK(lookupImage("ubuntu:24.04")->aptPython->version == "3.12");
}
