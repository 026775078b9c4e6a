#!/usr/bin/env bash
# Builds the armel (ARMv5TE soft-float) sysroot the cross build links against: Debian bookworm's armel
# -dev packages, downloaded and unpacked into a folder. Prints the sysroot's path on stdout.
#   scripts/make-armel-sysroot.sh [SYSROOT]     default: build/armel-sysroot
#
# Why not `dpkg --add-architecture armel` + `apt-get install …:armel`: on this mirror a stale foreign index
# makes `apt-get update` fail, and the host's libssl version may differ from armel's, which multiarch
# refuses. So apt runs here with a private configuration and state under the sysroot (the host's apt setup
# and dpkg database are left alone): it fetches armel's package index, `apt-get download` fetches the
# .debs, `dpkg -x` unpacks them. The C library and libstdc++ come from the cross compiler's own packages
# (libc6-dev-armel-cross, libstdc++-12-dev-armel-cross, installed by install-build-deps.sh --cross).
# Idempotent: a sysroot whose stamp matches this package list is reused as is.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sysroot="${1:-$root/build/armel-sysroot}"
mkdir -p "$sysroot"
sysroot="$(cd "$sysroot" && pwd)"

# Only what is linked or included: static libraries with their headers, and header-only libraries.
# libboost1.81-dev is the one large one (headers; Beast and Asio are header-only, nothing is linked).
packages=(libssl-dev libsqlite3-dev libspdlog-dev libfmt-dev nlohmann-json3-dev libboost1.81-dev
          libgtest-dev libgmock-dev)
stamp="$sysroot/.packages"
if [[ -f "$stamp" && "$(cat "$stamp")" == "${packages[*]}" ]]; then
  echo "$sysroot"
  exit 0
fi

apt_dir="$sysroot/.apt"
rm -rf "$apt_dir"
mkdir -p "$apt_dir/lists/partial" "$apt_dir/archives/partial" "$apt_dir/sources" "$apt_dir/debs"
# The host's Debian mirrors (deb822 or one-line format), restricted to armel.
host_sources=$(cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null || true)
mirror=$(grep -oEm1 'https?://[^ ]+/debian/?( |$)' <<<"$host_sources" | tr -d ' ' || true)
security=$(grep -oEm1 'https?://[^ ]+/debian-security/?( |$)' <<<"$host_sources" | tr -d ' ' || true)
cat >"$apt_dir/sources/debian.sources" <<EOF
Types: deb
URIs: ${mirror:-http://deb.debian.org/debian}
Suites: bookworm bookworm-updates
Components: main
Architectures: armel
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: ${security:-http://deb.debian.org/debian-security}
Suites: bookworm-security
Components: main
Architectures: armel
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
apt_options=(
  -o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$apt_dir/sources"
  -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir" -o "Dir::Cache::archives=$apt_dir/archives"
  -o "Dir::State::status=/dev/null" -o "APT::Architecture=armel" -o "APT::Architectures::=armel"
  -o "Debug::NoLocking=1" -o "APT::Sandbox::User=$(id -un)" -qq
)
echo "armel sysroot: fetching the package index" >&2
apt-get "${apt_options[@]}" update >&2
echo "armel sysroot: downloading ${packages[*]}" >&2
(cd "$apt_dir/debs" && apt-get "${apt_options[@]}" download "${packages[@]/%/:armel}" >&2)
for deb in "$apt_dir/debs"/*.deb; do
  dpkg -x "$deb" "$sysroot"
done
rm -rf "$apt_dir"
echo "${packages[*]}" >"$stamp"
echo "$sysroot"
