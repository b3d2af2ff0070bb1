#!/usr/bin/env bash
# Runs a command and checks its exit status and output, for CTest checks that
# need both (PASS_REGULAR_EXPRESSION alone ignores the exit status).
#   expect_output.sh --exit 0|nonzero [--has REGEX]... [--lacks REGEX]... -- COMMAND...
set -uo pipefail
expected_exit="" has=() lacks=()
while [[ $# -gt 0 && $1 != "--" ]]; do
  case $1 in
    --exit) expected_exit=$2; shift 2 ;;
    --has) has+=("$2"); shift 2 ;;
    --lacks) lacks+=("$2"); shift 2 ;;
    *) echo "expect_output.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
shift  # --
output=$("$@" 2>&1)
status=$?
printf '%s\n' "$output"
failed=0
if [[ $expected_exit == 0 && $status -ne 0 ]] || [[ $expected_exit == nonzero && $status -eq 0 ]]; then
  echo "expect_output.sh: exit status $status, expected $expected_exit" >&2
  failed=1
fi
for pattern in "${has[@]}"; do
  grep -Eq -- "$pattern" <<<"$output" || { echo "expect_output.sh: missing /$pattern/" >&2; failed=1; }
done
for pattern in "${lacks[@]}"; do
  ! grep -Eq -- "$pattern" <<<"$output" || { echo "expect_output.sh: unexpected /$pattern/" >&2; failed=1; }
done
exit $failed
