#!/usr/bin/env bash
# JMH micro-benchmark of topicnmf's two sparse × dense kernels (X·Hᵀ and Xᵀ·W), reported as
# GFLOP/s against 2·nnz·k. Builds bench/jmh (a separate Maven project that compiles the kernels
# from ../../src/main/java), runs it, and prints a table.
#
#   bench/jmh/run.sh                       # synthetic 20news-shaped matrix, k = 20, 50, threads = 1, 2
#   bench/jmh/run.sh --mtx FILE            # a Matrix Market matrix (e.g. from `topicnmf fit --save-matrix`)
#   bench/jmh/run.sh -- -p k=20 -wi 1 ...  # anything after -- goes to JMH as is
#
# Writes bench/out/jmh/jmh.json (JMH's raw results) and bench/out/jmh/jmh.md (the table).
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
out="$here/../out/jmh"
mtx=""
while [ $# -gt 0 ]; do
  case "$1" in
    --mtx) mtx="$(readlink -f "$2")"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --) shift; break ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
echo "building bench/jmh ..." >&2
mvn -B -q -f "$here/pom.xml" package >&2
args=(-rf json -rff "$out/jmh.json")
[ -n "$mtx" ] && args+=(-p "mtx=$mtx")
java -jar "$here/target/benchmarks.jar" "${args[@]}" "$@" SparseKernelsBenchmark
python3 "$here/../nmf_bench.py" jmh "$out/jmh.json" | tee "$out/jmh.md"
