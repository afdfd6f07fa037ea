#!/usr/bin/env bash
# topicnmf as a library in a running JVM against scikit-learn in a running Python, on the same
# matrix: the warm counterpart of bench/nmf_vs_sklearn.sh, run after it.
#
#   bench/nmf_warm.sh [--runs N] [--threads N] [--frobenius-max-iter N] OUT...
#
# OUT is an output folder of bench/nmf_vs_sklearn.sh (e.g. bench/out/20news-train): its exported
# matrix and its scikit-learn runs (time and final objective of every case) are reused. For each
# case there, bench/WarmFactorize.java reads the matrix once and factorizes it N+1 times (default
# N = 4) in one JVM; the first run is cold and dropped, the median of the other N is compared with
# the median scikit-learn time of the case. scikit-learn's time (fit_transform) never included
# Python's start-up, imports or reading the matrix; this is the like-for-like figure for a Java
# program that calls topicnmf as a library. Prints a table and appends it to OUT/warm.md.
# As in bench/run_all.sh, Frobenius fits run with tol 0 (for --frobenius-max-iter iterations,
# default 60, so the time to scikit-learn's objective exists) and KL fits with tol 1e-4.
set -euo pipefail
repo="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
helper="$repo/bench/nmf_bench.py"
runs=4
threads=2
frob_max_iter=60
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --frobenius-max-iter) frob_max_iter="$2"; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    -*) echo "nmf_warm.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    *) break ;;
  esac
done
[ $# -ge 1 ] || { echo "usage: bench/nmf_warm.sh [options] OUT... (try --help)" >&2; exit 2; }
(cd "$repo" && ./topicnmf --version >/dev/null) # builds the jar when stale
for out in "$@"; do
  mtx="$out/matrix/matrix.mtx"
  [ -f "$mtx" ] || { echo "nmf_warm.sh: $mtx not found: run bench/nmf_vs_sklearn.sh first" >&2; exit 2; }
  {
    echo
    echo "warm runs, $(date -u '+%Y-%m-%d %H:%M:%S UTC'), commit $(git -C "$repo" rev-parse --short HEAD), load $(cut -d' ' -f1-3 /proc/loadavg), topicnmf --threads $threads (frobenius: --tol 0 --max-iter $frob_max_iter; kl: --tol 1e-4 --max-iter 200), $runs warm runs after a cold one"
    echo
    echo "| case | sklearn s (median) | topicnmf cold s to sklearn objective | topicnmf warm s to sklearn objective (median) | warm init s (median) | iterations to it | speed-up warm |"
    echo "|---|---|---|---|---|---|---|"
  } | tee -a "$out/warm.md"
  for first in "$out"/runs/*.r1.sklearn.json; do
    c="$(basename "$first" .r1.sklearn.json)"
    loss="${c##*.}"
    k="${c%.*}"; k="${k##*.k}"
    target=$(python3 "$helper" sklearn-objective "$loss" "$first")
    if [ "$loss" = frobenius ]; then tn_tol=0; tn_max_iter=$frob_max_iter; else tn_tol=1e-4; tn_max_iter=200; fi
    sk=$(python3 -c "import json,glob,statistics,sys; print('%.2f' % statistics.median(json.load(open(f))['nmf_s'] for f in glob.glob(sys.argv[1] + '.r*.sklearn.json')))" "$out/runs/$c")
    lines=$(java -cp "$repo/target/topicnmf.jar" "$repo/bench/WarmFactorize.java" "$mtx" "$k" "$loss" "$target" \
        "$((runs + 1))" "$threads" "$tn_tol" "$tn_max_iter")
    echo "$lines" > "$out/runs/$c.warm.jsonl"
    python3 - "$out/runs/$c.warm.jsonl" "$c" "$sk" <<'PY' | tee -a "$out/warm.md"
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
cold, warm = rows[0], rows[1:]
sk = float(sys.argv[3])
hits = [r['secondsToTarget'] for r in warm if r['secondsToTarget'] is not None]
med = statistics.median(hits) if len(hits) == len(warm) else None
fmt = lambda v: '–' if v is None else '%.2f' % v
print('| %s | %.2f | %s | %s | %.2f | %s | %s |' % (sys.argv[2], sk, fmt(cold['secondsToTarget']), fmt(med),
      statistics.median(r['initSeconds'] for r in warm), warm[-1]['iterationToTarget'],
      '–' if med is None else '%.1f×' % (sk / med)))
PY
  done
done
