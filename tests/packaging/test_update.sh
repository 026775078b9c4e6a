#!/bin/bash
# eo-ocpp-update's decisions, with every system command it calls replaced by a fake (PATH): apt-get
# "installs" a text file standing for a .deb; systemctl, curl and sleep answer from files that say how
# the installed version behaves. Nothing touches the real system, nothing sleeps.
source "$(dirname "$0")/lib.sh"
tool="$(cd "$(dirname "$0")/../.." && pwd)/packaging/eo-ocpp-update"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

setup() {
  rm -rf "${work:?}"/*
  bin="$work/bin" f="$work/fake" state="$work/state"
  mkdir -p "$bin" "$f" "$state"
  export FAKE="$f" EO_UPDATE_STATE_DIR="$state" EO_UPDATE_LOG="$work/update.log"
  export EO_UPDATE_CONFIG="$work/csms-lite.conf" EO_UPDATE_TIMEOUT_S=10 EO_UPDATE_GRACE_S=30
  printf '[http]\naddress = 0.0.0.0\nport = 8080\n' >"$EO_UPDATE_CONFIG"
  fake "$bin" id '[[ "$1" == -u ]] && cat "$FAKE/uid" 2>/dev/null || echo 0'
  fake "$bin" dpkg-deb '[[ "$1" == --field ]] || exit 2; sed -n "s/^$3: //p" "$2"; grep -q "^$3: " "$2"'
  fake "$bin" dpkg-query '[[ -f "$FAKE/installed" ]] || exit 1; echo "installed $(cat "$FAKE/installed")"'
  fake "$bin" apt-get 'deb="${@: -1}"; v="$(sed -n "s/^Version: //p" "$deb")"; echo "apt-get $v" >>"$FAKE/calls"
    [[ -f "$FAKE/apt_fails_$v" ]] && exit 100; echo "$v" >"$FAKE/installed"'
  fake "$bin" systemctl 'v="$(cat "$FAKE/installed")"; unit="${@: -1}"
    case "$1" in
      is-active) if [[ -f "$FAKE/down_${v}_$unit" ]]; then echo failed; exit 3; fi; echo active ;;
      is-enabled) if [[ -f "$FAKE/disabled_$unit" ]]; then echo disabled; exit 1; fi; echo enabled ;;
      show) n=$(cat "$FAKE/restarts" 2>/dev/null || echo 0)
            [[ -f "$FAKE/crashloop_$v" ]] && n=$((n + 1)) && echo $n >"$FAKE/restarts"; echo $n ;;
      *) exit 1 ;;
    esac'
  fake "$bin" curl 'echo "curl ${@: -1}" >>"$FAKE/calls"; [[ -f "$FAKE/nohttp_$(cat "$FAKE/installed")" ]] && exit 7; exit 0'
  fake "$bin" sleep 'echo "sleep $1" >>"$FAKE/calls"'
  export PATH="$bin:$PATH"
  printf 'Package: eo-ocpp\nVersion: 1.0\n' >"$work/old.deb"
  printf 'Package: eo-ocpp\nVersion: 2.0\n' >"$work/new.deb"
  echo 1.0 >"$f/installed"
  cp "$work/old.deb" "$state/current.deb"
  touch "$f/calls"
}

run_update() { set +e; "$tool" "$@" >"$work/out" 2>&1; status=$?; set -e; set +e; }

case_start "a healthy update keeps the old package for rollback and records the new one"
setup
run_update "$work/new.deb"
expect_eq "$status" 0 "exit status"
expect_eq "$(cat "$f/installed")" 2.0 "installed version"
expect_eq "$(sed -n 's/^Version: //p' "$state/rollback/previous.deb")" 1.0 "kept package"
expect_eq "$(sed -n 's/^Version: //p' "$state/current.deb")" 2.0 "recorded package"
expect_grep "sleep 30" "$f/calls"
expect_grep "curl http://127.0.0.1:8080/" "$f/calls"
expect_grep "updated eo-ocpp 1.0 → 2.0: healthy" "$work/update.log"

case_start "csms-lite disabled by the admin (Home Assistant as central system): not checked, no HTTP check"
setup
touch "$f/disabled_eo-csms-lite.service" "$f/down_2.0_eo-csms-lite.service"
run_update "$work/new.deb"
expect_eq "$status" 0 "exit status"
expect_eq "$(cat "$f/installed")" 2.0 "installed version"
expect_grep "eo-csms-lite.service is disabled: not checked" "$work/update.log"
expect_no_grep "curl" "$f/calls"
expect_grep "sleep 30" "$f/calls"
expect_grep "updated eo-ocpp 1.0 → 2.0: healthy" "$work/update.log"

case_start "csms-lite failing to start rolls back to the kept package"
setup
touch "$f/down_2.0_eo-csms-lite.service"
run_update "$work/new.deb"
expect_eq "$status" 3 "exit status"
expect_eq "$(cat "$f/installed")" 1.0 "installed version after rollback"
expect_eq "$(grep -c '^apt-get' "$f/calls")" 2 "apt-get runs"
expect_eq "$(grep '^apt-get' "$f/calls" | tr '\n' ' ')" "apt-get 2.0 apt-get 1.0 " "install order"
expect_grep "not healthy after 10 s: eo-csms-lite.service is failed" "$work/update.log"
expect_grep "rolled back to eo-ocpp 1.0: healthy" "$work/update.log"
expect_eq "$(sed -n 's/^Version: //p' "$state/current.deb")" 1.0 "recorded package stays the old one"
# The wait is bounded: 10 s in steps of 2 s, then the old version's own check (grace sleep).
expect_eq "$(grep -c '^sleep 2$' "$f/calls")" 5 "polls before giving up"

case_start "a charge point in a crash loop (active, but restarted by systemd) rolls back"
setup
touch "$f/crashloop_2.0"
run_update "$work/new.deb"
expect_eq "$status" 3 "exit status"
expect_grep "eo-chargepoint was restarted by systemd within the grace period" "$work/update.log"
expect_eq "$(cat "$f/installed")" 1.0 "installed version"

case_start "the charge point dying during the grace period rolls back"
setup
# Active at first, gone after the grace sleep: the fake sleep of 30 s takes it down.
fake "$bin" sleep 'echo "sleep $1" >>"$FAKE/calls"; [[ "$1" == 30 && "$(cat "$FAKE/installed")" == 2.0 ]] && touch "$FAKE/down_2.0_eo-chargepoint.service"; exit 0'
run_update "$work/new.deb"
expect_eq "$status" 3 "exit status"
expect_grep "eo-chargepoint stopped within the grace period: failed" "$work/update.log"

case_start "csms-lite not answering HTTP on the configured port rolls back"
setup
printf '[ocpp]\nport = 1\n[http]\nport = 9090   # moved\n' >"$EO_UPDATE_CONFIG"
touch "$f/nohttp_2.0"
run_update "$work/new.deb"
expect_eq "$status" 3 "exit status"
expect_grep "curl http://127.0.0.1:9090/" "$f/calls"
expect_grep "csms-lite does not answer on http://127.0.0.1:9090/" "$work/update.log"

case_start "apt-get failing rolls back"
setup
touch "$f/apt_fails_2.0"
run_update "$work/new.deb"
expect_eq "$status" 3 "exit status"
expect_eq "$(cat "$f/installed")" 1.0 "installed version"

case_start "both versions unhealthy: the failure says the rollback failed"
setup
touch "$f/down_2.0_eo-chargepoint.service" "$f/down_1.0_eo-chargepoint.service"
run_update "$work/new.deb"
expect_eq "$status" 4 "exit status"
expect_grep "ROLLBACK FAILED" "$work/update.log"

case_start "no kept copy of the installed package: refused unless --no-rollback"
setup
rm "$state/current.deb"
run_update "$work/new.deb"
expect_eq "$status" 1 "exit status"
expect_eq "$(grep -c '^apt-get' "$f/calls")" 0 "apt-get runs"
expect_grep "run again with --no-rollback" "$work/out"
run_update "$work/new.deb" --no-rollback
expect_eq "$status" 0 "exit status with --no-rollback"
expect_eq "$(cat "$f/installed")" 2.0 "installed version"
expect_eq "$(sed -n 's/^Version: //p' "$state/current.deb")" 2.0 "recorded package"

case_start "a kept copy of another version than the installed one is not trusted"
setup
echo 1.5 >"$f/installed"
run_update "$work/new.deb"
expect_eq "$status" 1 "exit status"
expect_grep "no copy of the installed eo-ocpp 1.5" "$work/out"

case_start "bad input is refused before anything changes"
setup
printf 'Package: something-else\nVersion: 9\n' >"$work/other.deb"
run_update "$work/other.deb"
expect_eq "$status" 1 "exit status (other package)"
expect_grep "is package 'something-else', not eo-ocpp" "$work/out"
echo "not a package" >"$work/junk.deb"
run_update "$work/junk.deb"
expect_eq "$status" 1 "exit status (not a package)"
expect_grep "is not a Debian package" "$work/out"
run_update "$work/missing.deb"
expect_eq "$status" 1 "exit status (missing file)"
expect_grep "no such file" "$work/out"
run_update
expect_eq "$status" 1 "exit status (no argument)"
echo 1000 >"$f/uid"
run_update "$work/new.deb"
expect_eq "$status" 1 "exit status (not root)"
expect_grep "must run as root" "$work/out"
expect_eq "$(grep -c '^apt-get' "$f/calls")" 0 "apt-get runs"

echo "all eo-ocpp-update cases passed"
