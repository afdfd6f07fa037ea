#!/usr/bin/env bash
# ANLS (block principal pivoting) against accelerated HALS, cold (`topicnmf factorize`) and warm
# (one JVM), on Iris k=2,3 and on the TF-IDF matrices of bbc (k=5) and 20news-train (k=20):
#   bench/anls/run.sh CORPORA_DIR [WORKDIR]
# then `cd WORKDIR && python3 REPO/bench/anls/analyse.py` prints the table of bench/RESULTS.md.
set -euo pipefail
repo="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
corpora="$(readlink -f "${1:?usage: bench/anls/run.sh CORPORA_DIR [WORKDIR]}")"
work="$(readlink -f "${2:-$repo/bench/out/anls}")"
mkdir -p "$work" && cd "$work"
"$repo/topicnmf" --version >/dev/null
jar="$repo/target/topicnmf.jar"
cp "$repo/data/iris.csv" iris.csv
"$repo/topicnmf" fit "$corpora/bbc" -k 5 -q -o bbcfit --save-matrix bbc
"$repo/topicnmf" fit "$corpora/20news-train" -k 20 -q -o 20fit --save-matrix 20news
rm -f res-*.jsonl
echo "start $(date -u '+%Y-%m-%d %H:%M:%S UTC') load $(cut -d' ' -f1-3 /proc/loadavg) commit $(git -C "$repo" rev-parse --short HEAD)" > meta.txt
for k in 2 3; do
  python3 "$repo/bench/anls/cold.py" "$repo" iris.csv $k 200 3 res-cold-iris-k$k.jsonl "$work"
  java -cp "$jar" "$repo/bench/anls/WarmSolvers.java" iris.csv $k hals,anls 12 2 200 > res-warm-iris-k$k.jsonl
done
python3 "$repo/bench/anls/cold.py" "$repo" bbc/matrix.mtx 5 100 3 res-cold-bbc-k5.jsonl "$work"
java -cp "$jar" "$repo/bench/anls/WarmSolvers.java" bbc/matrix.mtx 5 hals,anls 4 2 100 > res-warm-bbc-k5.jsonl
python3 "$repo/bench/anls/cold.py" "$repo" 20news/matrix.mtx 20 100 3 res-cold-20news-k20.jsonl "$work"
java -cp "$jar" "$repo/bench/anls/WarmSolvers.java" 20news/matrix.mtx 20 hals,anls 4 2 100 > res-warm-20news-k20.jsonl
echo "end $(date -u '+%Y-%m-%d %H:%M:%S UTC') load $(cut -d' ' -f1-3 /proc/loadavg)" >> meta.txt
python3 "$repo/bench/anls/analyse.py"
