// BuildKit checks of FROM: its variables and its --platform flag.
#include "../../server/rules/buildkit/common.h"
#include "test_buildkit_support.h"

using namespace buildkit_test;

TEST_CASE("BuildKit UndefinedArgInFrom flags an undeclared variable") {
  SUBCASE("in the image name") {
    auto found =
        runCheck("UndefinedArgInFrom",
                 "ARG tag=latest\nFROM busybox:${tag}${version} AS b\n");
    REQUIRE(found.size() == 1);
    CHECK(found[0].range == at(1, 19, 29));
    CHECK(found[0].message ==
          "FROM uses $version but no ARG before the first FROM declares it, "
          "so it expands to an empty string. Declare it with ARG version "
          "before the first FROM.");
  }
  SUBCASE("in --platform, with a suggestion") {
    auto found = runCheck("UndefinedArgInFrom",
                          "FROM --platform=$BULIDPLATFORM scratch\n");
    REQUIRE(found.size() == 1);
    CHECK(found[0].range == at(0, 16, 30));
    CHECK(found[0].message.find("Did you mean BUILDPLATFORM?") !=
          std::string::npos);
  }
  SUBCASE("an ARG declared inside a stage does not count") {
    auto found = runCheck("UndefinedArgInFrom",
                          "FROM scratch\nARG BASE=alpine\nFROM ${BASE}\n");
    REQUIRE(found.size() == 1);
    CHECK(found[0].range == at(2, 5, 12));
  }
}

TEST_CASE("BuildKit UndefinedArgInFrom does not flag declared ARGs") {
  CHECK(runCheck("UndefinedArgInFrom",
                 "ARG base=scratch\n"
                 "ARG DEBUG\n"
                 "FROM $base\n"
                 "FROM --platform=$BUILDPLATFORM scratch\n"
                 "FROM scra${DEBUG:-tch}\n")
            .empty());
}

TEST_CASE("BuildKit InvalidDefaultArgInFrom flags an invalid default") {
  SUBCASE("an ARG without default leaves a dangling colon") {
    auto found = runCheck("InvalidDefaultArgInFrom",
                          "ARG VERSION\nFROM busybox:$VERSION\n");
    REQUIRE(found.size() == 1);
    CHECK(found[0].range == at(1, 5, 21));
    CHECK(found[0].message ==
          "With the default values of its ARGs, busybox:$VERSION expands to "
          "'busybox:', which is not a valid image name. Give the ARGs "
          "defaults that form a valid name.");
  }
  SUBCASE("an empty name") {
    auto found =
        runCheck("InvalidDefaultArgInFrom", "ARG IMAGE\nFROM $IMAGE\n");
    REQUIRE(found.size() == 1);
    CHECK(found[0].message.find("expands to an empty name") !=
          std::string::npos);
  }
  SUBCASE("a default with a colon inside the name") {
    CHECK(runCheck("InvalidDefaultArgInFrom",
                   "ARG SFX=\"box:\"\nFROM busy${SFX}\n")
              .size() == 1);
  }
}

TEST_CASE("BuildKit InvalidDefaultArgInFrom does not flag valid defaults") {
  CHECK(runCheck("InvalidDefaultArgInFrom",
                 "ARG VERSION=\"latest\"\n"
                 "ARG VARIANT=\"\"\n"
                 "ARG REGISTRY=registry.example.com:5000\n"
                 "FROM busybox:${VERSION}\n"
                 "FROM busybox:stable${VARIANT}\n"
                 "FROM ${REGISTRY}/team/app:1.0@sha256:"
                 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab"
                 "cdef\n")
            .empty());
}

TEST_CASE("BuildKit RedundantTargetPlatform flags $TARGETPLATFORM") {
  for (std::string value : {"$TARGETPLATFORM", "${TARGETPLATFORM}"}) {
    CAPTURE(value);
    std::string text = "FROM --platform=" + value + " scratch\n";
    auto found = runCheck("RedundantTargetPlatform", text);
    REQUIRE(found.size() == 1);
    CHECK(found[0].range == at(0, 5, 16 + value.size()));
    CHECK(found[0].message ==
          "--platform=" + value +
              " is redundant: a stage is built for $TARGETPLATFORM by "
              "default. Remove the flag.");
    REQUIRE(found[0].fixes.size() == 1);
    CHECK(applyFix(text, found[0].fixes[0]) == "FROM scratch\n");
  }
}

TEST_CASE("BuildKit RedundantTargetPlatform does not flag other values") {
  CHECK(runCheck("RedundantTargetPlatform",
                 "ARG TARGETOS\n"
                 "FROM --platform=$BUILDPLATFORM golang:1.22\n"
                 "FROM --platform=${TARGETPLATFORM}-extra scratch\n"
                 "FROM --platform=$TARGETOS/$TARGETARCH scratch\n")
            .empty());
}

TEST_CASE("BuildKit FromPlatformFlagConstDisallowed flags a constant") {
  auto found = runCheck("FromPlatformFlagConstDisallowed",
                        "FROM --platform=linux/amd64 scratch\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].range == at(0, 16, 27));
  CHECK(found[0].message ==
        "--platform=linux/amd64 pins the stage to one platform, so builds "
        "for other platforms run it emulated. Use $BUILDPLATFORM or "
        "$TARGETPLATFORM, or name the stage after the platform.");
}

TEST_CASE("BuildKit FromPlatformFlagConstDisallowed does not flag named") {
  SUBCASE("the stage name has the architecture") {
    CHECK(runCheck("FromPlatformFlagConstDisallowed",
                   "FROM --platform=linux/x86_64 scratch AS my_amd64_stage\n")
              .empty());
  }
  SUBCASE("the stage name has the OS") {
    CHECK(runCheck("FromPlatformFlagConstDisallowed",
                   "FROM --platform=linux/amd64 scratch AS linux\n")
              .empty());
  }
  SUBCASE("a variable") {
    CHECK(runCheck("FromPlatformFlagConstDisallowed",
                   "FROM --platform=$BUILDPLATFORM scratch\n")
              .empty());
  }
}

// The grammar of github.com/distribution/reference (regexp.go), case by
// case, as BuildKit applies it to a FROM name.
TEST_CASE("isValidImageReference follows distribution/reference") {
  using dockpath::rules::buildkit::isValidImageReference;
  for (const char *valid :
       {"busybox",
        "busybox:latest",
        "library/busybox",
        "a/b/c/d",
        "my_org/my__app",
        "my-org/my---app",
        "app.v2",
        "ubuntu:22.04",
        "registry.example.com/team/app",
        "registry.example.com:5000/app:1.0",
        "localhost/app",
        "localhost:5000/app",
        "[::1]:5000/app",
        "[fe80::1]/app",
        "Registry.Example.COM/app",
        "a-b.c/app",
        "app:T_1.x-y",
        "app@sha256:0123456789abcdef0123456789abcdef",
        "app:1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef"
        "0123456789abcdef",
        "host:5000",
        "x"}) {
    CAPTURE(valid);
    CHECK(isValidImageReference(valid));
  }
  for (const char *invalid :
       {"",
        "busybox:",
        ":latest",
        "Busybox",
        "team/App",
        "app/",
        "/app",
        "a//b",
        "app_",
        "_app",
        "a___b",
        "a..b",
        "a.-b",
        "app:.tag",
        "app:-t",
        "app:t@",
        "app@sha256:0123",
        "app@sha256:0123456789abcdef0123456789abcdeg",
        "app@:0123456789abcdef0123456789abcdef",
        "-host.com/app",
        "host-.com/app",
        "host:port/app",
        "[::1/app",
        "app:tag:tag",
        "busy box",
        "app:\xc3\xa9",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}) {
    CAPTURE(invalid);
    CHECK_FALSE(isValidImageReference(invalid));
  }
  CHECK(isValidImageReference("app:" + std::string(128, 't')));
  CHECK_FALSE(isValidImageReference("app:" + std::string(129, 't')));
  CHECK(isValidImageReference(std::string(255, 'a')));
  CHECK_FALSE(isValidImageReference(std::string(256, 'a')));
}
