#!/usr/bin/env bash
# Benchmark: evaluate's work per test exam at full resolution (loader + 10 crop sets through the
# paper's network), B exams per forward (1 and 2), fp32 and, where the CPU has AVX512-BF16 or
# AMX, bf16 (what --precision bf16 sets), interleaved process by process. Uses the loader
# benchmark's scale-1 synthetic cohort (generated on first use). Records a table in bench/RESULTS.md.
#   bench/run-evaluate.sh [PATIENTS] [ROUNDS]      (defaults 6 patients (11 exams), 1 round)
# KEY names the RESULTS.md block (default evaluate-full-resolution).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PATIENTS="${1:-6}"
ROUNDS="${2:-1}"
KEY="${KEY:-evaluate-full-resolution}"
COHORT="${COHORT:-$ROOT/bench/target/loader-cohort-$PATIENTS}"
[ "${BUILD:-1}" = 0 ] || (cd "$ROOT" && mvn -q -B -DskipTests install) >&2
CP="$ROOT/bench/target/mvdcn-bench-0.1.0-SNAPSHOT.jar:$ROOT/bench/target/lib/*"
PRELOAD=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4
[ -e "$PRELOAD" ] || PRELOAD=""
PRECISIONS="fp32"
grep -qE 'avx512_bf16|amx_bf16' /proc/cpuinfo && PRECISIONS="fp32 bf16"
export OMP_NUM_THREADS=2 OPT_OUT_TRACKING=true
LOG="$(mktemp)"
for r in $(seq "$ROUNDS"); do
  for batch in 1 2; do
    for precision in $PRECISIONS; do
      echo "round $r/$ROUNDS: batch $batch, $precision" >&2
      mode=""
      [ "$precision" = bf16 ] && mode=BF16
      ONEDNN_DEFAULT_FPMATH_MODE="$mode" LD_PRELOAD="$PRELOAD" java -Xmx4g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=2 \
        -Dai.djl.pytorch.num_interop_threads=1 -cp "$CP" org.mvdcn.bench.EvaluateBenchmark "$COHORT" "$PATIENTS" "$batch" 2>/dev/null \
        | grep '^{' | sed "s/^{/{\"precision\":\"$precision\",/" >> "$LOG"
    done
  done
done
/usr/bin/python3 - "$LOG" "$ROUNDS" <<'PY' | /usr/bin/python3 "$ROOT/bench/record.py" "$ROOT/bench/RESULTS.md" "$KEY"
import json, sys, datetime, statistics
runs = [json.loads(l) for l in open(sys.argv[1])]
cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
print("evaluate at full resolution: %d exams (synthetic, scale 1, 16-bit PNG), 10 crop sets each, 2 loader threads, "
      "tcmalloc, 2 threads, %s; %s round(s); measured %s.\n" % (runs[0]["exams"], cpu, sys.argv[2], datetime.date.today().isoformat()))
print("| precision | exams per forward | s per exam | exams/s | crop sets/s | peak RSS MiB |")
print("|---|---|---|---|---|---|")
for precision in ("fp32", "bf16"):
    for batch in (1, 2):
        rs = [r for r in runs if r["precision"] == precision and r["batch"] == batch]
        if rs:
            s = statistics.median(r["seconds"] / r["exams"] for r in rs)
            print("| %s | %d | %.2f | %.3f | %.2f | %.0f |" % (precision, batch, s, 1 / s, 10 / s, max(r["peak_rss_mib"] for r in rs)))
PY
rm -f "$LOG"
