#include "dockpath/images/catalog.h"
#include "dockpath/model/filesystem.h"
#include "../../server/model/stage_builder.h"
#include "dockpath/model/runtime.h"
#include "rule_fixture.h"

using namespace dockpath;

TEST_CASE("FileSystem path helpers normalise POSIX paths") {
  CHECK(normalizePath("/a/./b/../c/") == "/a/c");
  CHECK(normalizePath("") == "/");
  CHECK(normalizePath("/..") == "/");
  CHECK(joinPath("/srv", "app") == "/srv/app");
  CHECK(joinPath("/srv", "/abs") == "/abs");
  CHECK(parentPath("/a/b") == "/a");
  CHECK(parentPath("/a") == "/");
  CHECK(baseName("/a/b/") == "b");
  CHECK(isUnder("/a/b", "/a"));
  CHECK_FALSE(isUnder("/ab", "/a"));
  CHECK(isUnder("/x", "/"));
}

TEST_CASE("FileSystem tells present, absent and unknown paths") {
  const ImageFacts *distroless =
      lookupImage("gcr.io/distroless/python3-debian12");
  REQUIRE(distroless);
  FileSystem fs(distroless);
  CHECK(fs.exists("/usr/bin/python3.11") == Existence::Present);
  CHECK(fs.exists("/bin/sh") == Existence::Absent);
  CHECK(fs.exists("/app") == Existence::Absent);  // not a root folder
  CHECK(fs.exists("/usr/share/doc") == Existence::Unknown);

  FsEntry dir;
  dir.kind = EntryKind::Directory;
  dir.origin = {3, 1};
  dir.complete = true;
  fs.add("/app/pkg", dir);
  CHECK(fs.exists("/app") == Existence::Present);
  CHECK(fs.exists("/app/pkg/missing.py") == Existence::Absent);

  SUBCASE("an opaque prefix makes absence unknown") {
    fs.markOpaque("/app");
    CHECK(fs.exists("/app/pkg/missing.py") == Existence::Unknown);
    CHECK(fs.exists("/bin/sh") == Existence::Absent);
  }
  SUBCASE("links made by instructions are followed") {
    FsEntry link;
    link.kind = EntryKind::Symlink;
    link.setTarget("/usr/local/bin/python3");
    fs.add("/venv/bin/python", link);
    CHECK(fs.resolve("/venv/bin/python") == "/usr/local/bin/python3");
    CHECK(fs.exists("/venv/bin/python") == Existence::Absent);
  }
}

TEST_CASE("FileSystem copyTree moves a folder's contents") {
  FileSystem source(nullptr), target(nullptr);
  FsEntry file;
  file.setContextPath("src/app/main.py");
  source.add("/build/app/main.py", file);
  target.copyTree(source, "/build/app", "/srv/app", {7, 1});
  const FsEntry *copied = target.find("/srv/app/main.py");
  REQUIRE(copied);
  CHECK(copied->origin.instruction == 7);
  CHECK(copied->contextPath() == "src/app/main.py");
  CHECK_FALSE(target.find("/srv/app/app/main.py"));
}

TEST_CASE("Runtime composes ENTRYPOINT and CMD as Docker does") {
  auto stageOf = [](const std::string &text) {
    static std::vector<std::unique_ptr<ParsedFile>> keep;
    keep.push_back(std::make_unique<ParsedFile>(parse(TextDocument(text))));
    return buildModel(*keep.back(), nullptr).stages.back();
  };
  SUBCASE("the image's ENTRYPOINT and the file's CMD") {
    Stage stage = stageOf("FROM gcr.io/distroless/python3-debian12\n"
                          "CMD [\"-m\", \"app\"]\n");
    auto command = effectiveCommand(stage);
    REQUIRE(command);
    REQUIRE(command->argv.size() == 3);
    CHECK(command->argv[0].value == "/usr/bin/python3.11");
    CHECK(command->argv[0].source == CommandPart::Source::Entrypoint);
    CHECK(command->argv[2].value == "app");
  }
  SUBCASE("ENTRYPOINT resets the image's CMD") {
    Stage stage = stageOf("FROM python:3.12-slim\nENTRYPOINT [\"/app\"]\n");
    auto command = effectiveCommand(stage);
    REQUIRE(command);
    CHECK(command->argv.size() == 1);
  }
  SUBCASE("shell-form CMD after exec ENTRYPOINT") {
    Stage stage = stageOf("FROM python:3.12-slim\nENTRYPOINT [\"python3\"]\n"
                          "CMD python3 -m svc\n");
    auto command = effectiveCommand(stage);
    REQUIRE(command);
    CHECK(command->shellCmdAppended);
    REQUIRE(command->argv.size() == 4);
    CHECK(command->argv[1].value == "/bin/sh");
    CHECK(command->argv[3].value == "python3 -m svc");
  }
  SUBCASE("sys.path of python -m with PYTHONPATH") {
    Stage stage = stageOf("FROM gcr.io/distroless/python3-debian12\n"
                          "WORKDIR /srv\nENV PYTHONPATH=/lib/a:rel\n"
                          "CMD [\"-m\", \"app\"]\n");
    auto launch = pythonLaunch(stage, *effectiveCommand(stage));
    REQUIRE(launch);
    CHECK(launch->mode == PythonLaunch::Mode::Module);
    REQUIRE(launch->sysPath.size() >= 4);
    CHECK(launch->sysPath[0].path == "/srv");
    CHECK(launch->sysPath[1].path == "/lib/a");
    CHECK(launch->sysPath[2].path == "/srv/rel");
    CHECK(launch->sysPath.back().path ==
          "/root/.local/lib/python3.11/site-packages");
  }
  SUBCASE("-I drops the script folder, PYTHONPATH and the user site") {
    Stage stage = stageOf("FROM gcr.io/distroless/python3-debian12\n"
                          "ENV PYTHONPATH=/lib/a\n"
                          "CMD [\"-I\", \"/srv/main.py\"]\n");
    auto launch = pythonLaunch(stage, *effectiveCommand(stage));
    REQUIRE(launch);
    CHECK(launch->mode == PythonLaunch::Mode::Script);
    for (const auto &entry : launch->sysPath)
      CHECK(entry.source == SysPathEntry::Source::Default);
  }
}

TEST_CASE("isPythonName names the python commands") {
  for (std::string name : {"python", "python3", "python3.12", "python3.9"})
    CHECK_MESSAGE(model::isPythonName(name), name);
  for (std::string name : {"", "py", "python2", "python3.", "python3.x",
                           "python3.12.1", "python3-config", "ipython"})
    CHECK_MESSAGE(!model::isPythonName(name), name);
}

TEST_CASE("Venvs of one base and folder share their install") {
  ParsedFile file = parse(TextDocument(
      "FROM python:3.12-slim AS a\nRUN python -m venv /opt/venv\n"
      "FROM python:3.12-slim AS b\nRUN python -m venv /opt/venv\n"
      "FROM python:3.12-slim AS c\nRUN python -m venv /srv/venv\n"
      "FROM python:3.12-slim\nCOPY --from=a /opt/venv /opt/venv\n"));
  BuildModel model = buildModel(file, nullptr);
  REQUIRE(model.stages.size() == 4);
  auto venvInstall = [&](size_t stage) -> const PythonInstall * {
    for (const Interpreter &python : model.stages[stage].pythons)
      if (!python.venv.empty()) return python.install.get();
    return nullptr;
  };
  REQUIRE(venvInstall(0));
  CHECK(venvInstall(0) == venvInstall(1));
  CHECK(venvInstall(0) == venvInstall(3));
  REQUIRE(venvInstall(2));
  CHECK(venvInstall(2) != venvInstall(0));
  CHECK(venvInstall(2)->executable == "/srv/venv/bin/python");
  CHECK(venvInstall(0)->pipSitePackages ==
        "/opt/venv/lib/python3.12/site-packages");
}

TEST_CASE("stageIndexOf reads indices as strconv.Atoi") {
  CHECK(stageIndexOf("0") == 0u);
  CHECK(stageIndexOf("12") == 12u);
  CHECK(stageIndexOf("000000") == 0u);
  CHECK(stageIndexOf("0000000000001") == 1u);
  CHECK(stageIndexOf("999999999") == 999999999u);
  CHECK_FALSE(stageIndexOf(""));
  CHECK_FALSE(stageIndexOf("1a"));
  CHECK_FALSE(stageIndexOf("+1"));
  CHECK_FALSE(stageIndexOf("-1"));
  CHECK_FALSE(stageIndexOf("1000000000"));
  CHECK_FALSE(stageIndexOf("18446744073709551616"));
}

TEST_CASE("COPY --from a zero-padded index names the stage") {
  ParsedFile file = parse(TextDocument(
      "FROM python:3.12-slim AS a\nRUN python -m venv /build/.venv\n"
      "FROM python:3.12-slim\n"
      "COPY --from=0000000000 /build/.venv /app/.venv\n"));
  BuildModel model = buildModel(file, nullptr);
  REQUIRE(model.stages.size() == 2);
  CHECK(model.stages[1].fs.exists("/app/.venv/bin/python") ==
        Existence::Present);
  CHECK(model.stageNamed("0000000000") == &model.stages[0]);
}
