// What dockpath knows about common base images, as data compiled into the
// binary. Every fact carries its source. For an image that is not in the
// catalog, lookupImage() returns nullptr and the rules that need facts about
// it stay silent.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dockpath {

// One Python interpreter installed in an image.
struct PythonInstall {
  std::string executable;            // the real binary, "/usr/bin/python3.11"
  std::vector<std::string> aliases;  // links to it, "/usr/bin/python3"
  std::string version;               // "3.11"
  // sys.path after its first entry (the script's folder or the working
  // directory) and after PYTHONPATH, in order.
  std::vector<std::string> sysPath;
  // The user site with "{home}" for the running user's home directory,
  // "{home}/.local/lib/python3.11/site-packages"; empty when disabled.
  std::string userSite;
  // Where a plain `pip install` by this interpreter puts packages, and
  // console scripts; empty when the image has no pip.
  std::string pipSitePackages;
  std::string pipScripts;
  bool hasPip = false;
  bool hasVenv = false;            // the venv module is present
  bool externallyManaged = false;  // PEP 668 marker: pip refuses
  std::string source;
};

struct ImageFacts {
  std::string name;  // canonical, "gcr.io/distroless/python3-debian12"
  std::string tag;   // the tag pattern these facts describe, "latest"
  // Other tags of the same image that point to the same facts ("3.12-slim"
  // for "3.12-slim-trixie").
  std::vector<std::string> tagAliases;
  std::string summary;

  std::optional<std::vector<std::string>> entrypoint;  // nullopt: unset
  std::optional<std::vector<std::string>> cmd;         // exec form
  std::vector<std::pair<std::string, std::string>> env;
  std::string user;     // "" is root
  std::string workdir;  // "" is "/"
  std::string home;     // HOME of `user`

  // The shell BuildKit uses for shell form; empty when the image has none.
  std::string shell;
  // Paths known to exist (files, folders, links). Links as "path -> target".
  std::vector<std::string> present;
  // Paths known not to exist; a path under one of them is absent too.
  std::vector<std::string> absent;
  // When true, the top-level folders of the image are exactly those in
  // `present` that have no '/' after the first, so any other top-level
  // path (say "/app") is absent.
  bool rootListed = false;

  // The interpreter that `python3` on PATH runs, and any other one.
  std::optional<PythonInstall> python;
  std::vector<PythonInstall> otherPythons;
  // Interpreter that `apt-get install python3` adds, for Debian and Ubuntu.
  std::optional<PythonInstall> aptPython;

  std::vector<std::string> sources;  // where these facts come from
};

// Facts for an image reference as written in FROM ("python:3.11-slim",
// "docker.io/library/python:3.11-slim@sha256:...", "gcr.io/distroless/
// python3-debian12:nonroot"), or nullptr when the image is unknown. A
// reference whose tag the catalog does not know is unknown too.
const ImageFacts *lookupImage(std::string_view reference);

// Every image the catalog describes, for docs and tests.
const std::vector<ImageFacts> &allImages();

// The parts of an image reference. The registry "docker.io" and its
// aliases are dropped and "library/" is stripped from Docker Hub names, so
// "docker.io/library/python:3.12" has name "python".
struct ImageReference {
  std::string registry;  // "gcr.io"; empty for Docker Hub
  std::string name;      // "python", "gcr.io/distroless/python3-debian12"
  std::string tag;       // "latest" when the reference has none
  std::string digest;    // "sha256:..." or empty
};

// Splits a reference as written in FROM, or returns nullopt when it is
// empty, contains an unexpanded variable ("$", "${"), or is malformed.
std::optional<ImageReference> parseImageReference(std::string_view reference);

}  // namespace dockpath
