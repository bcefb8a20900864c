// Catalog data: the gcr.io/distroless images. This file is a table built by
// small helpers, so it is longer than most.
//
// Sources, all read from GoogleContainerTools/distroless:
// - static/static.bzl: USER_VARIANTS root (uid 0, WORKDIR "/") and nonroot
//   (uid 65532, WORKDIR "/home/nonroot"); env PATH and SSL_CERT_FILE; the
//   debug image adds busybox, ENTRYPOINT ["/busybox/sh"] and PATH
//   "$PATH:/busybox".
// - common/BUILD.bazel: /etc/passwd entries root (HOME /root), nobody
//   (HOME /nonexistent), nonroot (HOME /home/nonroot); home folders /root
//   (0700), /home, /home/nonroot (0700, owned by 65532); /tmp (1777).
// - python3/python.bzl: ENTRYPOINT ["/usr/bin/python" + version] set on
//   every variant, debug ones included, on top of the //cc image; env
//   LANG=C.UTF-8; /usr/bin/python and /usr/bin/python3 are symlinks to
//   /usr/bin/python<version>; no pip and no venv package in debian12.
// - common/package/bullseye_python.yaml: debian11 ships python3.9-minimal.
// - README "Entrypoints": static, base and cc have the empty vector
//   ENTRYPOINT; java and nodejs set their runtime (java/java.bzl,
//   nodejs/nodejs.bzl).
#include <dockpath/images/catalog.h>

#include <string>

namespace dockpath {

namespace {

constexpr const char *kPath =
    "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
constexpr const char *kSslCertFile = "/etc/ssl/certs/ca-certificates.crt";

struct Variant {
  const char *tag;  // "latest", "nonroot", "debug", "debug-nonroot"
  bool debug;
  bool nonroot;
};

constexpr Variant kVariants[] = {
    {"latest", false, false},
    {"nonroot", false, true},
    {"debug", true, false},
    {"debug-nonroot", true, true},
};

// Top-level folders of a distroless image. NOTE: the exact set was not read
// from a layer listing. It is the Debian base-files set, kept generous so
// that a folder that exists is never reported absent. Debian 12 images have
// a real /bin folder (distroless issue #1393, 2023). The debian13 images are
// merged-/usr, /bin a link to usr/bin (distroless PR #1912 checks the links;
// secondary: grafana/rollout-operator PR #355).
std::vector<std::string> rootFolders(int debian) {
  std::vector<std::string> folders = {
      "/boot", "/dev", "/etc", "/home", "/media", "/mnt", "/opt", "/proc",
      "/root", "/run", "/srv", "/sys",  "/tmp",   "/usr", "/var"};
  if (debian >= 13) {
    folders.insert(folders.end(), {"/bin -> usr/bin", "/lib -> usr/lib",
                                   "/lib64 -> usr/lib64", "/sbin -> usr/sbin"});
  } else {
    folders.insert(folders.end(), {"/bin", "/lib", "/lib64", "/sbin"});
  }
  return folders;
}

std::string distroName(const std::string &image, int debian) {
  return "gcr.io/distroless/" + image + "-debian" + std::to_string(debian);
}

// The parts every distroless image shares, for one tag variant.
ImageFacts commonFacts(const std::string &image, int debian,
                       const Variant &variant) {
  ImageFacts facts;
  facts.name = distroName(image, debian);
  facts.tag = variant.tag;
  if (!variant.debug) facts.entrypoint = std::vector<std::string>{};
  std::string path = kPath;
  if (variant.debug) path += ":/busybox";
  facts.env = {{"PATH", path}, {"SSL_CERT_FILE", kSslCertFile}};
  facts.user = variant.nonroot ? "65532" : "";
  facts.workdir = variant.nonroot ? "/home/nonroot" : "";
  facts.home = variant.nonroot ? "/home/nonroot" : "/root";
  // No /bin/sh in any variant; debug adds busybox under /busybox only.
  facts.shell = "";
  facts.present = rootFolders(debian);
  facts.present.insert(facts.present.end(),
                       {"/etc/passwd", "/etc/group", "/etc/os-release",
                        kSslCertFile, "/home/nonroot", "/root", "/tmp"});
  facts.absent = {"/bin/sh", "/bin/bash", "/usr/bin/sh", "/usr/bin/bash"};
  if (variant.debug) {
    facts.entrypoint = std::vector<std::string>{"/busybox/sh"};
    facts.present.insert(facts.present.end(),
                         {"/busybox", "/busybox/busybox", "/busybox/sh"});
    // A few of the applet links that the busybox build rules make
    // (experimental/busybox/commands.bzl lists one link per applet).
    for (const char *applet : {"cat", "chmod", "chown", "cp", "echo", "env",
                               "ln", "ls", "mkdir", "mv", "rm", "touch",
                               "wget"})
      facts.present.push_back(std::string("/busybox/") + applet);
  } else {
    facts.absent.push_back("/busybox");
  }
  facts.rootListed = true;
  facts.sources = {
      "distroless static/static.bzl (USER_VARIANTS, env, debug image)",
      "distroless common/BUILD.bazel (passwd, home folders, /tmp)",
      "distroless README, Entrypoints (no shell, empty ENTRYPOINT)"};
  return facts;
}

struct DistrolessPython {
  int debian;
  const char *version;  // "3.11"
  bool hasVenv;
  // The Debian libpython3.X-stdlib of bookworm and later ships the PEP 668
  // EXTERNALLY-MANAGED marker (measured on Debian 12; assumed for 13).
  bool externallyManaged;
  // debian11 ships dash, so /bin/sh exists there (distroless PR #229 added
  // it for os.system; issue #1178 confirms it on python3-debian11). The
  // debian12 rework removed the shell (distroless PR #1415).
  bool hasShell;
  const char *source;
};

constexpr DistrolessPython kPythons[] = {
    {11, "3.9", false, false, true,
     "distroless common/package/bullseye_python.yaml (python3.9-minimal)"},
    {12, "3.11", false, true, false,
     "distroless python3/python.bzl DISTRO_VERSION debian12 = \"3.11\""},
    {13, "3.13", true, true, false,
     "distroless python3/config.bzl and trixie_python.lock.json "
     "(python3.13-minimal, python3.13-venv)"},
};

// sys.path of Debian's own python3.X build after the script folder, as
// measured with python3.11 3.11.2-6+deb12u6 on Debian 12:
// /usr/lib/python311.zip, /usr/lib/python3.11, .../lib-dynload,
// /usr/local/lib/python3.11/dist-packages, /usr/lib/python3/dist-packages.
// The other versions are assumed to follow the same Debian pattern.
std::vector<std::string> debianSysPath(const std::string &version) {
  std::string compact = version;
  compact.erase(compact.find('.'), 1);
  return {"/usr/lib/python" + compact + ".zip", "/usr/lib/python" + version,
          "/usr/lib/python" + version + "/lib-dynload",
          "/usr/local/lib/python" + version + "/dist-packages",
          "/usr/lib/python3/dist-packages"};
}

ImageFacts distrolessPythonFacts(const DistrolessPython &spec,
                                 const Variant &variant) {
  std::string version = spec.version;
  std::string executable = "/usr/bin/python" + version;
  ImageFacts facts = commonFacts("python3", spec.debian, variant);
  facts.summary = "Distroless Python " + version + " on Debian " +
                  std::to_string(spec.debian) + ": no shell, no pip";
  // python.bzl sets the interpreter as ENTRYPOINT on the debug variants
  // too, replacing the /busybox/sh of the cc debug base.
  facts.entrypoint = std::vector<std::string>{executable};
  facts.env.emplace_back("LANG", "C.UTF-8");

  PythonInstall python;
  python.executable = executable;
  python.aliases = {"/usr/bin/python3", "/usr/bin/python"};
  python.version = version;
  python.sysPath = debianSysPath(version);
  python.userSite = "{home}/.local/lib/python" + version + "/site-packages";
  python.hasVenv = spec.hasVenv;
  python.externallyManaged = spec.externallyManaged;
  python.source = spec.source;
  facts.python = python;

  facts.present.insert(
      facts.present.end(),
      {executable, "/usr/bin/python3 -> python" + version,
       "/usr/bin/python -> python" + version, "/usr/lib/python" + version});
  // Nothing is installed under /usr/local/bin, and Debian's interpreter
  // never searches /usr/local/lib/python3.X/site-packages.
  facts.absent.insert(
      facts.absent.end(),
      {"/usr/local/bin", "/usr/local/lib/python" + version + "/site-packages",
       "/usr/bin/pip", "/usr/bin/pip3"});
  if (spec.hasShell) {
    facts.shell = "/bin/sh";
    std::erase(facts.absent, "/bin/sh");
    facts.present.insert(facts.present.end(), {"/bin/sh", "/bin/dash"});
    facts.sources.push_back(
        "distroless issue #1178: python3-debian11 contains sh (dash)");
  }
  facts.sources.push_back(
      "distroless python3/python.bzl (ENTRYPOINT, LANG, python aliases)");
  facts.sources.push_back(spec.source);
  facts.sources.push_back(
      "measured: sys.path of Debian 12 python3.11 3.11.2-6+deb12u6");
  return facts;
}

struct DistrolessRuntime {
  const char *image;  // "static", "java21"
  int debian;
  std::vector<std::string> entrypoint;  // empty: the empty vector
  std::vector<std::string> present;
  const char *summary;
  const char *source;
};

std::vector<DistrolessRuntime> runtimes() {
  const char *cSource = "distroless base/ and cc/ build files; README";
  const char *staticSource =
      "distroless static/config.bzl: base-files, netbase, tzdata, "
      "media-types; no libc";
  std::vector<DistrolessRuntime> list;
  for (int debian : {12, 13}) {
    list.push_back({"static",
                    debian,
                    {},
                    {},
                    "Distroless static: no libc, no shell",
                    staticSource});
    list.push_back(
        {"base", debian, {}, {}, "Distroless base: glibc, no shell", cSource});
    list.push_back({"cc",
                    debian,
                    {},
                    {},
                    "Distroless cc: glibc and libstdc++, no shell",
                    cSource});
  }
  list.push_back({"java21",
                  13,
                  {"/usr/bin/java", "-jar"},
                  {"/usr/bin/java"},
                  "Distroless Java 21: CMD is the jar",
                  "distroless java/java.bzl (entrypoint), java/config.bzl "
                  "(debian13 only)"});
  list.push_back({"nodejs22",
                  13,
                  {"/nodejs/bin/node"},
                  {"/nodejs/bin/node"},
                  "Distroless Node.js 22: CMD is the script",
                  "distroless nodejs/nodejs.bzl (entrypoint), "
                  "nodejs/config.bzl (debian13 only)"});
  return list;
}

ImageFacts runtimeFacts(const DistrolessRuntime &spec, const Variant &variant) {
  ImageFacts facts = commonFacts(spec.image, spec.debian, variant);
  facts.summary = spec.summary;
  // java and nodejs set their runtime as ENTRYPOINT on every variant; the
  // others keep the empty vector, or /busybox/sh on debug.
  if (!spec.entrypoint.empty()) facts.entrypoint = spec.entrypoint;
  facts.present.insert(facts.present.end(), spec.present.begin(),
                       spec.present.end());
  facts.absent.insert(facts.absent.end(),
                      {"/usr/bin/python3", "/usr/bin/python"});
  facts.sources.push_back(spec.source);
  return facts;
}

}  // namespace

void addDistrolessImages(std::vector<ImageFacts> &images) {
  for (const DistrolessPython &spec : kPythons) {
    for (const Variant &variant : kVariants) {
      images.push_back(distrolessPythonFacts(spec, variant));
    }
  }
  for (const DistrolessRuntime &spec : runtimes()) {
    for (const Variant &variant : kVariants) {
      images.push_back(runtimeFacts(spec, variant));
    }
  }
}

}  // namespace dockpath
