#!/usr/bin/env bash
# The NMF stage's fixed costs piece by piece (Pieces.java: randomized SVD, nndsvda, first sweep,
# steady sweeps, final re-solve of W), base jar against new jar, alternated, PAIRS times, on a
# matrix written by `topicnmf vectorize CORPUS -o DIR` (DIR/matrix.mtx). One line per piece and
# run: jar, pair, piece, wall s, CPU s, then the figures that must agree (singular values,
# objectives) to all digits.
#
#   bench/nmfstage/pieces.sh BASE.jar NEW.jar MATRIX.mtx K [PAIRS] [THREADS] [SWEEPS]   (JAVA_OPTS for the JVM)
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
base=$(readlink -f "$1"); new=$(readlink -f "$2"); matrix=$3; k=$4
pairs=${5:-3}; threads=${6:-2}; sweeps=${7:-3}
out="$(mktemp -d "${TMPDIR:-/tmp}/pieces.XXXXXX")"
trap 'rm -rf "$out"' EXIT
for side in base new; do
  jar=$base; [ "$side" = new ] && jar=$new
  mkdir -p "$out/$side"
  javac -d "$out/$side" -cp "$jar" "$here/Pieces.java"
done
for pair in $(seq 1 "$pairs"); do
  for side in base new; do
    jar=$base; [ "$side" = new ] && jar=$new
    echo "# $side pair $pair load $(cut -d' ' -f1-3 /proc/loadavg) $(date -u +%H:%M:%S)"
    # shellcheck disable=SC2086
    java ${JAVA_OPTS:-} -cp "$out/$side:$jar" io.topicnmf.nmf.Pieces "$matrix" "$k" "$threads" "$sweeps" \
      | sed "s/^/$side $pair /"
  done
done
