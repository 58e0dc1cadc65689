#!/usr/bin/env bash
# Benchmark: one full-resolution four-view exam through mvdcn (DJL + libtorch) and through
# plain PyTorch (Debian's python3-torch) on the same machine, interleaved process by process, same
# thread count, same allocator. Writes the summary into bench/RESULTS.md (between the forward markers).
#
#   bench/run-forward.sh [ROUNDS] [REPEATS]      (defaults 3 rounds x 5 timed runs, after 1 warm-up)
#   THREADS=2 ALLOCATOR=tcmalloc|glibc MODE=forward|saliency bench/run-forward.sh
# MODE=saliency times one forward + backward of the entropy to the four inputs (|dH/dx|);
# MODE=train one training step on a batch of 4 exams (noise, dropout, cross-entropy, Adam).
# Each round runs mvdcn, PyTorch in its default NCHW layout, and PyTorch as a speed-minded user
# configures it (channels_last weights and inputs, inference_mode; PYTORCH_CL=0 leaves it out).
# BF16=1 adds a row "mvdcn bf16": the same process under ONEDNN_DEFAULT_FPMATH_MODE=BF16, what
# `--precision bf16` sets (convolutions on AMX / AVX512-BF16, fp32 storage), and its peer, PyTorch's own
# bf16 path: the channels-last model under torch.autocast("cpu", dtype=torch.bfloat16).
# The channels-last peers convert with .to(memory_format=...) and refuse to run unless every 4-D tensor
# is channels-last strided (pytorch_forward.py): a 1-channel tensor is otherwise left NCHW (issue 29).
# BASELINE_LIB=DIR adds a row "mvdcn BASELINE_NAME" (default "baseline"): the bench jar with the jars in DIR,
# another build's bench/target/lib (an earlier commit's core, say), so a change is measured against
# what it replaces in the same interleaved run.
# KEY names the RESULTS.md block (default MODE-ALLOCATOR-Nthreads); BUILD=0 skips the mvn install.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS="${1:-3}"
REPEATS="${2:-5}"
THREADS="${THREADS:-2}"
ALLOCATOR="${ALLOCATOR:-tcmalloc}"
MODE="${MODE:-forward}"
EXAM="${EXAM:-$ROOT/../shared/data/nyu-sample-exam}"
PYTORCH_CL="${PYTORCH_CL:-1}"
BF16="${BF16:-0}"
BASELINE_LIB="${BASELINE_LIB:-}"
BASELINE_NAME="${BASELINE_NAME:-baseline}"
KEY="${KEY:-$MODE-$ALLOCATOR-${THREADS}threads}"

need=()
for p in python3-torch python3-numpy python3-pil libtcmalloc-minimal4; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]} (benchmark only)" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
[ "${BUILD:-1}" = 0 ] || (cd "$ROOT" && mvn -q -B -DskipTests install) >&2

PRELOAD=""
[ "$ALLOCATOR" = tcmalloc ] && PRELOAD=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4
export OMP_NUM_THREADS="$THREADS" OPT_OUT_TRACKING=true
LOG="$(mktemp)"
# One mvdcn process with the bench jar and the jars in LIB, its JSON line relabelled LABEL;
# further VAR=VALUE arguments go into its environment.
mvdcn_row() {
  local label="$1" lib="$2"
  shift 2
  echo "round $r/$ROUNDS: $label" >&2
  env "$@" LD_PRELOAD="$PRELOAD" java -Xmx2g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$THREADS" \
    -Dai.djl.pytorch.num_interop_threads=1 \
    -cp "$ROOT/bench/target/mvdcn-bench-0.1.0-SNAPSHOT.jar:$lib/*" \
    org.mvdcn.bench.ForwardBenchmark "$EXAM" "$REPEATS" "$MODE" 2>/dev/null | grep '^{' \
    | sed "s/\"impl\":\"mvdcn\"/\"impl\":\"$label\"/" >> "$LOG"
}
for r in $(seq "$ROUNDS"); do
  mvdcn_row mvdcn "$ROOT/bench/target/lib"
  [ -z "$BASELINE_LIB" ] || mvdcn_row "mvdcn $BASELINE_NAME" "$BASELINE_LIB"
  [ "$BF16" = 0 ] || mvdcn_row "mvdcn bf16" "$ROOT/bench/target/lib" ONEDNN_DEFAULT_FPMATH_MODE=BF16
  echo "round $r/$ROUNDS: pytorch" >&2
  LD_PRELOAD="$PRELOAD" /usr/bin/python3 "$ROOT/bench/pytorch_forward.py" "$EXAM" "$REPEATS" "$THREADS" "$MODE" nchw >> "$LOG"
  if [ "$PYTORCH_CL" = 1 ]; then
    echo "round $r/$ROUNDS: pytorch channels_last" >&2
    LD_PRELOAD="$PRELOAD" /usr/bin/python3 "$ROOT/bench/pytorch_forward.py" "$EXAM" "$REPEATS" "$THREADS" "$MODE" channels_last >> "$LOG"
  fi
  if [ "$BF16" = 1 ]; then
    echo "round $r/$ROUNDS: pytorch channels_last autocast bf16" >&2
    LD_PRELOAD="$PRELOAD" /usr/bin/python3 "$ROOT/bench/pytorch_forward.py" "$EXAM" "$REPEATS" "$THREADS" "$MODE" channels_last_bf16 >> "$LOG"
  fi
done

SUMMARY="$(mktemp)"
/usr/bin/python3 - "$LOG" "$THREADS" "$ALLOCATOR" "$ROUNDS" "$REPEATS" "$MODE" > "$SUMMARY" <<'PY'
import json, platform, statistics, sys, datetime
log, threads, allocator, rounds, repeats, mode = sys.argv[1:]
runs = [json.loads(l) for l in open(log)]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
rows = []
for impl in dict.fromkeys(r["impl"] for r in runs):  # in the order of the first round
    rs = [r for r in runs if r["impl"] == impl]
    if not rs:
        continue
    times = sorted(t for r in rs for t in r["times"])
    rows.append((impl, rs[0]["engine"], min(times), statistics.median(times), statistics.median(r["first"] for r in rs),
                 max(r["peak_rss_mib"] for r in rs), len(times)))
# backward to the inputs only (weights frozen) costs about one more forward: 2 x 59.7
# a training step on 4 exams: about 3 forwards each (SPEC section 7)
gflop = {"forward": 59.7, "saliency": 119.4, "train": 4 * 3 * 59.7}[mode]
what = {"forward": "Forward", "saliency": "Saliency |dH/dx| (forward + backward to the inputs)",
        "train": "Training step, batch of 4 exams (noise, dropout, cross-entropy, backward, Adam)"}[mode]
table = ["%s, one exam (4 views, 2600x2000), %s, %s threads, %s; %s rounds x %s timed runs, interleaved; measured %s." % (
             what, allocator, threads, cpu, rounds, repeats, datetime.date.today().isoformat()),
         "",
         "| implementation | engine | min s | median s | first run s | GFLOP/s (%g / min) | peak RSS MiB | runs |" % gflop,
         "|---|---|---|---|---|---|---|---|"]
for impl, engine, mn, med, first, rss, n in rows:
    table.append("| %s | %s | %.3f | %.3f | %.2f | %.0f | %.0f | %d |" % (impl, engine, mn, med, first, gflop / mn, rss, n))
print("\n".join(table))
PY
/usr/bin/python3 "$ROOT/bench/record.py" "$ROOT/bench/RESULTS.md" "$KEY" < "$SUMMARY"
rm -f "$LOG" "$SUMMARY"
