#!/usr/bin/env bash
# Shows that two builds of topicnmf write the same outputs (the Check of issue 11: a restructuring
# must not change a byte of any output apart from timing fields).
#
#   bench/same_outputs.sh BASE_JAR NEW_JAR [CORPUS...]
#
# Runs, with each jar into its own temporary folder: fit (report.json, model.json, --ldavis and
# --save-matrix files), apply (the fitted model on the same corpus), select-k (a small range) and
# vectorize on every CORPUS (default: corpora/sample, /work/shared/corpora/bbc and
# /work/shared/corpora/20news-train), and factorize on data/iris.csv and on a Matrix Market file
# (the counts of corpora/sample, written once by BASE_JAR's vectorize as a shared input).
# Timing fields (any JSON key "timings", "seconds" or ending in "Seconds") are replaced by 0 and
# "runId" (new for every run) by "" in both copies, in the JSON files and in the JSON the HTML
# pages embed; every other byte is compared with cmp. Prints a table file -> identical/different;
# exits 1 when a file differs or is missing on one side, 2 on bad usage.
# Environment: THREADS (default 2), KEEP=1 keeps the temporary folder, JAVA_OPTS.
set -euo pipefail
if [ $# -lt 2 ]; then
  sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
base_jar=$(readlink -f "$1"); new_jar=$(readlink -f "$2"); shift 2
for j in "$base_jar" "$new_jar"; do
  [ -f "$j" ] || { echo "same_outputs: no such jar: $j" >&2; exit 2; }
done
repo="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
if [ $# -eq 0 ]; then
  set -- "$repo/corpora/sample" /work/shared/corpora/bbc /work/shared/corpora/20news-train
fi
threads=${THREADS:-2}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/same_outputs.XXXXXX")
if [ "${KEEP:-0}" != 1 ]; then trap 'rm -rf "$tmp"' EXIT; else echo "same_outputs: keeping $tmp" >&2; fi

run() { # JAR ARGS...: one command, quiet, its stderr kept in case it fails
  local jar=$1; shift
  if ! java ${JAVA_OPTS:-} -jar "$jar" "$@" --quiet --threads "$threads" >"$tmp/last.out" 2>"$tmp/last.err"; then
    echo "same_outputs: failed: java -jar $jar $*" >&2
    cat "$tmp/last.err" >&2
    return 1
  fi
}

# A shared Matrix Market input for factorize: counts of the sample corpus, written once.
mkdir -p "$tmp/input"
run "$base_jar" vectorize "$repo/corpora/sample" -o "$tmp/input/vectorize"
mtx="$tmp/input/vectorize/counts.mtx"

for side in base new; do
  jar=$base_jar; [ "$side" = new ] && jar=$new_jar
  out="$tmp/$side"
  start=$(date +%s)
  run "$jar" factorize "$repo/data/iris.csv" -k 3 -o "$out/factorize-iris"
  run "$jar" factorize "$mtx" -k 4 --loss kl -o "$out/factorize-mtx"
  for c in "$@"; do
    name=$(basename "$c")
    d="$out/$name"
    run "$jar" fit "$c" -o "$d/fit" --ldavis "$d/fit/ldavis.json" --save-matrix "$d/fit/matrix"
    run "$jar" apply -m "$d/fit/model.json" "$c" -o "$d/apply"
    run "$jar" select-k "$c" --k 4:8:2 --samples 2 -o "$d/select-k"
    run "$jar" vectorize "$c" -o "$d/vectorize"
  done
  echo "same_outputs: $side ($jar) ran in $(( $(date +%s) - start )) s" >&2
done

# Timing fields to 0 and run ids to "" by a textual rewrite (every other byte is kept, so the
# comparison stays bit for bit): a "timings" object becomes {}, a number under "seconds" or
# "...Seconds" becomes 0, the string under "runId" becomes "". The HTML pages embed their data as
# compact JSON, rewritten the same way.
normalise() { # FILE -> stdout
  python3 -c '
import re, sys
data = open(sys.argv[1], "rb").read()
if sys.argv[1].endswith((".json", ".html")):
    data = re.sub(rb"\"timings\"(\s*):(\s*)\{[^{}]*\}", rb"\"timings\"\1:\2{}", data)
    data = re.sub(rb"\"(seconds|\w+Seconds)\"(\s*):(\s*)-?[0-9][0-9.eE+-]*", rb"\"\1\"\2:\3 0", data)
    data = re.sub(rb"\"runId\"(\s*):(\s*)\"[^\"]*\"", rb"\"runId\"\1:\2\"\"", data)
sys.stdout.buffer.write(data)' "$1"
}

status=0
printf '%-60s %s\n' FILE RESULT
while IFS= read -r f; do
  if [ ! -f "$tmp/new/$f" ]; then
    printf '%-60s %s\n' "$f" "missing in NEW"; status=1; continue
  fi
  a="$tmp/base/$f"; b="$tmp/new/$f"
  if [[ "$f" == *.json || "$f" == *.html ]]; then
    normalise "$a" >"$tmp/a"; normalise "$b" >"$tmp/b"; a="$tmp/a"; b="$tmp/b"
  fi
  if cmp -s "$a" "$b"; then
    printf '%-60s %s\n' "$f" identical
  else
    printf '%-60s %s\n' "$f" "DIFFERENT ($(cmp "$a" "$b" | sed 's/.*: //'))"; status=1
  fi
done < <(cd "$tmp/base" && find . -type f | sed 's|^\./||' | sort)
while IFS= read -r f; do
  [ -f "$tmp/base/$f" ] || { printf '%-60s %s\n' "$f" "missing in BASE"; status=1; }
done < <(cd "$tmp/new" && find . -type f | sed 's|^\./||' | sort)
[ $status = 0 ] && echo "same_outputs: every output identical apart from timing fields" \
  || echo "same_outputs: some outputs differ" >&2
exit $status
