#!/usr/bin/env bash
# The positive control's isolating test (issue 28, docs/studies/positive-control.md): one SPEC column, one CC view, clean
# labels (a fine-calcification cluster or none), trained in PyTorch (bench/isolate_column.py) in the settings that
# located the fault, and recorded in bench/RESULTS.md. Needs /usr/bin/python3 with torch.
#   bench/run-isolate-column.sh [patch|whole|all]   (patch: the 160x160 and 320x320 settings, 1-4 min each on 2 cores;
#                                                    whole: whole 650x500 views, about 8 min each; default all)
#   DATA=DIR TRAIN_VIEWS=3200 bench/run-isolate-column.sh more-views   (320x320 with 4 times the training views, 10 min each)
#   bench/run-isolate-column.sh smaller-field   (whole 325x250 views: the second positive control's field, half the side at the
#                                                same pixel size; batch norm at 800, 1600, 3200 training views, the paper's
#                                                column at 3200, exam labels at 3200 and 6400; 2-15 min each)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WHICH="${1:-all}"
DATA="${DATA:-$ROOT/bench/target/isolate-column}"
(cd "$ROOT" && mvn -q -B -DskipTests install) >&2
CP="$ROOT/bench/target/mvdcn-bench-0.1.0-SNAPSHOT.jar:$ROOT/bench/target/lib/*"
TRAIN_VIEWS="${TRAIN_VIEWS:-800}"
if [ "$WHICH" != smaller-field ]; then
  [ -e "$DATA/train/labels.txt" ] || java -cp "$CP" org.mvdcn.bench.ColumnIsolationData "$TRAIN_VIEWS" 1 "$DATA/train"
  [ -e "$DATA/test/labels.txt" ] || java -cp "$CP" org.mvdcn.bench.ColumnIsolationData 300 2 "$DATA/test"
fi
# every line to stderr (the log), the RESULT line as a list item to stdout (the record)
run() {
  /usr/bin/python3 "$ROOT/bench/isolate_column.py" "$DATA/train" "$DATA/test" "$@" | while IFS= read -r line; do
    printf '%s\n' "$line" >&2
    case "$line" in RESULT*) printf -- '- %s\n' "${line#RESULT }" ;; esac
  done
}
cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
if [ "$WHICH" = smaller-field ]; then
  HALF="$ROOT/bench/target/isolate-column-325x250"
  [ -e "$HALF/train/labels.txt" ] || java -cp "$CP" org.mvdcn.bench.ColumnIsolationData 6400 1 "$HALF/train" 325 250 0.25 4
  [ -e "$HALF/test/labels.txt" ] || java -cp "$CP" org.mvdcn.bench.ColumnIsolationData 300 2 "$HALF/test" 325 250 0.25 4
  DATA="$HALF"
  {
    echo "Whole views of the smaller field: 325x250 at the same 0.4 mm pixels (\`synth --field 0.5\`), the first N of 6400 training views, 300 test views, 12 epochs, $cpu, $(date -u +%F):"
    echo
    run --height 325 --width 250 --epochs 12 --init he --norm batch --train-views 800
    run --height 325 --width 250 --epochs 12 --init he --norm batch --train-views 1600
    run --height 325 --width 250 --epochs 12 --init he --norm batch --train-views 3200
    run --height 325 --width 250 --epochs 12 --init glorot --train-views 3200
    run --height 325 --width 250 --epochs 12 --init he --norm batch --train-views 3200 --exam-labels
    run --height 325 --width 250 --epochs 12 --init he --norm batch --exam-labels
  } | /usr/bin/python3 "$ROOT/bench/record.py" "$ROOT/bench/RESULTS.md" isolate-column-smaller-field
  exit 0
fi
if [ "$WHICH" = more-views ]; then
  {
    echo "320x320 patches with $TRAIN_VIEWS training views (the first 800 are those above), 300 test views, 12 epochs, $cpu, $(date -u +%F):"
    echo
    run --patch 320 --epochs 12 --init he --norm batch
    run --patch 320 --epochs 12 --init centred
  } | /usr/bin/python3 "$ROOT/bench/record.py" "$ROOT/bench/RESULTS.md" isolate-column-more-views
  exit 0
fi
if [ "$WHICH" != whole ]; then
  {
    echo "Patches around the cluster's place (160x160: 12.7 times less breast to search than a whole view; 320x320: 3.2 times), 800 training and 300 test views, 12 epochs, $cpu, $(date -u +%F):"
    echo
    run --patch 160 --epochs 12 --init glorot
    run --patch 160 --epochs 12 --init lsuv
    run --patch 160 --epochs 12 --init he --pool max
    run --patch 160 --epochs 12 --init centred
    run --patch 160 --epochs 12 --init centred --seed 2
    run --patch 160 --epochs 12 --init he --norm batch
    run --patch 160 --epochs 12 --init centred --factor 4
    run --patch 320 --epochs 12 --init centred
    run --patch 320 --epochs 12 --init he --norm batch
  } | /usr/bin/python3 "$ROOT/bench/record.py" "$ROOT/bench/RESULTS.md" isolate-column-patches
fi
if [ "$WHICH" != patch ]; then
  {
    echo "Whole views: 650x500, 800 training and 300 test views, 10 epochs, $cpu, $(date -u +%F):"
    echo
    run --epochs 12 --init lsuv
    run --epochs 12 --init centred
    run --epochs 12 --init he --norm batch
  } | /usr/bin/python3 "$ROOT/bench/record.py" "$ROOT/bench/RESULTS.md" isolate-column-whole
fi
