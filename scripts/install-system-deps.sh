#!/usr/bin/env bash
# Usage: scripts/install-system-deps.sh [PACKAGE...]
# Installs the system packages the project needs beyond Java: by default espeak-ng (the text-to-speech
# front end of `flowvox speak` and of the client tests); other scripts name the Debian packages they
# need. A fast no-op when everything is present; uses sudo when not root; prints the exact command and
# exits 1 when it cannot install.
set -euo pipefail
packages=("$@")
[ ${#packages[@]} -eq 0 ] && packages=(espeak-ng)
installed() {
  command -v "$1" >/dev/null 2>&1 ||
    [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" = "install ok installed" ]
}
missing=()
for package in "${packages[@]}"; do
  installed "$package" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

command_line="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-system-deps: ${missing[*]} missing and apt-get is not available; install ${missing[*]} with this system's package manager" >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo)
else
  echo "install-system-deps: ${missing[*]} missing; run as root:  sudo sh -c '$command_line'" >&2
  exit 1
fi
echo "install-system-deps: installing ${missing[*]}" >&2
if ! { "${sudo[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >&2; then
  echo "install-system-deps: installing failed; run:  sudo sh -c '$command_line'" >&2
  exit 1
fi
