#include "dockerfile_generator.h"

#include <fmt/core.h>

#include <fstream>
#include <stdexcept>

namespace dockpath::bench {
namespace {

using Lines = std::vector<std::string>;

Lines pythonBuildStage(int n, std::vector<std::string> &files) {
  files.push_back(fmt::format("svc{}/requirements.txt", n));
  files.push_back(fmt::format("svc{}/app/__init__.py", n));
  files.push_back(fmt::format("svc{}/app/__main__.py", n));
  return {
      fmt::format("FROM python:${{PYTHON_VERSION}}-slim AS py-build-{}", n),
      fmt::format("WORKDIR /src/svc{}", n),
      "ENV PIP_NO_CACHE_DIR=1 \\",
      "    PYTHONDONTWRITEBYTECODE=1",
      "RUN apt-get update \\",
      " && apt-get install -y --no-install-recommends gcc libpq-dev \\",
      " && rm -rf /var/lib/apt/lists/*",
      fmt::format("COPY svc{}/requirements.txt ./", n),
      "RUN python -m venv /opt/venv \\",
      " && /opt/venv/bin/pip install --no-cache-dir -r requirements.txt",
      fmt::format("COPY svc{}/app ./app", n),
      "",
  };
}

Lines nodeBuildStage(int n, std::vector<std::string> &files) {
  files.push_back(fmt::format("web{}/package.json", n));
  files.push_back(fmt::format("web{}/package-lock.json", n));
  files.push_back(fmt::format("web{}/src/index.js", n));
  return {
      fmt::format("FROM node:${{NODE_VERSION}}-alpine AS web-{}", n),
      "WORKDIR /web",
      "ARG NODE_ENV=production",
      fmt::format("COPY web{0}/package.json web{0}/package-lock.json ./", n),
      "RUN npm ci --omit=dev \\",
      " && npm cache clean --force",
      fmt::format("COPY web{}/src ./src", n),
      "RUN npm run build",
      "",
  };
}

Lines goBuildStage(int n, std::vector<std::string> &files) {
  files.push_back(fmt::format("tool{}/go.mod", n));
  files.push_back(fmt::format("tool{}/go.sum", n));
  files.push_back(fmt::format("tool{0}/cmd/tool{0}/main.go", n));
  return {
      fmt::format("FROM golang:${{GO_VERSION}} AS go-{}", n),
      fmt::format("WORKDIR /go/src/tool{}", n),
      fmt::format("COPY tool{0}/go.mod tool{0}/go.sum ./", n),
      "RUN go mod download",
      fmt::format("COPY tool{}/ ./", n),
      fmt::format("RUN CGO_ENABLED=0 go build -trimpath -o /out/tool{0} "
                  "./cmd/tool{0}",
                  n),
      "",
  };
}

Lines runtimeStage(int n) {
  Lines stage = {
      fmt::format("FROM python:${{PYTHON_VERSION}}-slim AS runtime-{}", n),
      "ARG APP_USER=app",
      "ENV PATH=/opt/venv/bin:$PATH \\",
      fmt::format("    SERVICE_NAME=svc{}", n),
      fmt::format("COPY --from=py-build-{} /opt/venv /opt/venv", n),
      fmt::format("COPY --from=py-build-{} /src/svc{}/app /srv/app", n, n),
      fmt::format("COPY --from=web-{} /web/dist /srv/static", n),
      fmt::format("COPY --from=go-{0} /out/tool{0} /usr/local/bin/tool{0}", n),
  };
  if (n % 3 == 0) {
    stage.insert(stage.end(), {
                                  "RUN <<EOF",
                                  "set -eu",
                                  "useradd --system --no-create-home app",
                                  "mkdir -p /srv/data",
                                  "chown app /srv/data",
                                  "EOF",
                              });
  } else {
    stage.insert(stage.end(),
                 {
                     "RUN useradd --system --no-create-home app \\",
                     " && mkdir -p /srv/data \\",
                     " && chown app /srv/data",
                 });
  }
  stage.insert(stage.end(), {
                                "USER app",
                                "WORKDIR /srv",
                                "EXPOSE 8000",
                                "CMD [\"python\", \"-m\", \"app\"]",
                                "",
                            });
  return stage;
}

}  // namespace

GeneratedProject generateProject(int lines) {
  GeneratedProject project;
  Lines out = {
      "# syntax=docker/dockerfile:1",
      "ARG PYTHON_VERSION=3.12",
      "ARG NODE_VERSION=20",
      "ARG GO_VERSION=1.22",
      "",
  };
  if (static_cast<int>(out.size()) > lines)
    throw std::invalid_argument(
        fmt::format("a generated Dockerfile needs at least {} lines, not {}",
                    out.size(), lines));

  // The stages rotate Python, Node, Go, runtime, so each runtime stage
  // copies from the three build stages of its group.
  for (int step = 0;; ++step) {
    int group = step / 4;
    Lines stage;
    switch (step % 4) {
      case 0:
        stage = pythonBuildStage(group, project.contextFiles);
        break;
      case 1:
        stage = nodeBuildStage(group, project.contextFiles);
        break;
      case 2:
        stage = goBuildStage(group, project.contextFiles);
        break;
      default:
        stage = runtimeStage(group);
    }
    if (out.size() + stage.size() > static_cast<size_t>(lines)) break;
    out.insert(out.end(), stage.begin(), stage.end());
  }
  for (int label = 0; out.size() < static_cast<size_t>(lines); ++label)
    out.push_back(
        fmt::format("LABEL org.example.note-{}=\"generated filler\"", label));

  for (const std::string &line : out) project.dockerfile += line + "\n";
  return project;
}

void writeProject(const GeneratedProject &project,
                  const std::filesystem::path &directory) {
  std::filesystem::create_directories(directory);
  std::ofstream(directory / "Dockerfile") << project.dockerfile;
  for (const std::string &file : project.contextFiles) {
    std::filesystem::path path = directory / file;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path) << "# generated for dockpath_lsp_bench\n";
  }
}

}  // namespace dockpath::bench
