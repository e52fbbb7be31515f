#!/usr/bin/env bash
# Builds a Release svc (no tests) and installs it with its man pages.
# Usage: [PREFIX=/usr/local] [SVC_BUILD_DIR=build-release] scripts/install.sh
# The binary has the tree-sitter grammars linked in; at run time it needs only the
# shared libraries listed in README.md ("Install"), not node_modules or this checkout.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=${PREFIX:-/usr/local}
dir=${SVC_BUILD_DIR:-build-release}

scripts/install-deps.sh
scripts/build.sh "$dir" -DCMAKE_BUILD_TYPE=Release -DSVC_TESTS=OFF

sudo_cmd=()
mkdir -p "$prefix" 2>/dev/null || true
if [[ $(id -u) -ne 0 && ! -w "$prefix" ]]; then
  sudo_cmd=(sudo)
fi
"${sudo_cmd[@]}" cmake --install "$dir" --prefix "$prefix" >/dev/null

echo "svc: installed $prefix/bin/svc ($("$prefix/bin/svc" --version))"
pages=$(grep '/man1/' "$dir/install_manifest.txt" | xargs -r -n1 basename | tr '\n' ' ' || true)
echo "svc: man pages in $prefix/share/man/man1: ${pages:-none (configured with -DSVC_MAN_PAGES=OFF)}"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "svc: $prefix/bin is not on PATH; add it, or run $prefix/bin/svc" ;;
esac
