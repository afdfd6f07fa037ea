#!/usr/bin/env bash
# Cost of the term-list choice of two jars side by side (e.g. before and after a change to
# model.TermListChoice): ROUNDS rounds of bench/ChoiceCost.java, alternating the jars, on each
# MATRIX_DIR:K given (a `fit --save-matrix` export and its number of topics).
#
#   bench/choice_cost_ab.sh OLD_JAR NEW_JAR ROUNDS MATRIX_DIR:K [MATRIX_DIR:K ...]
#
# An older jar can be built without touching the working tree:
#   git archive COMMIT | tar -x -C /tmp/old && (cd /tmp/old && mvn -B -q -o package -DskipTests)
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
old="$1"; new="$2"; rounds="$3"; shift 3
for round in $(seq 1 "$rounds"); do
  for spec in "$@"; do
    for jar in "$old" "$new"; do
      echo -n "round $round $jar: "
      nice -n 10 java -cp "$jar" "$here/ChoiceCost.java" "${spec%:*}" "${spec##*:}" 7
    done
  done
done
