#!/usr/bin/env bash
# The reliability proof of issue 13, on this machine: the embedded stack, ingest-service and two gpu-workers
# color 10 chapters x 20 small pages while Kafka is stopped for 10 s, S3 is stopped for 10 s and one worker
# is killed with SIGKILL holding pages in work; then counts chapters, pages, result objects, jobs, results,
# retaken pages and webhooks, prints the table and writes it to OUTPUT/report.md (default ./fault-run).
# Then (issue 26) a poison page of a third publisher, uploaded between two other publishers' chapters, kills
# every worker that works on it (the run SIGKILLs it and starts another), and a recolor flood hits two finished
# pages: only the poison page may fail, accepted recolors are done once, refused ones are 429 or 409.
#   deploy/fault-run.sh [--chapters 10] [--pages 20] [--page-height 192] [--outage-seconds 10]
#                       [--timeout-minutes 20] [--output fault-run]
# Exit 0 when every invariant holds, 1 otherwise, 2 for bad arguments.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

built() {
  for m in ingest-service gpu-worker trainer; do
    [ -f "$root/$m/target/quarkus-app/quarkus-run.jar" ] || return 1
  done
  [ -f "$root/deploy/local-run/target/classpath.txt" ] && ls "$root"/deploy/stack-servers/target/lib/*.jar >/dev/null 2>&1
}
if ! built; then
  echo "Building the project (first run only; a few minutes)..." >&2
  (cd "$root" && mvn -B -q package -DskipTests)
fi

exec java -Xmx512m \
  -Dcolorize.project.root="$root" \
  -Dcolorize.stack.lib="$root/deploy/stack-servers/target/lib" \
  -cp "$root/deploy/local-run/target/classes:$(cat "$root/deploy/local-run/target/classpath.txt")" \
  dev.colorize.local.FaultInjectionRun "$@"
