#!/usr/bin/env bash
# Cost of `--relevance auto` (issue 15): the same fit with the previous default (--relevance 0.7)
# and with auto, alternated REPS times in one run on each corpus, medians of the whole process
# (wall), of the report's topicsSeconds (clusters + term lists + coherence: where the choice runs)
# and of totalSeconds.
#
#   bench/relevance_cost.sh [REPS] [CORPUS:K ...]
#       default: 3 /work/shared/corpora/bbc:5 /work/shared/corpora/20news-train:20
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
tn="$here/../topicnmf"
reps="${1:-3}"
shift || true
specs=("$@")
[ ${#specs[@]} -gt 0 ] || specs=(/work/shared/corpora/bbc:5 /work/shared/corpora/20news-train:20)
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$tn" --version >/dev/null
for spec in "${specs[@]}"; do
  corpus="${spec%:*}"; k="${spec##*:}"
  for r in $(seq 1 "$reps"); do
    for rel in 0.7 auto; do
      out="$tmp/$(basename "$corpus")-$rel-$r"
      t0=$(date +%s.%N)
      "$tn" fit "$corpus" -k "$k" --relevance "$rel" -o "$out" --quiet --no-html
      t1=$(date +%s.%N)
      /usr/bin/python3 - "$out/report.json" "$(basename "$corpus")" "$k" "$rel" "$t0" "$t1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
t = r['timings']
print(f"{sys.argv[2]}\t{sys.argv[3]}\t{sys.argv[4]}\t{float(sys.argv[6]) - float(sys.argv[5]):.2f}\t"
      f"{t['topicsSeconds']:.3f}\t{t['totalSeconds']:.2f}\t{r['quality']['meanNpmi']:.4f}\t{r['quality']['diversity']:.3f}")
PY
    done
  done
done | tee "$tmp/rows.tsv"
/usr/bin/python3 - "$tmp/rows.tsv" <<'PY'
import statistics, sys
rows = [l.split('\t') for l in open(sys.argv[1]).read().splitlines() if l]
print('corpus\tk\trelevance\twall s (median)\ttopicsSeconds\ttotalSeconds\tmeanNpmi\tdiversity')
keys = []
for r in rows:
    if (r[0], r[1], r[2]) not in keys:
        keys.append((r[0], r[1], r[2]))
for key in keys:
    sel = [r for r in rows if (r[0], r[1], r[2]) == key]
    med = lambda i: statistics.median(float(r[i]) for r in sel)
    print(f'{key[0]}\t{key[1]}\t{key[2]}\t{med(3):.2f}\t{med(4):.3f}\t{med(5):.2f}\t{sel[0][6]}\t{sel[0][7]}')
PY
