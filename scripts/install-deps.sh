#!/usr/bin/env bash
# Installs what building and testing svc needs, from Debian's packages, when missing.
# Idempotent and silent when everything is already there.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config ccache nodejs npm git
  libcli11-dev libgit2-dev libyaml-cpp-dev libtree-sitter-dev nlohmann-json3-dev libfmt-dev catch2
  libtomlplusplus-dev libre2-dev libkainjow-mustache-dev libxxhash-dev libdtl-dev libbenchmark-dev
  python3 python3-jsonschema python3-yaml time util-linux help2man graphviz
  clang libclang-rt-14-dev
  postgresql redis-server
)

missing=()
for p in "${packages[@]}"; do
  # node and npm may come from outside Debian (e.g. a preinstalled Node); accept those.
  case "$p" in
    nodejs) command -v node >/dev/null 2>&1 && continue ;;
    npm) command -v npm >/dev/null 2>&1 && continue ;;
  esac
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "svc: installing ${missing[*]}" >&2
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  # The scaffold tests start their own throwaway PostgreSQL (scripts/test-services.sh);
  # the cluster Debian would create and start is not needed, and without systemd its
  # start fails the install. Said before installing, so it holds from the first try.
  conf=/etc/postgresql-common/createcluster.conf
  if [[ " ${missing[*]} " == *" postgresql "* ]] &&
     ! grep -qsE '^[[:space:]]*create_main_cluster[[:space:]]*=[[:space:]]*false' "$conf"; then
    "${sudo_cmd[@]}" mkdir -p "$(dirname "$conf")"
    echo "create_main_cluster = false" | "${sudo_cmd[@]}" tee -a "$conf" >/dev/null
  fi
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
