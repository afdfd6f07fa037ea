#!/usr/bin/env bash
# Mini-batch (--batch-size) against in-memory NMF on the shared corpora: final objective, NMI of
# the clusters against the folders, iterations (epochs for mini-batch) and NMF seconds, one fit
# after the other in one run, k = number of folders, both losses.
#   bench/minibatch_vs_inmemory.sh [CORPUS_DIR...]   (default: 20news-train and bbc)
# Prints one Markdown table row per fit. Needs target/topicnmf.jar (mvn -o package -DskipTests), or
# the jar given in JAR; BATCHES lists the batch sizes (default "1024 256").
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
corpora=("$@")
[ ${#corpora[@]} -eq 0 ] && corpora=(/work/shared/corpora/20news-train /work/shared/corpora/bbc)
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
echo "| corpus | loss | mode | batch | iterations | objective | NMI | NMF s |"
echo "|---|---|---|---|---|---|---|---|"
for c in "${corpora[@]}"; do
  k=$(find "$c" -mindepth 1 -maxdepth 1 -type d | wc -l)
  for loss in kl frobenius; do
    for batch in 0 ${BATCHES:-1024 256}; do
      d="$out/$(basename "$c")-$loss-$batch"
      java ${JAVA_OPTS:-} -jar "${JAR:-$here/target/topicnmf.jar}" fit "$c" -k "$k" --loss "$loss" \
          --batch-size "$batch" -o "$d" --quiet 2>/dev/null
      python3 - "$d/report.json" "$(basename "$c")" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
f = r["fit"]
print(f"| {sys.argv[2]} | {f['loss']} | {f['mode']} | {r['parameters']['nmf']['batchSize']} | "
      f"{f['iterations']} | {f['objective']:.6g} | {r['evaluation']['nmi']:.4f} | {r['timings']['nmfSeconds']:.1f} |")
PY
    done
  done
done
