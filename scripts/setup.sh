#!/usr/bin/env bash
# Installs everything SalikChat needs on a Debian 12 machine, and nothing twice.
# Called by run.sh and test.sh; safe to run again at any time.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

log() { printf '[setup] %s\n' "$*"; }

APT_PACKAGES=(
  g++ cmake ninja-build pkg-config dpkg-dev
  emscripten
  libboost-dev libsqlite3-dev sqlite3 libpq-dev libsodium-dev nlohmann-json3-dev catch2 zlib1g-dev ffmpeg
  libjemalloc-dev
  postgresql libhiredis-dev redis-server haproxy
  fonts-inter fonts-font-awesome fonttools
  chromium nodejs npm
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
# nodejs may come from another repository that ships npm inside it.
if command -v npm >/dev/null 2>&1; then
  missing=("${missing[@]/npm}")
fi
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))
if [ ${#missing[@]} -gt 0 ]; then
  log "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Dear ImGui: Debian ships headers only, so the sources come from Debian's source package
# (1.90.1, trixie suite). A deb-src entry changes no installed binary.
IMGUI_DIR="$ROOT/third_party/imgui"
if [ ! -f "$IMGUI_DIR/imgui.cpp" ]; then
  log "fetching Dear ImGui sources from Debian's source package"
  src_list=/etc/apt/sources.list.d/salikchat-imgui-src.sources
  if [ ! -f "$src_list" ]; then
    mirror=$(grep -hoE '^URIs:[[:space:]]*\S+' /etc/apt/sources.list.d/*.sources 2>/dev/null \
               | awk '{print $2}' | grep -v security | head -n 1 || true)
    if [ -z "$mirror" ]; then
      mirror=$(grep -hoE '^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?\S+' /etc/apt/sources.list 2>/dev/null \
                 | awk '{print $NF}' | grep -v security | head -n 1 || true)
    fi
    [ -n "$mirror" ] || { echo "setup: cannot find the Debian mirror in the apt sources" >&2; exit 1; }
    cat > "$src_list" <<SRC
Types: deb-src
URIs: $mirror
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    apt-get update -qq -o Dir::Etc::sourcelist="$src_list" -o Dir::Etc::sourceparts="-" -o APT::Get::List-Cleanup="0"
  fi
  work=$(mktemp -d)
  (cd "$work" && apt-get source -qq --download-only imgui >/dev/null && dpkg-source -q -x imgui_*.dsc imgui-src >/dev/null)
  rm -rf "$IMGUI_DIR"
  mkdir -p "$IMGUI_DIR/backends"
  cp "$work"/imgui-src/*.cpp "$work"/imgui-src/*.h "$IMGUI_DIR/"
  cp "$work"/imgui-src/backends/imgui_impl_opengl3* "$IMGUI_DIR/backends/"
  cp "$work"/imgui-src/LICENSE.txt "$IMGUI_DIR/" 2>/dev/null || true
  rm -rf "$work"
fi

# Node packages for the browser tests (versions pinned in package-lock.json).
if [ ! -d "$ROOT/node_modules/playwright-core" ]; then
  log "installing node packages"
  npm ci --no-audit --no-fund --loglevel=error
fi
log "ready"
