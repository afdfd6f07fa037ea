#!/usr/bin/env bash
# The fit's objective with X stored in double (a jar built before the compact matrix, BEFORE) and in
# float (AFTER, default target/topicnmf.jar), on the shared corpora, one fit after the other in one
# run, k = number of folders, both losses, in-memory mode, default seed.
#   bench/float_vs_double.sh BEFORE.jar [AFTER.jar] [CORPUS_DIR...]
# Prints one Markdown table row per corpus and loss: both objectives, their relative difference,
# both NMIs.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
before="$1"; shift
after="${1:-$here/target/topicnmf.jar}"; [ $# -gt 0 ] && shift
corpora=("$@")
[ ${#corpora[@]} -eq 0 ] && corpora=(/work/shared/corpora/20news-train /work/shared/corpora/bbc)
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
echo "| corpus | loss | objective (double X) | objective (float X) | relative difference | NMI double | NMI float |"
echo "|---|---|---|---|---|---|---|"
for c in "${corpora[@]}"; do
  k=$(find "$c" -mindepth 1 -maxdepth 1 -type d | wc -l)
  for loss in kl frobenius; do
    for v in before after; do
      jar="$before"; [ "$v" = after ] && jar="$after"
      java ${JAVA_OPTS:-} -jar "$jar" fit "$c" -k "$k" --loss "$loss" --batch-size 0 \
          -o "$out/$v" --quiet --no-html 2>/dev/null
    done
    python3 - "$out/before/report.json" "$out/after/report.json" "$(basename "$c")" "$loss" <<'PY'
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
fa, fb = a["fit"]["objective"], b["fit"]["objective"]
print(f"| {sys.argv[3]} | {sys.argv[4]} | {fa:.10g} | {fb:.10g} | {abs(fb - fa) / fa:.2e} | "
      f"{a['evaluation']['nmi']:.4f} | {b['evaluation']['nmi']:.4f} |")
PY
  done
done
