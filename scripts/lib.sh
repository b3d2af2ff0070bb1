# Shared helpers for the scripts in this folder (sourced, not run).

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }
repo_root() { cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd; }

# timed CMD...: runs CMD and logs how long it took.
timed() {
  local t0=$(date +%s) rc=0
  "$@" || rc=$?
  log "  ($1 took $(($(date +%s) - t0)) s)"
  return $rc
}

# wait_until SECONDS WHAT CMD...: polls CMD with backoff until it succeeds or the deadline passes.
wait_until() {
  local seconds=$1 what=$2
  shift 2
  local deadline=$(($(date +%s) + seconds)) pause=0.05
  until "$@"; do
    [ "$(date +%s)" -lt "$deadline" ] || die "timed out after ${seconds}s waiting for $what"
    sleep "$pause"  # poll backoff
    pause=$(awk -v p="$pause" 'BEGIN { p *= 2; if (p > 1) p = 1; print p }')
  done
}
