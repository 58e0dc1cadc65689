#!/usr/bin/env bash
# The machine's fp32 peak (issue 14): cores x clock x FMA width from the CPU's own description,
# checked by a register-only FMA loop (JDK Vector API) on 1 and on all cores, beside the sgemm rate
# libtorch attains. Records the table in bench/RESULTS.md (block "peak-fp32").
#   bench/run-peak.sh [SECONDS]      (default 3 s of FMA loop per thread count)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_PER="${1:-3}"
[ "${BUILD:-1}" = 0 ] || (cd "$ROOT" && mvn -q -B -DskipTests install) >&2
CP="$ROOT/bench/target/mvdcn-bench-0.1.0-SNAPSHOT.jar:$ROOT/bench/target/lib/*"
CORES="$(nproc)"
LOG="$(mktemp)"
for t in 1 "$CORES"; do
  OMP_NUM_THREADS="$t" java --add-modules jdk.incubator.vector -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$t" \
    -cp "$CP" org.mvdcn.bench.PeakFlopsBenchmark "$t" "$SECONDS_PER" 2>/dev/null | grep '^{' >> "$LOG"
done
/usr/bin/python3 - "$LOG" "$CORES" <<'PY' | /usr/bin/python3 "$ROOT/bench/record.py" "$ROOT/bench/RESULTS.md" peak-fp32
import json, sys, datetime, re
log, cores = sys.argv[1], int(sys.argv[2])
runs = [json.loads(l) for l in open(log)]
info = open("/proc/cpuinfo").read()
model = re.search(r"model name\s*:\s*(.*)", info).group(1).strip()
mhz = float(re.search(r"cpu MHz\s*:\s*([\d.]+)", info).group(1))
flags = set(re.search(r"flags\s*:\s*(.*)", info).group(1).split())
shown = " ".join(f for f in ("avx2", "fma", "avx512f", "avx512_bf16", "avx512_fp16", "amx_bf16", "amx_tile") if f in flags)
lanes = 16 if "avx512f" in flags else 8
nominal = cores * mhz / 1000 * 2 * lanes * 2
print(f"fp32 peak, {model}, {cores} cores, cpu MHz {mhz:.0f}, flags {shown}; measured {datetime.date.today()}.")
print()
print(f"Nominal peak: {cores} cores x {mhz/1000:.2f} GHz x 2 FMA ports x {lanes} lanes x 2 FLOP = {nominal:.0f} GFLOP/s.")
print()
print("| threads | vector bits | FMA loop GFLOP/s | clock it implies (2 ports), GHz | libtorch sgemm 2048 GFLOP/s |")
print("|---|---|---|---|---|")
for r in runs:
    print(f"| {r['threads']} | {r['vector_bits']} | {r['fma_loop_gflops']:.0f} | {r['implied_ghz_per_core_2_ports']:.2f} | {r['sgemm_2048_gflops']:.0f} |")
PY
