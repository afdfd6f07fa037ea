#!/usr/bin/env bash
# One default fit with --trace, printed per sweep: the start's seconds, every sweep's seconds (the
# differences of fit.trace), the objective, NMI, the report's timings, and wall, CPU and peak RSS.
#
#   bench/scale/fit_sweeps.sh JAR CORPUS HEAP K [FIT ARGS...]      e.g. ... 4g 50 --max-iter 5
#
# Runs `java -XmxHEAP -XX:+UseTransparentHugePages -jar JAR fit CORPUS --label-field label -k K
# -o OUT --quiet --trace FIT ARGS` into a temporary folder (bench/RESULTS.md, "Stop 33"); THP=0
# leaves out -XX:+UseTransparentHugePages.
set -euo pipefail
[ $# -ge 4 ] || { sed -n 2,9p "$0"; exit 2; }
jar=$1; corpus=$2; heap=$3; k=$4; shift 4
out="$(mktemp -d "${TMPDIR:-/tmp}/fit_sweeps.XXXXXX")"
trap 'rm -rf "$out"' EXIT
thp=(-XX:+UseTransparentHugePages)
[ "${THP:-1}" = 0 ] && thp=()
/usr/bin/time -f "%e s wall, %U s user, %S s sys, %M KB peak RSS" -o "$out/time" \
  java "-Xmx$heap" "${thp[@]}" -jar "$jar" fit "$corpus" --label-field label \
  -k "$k" -o "$out/fit" --quiet --trace "$@"
python3 - "$out/fit/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
f = r['fit']
secs = [t['seconds'] for t in f.get('trace', [])]
print('iterations', f['iterations'], 'start s', round(secs[0], 2),
      'sweeps s', [round(b - a, 2) for a, b in zip(secs, secs[1:])])
print('objective', repr(f['objective']), 'NMI', (r.get('evaluation') or {}).get('nmi'))
print("trace", [("%.6g" % t["objective"]) for t in f.get("trace", [])])
print('timings', {k: round(v, 1) for k, v in r.get('timings', {}).items() if isinstance(v, (int, float))})
PY
cat "$out/time"
