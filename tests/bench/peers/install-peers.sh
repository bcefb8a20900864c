#!/bin/sh
# Installs the peer language servers pinned in package.json and
# package-lock.json into DEST (default: build-release/peers at the top of
# the repository) with `npm ci`. When DEST already contains the pinned
# version, it does nothing and needs no network.
#
# Usage: tests/bench/peers/install-peers.sh [DEST]
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
dest=${1:-"$root/build-release/peers"}
package=dockerfile-language-server-nodejs

pinned=$(node -p "require('$here/package.json').dependencies['$package']")
installed_manifest="$dest/node_modules/$package/package.json"
if [ -f "$installed_manifest" ] &&
  [ "$(node -p "require('$installed_manifest').version")" = "$pinned" ]; then
  echo "install-peers: $package $pinned is already installed in $dest"
  exit 0
fi

mkdir -p "$dest"
cp "$here/package.json" "$here/package-lock.json" "$dest/"
echo "install-peers: installing $package $pinned into $dest"
(cd "$dest" && npm ci --prefer-offline --no-audit --no-fund)
