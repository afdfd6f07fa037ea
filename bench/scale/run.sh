#!/usr/bin/env bash
# Scale benchmark: topicnmf fit and scikit-learn side by side on generated corpora, with wall time
# per stage and peak RSS (/usr/bin/time -v) per run.
#
#   bench/scale/run.sh DATA_DIR [SIZE ...]          (default size: 100000; k = ${K:-50})
#
# DATA_DIR (outside the repository) receives corpus-SIZE.jsonl from generate.py (made when
# missing), the outputs, and results-SIZE.tsv, one line per run:
#   tool  size  total_s  read_s  analyse_or_vectorize_s  matrix_s  nmf_s  other_s  peak_rss_mb  iterations  nmi  cpu_s
# (cpu_s: user + system CPU seconds of the whole process, from /usr/bin/time; on a loaded machine
# it is the steadier figure, wall times stretch with the load)
# Runs: topicnmf fit at its defaults (KL) and with --loss frobenius, under JAVA_OPTS (default -Xmx4g;
# -XX:+UseTransparentHugePages is added as the launcher adds it);
# scikit-learn TfidfVectorizer + NMF (cd) and + MiniBatchNMF; with SKLEARN_KL=1 also NMF (mu, KL).
# scikit-learn runs are skipped for sizes above SKLEARN_MAX (default 300000).
# TOPICNMF_VARIANTS (default "default frobenius") and SKLEARN_METHODS (default "cd minibatch", plus
# mu-kl with SKLEARN_KL=1) choose the runs; TIMEOUT=N (seconds, default none) caps each
# scikit-learn run, and one that is stopped gets a line "did not finish within N s" (one that fails
# otherwise: "failed (exit N)").
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
data="${1:?usage: run.sh DATA_DIR [SIZE ...]}"
shift
sizes=("${@:-100000}")
k="${K:-50}"
java_opts="${JAVA_OPTS:--Xmx4g}"
# As the launcher (./topicnmf) does where the kernel gives huge pages on request: the product as a
# user runs it (runs before stop 37 left this out; bench/RESULTS.md, "Stop 37").
if [[ "$java_opts" != *TransparentHugePages* ]] && grep -qs '\[madvise\]' /sys/kernel/mm/transparent_hugepage/enabled; then
  java_opts="$java_opts -XX:+UseTransparentHugePages"
fi
py=/usr/bin/python3
mkdir -p "$data"
[ -f "$repo/target/topicnmf.jar" ] || (cd "$repo" && mvn -B -q -DskipTests package)

peak_mb() { awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$1"; }
cpu_s() { awk -F': ' '/User time|System time/ {s += $2} END {printf "%.1f", s}' "$1"; }

for n in "${sizes[@]}"; do
  corpus="$data/corpus-$n.jsonl"
  [ -f "$corpus" ] || "$py" "$here/generate.py" "$data" --sizes "$n"
  out="$data/results-$n.tsv"
  : > "$out"
  for variant in ${TOPICNMF_VARIANTS:-default frobenius}; do
    extra=()
    [ "$variant" = frobenius ] && extra=(--loss frobenius)
    dir="$data/topicnmf-$variant-$n"
    echo "topicnmf $variant, $n documents ..." >&2
    # shellcheck disable=SC2086
    /usr/bin/time -v -o "$data/time.log" java $java_opts -jar "$repo/target/topicnmf.jar" fit "$corpus" \
      --label-field label -k "$k" -o "$dir" --quiet "${extra[@]}" 2>"$data/stderr.log" || { cat "$data/stderr.log" >&2; exit 1; }
    "$py" - "$dir/report.json" "topicnmf-$variant" "$n" "$(peak_mb "$data/time.log")" "$(cpu_s "$data/time.log")" >>"$out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); t = r["timings"]
ev = r.get("evaluation") or {}
print("\t".join(str(v) for v in [sys.argv[2], sys.argv[3], round(t["totalSeconds"], 1), round(t["readSeconds"], 1),
      round(t["analysisSeconds"], 1), round(t["matrixSeconds"], 1), round(t["nmfSeconds"], 1),
      round(t["topicsSeconds"], 1), sys.argv[4], r["fit"]["iterations"], round(ev.get("nmi", float("nan")), 3), sys.argv[5]]))
PY
  done
  read -r -a methods <<<"${SKLEARN_METHODS:-cd minibatch}"
  [ "${SKLEARN_KL:-0}" = 1 ] && methods+=(mu-kl)
  if [ "$n" -le "${SKLEARN_MAX:-300000}" ]; then
    for m in "${methods[@]}"; do
      echo "scikit-learn $m, $n documents ..." >&2
      cap=()
      [ -n "${TIMEOUT:-}" ] && cap=(timeout "$TIMEOUT")
      rc=0
      /usr/bin/time -v -o "$data/time.log" "${cap[@]}" "$py" "$here/sklearn_fit.py" "$corpus" "$k" "$m" >"$data/sk.json" || rc=$?
      if [ "$rc" != 0 ]; then
        # timeout(1) exits 124 when it stopped the run; any other status is a failure of the run itself.
        if [ "$rc" = 124 ] && [ -n "${TIMEOUT:-}" ]; then why="did not finish within $TIMEOUT s"; else why="failed (exit $rc)"; fi
        printf 'sklearn-%s\t%s\t%s\t\t\t\t\t\t%s\t\t\t%s\n' "$m" "$n" "$why" \
          "$(peak_mb "$data/time.log")" "$(cpu_s "$data/time.log")" >>"$out"
        continue
      fi
      "$py" - "$data/sk.json" "sklearn-$m" "$n" "$(peak_mb "$data/time.log")" "$(cpu_s "$data/time.log")" >>"$out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print("\t".join(str(v) for v in [sys.argv[2], sys.argv[3], round(r["totalSeconds"], 1), round(r["readSeconds"], 1),
      round(r["vectorizeSeconds"], 1), "-", round(r["nmfSeconds"], 1), "-", sys.argv[4], r["iterations"], round(r["nmi"], 3), sys.argv[5]]))
PY
    done
  fi
  cat "$out"
done
