#!/usr/bin/env bash
# DICOM decoding benchmark: the sample exam's L-CC as PNG and as 12-bit DICOM (uncompressed,
# JPEG lossless, JPEG 2000; built with dcmtk and gdcm as the tests build theirs). Records the
# table in bench/RESULTS.md.
#   bench/run-dicom.sh [ROUNDS]      (default 7)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS="${1:-7}"
(cd "$ROOT" && mvn -q -B -DskipTests install) >&2
CP="$ROOT/bench/target/mvdcn-bench-0.1.0-SNAPSHOT.jar:$ROOT/bench/target/lib/*"
java -Dmvdcn.shared="$ROOT/../shared" -cp "$CP" org.mvdcn.bench.DicomDecodeBenchmark "$ROOT/bench/target/dicom-bench" "$ROUNDS" \
  2>/dev/null | /usr/bin/python3 "$ROOT/bench/record.py" "$ROOT/bench/RESULTS.md" dicom-decode
