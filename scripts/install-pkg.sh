#!/usr/bin/env bash
# Packs pkg/ with `npm pack` and installs the tarball into a fresh scratch
# project at $1 (as a user would install it). Dev tools such as ajv are
# found in the repository's node_modules by Node's upward lookup.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=$1
rm -rf "$dest"
mkdir -p "$dest" target
tarball=$(cd pkg && npm pack --pack-destination ../target --loglevel=error | tail -n 1)
printf '{"name": "rosterguard-scratch", "private": true, "type": "module"}\n' > "$dest/package.json"
(cd "$dest" && npm install --no-audit --no-fund --loglevel=error "$OLDPWD/target/$tarball")
echo "installed target/$tarball into $dest"
