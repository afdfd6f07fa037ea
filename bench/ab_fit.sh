#!/usr/bin/env bash
# Interleaved A/B runs of the default fit, one line per run: CPU seconds (user + system from
# /usr/bin/time -v), wall, peak RSS, load average at the start, iterations, objective, NMI and the
# report's stage timings. Used for "Speed of the default fit at scale, round 2" in bench/RESULTS.md.
#
#   bench/ab_fit.sh ROUNDS CORPUS K LABEL JAR...
# (outputs under ${AB_DIR:-/tmp/speed2}/ab-LABEL-JARNAME; the corpus needs a "label" field)
rounds=$1; corpus=$2; k=$3; label=$4; shift 4
mkdir -p "${AB_DIR:-/tmp/speed2}"
for r in $(seq 1 $rounds); do
  for jar in "$@"; do
    name=$(basename $jar .jar); out=${AB_DIR:-/tmp/speed2}/ab-$label-$name
    rm -rf $out
    la=$(cut -d' ' -f1 /proc/loadavg)
    nice -n 10 /usr/bin/time -v java -Xmx4g -jar $jar fit $corpus --label-field label -k $k -o $out --quiet 2>${AB_DIR:-/tmp/speed2}/time.txt >/dev/null
    u=$(grep "User time" ${AB_DIR:-/tmp/speed2}/time.txt | awk '{print $NF}'); s=$(grep "System time" ${AB_DIR:-/tmp/speed2}/time.txt | awk '{print $NF}')
    w=$(grep "Elapsed" ${AB_DIR:-/tmp/speed2}/time.txt | awk '{print $NF}'); rss=$(grep "Maximum resident" ${AB_DIR:-/tmp/speed2}/time.txt | awk '{print $NF}')
    python3 - $out/report.json "$r" "$name" "$u" "$s" "$w" "$rss" "$la" <<'PY'
import json,sys
d=json.load(open(sys.argv[1])); f=d['fit']; t=d.get('timings',{})
ev=d.get('evaluation') or {}
nmi=ev.get('nmi') if isinstance(ev,dict) else None
print(sys.argv[2], sys.argv[3], 'cpu=%.1f'%(float(sys.argv[4])+float(sys.argv[5])), 'wall=%s'%sys.argv[6], 'rss=%dMB'%(int(sys.argv[7])//1024), 'load=%s'%sys.argv[8],
      'iters=%s'%f.get('iterations'), 'obj=%r'%f.get('objective'), 'nmi=%s'%nmi, 'timings=%s'%json.dumps(t), flush=True)
PY
  done
done
