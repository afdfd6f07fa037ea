#!/usr/bin/env bash
# The cases of bench/RESULTS.md in one go: k = 5 on bbc, k = 20 and 50 on 20news-train, both losses,
# 3 alternating runs each, then the same cases in a warm JVM (bench/nmf_warm.sh), then the JMH
# kernel benchmark on the 20news-train matrix.
#
#   bench/run_all.sh CORPORA_DIR [extra options for nmf_vs_sklearn.sh, e.g. --skip kl:50]
#
# CORPORA_DIR holds bbc/ and 20news-train/ (e.g. /work/shared/corpora). Results go to
# bench/out/{bbc,20news-train}/results.md and bench/out/jmh/jmh.md; a combined log to
# bench/out/run_all.log; the warm figures to bench/out/{bbc,20news-train}/warm.md. SKIP_WARM=1
# and SKIP_JMH=1 leave those parts out.
#
# Frobenius runs use topicnmf --tol 0 --max-iter 100: its own rule (tol 1e-4) stops before
# scikit-learn's objective on these matrices, and the time to reach that objective is the figure
# of interest; where tol 1e-4 would have stopped is read from the trace. KL runs use the default
# tol 1e-4 (topicnmf passes scikit-learn's objective well before it stops, and 200 KL iterations
# would double the benchmark's time).
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
[ $# -ge 1 ] || { echo "usage: bench/run_all.sh CORPORA_DIR [options]" >&2; exit 2; }
corpora="$(readlink -f "$1")"; shift
mkdir -p "$here/out"
frob=(--losses frobenius --topicnmf-tol 0 --topicnmf-max-iter 100)
kl=(--losses kl --reuse-matrix)
{
  "$here/nmf_vs_sklearn.sh" --ks 5 --runs 3 "${frob[@]}" "$@" "$corpora/bbc"
  "$here/nmf_vs_sklearn.sh" --ks 5 --runs 3 "${kl[@]}" "$@" "$corpora/bbc"
  "$here/nmf_vs_sklearn.sh" --ks 20,50 --runs 3 "${frob[@]}" "$@" "$corpora/20news-train"
  "$here/nmf_vs_sklearn.sh" --ks 20,50 --runs 3 "${kl[@]}" "$@" "$corpora/20news-train"
  if [ -z "${SKIP_WARM:-}" ]; then
    "$here/nmf_warm.sh" "$here/out/bbc" "$here/out/20news-train"
  fi
  if [ -z "${SKIP_JMH:-}" ]; then
    "$here/jmh/run.sh" --mtx "$here/out/20news-train/matrix/matrix.mtx"
  fi
} 2>&1 | tee "$here/out/run_all.log"
