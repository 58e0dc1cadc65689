#!/usr/bin/env bash
# Service under load (issue 13): STUDIES four-view studies pushed at once by C-STORE (one dcmtk
# storescu each) to a node and web server in one JVM, while CLIENTS clients ask GET /api/studies
# every 100 ms; checks each study finished exactly once and the API's p95 <= 200 ms while the
# images arrive and after. Records the block in bench/RESULTS.md, marked FAIL when a check failed
# (and then exits 1). The node's log goes to bench/target/serve-load.log.
#   bench/run-serve-load.sh [STUDIES] [CLIENTS]      (defaults 20 studies, 4 clients)
#   QUIET_SECONDS=10 TIMEOUT_MINUTES=15 bench/run-serve-load.sh   (the quiet period: serve's default)
#   SENDER_NICE=19 bench/run-serve-load.sh   the senders yield the cores to the node, as if they ran
#                                            on another machine (recorded under its own key)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STUDIES="${1:-20}"
CLIENTS="${2:-4}"
QUIET_SECONDS="${QUIET_SECONDS:-10}"
TIMEOUT_MINUTES="${TIMEOUT_MINUTES:-15}"
SENDER_NICE="${SENDER_NICE:-0}"
KEY=serve-load
[ "$SENDER_NICE" = 0 ] || KEY="serve-load-senders-nice$SENDER_NICE"
(cd "$ROOT" && mvn -q -B -DskipTests install -pl bench -am) >&2
CP="$ROOT/bench/target/mvdcn-bench-0.1.0-SNAPSHOT.jar:$ROOT/bench/target/lib/*"
# as the launcher runs the node: tcmalloc when installed, DJL offline
PRELOAD=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4
[ -e "$PRELOAD" ] || PRELOAD=""
OUT="$(mktemp)"
status=0
LD_PRELOAD="$PRELOAD" java -Dai.djl.offline=true -Dmvdcn.root="$ROOT" -Dmvdcn.shared="$ROOT/../shared" -cp "$CP" \
  org.mvdcn.bench.ServeLoadBenchmark "$ROOT/bench/target/serve-load" "$STUDIES" "$CLIENTS" "$QUIET_SECONDS" "$TIMEOUT_MINUTES" "$SENDER_NICE" \
  > "$OUT" 2> "$ROOT/bench/target/serve-load.log" || status=$?
# no block when it crashed before measuring (the log says why); a failed check is still recorded
[ -s "$OUT" ] && /usr/bin/python3 "$ROOT/bench/record.py" "$ROOT/bench/RESULTS.md" "$KEY" < "$OUT"
rm -f "$OUT"
[ "$status" -eq 0 ] || echo "serve load benchmark failed (exit $status); log: $ROOT/bench/target/serve-load.log" >&2
exit "$status"
