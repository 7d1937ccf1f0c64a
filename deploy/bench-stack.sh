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
      local name; name=$(ps -o args= -p "$pid" | grep -oE 'StackMain|kafka\.Kafka|s3proxy\.Main|bin/postgres' | head -1)
      local kb; kb=$(ps -o rss= -p "$pid")
      if [ "$name" = bin/postgres ]; then # the postmaster and its workers
        kb=$(( kb + $(ps -o rss= --ppid "$pid" | awk '{s+=$1} END {print s+0}') ))
      fi
      printf ' %s %d' "${name:-pid$pid}" $(( kb / 1024 ))
    done
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
  if [ "$i" = 1 ]; then start_once "$work/data" rss | head -1; fi
  warm+=("$(start_once "$work/data" | tail -1)")
done
echo "cold starts (ms): ${cold[*]}  median $(printf '%s\n' "${cold[@]}" | median)"
echo "warm restarts (ms): ${warm[*]}  median $(printf '%s\n' "${warm[@]}" | median)"
