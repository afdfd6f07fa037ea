#!/usr/bin/env bash
# Evidence that topicnmf's weighting equals scikit-learn's TfidfTransformer (issue 4, item 6).
#
# For a corpus, runs `topicnmf vectorize` (read, analyse, count, weight; no NMF) once per weighting
# combination: --idf smooth|plain|none x --sublinear-tf on/off x --norm l2|l1|none (18), plus
# --weighting tf (raw counts). Each run writes counts.mtx and matrix.mtx; tfidf_vs_sklearn.py then
# applies scikit-learn's TfidfTransformer(norm, use_idf, smooth_idf, sublinear_tf) to OUR counts
# and prints the largest absolute difference with OUR matrix for each combination (must be <= 1e-9).
#
# Usage: bench/tfidf_vs_sklearn.sh [CORPUS [OUTDIR]]
#   CORPUS  folder of documents (default: ../shared/corpora/bbc next to the repository)
#   OUTDIR  where the matrices go (default: bench/out/tfidf_vs_sklearn/<corpus name>)
# Needs python3 with scikit-learn and scipy (the first python3 on PATH that has them, else
# /usr/bin/python3; PYTHON=... to choose). THREADS=2 by default.
set -euo pipefail
repo="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
corpus="${1:-$repo/../shared/corpora/bbc}"
if [ ! -d "$corpus" ]; then
  echo "tfidf_vs_sklearn: no corpus folder '$corpus' (give one as the first argument)" >&2
  exit 2
fi
corpus="$(cd "$corpus" && pwd)"
out="${2:-$repo/bench/out/tfidf_vs_sklearn/$(basename "$corpus")}"
python="${PYTHON:-}"
if [ -z "$python" ]; then
  for p in python3 /usr/bin/python3; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import sklearn, scipy' 2>/dev/null; then python="$p"; break; fi
  done
fi
if [ -z "$python" ]; then
  echo "tfidf_vs_sklearn: no python3 with scikit-learn and scipy found (set PYTHON=...)" >&2
  exit 2
fi
threads="${THREADS:-2}"
mkdir -p "$out"
dirs=()
start=$(date +%s)
for idf in smooth plain none; do
  for sub in 0 1; do
    for norm in l2 l1 none; do
      d="$out/idf-${idf}_sub-${sub}_norm-${norm}"
      flags=(--idf "$idf" --norm "$norm")
      [ "$sub" = 1 ] && flags+=(--sublinear-tf)
      "$repo/topicnmf" vectorize "$corpus" -o "$d" --threads "$threads" -q "${flags[@]}" 2>/dev/null \
        || { echo "tfidf_vs_sklearn: vectorize failed for ${flags[*]}" >&2; exit 1; }
      dirs+=("$d")
    done
  done
done
"$repo/topicnmf" vectorize "$corpus" -o "$out/tf" --threads "$threads" -q --weighting tf 2>/dev/null
dirs+=("$out/tf")
echo "corpus: $corpus ($(date -u +%Y-%m-%dT%H:%MZ), $((${#dirs[@]})) vectorize runs in $(( $(date +%s) - start )) s)"
"$python" "$repo/bench/tfidf_vs_sklearn.py" "${dirs[@]}"
