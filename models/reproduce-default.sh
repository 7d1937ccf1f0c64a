#!/usr/bin/env bash
# Reproduces models/default from the OpenMoji 17 npm tarball with the project's own trainer: import the
# triplets, train (resumable: run it again to continue), evaluate on the held-out authors, export float16.
#   models/reproduce-default.sh [WORK_DIR]     (default WORK_DIR: .data, git-ignored)
# Needs a JDK 17, Maven and npm (for the tarball); about 2 minutes of import and, on 2 cores, about an
# hour of training per 4,000 steps.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mkdir -p "${1:-$root/.data}" && cd "${1:-$root/.data}" && pwd)
cd "$root"
# The shipped model's schedule and where it stopped (see models/default/manifest.json: trainingSteps).
steps=5000 decay=1500 until=${UNTIL:-5000}

[ -f trainer/target/quarkus-app/quarkus-run.jar ] || mvn -B -q package -DskipTests
trainer() { nice -n 10 java -Dai.djl.offline=true -Xmx6g -jar trainer/target/quarkus-app/quarkus-run.jar "$@"; }

[ -f "$work/openmoji-17.0.0.tgz" ] || (cd "$work" && npm pack openmoji@17.0.0)
[ -f "$work/openmoji-256/manifest.json" ] || trainer import-openmoji "$work/openmoji-17.0.0.tgz" "$work/openmoji-256"
trainer train-colorizer "$work/openmoji-256" "$work/runs/default" --steps "$steps" --decay "$decay" --until "$until" \
  --batch 8 --size 128 --base-width 32 --levels 7 --hints true --seed 1
trainer evaluate-colorizer "$work/runs/default/model" "$work/openmoji-256" "$work/runs/default/quality"
trainer export-model "$work/runs/default/model" models/default
cp "$work/openmoji-256/ATTRIBUTION.md" models/default/ATTRIBUTION.md
echo "models/default refreshed; quality figures and sheets in $work/runs/default/quality"
