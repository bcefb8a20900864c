#!/bin/sh
# Builds dockpath and dockpath_lsp_bench in Release, installs the peer
# server (dockerfile-language-server-nodejs, pinned in peers/package.json),
# and compares dockpath, the peer and the do-nothing floor server on the
# generated Dockerfiles and on tests/cases/*/Dockerfile. The report goes
# to stdout and, as Markdown, to OUT (default: BUILD/lsp-bench.md).
# Arguments after the script name are passed to dockpath_lsp_bench and
# override the settings below, except that --server adds a server (see
# dockpath_lsp_bench --help).
#
# Usage: tests/bench/run-lsp-bench.sh [dockpath_lsp_bench options...]
# Environment: BUILD (default build-release), OUT.
#
# NOTE: dockpath_lsp_bench splits server commands at spaces, so the build
# folder's path must not contain any.
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD:-"$root/build-release"}
out=${OUT:-"$build/lsp-bench.md"}

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j2 --target dockpath dockpath_lsp_bench dockpath_lsp_floor
sh "$root/tests/bench/peers/install-peers.sh" "$build/peers"

peer="$build/peers/node_modules/dockerfile-language-server-nodejs/bin/docker-langserver"
# dockpath logs only errors, so its stderr does not interleave with the
# report. The benchmark reads and ignores notifications such as
# window/logMessage.
"$build/tests/bench/dockpath_lsp_bench" \
  --server "dockpath=$build/dockpath --stdio --log-level=error" \
  --server "peer=node $peer --stdio" \
  --server "floor=$build/tests/bench/dockpath_lsp_floor" \
  --sizes 100,1000,10000 --cases "$root/tests/cases" \
  --runs 3 --keystrokes 60 --case-keystrokes 40 \
  --markdown "$out" "$@"
echo "run-lsp-bench: wrote $out" >&2
