// BuildKit checks over whole files: the "# check=" directive, the build
// context (CopyIgnoredFile), real-world Dockerfiles and the syntax corpus.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "../../server/rules/buildkit/check_directive.h"
#include "test_buildkit_support.h"

using namespace buildkit_test;
namespace fs = std::filesystem;

namespace {

// A fresh folder under the temporary folder, removed at scope exit.
class TempFolder {
 public:
  TempFolder() {
    path_ = fs::temp_directory_path() /
            ("dockpath-buildkit-" + std::to_string(::getpid()) + "-" +
             std::to_string(counter()++));
    fs::create_directories(path_);
  }
  ~TempFolder() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  void write(const std::string &relative, const std::string &text) const {
    fs::create_directories((path_ / relative).parent_path());
    std::ofstream(path_ / relative, std::ios::binary) << text;
  }
  std::string path() const { return path_.string(); }

 private:
  static int &counter() {
    static int value = 0;
    return value;
  }
  fs::path path_;
};

std::string readFile(const fs::path &path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

const char *kCasingMistakes =
    "FROM scratch as base\n"
    "copy Dockerfile .\n";

}  // namespace

TEST_CASE("BuildKit check directive parses BuildKit's options") {
  using rules::buildkit::parseCheckDirective;
  auto directive = parseCheckDirective(" skip = A, B ;error=true");
  CHECK(directive.valid);
  CHECK(directive.skip == std::set<std::string, std::less<>>{"A", "B"});
  CHECK(directive.error);
  CHECK(parseCheckDirective("skip=all").skipAll);
  CHECK(parseCheckDirective("experimental=all").experimentalAll);
  CHECK_FALSE(parseCheckDirective("error=yes").valid);
  CHECK_FALSE(parseCheckDirective("skip").valid);
  CHECK_FALSE(parseCheckDirective("ignore=all").valid);
  // linter.go splits into three parts, so a fourth option breaks the third.
  CHECK_FALSE(parseCheckDirective("skip=A;skip=B;error=true;skip=C").valid);
}

TEST_CASE("BuildKit check directive skips the named checks") {
  SUBCASE("without the directive both casing checks fire") {
    CHECK(codes(runBuildkit(kCasingMistakes)) ==
          "FromAsCasing@1 ConsistentInstructionCasing@2 ");
  }
  SUBCASE("skip=all") {
    CHECK(runBuildkit(std::string("# check=skip=all\n") + kCasingMistakes)
              .empty());
  }
  SUBCASE("skip a list") {
    auto found =
        runBuildkit(std::string("#check=skip=ConsistentInstructionCasing\n") +
                    kCasingMistakes);
    CHECK(codes(found) == "FromAsCasing@2 ");
    REQUIRE(found.size() == 1);
    CHECK(found[0].severity == Severity::Warning);
  }
  SUBCASE("a check directive after a comment is no directive") {
    CHECK(runBuildkit(std::string("# hello\n# check=skip=all\n") +
                      kCasingMistakes)
              .size() == 2);
  }
}

TEST_CASE("BuildKit check directive error=true raises to errors") {
  auto found = runBuildkit(
      std::string("# check=skip=FromAsCasing;error=true\n") + kCasingMistakes);
  REQUIRE(found.size() == 1);
  CHECK(found[0].code == "ConsistentInstructionCasing");
  CHECK(found[0].severity == Severity::Error);
}

TEST_CASE("BuildKit check directive does not touch the path rules") {
  // DP005 is a warning by default; skip=all and error=true leave it so.
  std::string text =
      "# check=skip=all;error=true\n"
      "FROM python:3.12-slim\n"
      "COPY src/ /srv/\n"
      "ENV PYTHONPATH=/app\n"
      "CMD [\"python3\", \"-c\", \"print(1)\"]\n";
  auto a = analyse(text, nullptr);
  auto all = runRules(a->file, a->text, a->model, nullptr);
  auto dp005 = std::find_if(all.begin(), all.end(), [](const Diagnostic &d) {
    return d.code == "DP005";
  });
  REQUIRE(dp005 != all.end());
  CHECK(dp005->severity == Severity::Warning);
}

TEST_CASE("BuildKit CopyIgnoredFile flags an excluded source") {
  TempFolder folder;
  folder.write(".dockerignore", "# local only\nconfig/\n");
  folder.write("config/settings.yaml", "a: 1\n");
  BuildContext context(folder.path());
  std::string text =
      "# check=experimental=CopyIgnoredFile\n"
      "FROM scratch\n"
      "COPY config/settings.yaml /etc/app/\n"
      "ADD ./config /etc/config\n";
  auto found = runBuildkit(text, &context);
  REQUIRE(found.size() == 2);
  CHECK(found[0].code == "CopyIgnoredFile");
  CHECK(found[0].range == at(2, 5, 25));
  CHECK(found[0].message ==
        "COPY source 'config/settings.yaml' is excluded by .dockerignore "
        "line 2 ('config'), so the build cannot find it. Remove the pattern "
        "or the source.");
  CHECK(found[1].range == at(3, 4, 12));
  SUBCASE("skip=all does not turn an experimental check off") {
    CHECK(runBuildkit("# check=skip=all;experimental=CopyIgnoredFile\n" +
                          text.substr(text.find('\n') + 1),
                      &context)
              .size() == 2);
  }
}

TEST_CASE("BuildKit CopyIgnoredFile does not flag unless enabled or kept") {
  TempFolder folder;
  folder.write(".dockerignore", "foobar\nconfig/*\n!config/settings.yaml\n");
  BuildContext context(folder.path());
  SUBCASE("experimental checks are off by default") {
    CHECK(runBuildkit("FROM scratch\nCOPY foobar /x\n", &context).empty());
  }
  SUBCASE("re-included files, COPY --from and other stages") {
    CHECK(runBuildkit("# check=experimental=CopyIgnoredFile\n"
                      "FROM scratch AS base\n"
                      "COPY config/settings.yaml Dockerfile /\n"
                      "FROM base\n"
                      "COPY --from=base /foobar /Dockerfile\n",
                      &context)
              .empty());
  }
  SUBCASE("a per-Dockerfile ignore file may apply instead") {
    folder.write("app.Dockerfile.dockerignore", "\n");
    CHECK(runBuildkit("# check=experimental=CopyIgnoredFile\n"
                      "FROM scratch\nCOPY foobar /x\n",
                      &context)
              .empty());
  }
}

TEST_CASE("BuildKit checks do not flag real-world Dockerfiles") {
  SUBCASE("multi-stage Python") {
    CHECK(codes(runBuildkit(
              "# syntax=docker/dockerfile:1\n"
              "ARG PYTHON_VERSION=3.12\n"
              "FROM python:${PYTHON_VERSION}-slim AS build\n"
              "ENV PIP_NO_CACHE_DIR=1 VENV=/opt/venv\n"
              "RUN python -m venv $VENV\n"
              "ENV PATH=\"$VENV/bin:$PATH\"\n"
              "WORKDIR /src\n"
              "COPY requirements.txt .\n"
              "RUN --mount=type=cache,target=/root/.cache/pip \\\n"
              "    pip install -r requirements.txt\n"
              "COPY . .\n"
              "\n"
              "FROM python:${PYTHON_VERSION}-slim AS runtime\n"
              "ENV PATH=\"/opt/venv/bin:$PATH\" PYTHONUNBUFFERED=1\n"
              "COPY --from=build /opt/venv /opt/venv\n"
              "COPY --from=build /src /app\n"
              "WORKDIR /app\n"
              "USER nobody\n"
              "EXPOSE 8000/tcp\n"
              "HEALTHCHECK CMD [\"python\", \"-c\", \"print(1)\"]\n"
              "CMD [\"python\", \"-m\", \"app\"]\n")) == "");
  }
  SUBCASE("multi-stage Node") {
    CHECK(codes(runBuildkit(
              "FROM node:20-alpine AS deps\n"
              "WORKDIR /app\n"
              "COPY package.json package-lock.json ./\n"
              "RUN npm ci --omit=dev\n"
              "\n"
              "FROM node:20-alpine AS build\n"
              "WORKDIR /app\n"
              "COPY --from=deps /app/node_modules ./node_modules\n"
              "COPY . .\n"
              "RUN npm run build\n"
              "\n"
              "FROM node:20-alpine\n"
              "ENV NODE_ENV=production\n"
              "WORKDIR /app\n"
              "COPY --from=build --chown=node:node /app/dist ./dist\n"
              "COPY --from=deps /app/node_modules ./node_modules\n"
              "USER node\n"
              "EXPOSE 3000\n"
              "ENTRYPOINT [\"node\"]\n"
              "CMD [\"dist/server.js\"]\n")) == "");
  }
  SUBCASE("multi-stage Go") {
    CHECK(codes(runBuildkit(
              "ARG GO_VERSION=1.22\n"
              "FROM --platform=$BUILDPLATFORM golang:${GO_VERSION} AS build\n"
              "ARG TARGETOS TARGETARCH\n"
              "WORKDIR /src\n"
              "COPY go.mod go.sum ./\n"
              "RUN go mod download\n"
              "COPY . .\n"
              "RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH \\\n"
              "    go build -o /out/app ./cmd/app\n"
              "\n"
              "FROM gcr.io/distroless/static-debian12:nonroot\n"
              "COPY --from=build /out/app /app\n"
              "USER nonroot:nonroot\n"
              "ENTRYPOINT [\"/app\"]\n")) == "");
  }
}

TEST_CASE("BuildKit checks flag in the corpus only what BuildKit flags") {
  // Corpus files with warnings BuildKit itself reports for them.
  const std::map<std::string, std::string> expected = {
      {"legacy-env.Dockerfile",
       "LegacyKeyValueFormat@2 LegacyKeyValueFormat@3 "
       "LegacyKeyValueFormat@4 NoEmptyContinuation@9 "},
      {"onbuild-base.Dockerfile",
       "MaintainerDeprecated@2 JSONArgsRecommended@8 "},
      {"php-apache.Dockerfile", "LegacyKeyValueFormat@8 "},
      {"ruby-rails.Dockerfile", "FromAsCasing@3 FromAsCasing@10 "},
  };
  fs::path dir = fs::path(DOCKPATH_SOURCE_DIR) / "tests" / "syntax-corpus";
  REQUIRE(fs::is_directory(dir));
  for (const auto &entry : fs::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    CAPTURE(name);
    auto it = expected.find(name);
    CHECK(codes(runBuildkit(readFile(entry.path()))) ==
          (it == expected.end() ? "" : it->second));
  }
}
