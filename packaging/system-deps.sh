#!/usr/bin/env bash
# Installs the system libraries Qt needs at run time and fonts that cover Bengali,
# from Debian's packages, when they are missing. Safe to run repeatedly: it does nothing
# when everything is present. Usage: packaging/system-deps.sh [run|test]
set -euo pipefail
mode="${1:-run}"
packages=(libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libxcb-cursor0
          libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 fonts-noto-core)
if [ "$mode" = test ]; then
  packages+=(xvfb xdotool chromium appstream)  # appstream: appstreamcli validates the metainfo
fi
command -v dpkg-query >/dev/null 2>&1 || exit 0   # not Debian: nothing we can do here
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing system packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo -n"; else
  echo "warning: cannot install ${missing[*]} (not root); install them with apt-get" >&2; exit 0
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null || true
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
  || echo "warning: could not install some of: ${missing[*]}" >&2
