#!/usr/bin/env bash
# The Spark job (spark/) in local mode on a generated scale corpus, for issue 12's scale benchmark:
# wall time, CPU seconds and peak RSS of the one JVM that runs driver and executors, and the NMI of
# the clusters (the dominant topics) against the generated labels.
#
#   bench/scale/spark_local.sh DATA_DIR SIZE [MASTER]      (MASTER default local[2]; k = ${K:-50})
#
# Needs the core installed and the job compiled: `mvn -B -q -DskipTests install && mvn -B -q -f
# spark/pom.xml -DskipTests compile` (done here when spark/target/classes is missing). Runs the
# job's main class with the job's own class path (Spark included, as spark-submit would give it),
# under JAVA_OPTS (default -Xmx4g), with --report-documents above SIZE so the report lists every
# document (REPORT_DOCS=N sets it instead, e.g. the job's default 100000 for a million documents,
# whose report then lists each cluster's strongest members and leaves the rest to documents.parquet);
# JOB_ARGS adds flags of the job (e.g. JOB_ARGS="--max-iter 10"). The job's stderr, Spark's INFO log
# included (cached blocks, blocks written to disk), stays in DATA_DIR/spark-stderr.log. Appends one
# line to DATA_DIR/results-SIZE.tsv in run.sh's columns:
#   tool  size  total_s  read_s  analyse_or_vectorize_s  matrix_s  nmf_s  other_s  peak_rss_mb  iterations  nmi  cpu_s
# (total_s is the process's wall time, JVM and Spark start-up included; the stages are the report's timings).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
data="${1:?usage: spark_local.sh DATA_DIR SIZE [MASTER]}"
n="${2:?usage: spark_local.sh DATA_DIR SIZE [MASTER]}"
master="${3:-local[2]}"
k="${K:-50}"
report_docs="${REPORT_DOCS:-$((n + 1))}"
java_opts="${JAVA_OPTS:--Xmx4g}"
py=/usr/bin/python3
corpus="$data/corpus-$n.jsonl"
[ -f "$corpus" ] || "$py" "$here/generate.py" "$data" --sizes "$n"
[ -d "$repo/spark/target/classes/io" ] || (cd "$repo" && mvn -B -q -DskipTests install && mvn -B -q -f spark/pom.xml -DskipTests compile)
cp_file="$data/spark-classpath.txt"
# Offline first (fast); the dependency plugin itself may not be cached yet on a fresh machine.
(cd "$repo" && { mvn -B -q -o -f spark/pom.xml dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null 2>&1 \
  || mvn -B -q -f spark/pom.xml dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null; })
out="$data/spark-$n"
rm -rf "$out"
opens=()
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
  java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
start=$(date +%s.%N)
# shellcheck disable=SC2086
/usr/bin/time -v -o "$data/spark-time.log" java $java_opts "${opens[@]}" -Djdk.reflect.useDirectMethodHandle=false \
  -Dio.netty.tryReflectionSetAccessible=true -Dspark.master="$master" -Dspark.ui.enabled=false \
  -Dspark.driver.memory=4g -cp "$repo/spark/target/classes:$(cat "$cp_file")" io.topicnmf.spark.SparkFit \
  "$corpus" -o "$out" -k "$k" --label-field label --report-documents "$report_docs" ${JOB_ARGS:-} 2>"$data/spark-stderr.log" \
  || { tail -30 "$data/spark-stderr.log" >&2; exit 1; }
end=$(date +%s.%N)
peak=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$data/spark-time.log")
cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.1f", s}' "$data/spark-time.log")
"$py" - "$out/report.json" "$n" "$(echo "$end - $start" | bc)" "$peak" "$cpu" "$master" >>"$data/results-$n.tsv" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
ev = r.get("evaluation") or {}
t = r.get("timings") or {}
g = lambda key: round(t[key], 1) if key in t else "-"
print("\t".join(str(v) for v in ["spark-" + sys.argv[6], sys.argv[2], round(float(sys.argv[3]), 1), g("readSeconds"),
      g("analysisSeconds"), g("matrixSeconds"), g("nmfSeconds"), g("topicsSeconds"), sys.argv[4], r["fit"]["iterations"],
      round(ev.get("nmi", float("nan")), 3), sys.argv[5]]))
PY
tail -1 "$data/results-$n.tsv"
