#!/usr/bin/env bash
# Writes the screenshots of report.html that README shows: docs/report-sample.png (the sample
# corpus), docs/report-bbc.png (bbc, k = 5, topic 1 selected), docs/report-timeline.png (bbc as
# records with SYNTHETIC dates from bench/dated_bbc.py, k = 5, by month) and
# docs/report-hierarchy.png (bbc fitted with k = 12, reduced to 5 by 'topicnmf reduce').
# Needs target/topicnmf.jar (mvn -o package -DskipTests), chromium and chromium-driver, and
# /work/shared/corpora/bbc (BBC=... to give another path). Takes a few minutes.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
bbc=${BBC:-/work/shared/corpora/bbc}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tn() { java -jar "$repo/target/topicnmf.jar" "$@" --quiet; }
cd "$repo"
tn fit corpora/sample -o "$work/sample"
tn fit "$bbc" -k 5 -o "$work/bbc"
tn fit "$bbc" -k 12 -o "$work/bbc12"
tn reduce --model "$work/bbc12/model.json" --topics 5 "$bbc" -o "$work/bbc-reduced"
mkdir -p "$work/dated"
/usr/bin/python3 bench/dated_bbc.py "$bbc" "$work/dated/bbc-dated.jsonl"
tn fit "$work/dated" -k 5 --id-field id --label-field label --date-field date --period month -o "$work/dated-out"
(cd "$repo" && mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test)
java -cp "$(cat "$work/cp.txt")" bench/Screenshots.java \
  "$work/sample/report.html" viewport 1280x1100 docs/report-sample.png \
  "$work/bbc/report.html#topic=1" viewport 1280x2300 docs/report-bbc.png \
  "$work/dated-out/report.html" "#timeline-section" 1280x1000 docs/report-timeline.png \
  "$work/bbc-reduced/report.html" "#hierarchy-section" 1280x1000 docs/report-hierarchy.png
