#!/usr/bin/env bash
# Reproduces models/default with the project's own trainer, in two stages (issue 23):
#  1. the OpenMoji model: import OpenMoji 17, train to step 4,138 (the model shipped until 2026-12-06);
#  2. fine-tune it on OpenMoji and Fluent Emoji pooled for 2,500 steps at half the learning rate (no line-style
#     augmentation: the run with it was worse on OpenMoji, docs/QUALITY.md "Fine-tuned on two sources");
# then evaluate on every source's held-out drawings, export float16 and fit its region metric (series references).
#   models/reproduce-default.sh [WORK_DIR]     (default WORK_DIR: .data, git-ignored)
# Needs a JDK 17, Maven and npm (for the tarballs); on 2 cores about 5 minutes of imports, about 95 minutes for
# stage 1 and 45 minutes for stage 2. Resumable: run it again to continue a stage.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mkdir -p "${1:-$root/.data}" && cd "${1:-$root/.data}" && pwd)
cd "$root"
flat=iconify-json-fluent-emoji-flat-1.2.6.tgz contrast=iconify-json-fluent-emoji-high-contrast-1.2.6.tgz

[ -f trainer/target/quarkus-app/quarkus-run.jar ] || mvn -B -q package -DskipTests
trainer() { nice -n 10 java -Dai.djl.offline=true ${JAVA_OPTS:-} -Xmx6g -jar trainer/target/quarkus-app/quarkus-run.jar "$@"; }

[ -f "$work/openmoji-17.0.0.tgz" ] || (cd "$work" && npm pack openmoji@17.0.0)
[ -f "$work/$flat" ] || (cd "$work" && npm pack @iconify-json/fluent-emoji-flat@1.2.6)
[ -f "$work/$contrast" ] || (cd "$work" && npm pack @iconify-json/fluent-emoji-high-contrast@1.2.6)
[ -f "$work/openmoji-256/manifest.json" ] || trainer import-openmoji "$work/openmoji-17.0.0.tgz" "$work/openmoji-256"
trainer import-fluent-emoji "$work/$flat" "$work/$contrast" "$work/fluent-256"   # resumes; quick when done

# stage 1: the OpenMoji model (its schedule and where it stopped)
trainer train-colorizer "$work/openmoji-256" "$work/runs/default" --steps 5000 --decay 1500 --until 4138 \
  --batch 8 --size 128 --base-width 32 --levels 7 --hints true --seed 1
# stage 2: fine-tuned on both sources (PyTorch on one thread: with two, a shared machine stalled it)
OMP_NUM_THREADS=1 JAVA_OPTS=-Dai.djl.pytorch.num_threads=1 trainer train-colorizer "$work/openmoji-256,$work/fluent-256" \
  "$work/runs/default-ft" --from "$work/runs/default/model" --steps 2500 --decay 1000 --lr 1e-4 --batch 8 \
  --size 128 --base-width 32 --levels 7 --hints true --seed 2 --checkpoint-every 250
for source in openmoji fluent; do
  trainer evaluate-colorizer "$work/runs/default-ft/model" "$work/$source-256" "$work/runs/default-ft/quality-$source" \
    --drawings 200 --pages 20 --hints 8
done
trainer export-model "$work/runs/default-ft/model" models/default
trainer fit-region-metric models/default "$work/openmoji-256"   # how pages follow series references (after export: it names the weights)
{ cat "$work/openmoji-256/ATTRIBUTION.md"; echo; sed '1s/^# Attribution/# Attribution (Fluent Emoji)/' "$work/fluent-256/ATTRIBUTION.md"; } \
  > models/default/ATTRIBUTION.md
echo "models/default refreshed; quality figures and sheets in $work/runs/default-ft/quality-*"
