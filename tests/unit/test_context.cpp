// Tests of the build context reader: paths, limits, symlinks, permissions
// and COPY source globs, on scratch folders and on copies of the shared
// path-fault cases.
#include <dockpath/context/build_context.h>
#include <dockpath/context/dockerignore.h>
#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace {

// A fresh folder under the temporary folder, removed at scope exit.
class ScratchFolder {
 public:
  ScratchFolder() {
    std::random_device seed;
    path_ = std::filesystem::temp_directory_path() /
            ("dockpath-test-" + std::to_string(seed()));
    std::filesystem::create_directories(path_);
  }
  ~ScratchFolder() {
    std::error_code ec;
    // Restore permissions a test removed, so that the removal succeeds.
    for (auto it = std::filesystem::recursive_directory_iterator(
             path_, std::filesystem::directory_options::skip_permission_denied,
             ec);
         it != std::filesystem::recursive_directory_iterator();
         it.increment(ec)) {
      std::filesystem::permissions(it->path(),
                                   std::filesystem::perms::owner_all,
                                   std::filesystem::perm_options::add, ec);
    }
    std::filesystem::remove_all(path_, ec);
  }
  ScratchFolder(const ScratchFolder &) = delete;
  ScratchFolder &operator=(const ScratchFolder &) = delete;

  const std::filesystem::path &path() const { return path_; }
  std::string string() const { return path_.string(); }

  void write(const std::string &relative, const std::string &contents) const {
    std::filesystem::path file = path_ / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << contents;
  }

 private:
  std::filesystem::path path_;
};

// The folder of the path-fault cases: $DOCKPATH_CASES_DIR, or the
// project's tests/cases.
inline std::filesystem::path casesFolder() {
  if (const char *fromEnv = std::getenv("DOCKPATH_CASES_DIR")) return fromEnv;
  return std::filesystem::path(DOCKPATH_SOURCE_DIR) / "tests" / "cases";
}

// Copies one case into `scratch` (the cases are read-only) and returns the
// copy's path. Fails the test when the case is missing.
inline std::filesystem::path copyCase(const ScratchFolder &scratch,
                                      const std::string &name) {
  std::filesystem::path source = casesFolder() / name;
  REQUIRE_MESSAGE(std::filesystem::is_directory(source),
                  "case folder not found: " << source.string()
                                            << " (set DOCKPATH_CASES_DIR)");
  std::filesystem::path target = scratch.path() / name;
  std::filesystem::copy(source, target,
                        std::filesystem::copy_options::recursive);
  std::filesystem::permissions(target, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::add);
  for (const auto &entry :
       std::filesystem::recursive_directory_iterator(target)) {
    std::filesystem::permissions(entry.path(),
                                 std::filesystem::perms::owner_write |
                                     std::filesystem::perms::owner_read,
                                 std::filesystem::perm_options::add);
  }
  return target;
}

}  // namespace

using namespace dockpath;

namespace fs = std::filesystem;

namespace {

std::vector<std::string> pathsOf(const std::vector<ContextEntry> &entries) {
  std::vector<std::string> paths;
  for (const ContextEntry &entry : entries) paths.push_back(entry.path);
  return paths;
}

}  // namespace

TEST_CASE("BuildContext normalise rejects escapes") {
  CHECK(BuildContext::normalise("a/./b/../c") == "a/c");
  CHECK(BuildContext::normalise(".") == "");
  CHECK(BuildContext::normalise("") == "");
  CHECK(BuildContext::normalise("a//b/") == "a/b");
  CHECK(BuildContext::normalise("a/..") == "");
  CHECK_FALSE(BuildContext::normalise(".."));
  CHECK_FALSE(BuildContext::normalise("a/../../b"));
  CHECK_FALSE(BuildContext::normalise("/etc/passwd"));
}

TEST_CASE("BuildContext reads the S01 case") {
  ScratchFolder scratch;
  fs::path root = copyCase(scratch, "S01-block-manager-packages-not-on-path");
  BuildContext context(root.string());
  REQUIRE(context.readable());
  CHECK(context.error() == "");
  CHECK(context.stat("") == EntryKind::Directory);
  CHECK(context.stat("api/app") == EntryKind::Directory);
  CHECK(context.stat("api/app/main.py") == EntryKind::File);
  CHECK_FALSE(context.stat("api/app/missing.py"));

  std::optional<std::string> requirements =
      context.readFile("requirements.txt");
  REQUIRE(requirements);
  CHECK(*requirements == "fastapi==0.115.0\nuvicorn==0.30.6\n");
  CHECK_FALSE(context.readFile("api"));

  bool truncated = true;
  std::vector<ContextEntry> entries = context.list("api", 100, &truncated);
  CHECK_FALSE(truncated);
  CHECK(pathsOf(entries) ==
        std::vector<std::string>{"api/app", "api/app/__init__.py",
                                 "api/app/config.py", "api/app/main.py"});
  CHECK(entries[0].kind == EntryKind::Directory);
  CHECK(entries[3].size == fs::file_size(root / "api/app/main.py"));
}

TEST_CASE("BuildContext list stops at the limit") {
  ScratchFolder scratch;
  for (int i = 0; i < 10; ++i) scratch.write("f" + std::to_string(i), "x");
  BuildContext context(scratch.string());
  bool truncated = false;
  std::vector<ContextEntry> entries = context.list("", 4, &truncated);
  CHECK(truncated);
  CHECK(entries.size() == 4);
  entries = context.list(".", 10, &truncated);
  CHECK_FALSE(truncated);
  CHECK(entries.size() == 10);
  CHECK(context.list("", 0, &truncated).empty());
  CHECK(truncated);
}

TEST_CASE("BuildContext missing root is unreadable") {
  BuildContext context("/nonexistent/dockpath/context");
  CHECK_FALSE(context.readable());
  CHECK(context.error() ==
        "build context folder not found: /nonexistent/dockpath/context");
  CHECK_FALSE(context.stat(""));
  CHECK(context.list("", 10).empty());
  CHECK_FALSE(context.readFile("Dockerfile"));
  CHECK(context.glob("*").empty());
}

TEST_CASE("BuildContext rejects paths out of the root") {
  ScratchFolder scratch;
  scratch.write("ctx/inside.txt", "in");
  scratch.write("outside.txt", "secret");
  fs::create_directory_symlink(scratch.path(), scratch.path() / "ctx/up");
  fs::create_symlink(scratch.path() / "outside.txt",
                     scratch.path() / "ctx/leak.txt");
  fs::create_symlink("inside.txt", scratch.path() / "ctx/alias.txt");
  BuildContext context((scratch.path() / "ctx").string());

  CHECK_FALSE(context.readFile("../outside.txt"));
  CHECK_FALSE(context.readFile((scratch.path() / "outside.txt").string()));
  CHECK_FALSE(context.readFile("up/outside.txt"));
  CHECK_FALSE(context.stat("up/outside.txt"));
  CHECK_FALSE(context.readFile("leak.txt"));
  CHECK(context.stat("leak.txt") == EntryKind::Symlink);
  CHECK(context.stat("up") == EntryKind::Symlink);
  CHECK(context.readFile("alias.txt") == "in");
  CHECK(context.list("up", 100).empty());
  CHECK(context.glob("up/*").empty());

  std::vector<ContextEntry> entries = context.list("", 100);
  CHECK(pathsOf(entries) ==
        std::vector<std::string>{"alias.txt", "inside.txt", "leak.txt", "up"});
}

TEST_CASE("BuildContext skips files over maxBytes") {
  ScratchFolder scratch;
  scratch.write("big.bin", std::string(4096, 'a'));
  BuildContext context(scratch.string());
  CHECK_FALSE(context.readFile("big.bin", 4095));
  std::optional<std::string> whole = context.readFile("big.bin", 4096);
  REQUIRE(whole);
  CHECK(whole->size() == 4096);
  // The cached copy still obeys a smaller limit.
  CHECK_FALSE(context.readFile("big.bin", 100));
}

TEST_CASE("BuildContext reads binary files whole") {
  ScratchFolder scratch;
  std::string binary("\x00\xff\x01\n\x00z", 6);
  scratch.write("blob", binary);
  BuildContext context(scratch.string());
  CHECK(context.readFile("blob") == binary);
}

TEST_CASE("BuildContext caches reads until cleared") {
  ScratchFolder scratch;
  scratch.write("a.txt", "one");
  BuildContext context(scratch.string());
  CHECK(context.readFile("a.txt") == "one");
  scratch.write("a.txt", "two");
  CHECK(context.readFile("./a.txt") == "one");
  context.clearFileCache();
  CHECK(context.readFile("a.txt") == "two");
}

TEST_CASE("BuildContext caches missing files until cleared") {
  ScratchFolder scratch;
  BuildContext context(scratch.string());
  CHECK_FALSE(context.readFile("late.txt"));
  scratch.write("late.txt", "here");
  CHECK_FALSE(context.readFile("late.txt"));
  context.clearFileCache();
  CHECK(context.readFile("late.txt") == "here");
}

TEST_CASE("BuildContext unreadable folder is skipped") {
  ScratchFolder scratch;
  scratch.write("open/a.txt", "a");
  scratch.write("locked/b.txt", "b");
  fs::permissions(scratch.path() / "locked", fs::perms::none);
  BuildContext context(scratch.string());
  std::vector<std::string> paths = pathsOf(context.list("", 100));
  CHECK(std::find(paths.begin(), paths.end(), "locked") != paths.end());
  CHECK(std::find(paths.begin(), paths.end(), "open/a.txt") != paths.end());
  if (geteuid() != 0) {
    // Root bypasses permission bits, so only a normal user sees this.
    CHECK(std::find(paths.begin(), paths.end(), "locked/b.txt") == paths.end());
    CHECK_FALSE(context.readFile("locked/b.txt"));
  }

  fs::permissions(scratch.path(), fs::perms::none);
  BuildContext lockedRoot(scratch.string());
  if (geteuid() != 0) {
    CHECK_FALSE(lockedRoot.readable());
    CHECK(lockedRoot.error().find("cannot read build context folder") == 0);
  } else {
    CHECK(lockedRoot.readable());
  }
  fs::permissions(scratch.path(), fs::perms::owner_all);
}

TEST_CASE("BuildContextCache returns one context per root") {
  ScratchFolder scratch;
  BuildContextCache cache;
  BuildContext &first = cache.get(scratch.string());
  CHECK(&cache.get(scratch.string()) == &first);
  CHECK(first.readable());
  CHECK(&cache.get("/nonexistent") != &first);
}

TEST_CASE("matchPathPattern follows Go filepath.Match") {
  struct Case {
    const char *pattern;
    const char *name;
    bool match;
    bool bad;
  };
  // Rows from the cases listed in the Go documentation of filepath.Match
  // and its semantics: '*' and '?' never match '/'.
  const Case cases[] = {
      {"abc", "abc", true, false},
      {"*", "abc", true, false},
      {"*c", "abc", true, false},
      {"a*", "a", true, false},
      {"a*", "ab/c", false, false},
      {"a*/b", "abc/b", true, false},
      {"a*/b", "a/c/b", false, false},
      {"a*b*c*d*e*/f", "axbxcxdxe/f", true, false},
      {"a*b?c*x", "abxbbxdbxebxczzx", true, false},
      {"a*b?c*x", "abxbbxdbxebxczzy", false, false},
      {"ab[c]", "abc", true, false},
      {"ab[b-d]", "abc", true, false},
      {"ab[e-g]", "abc", false, false},
      {"ab[^c]", "abc", false, false},
      {"ab[^b-d]", "abc", false, false},
      {"ab[^e-g]", "abc", true, false},
      {"a\\*b", "a*b", true, false},
      {"a\\*b", "ab", false, false},
      {"a?b", "a☺b", true, false},
      {"a[^a]b", "a☺b", true, false},
      {"a???b", "a☺b", false, false},
      {"[a-ζ]*", "α", true, false},
      {"*[a-ζ]", "A", false, false},
      {"a?b", "a/b", false, false},
      {"a*b", "a/b", false, false},
      {"[\\]a]", "]", true, false},
      {"[\\-]", "-", true, false},
      {"[x\\-]", "z", false, false},
      {"[]a]", "]", false, true},
      {"[-]", "-", false, true},
      {"[x-]", "x", false, true},
      {"[a-b-c]", "a", false, true},
      {"[", "a", false, true},
      {"[^", "a", false, true},
      {"a\\", "a", false, true},
      {"*x", "xxx", true, false},
      {"**", "abc", true, false},
      {".*", ".hidden", true, false},
      {"*", "", true, false},
  };
  for (const Case &row : cases) {
    std::string pattern = row.pattern;
    std::string name = row.name;
    CAPTURE(pattern);
    CAPTURE(name);
    bool bad = false;
    CHECK(matchPathPattern(row.pattern, row.name, &bad) == row.match);
    CHECK(bad == row.bad);
  }
}

TEST_CASE("BuildContext glob expands COPY sources") {
  ScratchFolder scratch;
  scratch.write("a.py", "");
  scratch.write("b.py", "");
  scratch.write(".hidden.py", "");
  scratch.write("readme.md", "");
  scratch.write("src/one/main.py", "");
  scratch.write("src/two/main.py", "");
  scratch.write("src/two/deep/main.py", "");
  scratch.write("we*ird", "");
  BuildContext context(scratch.string());

  CHECK(context.glob("*.py") ==
        std::vector<std::string>{".hidden.py", "a.py", "b.py"});
  CHECK(context.glob("src/*/main.py") ==
        std::vector<std::string>{"src/one/main.py", "src/two/main.py"});
  CHECK(context.glob("src/**/main.py") ==
        std::vector<std::string>{"src/one/main.py", "src/two/main.py"});
  CHECK(context.glob("/readme.md") == std::vector<std::string>{"readme.md"});
  CHECK(context.glob("./src/one") == std::vector<std::string>{"src/one"});
  CHECK(context.glob(".") == std::vector<std::string>{"."});
  CHECK(context.glob("[ab].py") == std::vector<std::string>{"a.py", "b.py"});
  CHECK(context.glob("we\\*ird") == std::vector<std::string>{"we*ird"});
  CHECK(context.glob("missing*").empty());
  CHECK(context.glob("missing/x").empty());
  CHECK(context.glob("a.py/x").empty());
  CHECK(context.glob("[").empty());
  CHECK(context.glob("../*").empty());
  CHECK(context.glob("*", 2).size() == 2);
}

TEST_CASE("BuildContext glob on the C13 case") {
  ScratchFolder scratch;
  BuildContext context(
      copyCase(scratch, "C13-uvicorn-module-vs-copy-layout").string());
  CHECK(context.glob("api/app/*.py") ==
        std::vector<std::string>{"api/app/__init__.py", "api/app/main.py",
                                 "api/app/routes.py"});
  CHECK(context.glob("*.txt") ==
        std::vector<std::string>{"expect.txt", "requirements.txt"});
  CHECK(context.glob("*Dockerfile") ==
        std::vector<std::string>{"Dockerfile", "fixed.Dockerfile"});
}

TEST_CASE("parseDockerignore cleans patterns and skips comments") {
  std::vector<IgnorePattern> patterns = parseDockerignore(
      "\xEF\xBB\xBF# comment\n"
      "\n"
      "  config/  \r\n"
      "/abs/./x\n"
      "! keep.txt\n"
      "  # not a comment\n"
      "a/../b\n"
      "[oops\n");
  REQUIRE(patterns.size() == 6);
  CHECK(patterns[0].pattern == "config");
  CHECK(patterns[0].line == 2);
  CHECK_FALSE(patterns[0].exception);
  CHECK(patterns[1].pattern == "abs/x");
  CHECK(patterns[2].pattern == "keep.txt");
  CHECK(patterns[2].exception);
  CHECK(patterns[3].pattern == "# not a comment");
  CHECK(patterns[4].pattern == "b");
  CHECK(patterns[5].pattern == "[oops");
  CHECK_FALSE(patterns[5].valid);
  CHECK(patterns[4].valid);
}

TEST_CASE("matchIgnorePattern follows BuildKit patterns") {
  struct Case {
    const char *pattern;
    const char *path;
    bool match;
  };
  const Case cases[] = {
      {"*.log", "app.log", true},
      {"*.log", "logs/app.log", false},
      {"**/*.log", "app.log", true},
      {"**/*.log", "logs/deep/app.log", true},
      {"**", "anything/at/all", true},
      {"config/**", "config/a/b", true},
      {"config/**", "config", false},
      {"a/**/b", "a/b", true},
      {"a/**/b", "a/x/y/b", true},
      {"a/**/b", "a/xb", false},
      // "**" not followed by '/' still becomes "(.*/)?", so the rest must
      // match one whole last segment.
      {"**.txt", "deep/dir/x.txt", false},
      {"**.txt", "deep/.txt", true},
      {"a\\", "a\\", true},
      {"?at", "cat", true},
      {"?at", "/at", false},
      {"[a-c]at", "bat", true},
      {"[^a-c]at", "rat", true},
      {"[^a-c]at", "bat", false},
      {"a\\*", "a*", true},
      {"a\\*", "ab", false},
      {"file.txt", "fileXtxt", false},
      {"config/*", "config/settings.yaml", true},
      {"config/*", "config/sub/x", false},
  };
  for (const Case &row : cases) {
    std::string pattern = row.pattern;
    std::string path = row.path;
    CAPTURE(pattern);
    CAPTURE(path);
    CHECK(matchIgnorePattern(row.pattern, row.path) == row.match);
  }
}

TEST_CASE("DockerignoreMatcher applies exceptions in order") {
  DockerignoreMatcher matcher(parseDockerignore(
      "*.md\n!README.md\ndocs\n!docs/keep.md\nREADME-secret.md\n"));
  CHECK(matcher.excluded("CHANGES.md"));
  CHECK_FALSE(matcher.excluded("README.md"));
  CHECK(matcher.excluded("README-secret.md"));
  // A parent folder match excludes everything under it.
  CHECK(matcher.excluded("docs/guide/intro.txt"));
  CHECK_FALSE(matcher.excluded("docs/keep.md"));
  CHECK_FALSE(matcher.excluded("src/main.py"));
  REQUIRE(matcher.excludedBy("docs/a.txt") != nullptr);
  CHECK(matcher.excludedBy("docs/a.txt")->line == 2);
  CHECK(matcher.excludedBy("README.md") == nullptr);
}

TEST_CASE("DockerignoreMatcher exception before exclusion is ignored") {
  DockerignoreMatcher matcher(parseDockerignore("!keep.txt\n*.txt\n"));
  CHECK(matcher.excluded("keep.txt"));
  DockerignoreMatcher empty;
  CHECK(empty.empty());
  CHECK_FALSE(empty.excluded("anything"));
}

TEST_CASE("loadDockerignore on the C12 case") {
  ScratchFolder scratch;
  fs::path root = copyCase(scratch, "C12-dockerignore-excludes-copy-source");

  DockerignoreFile plain =
      loadDockerignore((root / "Dockerfile").string(), root.string());
  CHECK(plain.path == (root / ".dockerignore").string());
  CHECK(plain.matcher.excluded("config/settings.yaml"));
  CHECK(plain.matcher.excluded("config/local-secrets.yaml"));
  CHECK(plain.matcher.excluded("build.log"));
  CHECK_FALSE(plain.matcher.excluded("scripts/serve.py"));
  REQUIRE(plain.matcher.excludedBy("config/settings.yaml"));
  CHECK(plain.matcher.excludedBy("config/settings.yaml")->line == 2);
  CHECK(plain.matcher.excludedBy("config/settings.yaml")->pattern == "config");

  DockerignoreFile fixed =
      loadDockerignore((root / "fixed.Dockerfile").string(), root.string());
  CHECK(fixed.path == (root / "fixed.Dockerfile.dockerignore").string());
  CHECK_FALSE(fixed.matcher.excluded("config/settings.yaml"));
  CHECK(fixed.matcher.excluded("config/local-secrets.yaml"));
  CHECK_FALSE(fixed.matcher.excluded("scripts/serve.py"));
}

TEST_CASE("loadDockerignore without ignore files") {
  ScratchFolder scratch;
  scratch.write("Dockerfile", "FROM scratch\n");
  DockerignoreFile none = loadDockerignore(
      (scratch.path() / "Dockerfile").string(), scratch.string());
  CHECK(none.path == "");
  CHECK(none.matcher.empty());
  scratch.write(".dockerignore", std::string(100, '#'));
  DockerignoreFile tooLarge = loadDockerignore(
      (scratch.path() / "Dockerfile").string(), scratch.string(), 10);
  CHECK(tooLarge.path == "");
}
