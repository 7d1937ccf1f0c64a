#!/usr/bin/env bash
# Colors image files or a folder with a model artifact; needs no Kafka, database or object store.
#   gpu-worker/colorize.sh --model MODEL_DIR_OR_ZIP in.png out.png
#   gpu-worker/colorize.sh --model MODEL_DIR_OR_ZIP --batch 8 sketches/ colored/
# Options: --device cpu|gpu|auto (gpu needs the -Pgpu build), --threads N, --batch N.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
app="$here/target/quarkus-app"
if [ ! -d "$app/lib/main" ]; then
  echo "Building gpu-worker first (once)..." >&2
  (cd "$here/.." && mvn -B -q -pl gpu-worker -am package -DskipTests)
fi
exec java -Dai.djl.offline=true -cp "$app/app/*:$app/lib/main/*:$app/lib/boot/*" \
  dev.colorize.worker.cli.ColorizeCommand "$@"
