#!/usr/bin/env bash
# Streaming ingestion of one ~400 MB .jsonl (issue 12, item 1): two builds side by side.
#
#   bench/stream_jsonl.sh BASE_JAR NEW_JAR [RUNS] [JAVA_OPTS...]
#
# Builds /tmp/stream-bench/big.jsonl once, deterministically: 20 copies of Reuters-21578
# (/work/shared/corpora/reuters21578.jsonl.gz), ids made unique per copy (431,560 records, 398 MB).
# Then runs `vectorize big.jsonl --threads 2` with each jar in turn, RUNS times (default 2), under
# /usr/bin/time -v, and prints wall time, CPU utilisation ((user+sys)/wall), peak RSS and, with
# -Dtopicnmf.streamStats, each streaming pass's CPU seconds per thread (reading thread, workers)
# and, since the stagespeed round, the seconds each of them spent waiting (parked or blocked).
# Checks that both jars wrote the same matrix.mtx. Nothing is written to the repository.
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
base=$(readlink -f "$1"); new=$(readlink -f "$2"); runs=${3:-2}; shift $(( $# >= 3 ? 3 : 2 ))
dir=/tmp/stream-bench; mkdir -p "$dir"; cd "$dir"
if [ ! -f big.jsonl ]; then
  /usr/bin/python3 - big.jsonl <<'PY'
import gzip, json, sys
recs = [json.loads(l) for l in gzip.open('/work/shared/corpora/reuters21578.jsonl.gz', 'rt', encoding='utf-8')]
with open(sys.argv[1], 'w', encoding='utf-8') as out:
    for c in range(20):
        for r in recs:
            r2 = dict(r); r2['id'] = '%d-%s' % (c, r['id'])
            out.write(json.dumps(r2, ensure_ascii=False) + '\n')
PY
fi
for i in $(seq "$runs"); do
  for side in base new; do
    jar=$base; [ "$side" = new ] && jar=$new
    rm -rf "out-$side"
    /usr/bin/time -v java "$@" -Dtopicnmf.streamStats=1 -jar "$jar" vectorize big.jsonl -o "out-$side" --threads 2 \
      >"$side-$i.out" 2>"$side-$i.err" || { echo "$side run $i failed:"; tail -5 "$side-$i.err"; continue; }
    awk -v s="$side" -v i="$i" -F': ' '
      /User time/ {u=$2} /System time/ {y=$2} /Maximum resident/ {r=$2}
      /Elapsed/ {n=split($2,a,":"); w=(n==3)?a[1]*3600+a[2]*60+a[3]:a[1]*60+a[2]}
      END {printf "%-4s run %d: wall %.1f s, user %.1f s, sys %.1f s, CPU %.2f cores, peak RSS %.2f GB\n", s, i, w, u, y, (u+y)/w, r/1048576}' \
      "$side-$i.err"
    grep -E '^stream pass: [0-9]{5,}' "$side-$i.err" || true
  done
  uptime
done
cmp -s out-base/matrix.mtx out-new/matrix.mtx && echo "matrix.mtx identical" || echo "matrix.mtx DIFFERS"
