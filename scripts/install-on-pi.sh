#!/bin/bash
# Installs (or reinstalls) eo-ocpp on the Raspberry Pi of an EO charger in one command:
#   sudo ./install-on-pi.sh eo-ocpp_0.1.0+123.gabcdef01_armhf.deb
#   sudo ./install-on-pi.sh https://example.org/releases/eo-ocpp_0.1.0+123.gabcdef01_armhf.deb
# Options: --force (install on a machine that is not a Raspberry Pi, e.g. the amd64 package on a laptop).
# Afterwards: the web UI address and the one-time setup link that csms-lite writes to its log.
# Later updates: sudo eo-ocpp-update NEW.deb (goes back to this version if the new one fails).
# EO_INSTALL_ROOT prefixes the files it reads and writes (the tests use a fake root; empty otherwise).
set -euo pipefail
r="${EO_INSTALL_ROOT:-}"

force=false
source_arg=""
for arg in "$@"; do
  case "$arg" in
    --force) force=true ;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "install-on-pi: unknown option $arg" >&2; exit 2 ;;
    *) source_arg="$arg" ;;
  esac
done
if [[ -z "$source_arg" ]]; then
  echo "usage: sudo $0 [--force] FILE.deb|URL" >&2
  exit 2
fi
if [[ "$(id -u)" != 0 ]]; then
  exec sudo "$0" "$@"
fi

model="$(tr -d '\0' <"$r/proc/device-tree/model" 2>/dev/null || true)"
if [[ "$model" != *"Raspberry Pi"* ]] && ! $force; then
  echo "install-on-pi: this does not look like a Raspberry Pi (/proc/device-tree/model: '${model:-none}')." >&2
  echo "  Run it on the Pi inside the EO charger, or add --force to install anyway." >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
case "$source_arg" in
  http://*|https://*)
    deb="$work/$(basename "${source_arg%%\?*}")"
    [[ "$deb" == *.deb ]] || deb="$work/eo-ocpp.deb"
    echo "Downloading $source_arg"
    if command -v curl >/dev/null; then
      curl --fail --location --silent --show-error --output "$deb" "$source_arg"
    else
      wget --quiet --output-document="$deb" "$source_arg"
    fi
    ;;
  *)
    [[ -f "$source_arg" ]] || { echo "install-on-pi: no such file: $source_arg" >&2; exit 1; }
    deb="$(realpath "$source_arg")"
    ;;
esac

package="$(dpkg-deb --field "$deb" Package 2>/dev/null || true)"
if [[ "$package" != eo-ocpp ]]; then
  echo "install-on-pi: $source_arg is not the eo-ocpp package (Package: '${package:-not a .deb}')" >&2
  exit 1
fi
deb_arch="$(dpkg-deb --field "$deb" Architecture)"
system_arch="$(dpkg --print-architecture)"
if [[ "$deb_arch" != "$system_arch" ]] && ! dpkg --print-foreign-architectures | grep -qx "$deb_arch"; then
  echo "install-on-pi: the package is for $deb_arch, this system is $system_arch." >&2
  [[ "$system_arch" == arm64 ]] &&
    echo "  Use Raspberry Pi OS Lite (32-bit): the Pi Zero of the EO Mini Pro 2 cannot run 64-bit at all." >&2
  exit 1
fi

echo "Installing eo-ocpp $(dpkg-deb --field "$deb" Version)"
# apt (not dpkg -i) so that the dependencies come along; an update keeps /etc/eo-ocpp as it is.
DEBIAN_FRONTEND=noninteractive apt-get install --yes --allow-downgrades \
  -o Dpkg::Options::=--force-confold -o Dpkg::Options::=--force-confdef "$deb"
# eo-ocpp-update goes back to this file if a later update does not come up healthy.
install -d -m 700 "$r/var/lib/eo-ocpp-update"
install -m 600 "$deb" "$r/var/lib/eo-ocpp-update/current.deb"

address="$(hostname -I 2>/dev/null | awk '{ print $1 }')"
address="${address:-$(hostname)}"
port="$(sed -n 's/^[[:space:]]*port[[:space:]]*=[[:space:]]*\([0-9]*\).*/\1/p' "$r/etc/eo-ocpp/csms-lite.conf" 2>/dev/null | head -1 || true)"
port="${port:-8080}"

# csms-lite logs "first start: set the admin password at <url>/setup?code=<code> ..." at its first
# start (and a new code when the old one expires), until the password is set.
code=""
for _ in $(seq 1 30); do
  code="$(journalctl --unit eo-csms-lite --no-pager --quiet 2>/dev/null |
    sed -n 's/.*set the admin password at .*\/setup?code=\([^ ]*\).*/\1/p' | tail -1 || true)"
  [[ -n "$code" ]] && break
  systemctl is-active --quiet eo-csms-lite || break
  sleep 1
done

echo
echo "eo-ocpp is installed. Services: $(systemctl is-active eo-csms-lite) (csms-lite), $(systemctl is-active eo-chargepoint) (charge point)"
echo "Web UI:  http://$address:$port   (or http://$(hostname).local:$port)"
if [[ -n "$code" ]]; then
  echo "First login: open http://$address:$port/setup?code=$code and choose the admin password."
else
  echo "Setup link: if the password is not set yet, it is in the log:"
  echo "  journalctl -u eo-csms-lite | grep setup"
fi
if [[ -f "$r/run/reboot-required" ]]; then
  echo "SPI was just switched on for the power board: reboot now with  sudo reboot"
fi
echo "Logs: journalctl -u eo-chargepoint -f    Updates: sudo eo-ocpp-update NEW.deb"
