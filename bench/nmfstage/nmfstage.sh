#!/usr/bin/env bash
# The NMF stage of the default fit alone on a saved TF-IDF matrix (e.g. `topicnmf vectorize CORPUS
# -o DIR` writes DIR/matrix.mtx): KL coordinate descent from nndsvda, then W re-solved for the
# final H as fit does; wall and process CPU seconds per iteration and for the final solve.
#
#   bench/nmfstage/nmfstage.sh JAR MATRIX.mtx K [THREADS [SWEEPS]]      (JAVA_OPTS for the JVM)
#
# With SWEEPS the fit runs exactly that many sweeps (tolerance 0) and the final solve is skipped.
#
# Runs the jar with plain `java -cp`, without the launcher's class-data archive.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
jar=$(readlink -f "$1"); shift
out="$(mktemp -d "${TMPDIR:-/tmp}/nmfstage.XXXXXX")"
trap 'rm -rf "$out"' EXIT
javac -d "$out" -cp "$jar" "$here/NmfStage.java"
# shellcheck disable=SC2086
java ${JAVA_OPTS:-} -cp "$out:$jar" NmfStage "$@"
