#!/usr/bin/env bash
# Spark's overhead (issue 17): exams per second of `mvdcn score` in local[1] and local[2] against
# plain `mvdcn evaluate` on the same exams, crops and seed, each run's peak resident memory (in local
# mode the driver JVM is the one executor), and what those figures make of a 100,000-exam archive
# on N executors. The cohort: PATIENTS synthetic patients at 1/10 scale with the demo's network
# (width 0.5, 260x200 crops, trained one epoch on it on first use: its weights do not change the
# cost), every patient in test but the first (validation), so evaluate and `score --split test`
# score the same exams (each patient's last) with 10 crops. Records the block in bench/RESULTS.md.
#   bench/run-score.sh [PATIENTS]      (default 400)
#   FORWARD_S=0.30 DECODE_S=0.75 bench/run-score.sh   full-resolution figures for the estimate
#                                                     (the forward and loader blocks of RESULTS.md)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PATIENTS="${1:-400}"
FORWARD_S="${FORWARD_S:-0.30}"
DECODE_S="${DECODE_S:-0.75}"
WORK="$ROOT/bench/target/score-$PATIENTS"
MVDCN="$ROOT/mvdcn"
mkdir -p "$WORK"
"$MVDCN" --version > /dev/null  # builds first when the sources changed, so no measurement includes a build
[ -f "$WORK/cohort/manifest.csv" ] || "$MVDCN" synth --out "$WORK/cohort" --patients "$PATIENTS" --scale 0.1 > /dev/null
[ -f "$WORK/run/best.safetensors" ] || "$MVDCN" train --manifest "$WORK/cohort/manifest.csv" --out "$WORK/run" --epochs 1 \
  --width 0.5 --crop 260x200 > /dev/null 2>&1
WEIGHTS="$WORK/run/best.safetensors"
MANIFEST="$WORK/cohort/declared.csv"
/usr/bin/python3 - "$WORK/cohort/manifest.csv" "$MANIFEST" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
first = rows[0]["patient_id"]
for r in rows:
    r["split"] = "val" if r["patient_id"] == first else "test"
with open(sys.argv[2], "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
    w.writeheader()
    w.writerows(rows)
PY

# NAME COMMAND...: wall seconds and peak RSS (KiB) into $WORK/NAME.time, stderr into $WORK/NAME.log
measure() {
  local name="$1"; shift
  rm -rf "$WORK/$name"
  /usr/bin/time -f "%e %M" -o "$WORK/$name.time" "$@" > "$WORK/$name.out" 2> "$WORK/$name.log"
}
measure evaluate "$MVDCN" evaluate --weights "$WEIGHTS" --manifest "$MANIFEST" --crops 10 --seed 1 --out "$WORK/evaluate"
measure local1 "$MVDCN" score --weights "$WEIGHTS" --manifest "$MANIFEST" --split test --crops 10 --seed 1 \
  --out "$WORK/local1" --master 'local[1]'
measure local2 "$MVDCN" score --weights "$WEIGHTS" --manifest "$MANIFEST" --split test --crops 10 --seed 1 \
  --out "$WORK/local2" --master 'local[2]'

/usr/bin/python3 - "$WORK" "$FORWARD_S" "$DECODE_S" <<'PY' | /usr/bin/python3 "$ROOT/bench/record.py" "$ROOT/bench/RESULTS.md" score-spark
import datetime, re, subprocess, sys
work, forward, decode = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
exams = sum(1 for _ in open(work + "/evaluate/predictions.csv")) - 1
def run(name):
    wall, rss = open("%s/%s.time" % (work, name)).read().split()[-2:]
    steady = [float(m.group(1)) for m in re.finditer(r"scored \d+/\d+ exams, ([\d.]+) exams/s", open("%s/%s.log" % (work, name)).read())]
    return float(wall), int(rss) / 1024, steady[-1] if steady else None
cpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
model = re.search(r"Model name:\s*(.*)", cpu).group(1).strip()
cores = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
e, s1, s2 = run("evaluate"), run("local1"), run("local2")
print("%d test exams (each patient's last; synthetic, 1/10 scale, 260x200 crops, width-0.5 network), 10 crops each, seed 1, "
      "on %s cores of %s; measured %s. Wall time is the whole command (JVM, manifest, model, Spark session); "
      "the scoring rate is the progress line's, from the first task to the last row written." % (exams, cores, model, datetime.date.today()))
print()
print("| run | wall s | exams/s (wall) | exams/s (scoring) | peak RSS MiB |")
print("|---|---|---|---|---|")
print("| `evaluate` (libtorch on 2 threads, 1 loader thread; also its validation exam with 1 crop) | %.1f | %.2f | | %.0f |" % (e[0], exams / e[0], e[1]))
for name, r in (("`score --master local[1]` (1 task, 1 thread)", s1), ("`score --master local[2]` (2 tasks, 1 thread each)", s2)):
    print("| %s | %.1f | %.2f | %.2f | %.0f |" % (name, r[0], exams / r[0], r[2], r[1]))
# on paper: an exam at full resolution costs 10 forward passes on 2 threads and one decode on one thread (the other
# task's forward runs meanwhile), times what score local[2] took over evaluate here, start-ups included (an upper bound)
overhead = s2[0] / e[0]
per_exam = (10 * forward * 2 + decode) / 2 * overhead
print()
print("100,000 exams at full resolution (2600x2000, 10 crops) on paper: %.2f s of 2-core executor per exam = 10 x %.2f s "
      "forward on 2 threads + %.2f s decode on one, times %.2f (score local[2]'s wall time over evaluate's above, "
      "start-ups included: an upper bound); Spark's start and the evaluation (about %.0f s here) once per job." % (per_exam, forward, decode, overhead, s2[0] - exams / s2[2] if s2[2] else float("nan")))
print()
print("| executors of 2 cores | hours |")
print("|---|---|")
for n in (1, 10, 50, 100):
    print("| %d | %.1f |" % (n, 100000 * per_exam / n / 3600))
PY
