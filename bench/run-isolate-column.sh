#!/usr/bin/env bash
# The positive control's isolating test (issue 28, docs/studies/positive-control.md): one SPEC column, one CC view, clean
# labels (a fine-calcification cluster or none), trained in PyTorch (bench/isolate_column.py) in the settings that
# located the fault, and recorded in bench/RESULTS.md. Needs /usr/bin/python3 with torch.
#   bench/run-isolate-column.sh [patch|whole|all]   (patch: the 160x160 settings, about 1 min each on 2 cores;
#                                                    whole: whole 650x500 views, about 8 min each; default all)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WHICH="${1:-all}"
DATA="${DATA:-$ROOT/bench/target/isolate-column}"
(cd "$ROOT" && mvn -q -B -DskipTests install) >&2
CP="$ROOT/bench/target/mvdcn-bench-0.1.0-SNAPSHOT.jar:$ROOT/bench/target/lib/*"
[ -e "$DATA/train/labels.txt" ] || java -cp "$CP" org.mvdcn.bench.ColumnIsolationData 800 1 "$DATA/train"
[ -e "$DATA/test/labels.txt" ] || java -cp "$CP" org.mvdcn.bench.ColumnIsolationData 300 2 "$DATA/test"
run() { /usr/bin/python3 "$ROOT/bench/isolate_column.py" "$DATA/train" "$DATA/test" "$@" | tee /dev/stderr | grep '^RESULT' | sed 's/^RESULT /- /'; }
cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
if [ "$WHICH" != whole ]; then
  {
    echo "Patches: 160x160 around the cluster's place (16x smaller haystack), 800 training and 300 test views, 12 epochs, $cpu, $(date -u +%F):"
    echo
    run --patch 160 --epochs 12 --init glorot
    run --patch 160 --epochs 12 --init lsuv
    run --patch 160 --epochs 12 --init he --pool max
    run --patch 160 --epochs 12 --init centred
    run --patch 160 --epochs 12 --init centred --seed 2
    run --patch 160 --epochs 12 --init centred --factor 4
  } | /usr/bin/python3 "$ROOT/bench/record.py" "$ROOT/bench/RESULTS.md" isolate-column-patches
fi
if [ "$WHICH" != patch ]; then
  {
    echo "Whole views: 650x500, 800 training and 300 test views, 10 epochs, $cpu, $(date -u +%F):"
    echo
    run --epochs 10 --init lsuv
    run --epochs 10 --init centred
    run --epochs 10 --init centred --pool max
  } | /usr/bin/python3 "$ROOT/bench/record.py" "$ROOT/bench/RESULTS.md" isolate-column-whole
fi
