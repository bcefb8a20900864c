// Catalog data: Docker Hub's official python, debian and ubuntu images.
// This file is a table built by small helpers, so it is longer than most.
//
// Sources:
// - docker-library/official-images library/python at 01732a42 (2025,
//   Python 3.14.0): which tags point to which Debian or Alpine variant.
//   3.10 to 3.14 default to trixie; "3", "latest" and "slim" are 3.14.
// - docker-library/python 3.11/slim-bookworm/Dockerfile and
//   3.12/bookworm/Dockerfile: FROM debian:bookworm-slim or
//   buildpack-deps:bookworm, ENV PATH /usr/local/bin:$PATH, ENV LANG
//   C.UTF-8, ENV PYTHON_VERSION, `make install` into /usr/local, the
//   python/pip/pydoc symlink loop, CMD ["python3"], no ENTRYPOINT.
// - buildpack-deps debian/<suite>/scm/Dockerfile installs mercurial, which
//   pulls in Debian's python3, so the full (non-slim) python images also
//   have Debian's /usr/bin/python3.
#include <dockpath/images/catalog.h>

#include <string>

namespace dockpath {

namespace {

constexpr const char *kDebianPath =
    "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

struct DebianRelease {
  const char *codename;  // "bookworm"
  int number;            // 12
  const char *python;    // Debian's python3 minor version, "3.11"
  // PEP 668 marker in libpython3.X-stdlib: measured present on Debian 12;
  // absent before (the marker was added for bookworm); assumed for 13.
  bool externallyManaged;
};

constexpr DebianRelease kBullseye = {"bullseye", 11, "3.9", false};
constexpr DebianRelease kBookworm = {"bookworm", 12, "3.11", true};
constexpr DebianRelease kTrixie = {"trixie", 13, "3.13", true};

// Top-level folders of the debian images. bookworm and later images are
// merged-/usr (/bin a link to usr/bin); bullseye has real folders. Source,
// secondary: tianon in debuerreotype/docker-debian-artifacts issue #180.
// Ubuntu images are merged-/usr too (same thread).
std::vector<std::string> debianRootFolders(bool mergedUsr) {
  std::vector<std::string> folders = {
      "/boot", "/dev", "/etc", "/home", "/media", "/mnt", "/opt", "/proc",
      "/root", "/run", "/srv", "/sys",  "/tmp",   "/usr", "/var"};
  if (mergedUsr) {
    folders.insert(folders.end(), {"/bin -> usr/bin", "/lib -> usr/lib",
                                   "/lib64 -> usr/lib64", "/sbin -> usr/sbin"});
  } else {
    folders.insert(folders.end(), {"/bin", "/lib", "/lib64", "/sbin"});
  }
  return folders;
}

std::string compactVersion(std::string version) {
  version.erase(version.find('.'), 1);
  return version;
}

// Debian's own python3.X: sys.path as measured on Debian 12 with python3.11
// 3.11.2-6+deb12u6 (the other versions are assumed to follow the pattern).
// Debian has no /usr/bin/python without python-is-python3 (measured).
PythonInstall debianPython(const std::string &version, bool managed,
                           const std::string &source) {
  PythonInstall python;
  python.executable = "/usr/bin/python" + version;
  python.aliases = {"/usr/bin/python3"};
  python.version = version;
  python.sysPath = {"/usr/lib/python" + compactVersion(version) + ".zip",
                    "/usr/lib/python" + version,
                    "/usr/lib/python" + version + "/lib-dynload",
                    "/usr/local/lib/python" + version + "/dist-packages",
                    "/usr/lib/python3/dist-packages"};
  python.userSite = "{home}/.local/lib/python" + version + "/site-packages";
  // pip and venv are the separate python3-pip and python3-venv packages.
  python.externallyManaged = managed;
  python.source = source;
  return python;
}

ImageFacts debianBase(const std::string &name, const std::string &tag) {
  ImageFacts facts;
  facts.name = name;
  facts.tag = tag;
  facts.env = {{"PATH", kDebianPath}};
  facts.home = "/root";
  facts.shell = "/bin/sh";
  facts.rootListed = true;
  return facts;
}

ImageFacts debianFacts(const DebianRelease &release, bool slim) {
  std::string number = std::to_string(release.number);
  std::string suffix = slim ? "-slim" : "";
  ImageFacts facts = debianBase("debian", number + suffix);
  facts.tagAliases = {release.codename + suffix};
  // NOTE: "latest" follows Debian's newest stable release, 13 since 2025.
  if (release.number == 13 && !slim) facts.tagAliases.push_back("latest");
  facts.summary = "Debian " + number + " (" + release.codename + ")" +
                  (slim ? ", slim" : "") + ": no python";
  facts.cmd = std::vector<std::string>{"bash"};
  facts.present = debianRootFolders(release.number >= 12);
  facts.present.insert(
      facts.present.end(),
      {"/bin/sh", "/bin/bash", "/usr/bin/apt-get", "/root", "/tmp"});
  facts.absent = {"/usr/bin/python3", "/usr/bin/python",
                  "/usr/local/bin/python3", "/usr/local/bin/python"};
  facts.aptPython = debianPython(
      release.python, release.externallyManaged,
      "measured: Debian 12 python3.11 (sys.path, EXTERNALLY-MANAGED)");
  facts.sources = {
      "docker-library debian images (CMD [\"bash\"], default PATH)",
      "debuerreotype/docker-debian-artifacts #180 (merged /usr)"};
  return facts;
}

struct UbuntuRelease {
  const char *number;    // "24.04"
  const char *codename;  // "noble"
  const char *python;
  // NOTE: Ubuntu ships the PEP 668 marker from 23.04 on; this is the
  // common report (secondary), not read from the package.
  bool externallyManaged;
};

ImageFacts ubuntuFacts(const UbuntuRelease &release) {
  ImageFacts facts = debianBase("ubuntu", release.number);
  facts.tagAliases = {release.codename};
  facts.summary = std::string("Ubuntu ") + release.number + ": no python";
  // TODO: CMD ["/bin/bash"] is from memory of the Ubuntu image's
  // Dockerfile; the file was not found in the code index.
  facts.cmd = std::vector<std::string>{"/bin/bash"};
  facts.present = debianRootFolders(true);
  facts.present.insert(
      facts.present.end(),
      {"/bin/sh", "/bin/bash", "/usr/bin/apt-get", "/root", "/tmp"});
  facts.absent = {"/usr/bin/python3", "/usr/bin/python",
                  "/usr/local/bin/python3", "/usr/local/bin/python"};
  facts.aptPython =
      debianPython(release.python, release.externallyManaged,
                   "assumed: Ubuntu packages python3 as Debian does");
  facts.sources = {"Ubuntu release notes (python3 version per release)"};
  return facts;
}

// One minor version of the official python image as the tag file lists
// it.
struct PythonRelease {
  const char *minor;  // "3.12"
  const char *patch;  // PYTHON_VERSION at the tag-file snapshot
  std::vector<const DebianRelease *> debians;  // first one is the default
  std::vector<const char *> alpines;           // first one is the default
};

std::vector<PythonRelease> pythonReleases() {
  std::vector<const DebianRelease *> current = {&kTrixie, &kBookworm};
  std::vector<const char *> alpines = {"3.22", "3.21"};
  return {
      {"3.14", "3.14.0", current, alpines},
      {"3.13", "3.13.9", current, alpines},
      {"3.12", "3.12.12", current, alpines},
      {"3.11", "3.11.14", current, alpines},
      {"3.10", "3.10.19", current, alpines},
      // TODO: 3.9 (end of life 2025-10) is not in the tag file read; its
      // bookworm default and the Alpine version are unverified.
      {"3.9", "", {&kBookworm, &kBullseye}, {}},
  };
}

constexpr const char *kNewestPython = "3.14";

PythonInstall officialPython(const std::string &minor) {
  std::string lib = "/usr/local/lib/python" + minor;
  PythonInstall python;
  python.executable = "/usr/local/bin/python" + minor;
  python.aliases = {"/usr/local/bin/python3", "/usr/local/bin/python"};
  python.version = minor;
  python.sysPath = {"/usr/local/lib/python" + compactVersion(minor) + ".zip",
                    lib, lib + "/lib-dynload", lib + "/site-packages"};
  python.userSite = "{home}/.local/lib/python" + minor + "/site-packages";
  python.pipSitePackages = lib + "/site-packages";
  python.pipScripts = "/usr/local/bin";
  python.hasPip = true;
  python.hasVenv = true;
  python.source =
      "docker-library/python Dockerfile (make install to "
      "/usr/local, symlink loop)";
  return python;
}

// Tags of one variant: "3.12-slim-trixie" and, for the default Debian,
// "3.12-slim"; for the newest minor also "3-slim-trixie", "slim-trixie",
// "3-slim" and "slim". `stem` is "trixie", "slim-trixie" or "alpine3.22".
void addPythonTags(ImageFacts &facts, const std::string &minor,
                   const std::string &stem, bool isDefault) {
  std::vector<std::string> prefixes = {minor + "-"};
  if (minor == kNewestPython) prefixes.insert(prefixes.end(), {"3-", ""});
  facts.tag = minor + "-" + stem;
  for (const std::string &prefix : prefixes) {
    std::string withStem = prefix + stem;
    if (withStem != facts.tag) facts.tagAliases.push_back(withStem);
  }
  if (!isDefault) return;
  // The stem without its Debian name: "slim" for "slim-trixie", "" for
  // "trixie", and "alpine" for "alpine3.22".
  size_t dash = stem.rfind('-');
  std::string bare = dash == std::string::npos ? "" : stem.substr(0, dash);
  if (stem.rfind("alpine", 0) == 0) bare = "alpine";
  for (const std::string &prefix : prefixes) {
    std::string tag =
        bare.empty() ? prefix.substr(0, prefix.size() - 1) : prefix + bare;
    facts.tagAliases.push_back(tag.empty() ? "latest" : tag);
  }
}

ImageFacts pythonCommon(const PythonRelease &release) {
  std::string minor = release.minor;
  ImageFacts facts;
  facts.name = "python";
  facts.cmd = std::vector<std::string>{"python3"};
  facts.env = {{"PATH", std::string("/usr/local/bin:") + kDebianPath},
               {"LANG", "C.UTF-8"}};
  if (*release.patch) facts.env.emplace_back("PYTHON_VERSION", release.patch);
  facts.home = "/root";
  facts.shell = "/bin/sh";
  facts.python = officialPython(minor);
  std::string lib = "/usr/local/lib/python" + minor;
  facts.present = {"/usr/local/bin/python" + minor,
                   "/usr/local/bin/python3 -> python" + minor,
                   "/usr/local/bin/python -> python3",
                   "/usr/local/bin/pip",
                   "/usr/local/bin/pip3",
                   lib,
                   lib + "/site-packages",
                   "/bin/sh",
                   "/root",
                   "/tmp"};
  facts.sources = {"docker-library/official-images library/python (tags)",
                   "docker-library/python Dockerfiles (ENV, symlinks, CMD)"};
  return facts;
}

ImageFacts pythonDebianFacts(const PythonRelease &release,
                             const DebianRelease &debian, bool slim,
                             bool isDefault) {
  ImageFacts facts = pythonCommon(release);
  std::string stem = std::string(slim ? "slim-" : "") + debian.codename;
  addPythonTags(facts, release.minor, stem, isDefault);
  facts.summary = std::string("Python ") + release.minor +
                  " built in /usr/local on Debian " +
                  std::to_string(debian.number) + (slim ? " slim" : "");
  std::vector<std::string> root = debianRootFolders(debian.number >= 12);
  facts.present.insert(facts.present.begin(), root.begin(), root.end());
  facts.rootListed = true;
  facts.absent = {"/usr/bin/python"};
  PythonInstall system = debianPython(
      debian.python, debian.externallyManaged,
      "buildpack-deps scm layer (mercurial pulls Debian's python3)");
  if (slim) {
    // The slim images add nothing outside /usr/local (secondary:
    // maintainer reply in docker-library/python issue #191).
    facts.absent.push_back("/usr/bin/python3");
  } else {
    facts.otherPythons.push_back(system);
    facts.present.push_back(system.executable);
    facts.present.push_back(std::string("/usr/bin/python3 -> python") +
                            debian.python);
  }
  facts.aptPython = system;
  return facts;
}

ImageFacts pythonAlpineFacts(const PythonRelease &release,
                             const std::string &alpine, bool isDefault) {
  ImageFacts facts = pythonCommon(release);
  addPythonTags(facts, release.minor, "alpine" + alpine, isDefault);
  facts.summary = std::string("Python ") + release.minor +
                  " built in /usr/local on Alpine " + alpine + " (musl)";
  // Alpine has no bash by default and /bin/sh is busybox ash (secondary:
  // maintainer replies in docker-library/openjdk issue #373).
  facts.absent = {"/bin/bash", "/usr/bin/python3", "/usr/bin/python"};
  facts.sources.push_back("docker-library/openjdk #373 (no bash, busybox)");
  return facts;
}

void addPythonImages(std::vector<ImageFacts> &images) {
  for (const PythonRelease &release : pythonReleases()) {
    for (size_t i = 0; i < release.debians.size(); ++i) {
      for (bool slim : {true, false}) {
        images.push_back(
            pythonDebianFacts(release, *release.debians[i], slim, i == 0));
      }
    }
    for (size_t i = 0; i < release.alpines.size(); ++i) {
      images.push_back(pythonAlpineFacts(release, release.alpines[i], i == 0));
    }
  }
}

}  // namespace

void addDockerHubImages(std::vector<ImageFacts> &images) {
  addPythonImages(images);
  for (const DebianRelease *release : {&kBullseye, &kBookworm, &kTrixie}) {
    images.push_back(debianFacts(*release, false));
    images.push_back(debianFacts(*release, true));
  }
  images.push_back(ubuntuFacts({"22.04", "jammy", "3.10", false}));
  images.push_back(ubuntuFacts({"24.04", "noble", "3.12", true}));
}

}  // namespace dockpath
