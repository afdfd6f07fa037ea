#!/bin/bash
# Runs two topicnmf jars on the same inputs and reports, file by file, whether the outputs are
# identical: JSON compared after removing timing fields (jq), every other file byte for byte,
# stdout and stderr with the seconds masked. Used to check that a restructuring (issue 11)
# changes no output.
#
# Usage: bench/compare_outputs.sh BASE.jar NEW.jar [OUTDIR]
#   e.g. bench/compare_outputs.sh /work/baseline/topicnmf-542e22d.jar target/topicnmf.jar
# Data: corpora/sample (in the repository), /work/shared/corpora/bbc, /work/shared/data/iris.csv.
set -u
BASE=$1
NEW=$2
O=${3:-$(mktemp -d)}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
S=$ROOT/corpora/sample
BBC=${BBC:-/work/shared/corpora/bbc}
IRIS=${IRIS:-/work/shared/data/iris.csv}
JQ='del(..|.timings?, .seconds?, .totalSeconds?)'
rm -rf "$O"; mkdir -p "$O"
run() { local name=$1 jar=$2; shift 2; java -jar "$jar" "$@" > "$O/$name.stdout" 2> "$O/$name.stderr"; echo "exit $?" >> "$O/$name.stdout"; }
CSV=$O/csvcorpus
mkdir -p "$CSV"
# A .csv corpus of the bbc texts (quotes and line breaks inside fields), for the CSV reader.
python3 - "$BBC" "$CSV/bbc.csv" <<'PY'
import csv, os, sys
root, out = sys.argv[1], sys.argv[2]
with open(out, 'w', newline='', encoding='utf-8') as f:
    w = csv.writer(f); w.writerow(['id', 'label', 'text'])
    for dp, dn, fn in sorted(os.walk(root)):
        dn.sort()
        for name in sorted(fn):
            p = os.path.join(dp, name)
            w.writerow([os.path.relpath(p, root), os.path.basename(dp), open(p, encoding='utf-8', errors='replace').read()])
PY
NAMES="factorize-iris factorize-iris-mu factorize-iris-anls factorize-iris-kl fit-sample fit-sample-kl fit-sample-anls fit-bbc vectorize-sample apply-sample fit-csv"
for tag in base new; do
  J=$BASE; [ $tag = new ] && J=$NEW
  run factorize-iris-$tag "$J" factorize "$IRIS" -k 2 -o "$O/factorize-iris-$tag" --quiet
  run factorize-iris-mu-$tag "$J" factorize "$IRIS" -k 2 --solver mu -o "$O/factorize-iris-mu-$tag" --quiet
  run factorize-iris-anls-$tag "$J" factorize "$IRIS" -k 3 --solver anls -o "$O/factorize-iris-anls-$tag" --quiet
  run factorize-iris-kl-$tag "$J" factorize "$IRIS" -k 2 --loss kl -o "$O/factorize-iris-kl-$tag" --quiet
  run fit-sample-$tag "$J" fit "$S" -o "$O/fit-sample-$tag" --save-matrix "$O/fit-sample-$tag/mx" --quiet
  run fit-sample-kl-$tag "$J" fit "$S" --loss kl -o "$O/fit-sample-kl-$tag" --quiet
  run fit-sample-anls-$tag "$J" fit "$S" --solver anls -o "$O/fit-sample-anls-$tag" --quiet
  run fit-bbc-$tag "$J" fit "$BBC" -o "$O/fit-bbc-$tag" --save-matrix "$O/fit-bbc-$tag/mx" --quiet
  run vectorize-sample-$tag "$J" vectorize "$S" -o "$O/vectorize-sample-$tag" --quiet
  run apply-sample-$tag "$J" apply "$S" -m "$O/fit-sample-base/model.json" -o "$O/apply-sample-$tag" --quiet
  run fit-csv-$tag "$J" fit "$CSV" --id-field id --label-field label -o "$O/fit-csv-$tag" --quiet
done
same=0; diff=0
for name in $NAMES; do
  for f in $(cd "$O/$name-base" && find . -type f | sort); do
    if [[ $f == *.json ]]; then
      cmp -s <(jq -S "$JQ" "$O/$name-base/$f") <(jq -S "$JQ" "$O/$name-new/$f") && r=SAME || r=DIFF
    else
      cmp -s "$O/$name-base/$f" "$O/$name-new/$f" && r=SAME || r=DIFF
    fi
    echo "$r $name/${f#./}"; [ $r = SAME ] && same=$((same+1)) || diff=$((diff+1))
  done
  for s in stdout stderr; do
    cmp -s <(sed -E 's/[0-9.]+ s\b/X s/g' "$O/$name-base.$s") <(sed -E 's/[0-9.]+ s\b/X s/g' "$O/$name-new.$s") && r=SAME || r=DIFF
    echo "$r $name $s"; [ $r = SAME ] && same=$((same+1)) || diff=$((diff+1))
  done
done
echo "$same identical, $diff different (outputs in $O)"
