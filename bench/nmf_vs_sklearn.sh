#!/usr/bin/env bash
# topicnmf against scikit-learn on the very same matrix, in one run on one machine.
#
#   bench/nmf_vs_sklearn.sh [options] CORPUS
#
# 1. Exports CORPUS's TF-IDF matrix with
#      ./topicnmf fit CORPUS --min-df 2 --max-df 0.95 --save-matrix OUT/matrix
#    (matrix.mtx, terms.txt, documents.txt; the fit itself is cut to the initialisation).
# 2. For every k (--ks) and loss (--losses), --runs times, alternating which side goes first:
#    - scikit-learn 1.2 through /work/shared/anchors/anchor_sklearn.py --mtx OUT/matrix/matrix.mtx
#      (NMF init nndsvda, tol 1e-4, max_iter 200; solver cd for frobenius, mu with
#      beta_loss kullback-leibler for kl), run with /usr/bin/python3 and the glibc malloc settings
#      of /work/shared/anchors/README.md; its time is NMF.fit_transform (initialisation included,
#      reading the matrix excluded) and its final objective is taken as nmf_bench.py describes;
#    - ./topicnmf factorize OUT/matrix/matrix.mtx -k K --loss L --trace (same init, tol and
#      max-iter; topicnmf's own solver for the loss, --threads 2): from its trace, the first time
#      (seconds since the fit started, initialisation included, reading excluded) at which its
#      objective is <= scikit-learn's final objective, plus its own final objective, fit time and
#      process wall time.
# 3. Prints the tables with medians and ratios (nmf_bench.py summarize) and keeps them in
#    OUT/results.md and OUT/summary.json; the per-run figures are in OUT/runs.
#
# Options:
#   --ks 20,50                numbers of components (default 20)
#   --losses frobenius,kl     losses (default frobenius,kl)
#   --runs N                  runs per side and case (default 3)
#   --threads N               topicnmf --threads (default 2)
#   --skip CASES              comma-separated loss:k pairs to leave out, e.g. kl:50
#   --out DIR                 output folder (default bench/out/<corpus folder name>)
#   --topicnmf-tol T          topicnmf's --tol (default 1e-4, as scikit-learn). With 0 it runs
#                             --topicnmf-max-iter iterations, so the time to reach scikit-learn's
#                             objective is measured even where topicnmf's own rule would stop
#                             earlier; where it would have stopped at tol 1e-4 is then read from
#                             the trace (same rule, same deterministic iterates)
#   --topicnmf-max-iter N     topicnmf's --max-iter (default 200)
#   --topicnmf-args "ARGS"    extra flags for topicnmf factorize (e.g. "--solver mu")
#   --java-opts "OPTS"        JVM options for topicnmf (TOPICNMF_JAVA_OPTS), e.g. -Xmx512m
#   --reuse-matrix            keep OUT/matrix from an earlier run instead of exporting it again
#
# Needs: Maven and Java 17 (the launcher builds the jar), /usr/bin/python3 with python3-sklearn,
# /work/shared/anchors/anchor_sklearn.py (or ANCHOR=path). Nothing from CORPUS is copied into
# the repository; OUT (under bench/out/ by default) is git-ignored.
set -euo pipefail

repo="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
anchor="${ANCHOR:-/work/shared/anchors/anchor_sklearn.py}"
helper="$repo/bench/nmf_bench.py"
ks="20"
losses="frobenius,kl"
runs=3
threads=2
skip=""
out=""
tn_args=""
reuse=0
java_opts="${TOPICNMF_JAVA_OPTS:-}"
max_iter=200
tol=1e-4
tn_tol=1e-4
tn_max_iter=200

while [ $# -gt 0 ]; do
  case "$1" in
    --ks) ks="$2"; shift 2 ;;
    --losses) losses="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --skip) skip="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --topicnmf-args) tn_args="$2"; shift 2 ;;
    --topicnmf-tol) tn_tol="$2"; shift 2 ;;
    --topicnmf-max-iter) tn_max_iter="$2"; shift 2 ;;
    --java-opts) java_opts="$2"; shift 2 ;;
    --reuse-matrix) reuse=1; shift ;;
    -h|--help) sed -n '2,46p' "$0"; exit 0 ;;
    -*) echo "nmf_vs_sklearn.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    *) break ;;
  esac
done
if [ $# -ne 1 ]; then
  echo "usage: bench/nmf_vs_sklearn.sh [options] CORPUS (try --help)" >&2
  exit 2
fi
corpus="$(readlink -f "$1")"
[ -d "$corpus" ] || { echo "nmf_vs_sklearn.sh: no such folder: $1" >&2; exit 2; }
[ -f "$anchor" ] || { echo "nmf_vs_sklearn.sh: scikit-learn anchor not found: $anchor (set ANCHOR)" >&2; exit 2; }
[ -n "$out" ] || out="$repo/bench/out/$(basename "$corpus")"
mkdir -p "$out/runs"
out="$(readlink -f "$out")"
export TOPICNMF_JAVA_OPTS="$java_opts"

log() { echo "[$(date +%H:%M:%S) load $(cut -d' ' -f1 /proc/loadavg)] $*" >&2; }
now() { date +%s.%N; }

# The machine the figures belong to (appended: one block per invocation).
{
  echo "---"
  echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "commit: $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$repo" diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "python: $(/usr/bin/python3 --version 2>&1), scikit-learn $(/usr/bin/python3 -c 'import sklearn; print(sklearn.__version__)'), numpy $(/usr/bin/python3 -c 'import numpy; print(numpy.__version__)')"
  echo "corpus: $corpus"
  echo "topicnmf: --threads $threads --tol $tn_tol --max-iter $tn_max_iter ${tn_args:+$tn_args }${java_opts:+(JVM $java_opts)}"
  echo "load average at start (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "cases: --ks $ks --losses $losses --runs $runs${skip:+ --skip $skip}"
} | tee -a "$out/machine.txt" >&2

# 1. The matrix, exported once by topicnmf's own pipeline.
mtx="$out/matrix/matrix.mtx"
if [ "$reuse" = 1 ] && [ -f "$mtx" ]; then
  log "reusing $mtx"
else
  log "exporting the TF-IDF matrix of $corpus"
  (cd "$repo" && ./topicnmf fit "$corpus" --min-df 2 --max-df 0.95 -k 1 --max-iter 0 \
      --save-matrix "$out/matrix" -o "$out/fit" -q)
fi
log "matrix: $(grep -v '^%' "$mtx" | head -1) (rows cols nnz)"

sklearn_run() { # case k loss run
  local c="$1" k="$2" loss="$3" run="$4" solver beta
  if [ "$loss" = kl ]; then solver=mu; beta=kullback-leibler; else solver=cd; beta=frobenius; fi
  log "$c run $run: scikit-learn (solver $solver, beta_loss $beta)"
  MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=17179869184 \
    /usr/bin/python3 "$anchor" "$corpus" "$k" --mtx "$mtx" --vocab "$out/matrix/terms.txt" \
      --solver "$solver" --beta "$beta" --init nndsvda --tol "$tol" --max-iter "$max_iter" \
      > "$out/runs/$c.r$run.sklearn.json"
  log "  $(python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print('%.2f s, %d iterations' % (r['nmf_s'], r['iterations']))" "$out/runs/$c.r$run.sklearn.json")"
}

topicnmf_run() { # case k loss run target
  local c="$1" k="$2" loss="$3" run="$4" target="$5" dir t0 t1
  dir="$out/runs/$c.r$run.topicnmf"
  log "$c run $run: topicnmf factorize (--loss $loss)"
  t0=$(now)
  # shellcheck disable=SC2086
  (cd "$repo" && ./topicnmf factorize "$mtx" -k "$k" --loss "$loss" --init nndsvda --tol "$tn_tol" \
      --max-iter "$tn_max_iter" --threads "$threads" --trace -o "$dir" -q $tn_args)
  t1=$(now)
  python3 "$helper" topicnmf-run "$dir/factorization.json" "$target" \
      "$(python3 -c "print($t1 - $t0)")" "$tol" "$out/runs/$c.r$run.topicnmf.json"
  rm -rf "$dir" # W and H of a large matrix are big; the figures are kept
  log "  $(python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print('fit %.2f s, %d iterations, reached scikit-learn at %s s; tol-1e-4 stop at iteration %d' % (r['fitSeconds'], r['iterations'], r['secondsToSklearnObjective'], r['stopIteration']))" "$out/runs/$c.r$run.topicnmf.json")"
}

# 2. Alternating runs. scikit-learn is deterministic (fixed random_state), so its objective is the
# same every run; each topicnmf run is compared with the scikit-learn run of the same round.
IFS=, read -r -a klist <<< "$ks"
IFS=, read -r -a llist <<< "$losses"
for k in "${klist[@]}"; do
  for loss in "${llist[@]}"; do
    if [[ ",$skip," == *",$loss:$k,"* ]]; then
      log "skipping $loss k=$k (--skip)"
      continue
    fi
    c="$(basename "$corpus").k$k.$loss"
    rm -f "$out/runs/$c".r*.json
    for run in $(seq 1 "$runs"); do
      if [ $((run % 2)) -eq 1 ]; then
        sklearn_run "$c" "$k" "$loss" "$run"
        target=$(python3 "$helper" sklearn-objective "$loss" "$out/runs/$c.r$run.sklearn.json")
        topicnmf_run "$c" "$k" "$loss" "$run" "$target"
      else
        # topicnmf first this round; it needs the target, taken from the previous round's
        # scikit-learn run (identical every run) and re-checked below.
        prev=$((run - 1))
        target=$(python3 "$helper" sklearn-objective "$loss" "$out/runs/$c.r$prev.sklearn.json")
        topicnmf_run "$c" "$k" "$loss" "$run" "$target"
        sklearn_run "$c" "$k" "$loss" "$run"
        now_target=$(python3 "$helper" sklearn-objective "$loss" "$out/runs/$c.r$run.sklearn.json")
        if [ "$now_target" != "$target" ]; then
          log "  scikit-learn's objective changed between runs ($target -> $now_target); re-scoring"
          python3 - "$out/runs/$c.r$run.topicnmf.json" "$now_target" <<'PY'
import json, sys
p, target = sys.argv[1], float(sys.argv[2])
r = json.load(open(p))
r['sklearnObjective'] = target
hit = next((row for row in r['trace'] if row['objective'] <= target), None)
r['secondsToSklearnObjective'] = hit['seconds'] if hit else None
r['iterationToSklearnObjective'] = hit['iteration'] if hit else None
json.dump(r, open(p, 'w'), indent=1)
PY
        fi
      fi
    done
  done
done

# 3. Tables.
python3 "$helper" summarize "$out" | tee "$out/results.md"
log "done: $out/results.md, $out/summary.json"
