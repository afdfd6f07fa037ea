#!/usr/bin/env bash
# Runs the fault tests N times (issue 14, item 5; docs/reliability.md, "Faults"):
#   KillFaultTest: N kills (SIGKILL at seeded random moments) of the real command line fitting into
#                  an -o holding a previous run's outputs; each must leave the old or the new set.
#   WriteFaultTest: N fits whose writes fail after a seeded random number of bytes (a full disk) or
#                  whose publish stops after a seeded random number of renames.
# Usage: bench/fault_loop.sh N [SEED]   (from the repository root; needs a compiled tree: mvn -o -q test-compile)
set -euo pipefail
n=${1:?usage: bench/fault_loop.sh N [SEED]}
seed=${2:-14}
cd "$(dirname "$0")/.."
start=$(date +%s)
rc=0
log=$(mktemp)
mvn -B -q -o test -Dtest=KillFaultTest,WriteFaultTest -Dtopicnmf.faultRounds="$n" -Dtopicnmf.faultSeed="$seed" \
  -Dsurefire.failIfNoSpecifiedTests=false > "$log" 2>&1 || rc=$?
grep -E "FAIL|ERROR\]   " "$log" || true
for t in KillFaultTest WriteFaultTest; do
  grep -h "$t:" "target/surefire-reports/io.topicnmf.cli.$t-output.txt" 2>/dev/null || true
done
echo "$n rounds each, seed $seed: $(( $(date +%s) - start )) s in all; $([ $rc = 0 ] && echo passed || echo FAILED)"
exit $rc
