#!/usr/bin/env bash
# The cases of bench/RESULTS.md in one go: k = 5 on bbc, k = 20 and 50 on 20news-train, both losses,
# 3 alternating runs each, then the JMH kernel benchmark on the 20news-train matrix.
#
#   bench/run_all.sh CORPORA_DIR [extra options for nmf_vs_sklearn.sh, e.g. --skip kl:50]
#
# CORPORA_DIR holds bbc/ and 20news-train/ (e.g. /work/shared/corpora). Results go to
# bench/out/{bbc,20news-train}/results.md and bench/out/jmh/jmh.md; a combined log to bench/out/run_all.log.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
[ $# -ge 1 ] || { echo "usage: bench/run_all.sh CORPORA_DIR [options]" >&2; exit 2; }
corpora="$(readlink -f "$1")"; shift
mkdir -p "$here/out"
{
  "$here/nmf_vs_sklearn.sh" --ks 5 --runs 3 "$@" "$corpora/bbc"
  "$here/nmf_vs_sklearn.sh" --ks 20,50 --runs 3 "$@" "$corpora/20news-train"
  if [ -z "${SKIP_JMH:-}" ]; then
    "$here/jmh/run.sh" --mtx "$here/out/20news-train/matrix/matrix.mtx"
  fi
} 2>&1 | tee "$here/out/run_all.log"
