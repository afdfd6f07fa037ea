#!/usr/bin/env bash
# Size, load time and interaction times of report.html / select-k.html pages in headless Chromium
# (Debian's chromium).
# Usage: bench/html_load.sh RUNS PAGE.html...
# For each page: the file size and, over RUNS fresh browser starts, the median of the two times the
# page itself logs when it has drawn everything (console.info "topicnmf: rendered in X ms (Y ms
# since navigation)"): X from the start of its script (JSON parse + drawing), Y from navigation
# start (reading and parsing the file too). Screenshot mode forces a full layout and paint first.
# report.html is opened as report.html#bench, so it then also times its document table's
# interactions (select the largest topic, unselect, search an id, clear, sort by strength, sort by
# id, next page; each with the layout it causes) and logs "topicnmf: interactions {...}" in ms:
# their medians are printed too.
set -euo pipefail
runs=$1; shift
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
for page in "$@"; do
  size=$(stat -c %s "$page")
  xs=(); ys=(); inter=()
  for ((i = 0; i < runs; i++)); do
    prof=$(mktemp -d)
    log=$(timeout 180 chromium --headless=new --no-sandbox --disable-gpu --disable-background-networking \
      --disable-component-update --disable-sync --no-first-run --user-data-dir="$prof" \
      --window-size=1300,1000 --enable-logging=stderr --v=0 --screenshot="$prof/shot.png" \
      "file://$(realpath "$page")#bench" 2>&1 || true)
    rm -rf "$prof"
    line=$(echo "$log" | grep -o 'topicnmf: rendered in [0-9]* ms ([0-9]* ms' || true)
    [ -n "$line" ] || { echo "$page: no 'rendered' line (a script error?)" >&2; exit 1; }
    xs+=("$(echo "$line" | sed -E 's/.*rendered in ([0-9]+) ms.*/\1/')")
    ys+=("$(echo "$line" | sed -E 's/.*\(([0-9]+) ms$/\1/')")
    j=$(echo "$log" | grep -o 'topicnmf: interactions {[^}]*}' | sed 's/topicnmf: interactions //' || true)
    [ -n "$j" ] && inter+=("$j")
  done
  printf '%s\t%.2f MB\tscript %s ms\tnavigation %s ms\t(runs: %s / %s)\n' "$page" "$(echo "$size / 1048576" | bc -l)" \
    "$(median "${xs[@]}")" "$(median "${ys[@]}")" "${xs[*]}" "${ys[*]}"
  if [ ${#inter[@]} -gt 0 ]; then
    printf '%s\n' "${inter[@]}" | /usr/bin/python3 -c '
import json, statistics, sys
runs = [json.loads(l) for l in sys.stdin if l.strip()]
print("\tinteractions, median of %d (ms): " % len(runs) + ", ".join(
    "%s %s" % (k, statistics.median(r[k] for r in runs)) for k in runs[0]))'
  fi
done
