#!/usr/bin/env bash
# The main job, on this machine, with nothing but a JDK 17 and Maven: builds what it needs, starts the
# embedded stack (real Kafka, PostgreSQL, S3) and the three services, makes sure a production model
# exists (the shipped default model on a fresh registry, or a short bootstrap run with --bootstrap),
# uploads a chapter as a local publisher, waits for the signed webhook and writes the colored pages,
# chapter.cbz and summary.json.
#   deploy/colorize-local.sh [--input PATH] [--hints DIR] [--reference DIR] [--output DIR] [--data DIR] [--layers] [--per-pixel-flats] [--bootstrap] [--bootstrap-seconds N]
# --layers also writes each page's OpenRaster and Photoshop files (lines on multiply over flat colors) beside it.
# --hints uploads the color hints of DIR named after the pages (001.hints.png or 001.hints.json for 001.png).
# --reference stores the colored images of DIR (aiko.lines.png beside aiko.png: its line art) as the references of
# series "local" and uploads the chapter as one of that series, so its regions follow their colors where they match.
# Ctrl-C stops everything it started; running it again reuses the data and the model.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

built() {
  for m in ingest-service gpu-worker trainer; do
    [ -f "$root/$m/target/quarkus-app/quarkus-run.jar" ] || return 1
  done
  [ -f "$root/deploy/local-run/target/classpath.txt" ] && ls "$root"/deploy/stack-servers/target/lib/*.jar >/dev/null 2>&1
}
# A source, pom or shipped-model file newer than the oldest service build: the jars would run old code.
stale() {
  local oldest
  oldest=$(ls -tr "$root"/{ingest-service,gpu-worker,trainer}/target/quarkus-app/quarkus-run.jar | head -1)
  [ -n "$(find "$root" \( -name target -o -name .git -o -name node_modules -o -path "$root/.colorize-data" \
      -o -path "$root/.data" \) -prune -o -type f \( -path '*/src/main/*' -o -name pom.xml \
      -o -path "$root/models/default/*" \) -newer "$oldest" -print -quit)" ]
}
if ! built; then
  echo "Building the project (first run only; a few minutes)..." >&2
  (cd "$root" && mvn -B -q package -DskipTests)
elif stale; then
  echo "Sources changed since the last build: building again (mvn package)..." >&2
  (cd "$root" && mvn -B -q package -DskipTests)
fi

exec java -Xmx512m \
  -Dcolorize.project.root="$root" \
  -Dcolorize.stack.lib="$root/deploy/stack-servers/target/lib" \
  -cp "$root/deploy/local-run/target/classes:$(cat "$root/deploy/local-run/target/classpath.txt")" \
  dev.colorize.local.ColorizeLocal "$@"
