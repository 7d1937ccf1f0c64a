#!/usr/bin/env bash
# Trains a candidate for models/default on OpenMoji and Fluent Emoji together (issue 23), with the shipped
# model's network and schedule: import both sources, train (resumable: run it again to continue),
# evaluate on each source's validation drawings beside the shipped model. It does not replace
# models/default: export a checkpoint by hand (export-model) only if it beats the shipped one on every set.
#   models/train-v2.sh [WORK_DIR]     (default WORK_DIR: .data, git-ignored)
# The run trains from its own copy of the trainer (WORK_DIR/runs/v2/app), so rebuilding the project does
# not change the code under a running run; delete that folder to train a newer build. Training runs at
# nice 19 (it shares the machine). Stop it with kill PID; the last checkpoint (every 10 minutes) stays.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mkdir -p "${1:-$root/.data}" && cd "${1:-$root/.data}" && pwd)
cd "$root"
run="$work/runs/v2"
steps=5000 decay=1500 until=${UNTIL:-5000}
flat=iconify-json-fluent-emoji-flat-1.2.6.tgz contrast=iconify-json-fluent-emoji-high-contrast-1.2.6.tgz

[ -f trainer/target/quarkus-app/quarkus-run.jar ] || mvn -B -q package -DskipTests
[ -d "$run/app" ] || { mkdir -p "$run" && cp -r trainer/target/quarkus-app "$run/app"; }
trainer() { nice -n 10 java -Dai.djl.offline=true -Xmx6g -jar "$run/app/quarkus-run.jar" "$@"; }

[ -f "$work/openmoji-17.0.0.tgz" ] || (cd "$work" && npm pack openmoji@17.0.0)
[ -f "$work/$flat" ] || (cd "$work" && npm pack @iconify-json/fluent-emoji-flat@1.2.6)
[ -f "$work/$contrast" ] || (cd "$work" && npm pack @iconify-json/fluent-emoji-high-contrast@1.2.6)
[ -f "$work/openmoji-256/manifest.json" ] || trainer import-openmoji "$work/openmoji-17.0.0.tgz" "$work/openmoji-256"
trainer import-fluent-emoji "$work/$flat" "$work/$contrast" "$work/fluent-256"   # resumes; quick when done
nice -n 19 java -Dai.djl.offline=true -Xmx6g -jar "$run/app/quarkus-run.jar" train-colorizer \
  "$work/openmoji-256,$work/fluent-256" "$run" --steps "$steps" --decay "$decay" --until "$until" \
  --batch 8 --size 128 --base-width 32 --levels 7 --hints true --seed 1
for model in "$run/model" models/default; do
  for source in openmoji fluent; do
    out="$run/quality/$(basename "$model")-$source"
    trainer evaluate-colorizer "$model" "$work/$source-256" "$out" --drawings 200 --pages 20 --hints 8
  done
done
echo "quality tables: $run/quality/*/quality.md"
