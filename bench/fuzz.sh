#!/usr/bin/env bash
# Fuzzes every Jazzer target (or the ones named) one after another, each for a set time, through
# the `fuzz` Maven profile; Jazzer fuzzes one target per JVM. Usage:
#   bench/fuzz.sh [DURATION] [Class#method ...]      DURATION like 5m, 90s, 1h (default 5m)
# A crashing input is written into the target's regression folder
# (src/test/resources/<package>/<Class>Inputs/<method>/crash-*), which every `mvn test` replays;
# the grown corpus stays in .cifuzz-corpus/ (not checked in) and seeds the next run.
# Prints one line per target: its name, minutes fuzzed, and "ok" or "FINDING".
set -uo pipefail
cd "$(dirname "$0")/.."
duration="${1:-5m}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(
    ReadersFuzzTest#textDecoder ReadersFuzzTest#html ReadersFuzzTest#eml ReadersFuzzTest#mbox
    ReadersFuzzTest#jsonl ReadersFuzzTest#csv ReadersFuzzTest#docx ReadersFuzzTest#odt
    ReadersFuzzTest#pdf ReadersFuzzTest#anyFile AnalysisFuzzTest#analysisChain
    MatrixFilesFuzzTest#numericCsv MatrixFilesFuzzTest#matrixMarket ModelFilesFuzzTest#modelJson
    StreamingFuzzTest#streamedEqualsRead
  )
fi
mkdir -p target/fuzz-logs
mvn -B -q -o test-compile >/dev/null 2>&1 || mvn -B -q test-compile
status=0
for t in "${targets[@]}"; do
  log="target/fuzz-logs/${t/\#/_}.log"
  start=$(date +%s)
  if mvn -B -o -Pfuzz surefire:test -Dtest="$t" -Djazzer.max_duration="$duration" >"$log" 2>&1; then
    result=ok
  else
    result=FINDING
    status=1
  fi
  end=$(date +%s)
  execs=$(grep -o 'DONE *cov: [0-9]* ft: [0-9]* corp: [0-9/a-zA-Z]*\|#[0-9]*.*exec/s: [0-9]*' "$log" | tail -1)
  printf '%s\t%.1f min\t%s\t%s\n' "$t" "$(echo "($end - $start) / 60" | bc -l)" "$result" "$execs"
done
exit $status
