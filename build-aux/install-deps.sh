#!/usr/bin/env bash
# Installs everything that building, running and testing Pathway needs on
# Debian 12.  Safe to run again: when every package is present it returns at
# once without touching apt.  Runs as root, or through sudo when available.
set -euo pipefail

packages=(
  adwaita-icon-theme
  appstream
  clang
  dbus
  desktop-file-utils
  fonts-cantarell
  fonts-dejavu-core
  gcc
  gettext
  hicolor-icon-theme
  imagemagick
  libadwaita-1-dev
  libcairo2-dev
  libclang-rt-14-dev
  libglib2.0-dev-bin
  libgtk-4-dev
  libpango1.0-dev
  libsodium-dev
  libsqlcipher-dev
  libsqlite3-dev
  libxml2-dev
  libxml2-utils
  meson
  ninja-build
  pkg-config
  poppler-utils
  sqlcipher
  sqlite3
  xauth
  xvfb
)

missing_packages() {
  local installed
  installed=$(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${packages[@]}" 2>/dev/null |
              awk '$2 == "installed" { print $1 }' || true)
  for package in "${packages[@]}"; do
    grep -qxF "$package" <<<"$installed" || printf '%s\n' "$package"
  done
}

mapfile -t missing < <(missing_packages)
((${#missing[@]} == 0)) && exit 0

if ((EUID == 0)); then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  printf 'install-deps: need root or sudo to install: %s\n' "${missing[*]}" >&2
  exit 1
fi

printf 'install-deps: installing %s\n' "${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
