# shellcheck shell=bash
# Shared by the packaging tests: a tiny assertion kit. Each test file runs its cases in order and
# exits non-zero on the first failure, naming the case and what differed.
set -uo pipefail

current_case=""
case_start() { current_case="$1"; echo "--- $1"; }
fail() { echo "FAIL [$current_case]: $*" >&2; exit 1; }
expect_eq() { [[ "$1" == "$2" ]] || fail "$3: expected '$2', got '$1'"; }
expect_file() { [[ -e "$1" ]] || fail "missing $1"; }
expect_no_file() { [[ ! -e "$1" ]] || fail "$1 should not exist"; }
expect_grep() { grep -q -- "$1" "$2" || fail "'$1' not in $2: $(tail -20 "$2" 2>/dev/null)"; }
expect_no_grep() { ! grep -q -- "$1" "$2" || fail "'$1' unexpectedly in $2"; }

# Writes an executable fake command into folder $1.
fake() {
  local dir="$1" name="$2"
  shift 2
  printf '#!/bin/bash\n%s\n' "$*" >"$dir/$name"
  chmod 755 "$dir/$name"
}
