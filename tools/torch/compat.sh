#!/usr/bin/env bash
# Makes a copied libLibTorchSharp.so (TorchSharp 0.107, built with GCC 13) load on systems whose libstdc++ is older
# than GCC 13 (Debian 12: GCC 12, no GLIBCXX_3.4.32). Usage: tools/torch/compat.sh DIR... where each DIR holds a
# libLibTorchSharp.so copied from the package (a build output's runtimes/linux-x64/native, a publish folder).
#
# The library needs GLIBCXX_3.4.32 for one symbol only, std::ios_base_library_init(). In a copy (never in the NuGet
# cache) this script marks that version requirement weak (the loader then only warns), clears the symbol's version
# and adds a DT_NEEDED entry for libverification_iosinit.so, built here with the system g++, which defines the
# function. Where the system libstdc++ has GLIBCXX_3.4.32 (GCC >= 13) nothing is done. Running it twice is harmless.
# Exit codes: 0 done or not needed; 3 needed but patchelf, g++ or python3 is missing (one line says which).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
version=GLIBCXX_3.4.32
symbol=_ZSt21ios_base_library_initv
helper=libverification_iosinit.so

system_libstdcxx() {
  local path
  path=$(/sbin/ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 .*x86-64/ { print $NF; exit }') || true
  for candidate in "$path" /usr/lib/x86_64-linux-gnu/libstdc++.so.6 /lib/x86_64-linux-gnu/libstdc++.so.6 /usr/lib64/libstdc++.so.6; do
    if [ -n "$candidate" ] && [ -e "$candidate" ]; then echo "$candidate"; return; fi
  done
}

libstdcxx=$(system_libstdcxx)
if [ -n "$libstdcxx" ] && grep -qa "$version" "$libstdcxx"; then
  exit 0   # GCC >= 13's libstdc++: the library loads as shipped
fi

for dir in "$@"; do
  lib="$dir/libLibTorchSharp.so"
  [ -e "$lib" ] || { echo "compat.sh: no libLibTorchSharp.so in $dir" >&2; exit 2; }
  grep -qa "$version" "$lib" || continue   # another TorchSharp build that does not need it
  missing=()
  for tool in patchelf g++ python3; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "compat.sh: $lib needs $version, which ${libstdcxx:-the system libstdc++} lacks; to patch a copy, install ${missing[*]} (Debian: apt-get install -y patchelf g++ python3) and rebuild" >&2
    exit 3
  fi
  if patchelf --print-needed "$lib" | grep -qx "$helper"; then
    continue   # patched already
  fi
  # Patch a temporary copy and move it into place, so a concurrent reader never sees a half-written file.
  tmp="$dir/.libLibTorchSharp.so.$$"
  cp "$lib" "$tmp"
  g++ -shared -fPIC -O2 -o "$dir/.$helper.$$" "$here/ios_base_library_init.cpp"
  mv -f "$dir/.$helper.$$" "$dir/$helper"
  python3 "$here/weaken_version_need.py" "$tmp" "$version"
  patchelf --clear-symbol-version "$symbol" "$tmp"
  patchelf --add-needed "$helper" "$tmp"
  mv -f "$tmp" "$lib"
  echo "compat.sh: patched $lib for $libstdcxx (no $version)"
done
