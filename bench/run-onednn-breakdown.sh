#!/usr/bin/env bash
# Where a pass's time goes: mvdcn and plain PyTorch (NCHW and channels_last, as run-forward.sh sets
# them up) each run MODE (forward|saliency|train) with oneDNN's verbose mode on, and the primitives'
# execution times are summed per kind, direction and implementation, per pass; what the pass took
# beyond them is the time outside oneDNN (pooling, ReLU, dropout, random draws, copies, Adam).
# The verbose mode costs a little time of its own, so the step times here run above run-forward.sh's.
#
#   MODE=train bench/run-onednn-breakdown.sh [REPEATS]      (default 2 timed passes after 1 warm-up)
# Every pass is counted, the warm-up too (its primitive creation is not an execution, so it is not
# summed); KEY names the RESULTS.md block (default onednn-MODE).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPEATS="${1:-2}"
THREADS="${THREADS:-2}"
MODE="${MODE:-train}"
EXAM="${EXAM:-$ROOT/../shared/data/nyu-sample-exam}"
KEY="${KEY:-onednn-$MODE}"
PRELOAD=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4
[ -f "$PRELOAD" ] || PRELOAD=""
export OMP_NUM_THREADS="$THREADS" OPT_OUT_TRACKING=true ONEDNN_VERBOSE=1
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "mvdcn" >&2
LD_PRELOAD="$PRELOAD" java -Xmx2g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$THREADS" \
  -Dai.djl.pytorch.num_interop_threads=1 \
  -cp "$ROOT/bench/target/mvdcn-bench-0.1.0-SNAPSHOT.jar:$ROOT/bench/target/lib/*" \
  org.mvdcn.bench.ForwardBenchmark "$EXAM" "$REPEATS" "$MODE" > "$WORK/mvdcn.log" 2>/dev/null
for layout in nchw channels_last; do
  echo "pytorch $layout" >&2
  LD_PRELOAD="$PRELOAD" /usr/bin/python3 "$ROOT/bench/pytorch_forward.py" "$EXAM" "$REPEATS" "$THREADS" "$MODE" "$layout" \
    > "$WORK/pytorch-$layout.log" 2>&1
done

/usr/bin/python3 - "$WORK" "$REPEATS" "$MODE" "$THREADS" <<'PY' | /usr/bin/python3 "$ROOT/bench/record.py" "$ROOT/bench/RESULTS.md" "$KEY"
import collections, datetime, json, os, sys
work, repeats, mode, threads = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
passes = repeats + 1
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")

def summarise(path):
    """oneDNN v2 lines read 'onednn_verbose,exec,cpu,KIND,IMPL,PROP,...,MS'; v3 adds a version field
    after the prefix ('onednn_verbose,v1,primitive,exec,...'), so fields are found from 'exec'."""
    ms = collections.Counter()
    result = None
    for line in open(path, errors="replace"):
        if line.startswith("{"):
            result = json.loads(line)
            continue
        f = line.strip().split(",")
        if not f[0].endswith("_verbose") or "exec" not in f[:4]:
            continue
        i = f.index("exec")
        try:
            ms[(f[i + 2], f[i + 4], f[i + 3])] += float(f[-1])
        except (ValueError, IndexError):
            continue
    return ms, result

impls = [("mvdcn", "mvdcn.log"), ("pytorch", "pytorch-nchw.log"), ("pytorch channels_last", "pytorch-channels_last.log")]
out = ["%s, one exam (4 views, 2600x2000)%s, %s threads, %s, tcmalloc, oneDNN verbose on; %d passes each "
       "(1 warm-up + %d timed), times per pass; measured %s." % (
           mode, " x 4 (batch)" if mode == "train" else "", threads, cpu, passes, repeats, datetime.date.today().isoformat()), ""]
totals = []
for name, log in impls:
    ms, result = summarise(os.path.join(work, log))
    if result is None:
        out.append("%s: no result (see the log)" % name)
        continue
    wall = (result["first"] + sum(result["times"])) / passes
    onednn = sum(ms.values()) / 1000 / passes
    totals.append((name, wall, onednn))
    out += ["**%s** (%s): %.2f s a pass, %.2f s in oneDNN, %.2f s outside it" % (name, result["engine"], wall, onednn, wall - onednn), "",
            "| primitive | direction | implementation | s per pass |", "|---|---|---|---|"]
    for (kind, prop, impl), t in sorted(ms.items(), key=lambda kv: -kv[1]):
        if t / 1000 / passes >= 0.005:
            out.append("| %s | %s | %s | %.3f |" % (kind, prop, impl, t / 1000 / passes))
    out.append("")
print("\n".join(out).strip())
PY
