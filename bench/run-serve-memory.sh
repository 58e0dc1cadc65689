#!/usr/bin/env bash
# Resident memory of `mvdcn serve` over many studies: one study received by C-STORE, then computed again
# N-1 times through POST /api/studies/{uid}/reprocess (the full path: read, network + saliency, pictures,
# SR and SC written), printing the JVM's resident set after each. Recorded in bench/RESULTS.md.
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"; cd "$ROOT"; STUDY="${2:?usage: bench/run-serve-memory.sh N STUDY_DIR (a four-view DICOM study, StudyInstanceUID 1.2.3.4.5.6)}"
rm -rf /tmp/rss && mkdir -p /tmp/rss
LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4 OPT_OUT_TRACKING=true java -Dai.djl.offline=true \
  -cp "cli/target/mvdcn-cli-0.1.0-SNAPSHOT.jar:cli/target/lib/*" org.mvdcn.cli.Main serve \
  --weights core/src/test/resources/parity/full.safetensors --port 11198 --http 18080 --data /tmp/rss/data --quiet-seconds 1 \
  > /tmp/rss/out 2> /tmp/rss/err &
PID=$!
sleep 8
storescu -aet MODALITY -aec MVDCN 127.0.0.1 11198 "$STUDY"/*.dcm
TOKEN=$(cat /tmp/rss/data/token)
status() { curl -s -H "Authorization: Bearer $TOKEN" http://127.0.0.1:18080/api/studies/1.2.3.4.5.6 | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])'; }
until [ "$(status)" = done ]; do sleep 0.5; done
rss() { awk '/VmRSS/ {print int($2/1024)}' /proc/$PID/status; }
echo "study 1: $(rss) MiB"
for i in $(seq 2 ${1:-40}); do
  curl -s -o /dev/null -X POST -H "Authorization: Bearer $TOKEN" http://127.0.0.1:18080/api/studies/1.2.3.4.5.6/reprocess
  sleep 0.3
  until [ "$(status)" = done ]; do sleep 0.3; done
  echo "study $i: $(rss) MiB"
done
kill $PID; wait $PID; echo "exit $?"
grep -v "computing\|done in\|queued again\|received MG" /tmp/rss/err
