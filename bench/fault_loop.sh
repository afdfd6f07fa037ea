#!/usr/bin/env bash
# Runs the fault tests N times (issue 14, item 5; docs/reliability.md, "Faults"):
#   KillFaultTest: N kills (SIGKILL at seeded random moments) of the real command line fitting into
#                  an -o holding a previous run's outputs; each must leave the old or the new set.
#   WriteFaultTest: N fits whose writes fail after a seeded random number of bytes (a full disk) or
#                  whose publish stops after a seeded random number of renames.
# Usage: bench/fault_loop.sh N [SEED [WINDOW_MS]]   (from the repository root; needs a compiled tree:
#   mvn -o -q test-compile). WINDOW_MS (default 4000, a child's run on an idle machine) is the span the
#   kill moments are drawn from: on a loaded machine a run takes longer, so give it as about the time
#   one `fit` of the test takes there, or most kills land before the publish.
set -euo pipefail
n=${1:?usage: bench/fault_loop.sh N [SEED]}
seed=${2:-14}
window=${3:-4000}
cd "$(dirname "$0")/.."
start=$(date +%s)
rc=0
log=$(mktemp)
mvn -B -q -o test -Dtest=KillFaultTest,WriteFaultTest -Dtopicnmf.faultRounds="$n" -Dtopicnmf.faultSeed="$seed" -Dtopicnmf.faultWindowMs="$window" \
  -Dsurefire.failIfNoSpecifiedTests=false > "$log" 2>&1 || rc=$?
grep -E "FAIL|ERROR\]   " "$log" || true
for t in KillFaultTest WriteFaultTest; do # the summary line each test prints
  grep -oh "$t: [^<]*" "target/surefire-reports/TEST-io.topicnmf.cli.$t.xml" 2>/dev/null || true
done
echo "$n rounds each, seed $seed, window $window ms: $(( $(date +%s) - start )) s in all; $([ $rc = 0 ] && echo passed || echo FAILED)"
exit $rc
