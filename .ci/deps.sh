#!/usr/bin/env bash
# Installs what building and testing wfconnect needs, and only what is missing.
# Debian/Ubuntu: apt-get (with sudo when not root). Elsewhere: prints what to install.
set -euo pipefail

# package -> a file or command that proves it is there
declare -A need=(
  [gcc]=cmd:gcc
  [pkg-config]=cmd:pkg-config
  [libgl1-mesa-dev]=file:/usr/include/GL/gl.h
  [libx11-dev]=file:/usr/include/X11/Xlib.h
  [libxcursor-dev]=file:/usr/include/X11/Xcursor/Xcursor.h
  [libxrandr-dev]=file:/usr/include/X11/extensions/Xrandr.h
  [libxinerama-dev]=file:/usr/include/X11/extensions/Xinerama.h
  [libxi-dev]=file:/usr/include/X11/extensions/XInput2.h
  [libxxf86vm-dev]=file:/usr/include/X11/extensions/xf86vmode.h
  [libxkbcommon-dev]=file:/usr/include/xkbcommon/xkbcommon.h
  [libwayland-dev]=file:/usr/include/wayland-client-core.h
  [wayland-protocols]=file:/usr/share/wayland-protocols
  [xvfb]=cmd:Xvfb
  [x11-utils]=cmd:xdpyinfo
  [xdotool]=cmd:xdotool
  [imagemagick]=cmd:import
  [gnome-keyring]=cmd:gnome-keyring-daemon
  [dbus]=cmd:dbus-run-session
  [dbus-x11]=cmd:dbus-launch
  [libsecret-tools]=cmd:secret-tool
)
# Extra needs of other targets: `make package` cross-builds for Windows.
if [ "${WFCONNECT_WITH_CJK:-}" = 1 ]; then need[fonts-noto-cjk]=file:/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc; fi
if [ "${WFCONNECT_WITH_MINGW:-}" = 1 ]; then need[gcc-mingw-w64-x86-64]=cmd:x86_64-w64-mingw32-gcc; fi

missing=()
for pkg in "${!need[@]}"; do
  probe=${need[$pkg]}
  case $probe in
    cmd:*) command -v "${probe#cmd:}" >/dev/null 2>&1 || missing+=("$pkg") ;;
    file:*) [ -e "${probe#file:}" ] || missing+=("$pkg") ;;
  esac
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "deps: everything is installed"
  exit 0
fi
echo "deps: missing: ${missing[*]}"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "deps: this is not a Debian-like system; install the equivalents of: ${missing[*]}" >&2
  echo "deps: (Fedora: gcc pkgconf mesa-libGL-devel libX11-devel libXcursor-devel libXrandr-devel libXinerama-devel libXi-devel libXxf86vm-devel libxkbcommon-devel xorg-x11-server-Xvfb xdotool ImageMagick gnome-keyring dbus-x11 libsecret)" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "deps: installed ${missing[*]}"
