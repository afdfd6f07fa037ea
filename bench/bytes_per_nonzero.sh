#!/usr/bin/env bash
# Heap a fit holds per stored entry of X while it iterates (X, its transposed copy, the solver's
# workspace), measured as the slope of the used heap (after full collections) between two matrices
# of the same shape with 50 and 250 entries a row, KL (coordinate descent) and Frobenius (HALS).
#   bench/bytes_per_nonzero.sh [JAR...]   (default: target/topicnmf.jar)
# Run with the jars of two versions to compare them side by side.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
jars=("$@")
[ ${#jars[@]} -eq 0 ] && jars=("$here/target/topicnmf.jar")
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for jar in "${jars[@]}"; do
  rm -rf "$tmp/classes" && mkdir "$tmp/classes"
  javac -nowarn -d "$tmp/classes" -cp "$jar" "$here/bench/memory/MeasureBytes.java" 2>&1 | grep -v '^Note' || true
  echo "== $jar"
  java -Xmx2g -cp "$tmp/classes:$jar" io.topicnmf.nmf.MeasureBytes
done
