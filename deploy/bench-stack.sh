#!/usr/bin/env bash
# Embedded stack start-up benchmark: starts the stack RUNS times on a fresh data folder (cold: Kafka
# storage format, initdb) and RUNS times on the kept folder (warm restart), and prints each start time
# as the launcher reports it, the medians, and the resident memory of every process it started.
#   deploy/bench-stack.sh [RUNS]     (default 3)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

start_once() { # $1 data dir; prints the launcher's start-up ms and, for the first warm run, RSS
  local out="$work/out.txt"
  "$root/deploy/run-stack.sh" --data "$1" >"$out" 2>&1 &
  local launcher=$!
  for _ in $(seq 1 120); do grep -q 'Ctrl-C' "$out" && break; sleep 0.5; done
  grep -q 'Ctrl-C' "$out" || { cat "$out" >&2; kill "$launcher" 2>/dev/null; exit 1; }
  local ms; ms=$(sed -n 's/^Embedded stack up in \([0-9]*\) ms.*/\1/p' "$out")
  if [ "${2:-}" = rss ]; then
    local java; java=$(pgrep -f "StackMain --data $1" | head -1)
    printf '  resident memory after start (MiB):'
    for pid in $java $(pgrep -P "$java"); do
      local name; name=$(ps -o args= -p "$pid" | grep -oE 'StackMain|kafka\.Kafka|s3proxy\.Main' | head -1)
      printf ' %s %d' "${name:-pid$pid}" $(( $(ps -o rss= -p "$pid") / 1024 ))
    done
    # pg_ctl daemonises the postmaster: find it by its data folder, then add its workers
    local pm; pm=$(pgrep -f "postgres -D $1/postgres/data" | head -1)
    local kb; kb=$(( $(ps -o rss= -p "$pm") + $(ps -o rss= --ppid "$pm" | awk '{s+=$1} END {print s+0}') ))
    printf ' postgres %d' $(( kb / 1024 ))
    echo
  fi
  kill -TERM "$launcher"; wait "$launcher" 2>/dev/null || true
  echo "$ms"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

cold=(); warm=()
for i in $(seq 1 "$runs"); do
  rm -rf "$work/data"
  cold+=("$(start_once "$work/data" | tail -1)")
  if [ "$i" = 1 ]; then start_once "$work/data" rss >"$work/rss.txt"; head -1 "$work/rss.txt"; fi
  warm+=("$(start_once "$work/data" | tail -1)")
done
echo "cold starts (ms): ${cold[*]}  median $(printf '%s\n' "${cold[@]}" | median)"
echo "warm restarts (ms): ${warm[*]}  median $(printf '%s\n' "${warm[@]}" | median)"
