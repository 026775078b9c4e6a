#!/usr/bin/env bash
# certs/make-certs.sh into a temporary folder: the server certificate verifies against the CA and
# carries the subjectAltNames asked for, keys are private, a second run keeps the CA and renews the
# server certificate, bad input is refused, and csms-lite --check-config accepts the result (and
# names the file when the key is wrong).
#   make_certs_test.sh <make-certs.sh> [<csms-lite binary>]
set -uo pipefail

script=$1
csms_lite=${2:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

check() {  # check <description> <command...>
  local what=$1
  shift
  if "$@" >/dev/null 2>&1; then
    echo "ok   - $what"
  else
    echo "FAIL - $what"
    failures=$((failures + 1))
  fi
}
contains() { grep -qF -- "$2" <<<"$1"; }
mode_of() { stat -c %a "$1"; }
fingerprint() { openssl x509 -in "$1" -noout -fingerprint -sha256 | sed 's/^[^=]*=//'; }
serial() { openssl x509 -in "$1" -noout -serial; }

dir=$work/certs
out=$(bash "$script" --dir "$dir" --port 8443 192.168.1.20 evbox.local fd00::20 2>&1)
check "first run succeeds" test $? -eq 0
echo "$out" | sed 's/^/    | /'
for file in ca.pem ca.key server.pem server.key; do check "$file exists" test -s "$dir/$file"; done
check "ca.key is private (600)" test "$(mode_of "$dir/ca.key")" = 600
check "server.key is private (600)" test "$(mode_of "$dir/server.key")" = 600
check "openssl verify: server.pem is signed by ca.pem" \
  bash -c "openssl verify -CAfile '$dir/ca.pem' '$dir/server.pem' | grep -q ': OK$'"
check "the CA is a CA" bash -c "openssl x509 -in '$dir/ca.pem' -noout -ext basicConstraints | grep -q 'CA:TRUE'"
check "the server certificate is not a CA, for serverAuth" \
  bash -c "openssl x509 -in '$dir/server.pem' -noout -ext basicConstraints,extendedKeyUsage | tr -d '\n' | grep -q 'CA:FALSE.*TLS Web Server Authentication'"
san=$(openssl x509 -in "$dir/server.pem" -noout -ext subjectAltName)
check "subjectAltName has IP 192.168.1.20" contains "$san" "IP Address:192.168.1.20"
check "subjectAltName has DNS evbox.local" contains "$san" "DNS:evbox.local"
check "subjectAltName has IP fd00::20" contains "$san" "IP Address:FD00:0:0:0:0:0:0:20"
host=$(hostname)
if [[ -n "$host" && "$host" != localhost ]]; then
  check "subjectAltName has this machine's host name" contains "$san" "DNS:$host"
fi
check "server.key belongs to server.pem" test "$(openssl x509 -in "$dir/server.pem" -noout -pubkey)" = \
  "$(openssl pkey -in "$dir/server.key" -pubout)"
ca_fingerprint=$(fingerprint "$dir/ca.pem")
check "prints the CA's SHA-256 fingerprint" contains "$out" "$ca_fingerprint"
check "prints csms-lite's settings" contains "$out" "tls_certificate = \"$dir/server.pem\""
check "prints the key setting" contains "$out" "tls_private_key = \"$dir/server.key\""
check "prints the charge point URL" contains "$out" 'central_system_url = "wss://192.168.1.20:8443/ocpp"'
check "prints network.ca_file" contains "$out" "ca_file = \"$dir/ca.pem\""

first_serial=$(serial "$dir/server.pem")
out2=$(bash "$script" --dir "$dir" --no-hostname 10.1.2.3 2>&1)
check "second run succeeds" test $? -eq 0
check "second run keeps the CA" test "$(fingerprint "$dir/ca.pem")" = "$ca_fingerprint"
check "second run says so" contains "$out2" "kept the existing CA"
check "second run renews the server certificate" test "$(serial "$dir/server.pem")" != "$first_serial"
check "the renewed certificate still verifies" \
  bash -c "openssl verify -CAfile '$dir/ca.pem' '$dir/server.pem' | grep -q ': OK$'"
check "--no-hostname: only the names given" \
  test "$(openssl x509 -in "$dir/server.pem" -noout -ext subjectAltName | tail -n 1 | tr -d ' ')" = "IPAddress:10.1.2.3"

bad=$(bash "$script" --dir "$work/bad" --no-hostname 'not a name!' 2>&1)
check "a bad name is refused with exit code 2" test $? -eq 2
check "... naming it" contains "$bad" "'not a name!' is neither an IP address nor a DNS name"
bash "$script" --dir "$work/bad" --no-hostname >/dev/null 2>&1
check "no names at all is refused" test $? -eq 2
check "nothing written for bad input" test ! -e "$work/bad/ca.key"

if [[ -n "$csms_lite" ]]; then
  "$csms_lite" --check-config --set "http.tls_certificate=$dir/server.pem" \
    --set "http.tls_private_key=$dir/server.key" >/dev/null 2>&1
  check "csms-lite --check-config loads the files" test $? -eq 0
  err=$("$csms_lite" --check-config --set "http.tls_certificate=$dir/server.pem" \
    --set "http.tls_private_key=$dir/ca.key" 2>&1)
  check "csms-lite --check-config refuses the CA key with exit code 2" test $? -eq 2
  check "... naming the key file" contains "$err" "'$dir/ca.key': does not belong to the certificate"
  err=$("$csms_lite" --check-config --set "http.tls_certificate=$dir/server.pem" 2>&1)
  check "a certificate without a key is a configuration error" test $? -eq 2
  check "... that says both go together" contains "$err" "go together"
fi

if ((failures > 0)); then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all checks passed"
