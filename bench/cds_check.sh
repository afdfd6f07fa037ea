#!/usr/bin/env bash
# Checks that the launcher's class-data archive leaves the hot kernels to the JIT: runs a fit on
# CORPUS (default /work/shared/corpora/bbc, k = 5) through ./topicnmf with -XX:+PrintCompilation
# and lists which of the KL solver's kernels were compiled. JDK 17 archives a method that is
# queued for compilation when the recording run exits as queued for ever (JDK-8306460), so it then
# runs interpreted in every run; the launcher records with -Xint to avoid that (docs/design-notes.md,
# "round 3"). Exit 1 when a kernel was never compiled.
#
#   bench/cds_check.sh [CORPUS] [K]
set -euo pipefail
repo="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
corpus=${1:-/work/shared/corpora/bbc}
k=${2:-5}
out="$(mktemp -d "${TMPDIR:-/tmp}/cds_check.XXXXXX")"
trap 'rm -rf "$out"' EXIT
TOPICNMF_JAVA_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:+PrintCompilation" \
  "$repo/topicnmf" fit "$corpus" -k "$k" -o "$out/fit" --quiet > "$out/log" 2>&1
missing=0
for m in klMove newton screenPacked gatherAllPacked screen updateActive; do
  if grep -q "io.topicnmf.nmf.KlCdSolver::$m " "$out/log"; then
    echo "KlCdSolver.$m compiled"
  else
    echo "KlCdSolver.$m NEVER compiled"
    missing=1
  fi
done
exit $missing
