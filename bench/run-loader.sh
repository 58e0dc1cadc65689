#!/usr/bin/env bash
# Loader benchmark: decode + orient + standardise + crop (into the native input) of full-resolution 16-bit PNG exams
# (a synthetic cohort generated at scale 1 on first use), with 1 and 2 loader threads, and the
# finding-visibility checks of the synthetic cohort, at scale 1 and at the positive control's scale. Records them in bench/RESULTS.md.
#   bench/run-loader.sh [PATIENTS] [TRIALS]      (defaults 6 patients, 8 findings per kind)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PATIENTS="${1:-6}"
TRIALS="${2:-8}"
COHORT="${COHORT:-$ROOT/bench/target/loader-cohort-$PATIENTS}"
(cd "$ROOT" && mvn -q -B -DskipTests install) >&2
CP="$ROOT/bench/target/mvdcn-bench-0.1.0-SNAPSHOT.jar:$ROOT/bench/target/lib/*"
PRELOAD=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4
[ -e "$PRELOAD" ] || PRELOAD=""
LD_PRELOAD="$PRELOAD" java -Xmx6g -cp "$CP" org.mvdcn.bench.LoaderBenchmark "$COHORT" "$PATIENTS" 2>/dev/null \
  | /usr/bin/python3 "$ROOT/bench/record.py" "$ROOT/bench/RESULTS.md" loader-2cores
LD_PRELOAD="$PRELOAD" java -cp "$CP" org.mvdcn.bench.ResolutionCheck "$TRIALS" 1 2>/dev/null \
  | /usr/bin/python3 "$ROOT/bench/record.py" "$ROOT/bench/RESULTS.md" finding-visibility
# the positive-control cohort's size and contrast (issue 28: docs/studies/positive-control.md)
LD_PRELOAD="$PRELOAD" java -cp "$CP" org.mvdcn.bench.ResolutionCheck 16 1 0.25 4 2>/dev/null \
  | /usr/bin/python3 "$ROOT/bench/record.py" "$ROOT/bench/RESULTS.md" finding-visibility-positive-control
