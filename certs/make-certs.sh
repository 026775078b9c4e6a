#!/usr/bin/env bash
# Makes what wss:// (OCPP security profile 2) needs on a box without a public name: a local CA,
# kept on the box, and a server certificate for csms-lite signed by it. Charge points and Home
# Assistant then trust the CA's certificate (ca.pem), never the server's key.
#
#   make-certs.sh [--dir DIR] [--port PORT] [--days N] [--rsa] [--no-hostname] ADDRESS_OR_NAME...
#
# Running it again keeps the CA (so everything that trusts it keeps working) and makes a new server
# key and certificate, e.g. before the old one expires or after the box got a new address.
# Needs bash and the openssl command line, nothing else.
set -euo pipefail

program=$(basename "$0")
usage() {
  cat <<EOF
Usage: $program [options] ADDRESS_OR_NAME...

Makes a local CA (once) and a server certificate for csms-lite, valid for the IP addresses and
DNS names given, plus this machine's host name (and <host name>.local) unless --no-hostname.

  --dir DIR       where the files go (default: /etc/eo-ocpp/certs as root, ./eo-ocpp-certs otherwise)
  --port PORT     csms-lite's http.port, for the printed charge point URL (default 8080)
  --days N        validity of the server certificate in days (default 825)
  --rsa           RSA 2048 keys instead of ECDSA P-256 (for charge points without ECDSA)
  --no-hostname   only the names given, not this machine's host name
  -h, --help      this text

Example: sudo $program 192.168.1.20 evbox.local
EOF
}

fail() {
  echo "$program: $*" >&2
  exit 2
}

dir=""
port=8080
days=825
rsa=0
with_hostname=1
names=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dir) [[ $# -ge 2 ]] || fail "--dir needs a folder"; dir=$2; shift 2 ;;
    --port) [[ $# -ge 2 ]] || fail "--port needs a number"; port=$2; shift 2 ;;
    --days) [[ $# -ge 2 ]] || fail "--days needs a number"; days=$2; shift 2 ;;
    --rsa) rsa=1; shift ;;
    --no-hostname) with_hostname=0; shift ;;
    -h | --help) usage; exit 0 ;;
    -*) fail "unknown option '$1' (see --help)" ;;
    *) names+=("$1"); shift ;;
  esac
done

[[ "$port" =~ ^[0-9]+$ ]] && ((port >= 1 && port <= 65535)) || fail "--port: expected 1..65535, got '$port'"
[[ "$days" =~ ^[0-9]+$ ]] && ((days >= 1 && days <= 3650)) || fail "--days: expected 1..3650, got '$days'"
command -v openssl >/dev/null || fail "the openssl command is needed (Debian: apt install openssl)"

if [[ -z "$dir" ]]; then
  if [[ $(id -u) -eq 0 ]]; then dir=/etc/eo-ocpp/certs; else dir=$PWD/eo-ocpp-certs; fi
fi

# subjectAltName entries: IP literals as IP:, everything else as DNS: (RFC 6125: clients match the
# name or address they dialled against these, the CN is ignored).
is_ipv4() {
  [[ "$1" =~ ^([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})$ ]] || return 1
  local part
  for part in "${BASH_REMATCH[@]:1}"; do ((10#$part <= 255)) || return 1; done
}
is_ipv6() { [[ "$1" == *:* && "$1" =~ ^[0-9A-Fa-f:.]+$ ]]; }
is_dns() { [[ "$1" =~ ^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$ ]]; }

if ((with_hostname)); then
  host=$(hostname 2>/dev/null || true)
  if [[ -n "$host" && "$host" != localhost ]] && is_dns "$host"; then
    names+=("$host")
    [[ "$host" == *.* ]] || names+=("$host.local")  # mDNS, as Home Assistant and phones use it
  fi
fi
((${#names[@]} > 0)) || fail "give at least one IP address or DNS name of this box (see --help)"

alt_names=""
declare -A seen=()
for name in "${names[@]}"; do
  [[ -n "${seen[$name]:-}" ]] && continue
  seen[$name]=1
  if is_ipv4 "$name" || is_ipv6 "$name"; then
    entry="IP:${name}"
  elif is_dns "$name"; then
    entry="DNS:${name}"
  else
    fail "'$name' is neither an IP address nor a DNS name"
  fi
  alt_names+="${alt_names:+,}$entry"
done
first=${names[0]}
if is_ipv6 "$first"; then url_host="[$first]"; else url_host=$first; fi

if ((rsa)); then
  key_options=(-newkey rsa:2048)
else
  key_options=(-newkey ec -pkeyopt ec_paramgen_curve:P-256)
fi

mkdir -p "$dir" || fail "cannot create '$dir'"
[[ -w "$dir" ]] || fail "cannot write to '$dir' (run with sudo?)"
cd "$dir"
work=$(mktemp -d "$dir/.make-certs.XXXXXX")
trap 'rm -rf "$work"' EXIT

run_openssl() {
  local output
  if ! output=$(openssl "$@" 2>&1); then
    fail "openssl $1 failed: $output"
  fi
}

# The CA: made once, its key never leaves this folder (mode 0600).
if [[ -f ca.key && -f ca.pem ]]; then
  ca_public=$(openssl x509 -in ca.pem -noout -pubkey 2>/dev/null) || fail "'$dir/ca.pem' is not a certificate"
  key_public=$(openssl pkey -in ca.key -pubout 2>/dev/null) || fail "'$dir/ca.key' is not a private key"
  [[ "$ca_public" == "$key_public" ]] || fail "'$dir/ca.key' does not belong to '$dir/ca.pem'"
  ca_state="kept the existing CA"
elif [[ -f ca.key || -f ca.pem ]]; then
  fail "'$dir' has only one of ca.key and ca.pem; move it away or restore the other"
else
  (umask 077 && run_openssl req -x509 "${key_options[@]}" -nodes -sha256 -days 3650 \
    -keyout "$work/ca.key" -out "$work/ca.pem" \
    -subj "/CN=EO OCPP local CA $(hostname 2>/dev/null || echo box) $(date -u +%Y-%m-%d)" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -addext "subjectKeyIdentifier=hash")
  chmod 600 "$work/ca.key"
  chmod 644 "$work/ca.pem"
  mv "$work/ca.key" ca.key
  mv "$work/ca.pem" ca.pem
  ca_state="made a new CA"
fi

# The server certificate: a fresh key each time; a random serial so that renewals never repeat one.
cat >"$work/server.ext" <<EOF
subjectAltName=$alt_names
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
EOF
(umask 077 && run_openssl req "${key_options[@]}" -nodes -sha256 -keyout "$work/server.key" \
  -out "$work/server.csr" -subj "/CN=$first")
run_openssl x509 -req -sha256 -in "$work/server.csr" -CA ca.pem -CAkey ca.key \
  -set_serial "0x$(openssl rand -hex 16)" -days "$days" -extfile "$work/server.ext" \
  -out "$work/server.pem"
run_openssl verify -CAfile ca.pem "$work/server.pem"

# csms-lite runs as eo-ocpp (packaging/systemd): as root, let that group read the key.
key_mode=600
if [[ $(id -u) -eq 0 ]] && getent group eo-ocpp >/dev/null 2>&1; then
  chgrp eo-ocpp "$work/server.key"
  key_mode=640
fi
chmod "$key_mode" "$work/server.key"
chmod 644 "$work/server.pem"
mv "$work/server.key" server.key
mv "$work/server.pem" server.pem

fingerprint=$(openssl x509 -in ca.pem -noout -fingerprint -sha256 | sed 's/^[^=]*=//')
until=$(openssl x509 -in server.pem -noout -enddate | sed 's/^notAfter=//')
cat <<EOF
$program: $ca_state and made a new server certificate in $dir
  ca.pem       the CA certificate: give this to charge points and Home Assistant
  ca.key       the CA's private key: keep it here, never copy it (mode 600)
  server.pem   csms-lite's certificate, valid until $until for: ${alt_names//,/, }
  server.key   csms-lite's private key (mode $key_mode)

CA SHA-256 fingerprint (compare it wherever you install ca.pem):
  $fingerprint

In csms-lite.conf (then restart csms-lite; after a renewal, reloading is enough:
sudo systemctl kill -s HUP eo-csms-lite, which keeps the charge points connected):
  [http]
  tls_certificate = "$dir/server.pem"
  tls_private_key = "$dir/server.key"

In chargepoint.conf of each charge point (on another machine: copy ca.pem there first):
  [ocpp]
  central_system_url = "wss://$url_host:$port/ocpp"
  authorization_key = "<the charge point's password in csms-lite, 16 to 40 characters>"
  [network]
  ca_file = "$dir/ca.pem"
EOF
