#!/usr/bin/env bash
# Reading + analysis + matrix: topicnmf against scikit-learn's TfidfVectorizer (issue 4, item 8).
#
# Runs, alternately, RUNS times each:
#   topicnmf:     ./topicnmf vectorize CORPUS --stem none -o OUT --threads 2 -q   (read, Lucene analysis, counts,
#                 pruning min-df 2 / max-df 0.95, TF-IDF; writes matrix.mtx, counts.mtx, terms.txt,
#                 documents.txt, vectorize.json)
#   scikit-learn: python3 analysis_vs_sklearn.py sklearn CORPUS    (read the files, then
#                 TfidfVectorizer(min_df=2, max_df=0.95, stop_words='english').fit_transform), with
#                 MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=17179869184 (its best case)
# and reports medians: whole process (start to exit, measured here, JVM or Python start-up
# included) and in-process (topicnmf's read + analysis + matrix seconds from vectorize.json;
# scikit-learn's read + fit_transform, and fit_transform alone), with the ratios, and the CPU
# seconds (user + sys) of each process, which a loaded machine distorts less than wall time.
# Last, bench/WarmVectorize.java prepares the corpus WARM_RUNS (6) times in one JVM: library use,
# where only the first corpus pays for JIT compilation.
#
# Usage: bench/analysis_vs_sklearn.sh [CORPUS [RUNS]]
#   CORPUS  default ../shared/corpora/20news-train next to the repository;  RUNS  default 5
# Environment: THREADS (default 2), PYTHON (a python3 with scikit-learn; found automatically);
# TOPICNMF_JAVA_OPTS and TOPICNMF_CDS reach the launcher (e.g. TOPICNMF_JAVA_OPTS=-XX:TieredStopAtLevel=4
# to measure vectorize with the C2 compiler, TOPICNMF_CDS=0 without the class-data archive).
# The machine may be shared: the load average is printed before and after; quote medians.
set -euo pipefail
repo="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
corpus="${1:-$repo/../shared/corpora/20news-train}"
runs="${2:-5}"
threads="${THREADS:-2}"
if [ ! -d "$corpus" ]; then
  echo "analysis_vs_sklearn: no corpus folder '$corpus' (give one as the first argument)" >&2
  exit 2
fi
corpus="$(cd "$corpus" && pwd)"
python="${PYTHON:-}"
if [ -z "$python" ]; then
  for p in python3 /usr/bin/python3; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import sklearn' 2>/dev/null; then python="$p"; break; fi
  done
fi
if [ -z "$python" ]; then
  echo "analysis_vs_sklearn: no python3 with scikit-learn found (set PYTHON=...)" >&2
  exit 2
fi
cputime=/usr/bin/time
if [ ! -x "$cputime" ]; then
  echo "analysis_vs_sklearn: GNU time (/usr/bin/time) is needed for the CPU seconds (apt-get install time)" >&2
  exit 2
fi
out="$repo/bench/out/analysis_vs_sklearn/$(basename "$corpus")"
mkdir -p "$out"
results="$out/runs.jsonl"
: >"$results"

# Build the jar and the class-data archive first, so no run pays for them.
"$repo/topicnmf" --version >/dev/null

now() { date +%s.%N; }
echo "date:     $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine:  $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GB"
echo "java:     $(java -version 2>&1 | head -1); $("$python" -c 'import sklearn, sys; print("python %s, scikit-learn %s" % (sys.version.split()[0], sklearn.__version__))')"
echo "corpus:   $corpus ($(find "$corpus" -type f | wc -l) files), $runs runs each, topicnmf --threads $threads"
echo "launcher: TOPICNMF_JAVA_OPTS='${TOPICNMF_JAVA_OPTS:-}' TOPICNMF_CDS='${TOPICNMF_CDS:-1}'"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$runs"); do
  t0=$(now)
  "$cputime" -f "%U %S" -o "$out/cpu.txt" "$repo/topicnmf" vectorize "$corpus" --stem none -o "$out/matrix" --threads "$threads" -q 2>/dev/null
  t1=$(now)
  "$python" - "$out/matrix/vectorize.json" "$t0" "$t1" "$(tail -1 "$out/cpu.txt")" >>"$results" <<'PY'
import json, sys
v = json.load(open(sys.argv[1]))
t = v["timings"]; c = v["corpus"]
print(json.dumps({"side": "topicnmf", "wallSeconds": float(sys.argv[3]) - float(sys.argv[2]),
                  "cpuSeconds": sum(map(float, sys.argv[4].split())),
                  "readSeconds": t["readSeconds"], "analysisSeconds": t["analysisSeconds"],
                  "matrixSeconds": t["matrixSeconds"], "prepareSeconds": t["prepareSeconds"],
                  "writeSeconds": t["writeSeconds"], "documents": c["documentsRead"],
                  "terms": c["terms"], "nonZeros": c["nonZeros"]}))
PY
  t0=$(now)
  # glibc malloc tuned as scikit-learn's best case (large arrays kept mapped, no trimming).
  line=$(MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=17179869184 \
    "$cputime" -f "%U %S" -o "$out/cpu.txt" "$python" "$repo/bench/analysis_vs_sklearn.py" sklearn "$corpus")
  t1=$(now)
  "$python" -c 'import json, sys; r = json.loads(sys.argv[1]); r["side"] = "sklearn"; r["wallSeconds"] = float(sys.argv[3]) - float(sys.argv[2]); r["cpuSeconds"] = sum(map(float, sys.argv[4].split())); print(json.dumps(r))' \
    "$line" "$t0" "$t1" "$(tail -1 "$out/cpu.txt")" >>"$results"
  echo "run $i done (load $(cut -d' ' -f1 /proc/loadavg))" >&2
done
# Library use in a long-running JVM: the same corpus prepared WARM_RUNS times in one process.
warm_runs="${WARM_RUNS:-6}"
java -cp "$repo/target/topicnmf.jar" "$repo/bench/WarmVectorize.java" "$corpus" "$warm_runs" "$threads" \
  | sed 's/^{/{"side": "warm", /' >>"$results"
echo "load after:  $(cut -d' ' -f1-3 /proc/loadavg)"
echo
"$python" "$repo/bench/analysis_vs_sklearn.py" summary "$results"
