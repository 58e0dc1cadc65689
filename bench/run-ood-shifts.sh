#!/usr/bin/env bash
# Benchmark: the out-of-distribution check against shift families (core's ImageShift) made from a
# run's test exams, and the real sample exam. Records a table in bench/RESULTS.md under KEY.
#   bench/run-ood-shifts.sh RUN KEY [SEEDS] [REAL_DOWNSCALE]   (defaults: seeds 1,2,3; the demo's 1/10)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN="$1"
KEY="$2"
SEEDS="${3:-1,2,3}"
DOWNSCALE="${4:-10}"
[ "${BUILD:-1}" = 0 ] || (cd "$ROOT" && mvn -q -B -DskipTests install) >&2
CP="$ROOT/bench/target/mvdcn-bench-0.1.0-SNAPSHOT.jar:$ROOT/bench/target/lib/*"
cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
{
  echo "Out-of-distribution check against shift families, $(date -u +%F), $cpu."
  echo
  java -Xmx6g -Dai.djl.offline=true -cp "$CP" org.mvdcn.bench.OodShiftBenchmark "$RUN" \
    "$ROOT/../shared/data/nyu-sample-exam" "$DOWNSCALE" "$SEEDS" 2> >(grep -v WARN >&2)
} | /usr/bin/python3 "$ROOT/bench/record.py" "$ROOT/bench/RESULTS.md" "$KEY"
