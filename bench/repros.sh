#!/usr/bin/env bash
# Replays every repro of issue 14 ("Found") on the fat jar, through the ./topicnmf launcher, and
# prints one line per case: PASS or FAIL, the case, the exit code, the seconds and the last line
# the tool wrote on stderr (its summary line or its one-line error). A case passes when the exit
# code is the one expected, stderr holds no stack trace, and what the case checks on the outputs
# holds (nothing lost, nothing mixed). Usage:
#
#   bench/repros.sh [CASE ...]        (no argument: every case; names as printed)
#
# Data is generated under a temporary folder in ${TMPDIR:-/tmp} (up to about 8 GB, most of it
# a sparse file) and removed at the end. The disk-full case mounts a 4 MB tmpfs when run as root
# and else simulates the full disk with the write-fault hook of files.PublishFaults. Needs
# python3, gzip, mkfifo, truncate, timeout, awk. Exit 1 when a case fails. docs/reliability.md holds the table.
set -uo pipefail
repo="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
tool="$repo/topicnmf"
work="$(mktemp -d "${TMPDIR:-/tmp}/topicnmf-repros.XXXXXX")"
mounted=""
cleanup() {
  [ -n "$mounted" ] && umount "$mounted" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
only=("$@")
failures=0
sample="$repo/corpora/sample"

# --- helpers -----------------------------------------------------------------------------------

wanted() { # is case $1 selected?
  [ ${#only[@]} -eq 0 ] && return 0
  local c; for c in "${only[@]}"; do [ "$c" = "$1" ] && return 0; done; return 1
}

# tn TIMEOUT ARGS...: runs the tool; sets rc, msg (last stderr line), secs, errfile
tn() {
  local limit=$1; shift
  errfile="$work/stderr.$RANDOM"
  local t0; t0=$(date +%s.%N)
  timeout -s KILL "$limit" "$tool" "$@" >"$work/stdout" 2>"$errfile"
  rc=$?
  secs=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  msg=$(grep -v '^\s*$' "$errfile" | tail -1)
}

# verdict CASE EXPECTED_RC CHECK_OK [NOTE]: prints the line; CHECK_OK 0 = the output checks held
verdict() {
  local name=$1 want=$2 ok=$3 note=${4:-}
  local result=PASS
  [ "$rc" != "$want" ] && result=FAIL && note="expected exit $want; $note"
  if grep -qE '^\s+at [a-zA-Z_$][a-zA-Z0-9_$.]*\(|OutOfMemoryError|StackOverflowError|Exception in thread' "$errfile"; then
    result=FAIL; note="stack trace or OOM on stderr; $note"
  fi
  [ "$ok" != 0 ] && result=FAIL
  [ "$result" = FAIL ] && failures=$((failures + 1))
  printf '%s\t%s\texit %s\t%ss\t%s%s\n' "$result" "$name" "$rc" "$secs" "$msg" "${note:+  [$note]}"
}

small_docs() { # three small documents that share terms in pairs (a fit of -k 2 works on them)
  mkdir -p "$1"
  echo "bank interest rates mortgage loans" >"$1/a.txt"
  echo "bank interest garden soil plants" >"$1/b.txt"
  echo "garden soil plants rates mortgage" >"$1/c.txt"
}

# json FILE EXPR: prints a Python expression over the parsed JSON file as j
json() { python3 -c "import json,sys; j=json.load(open(sys.argv[1])); print($2)" "$1" 2>/dev/null; }

skipped_reason() { # report.json, file-name fragment -> the reason it was skipped ("" if not skipped)
  python3 - "$1" "$2" <<'PY' 2>/dev/null
import json, sys
j = json.load(open(sys.argv[1]))
for s in j["corpus"].get("skipped", []):
    if sys.argv[2] in json.dumps(s):
        print(s.get("reason", s)); break
PY
}

# same_run DIR: report.json and model.json of DIR carry one run id; prints it
same_run() {
  local r m
  r=$(json "$1/report.json" 'j.get("runId")'); m=$(json "$1/model.json" 'j.get("runId")')
  [ -n "$r" ] && [ "$r" = "$m" ] && [ "$r" != None ] && echo "$r"
}

no_staging() { ! ls -a "$(dirname "$1")" "$1" 2>/dev/null | grep -q '^\.topicnmf-tmp-'; }

# --- 1. out of memory ----------------------------------------------------------------------------

if wanted gzip-bomb-900M; then
  d="$work/bomb"; small_docs "$d"
  yes "bank interest rates mortgage garden soil" | head -c 900M | gzip -1 >"$d/text.txt.gz"
  tn 600 fit "$d" -k 2 -q -o "$work/bomb-out"
  reason=$(skipped_reason "$work/bomb-out/report.json" text.txt.gz)
  n=$(json "$work/bomb-out/report.json" 'j["corpus"]["documentsRead"]')
  [ -n "$reason" ] && [ "$n" = 3 ]; verdict gzip-bomb-900M 0 $? "3 read; text.txt.gz: $reason"
  rm -rf "$d" "$work/bomb-out"
fi

if wanted gz-zeros-5G-Xmx512m; then
  d="$work/zeros"; small_docs "$d"
  head -c 5G /dev/zero | gzip -1 >"$d/zeros.txt.gz"
  TOPICNMF_JAVA_OPTS=-Xmx512m tn 600 fit "$d" -k 2 -q -o "$work/zeros-out"
  reason=$(skipped_reason "$work/zeros-out/report.json" zeros.txt.gz)
  [ -n "$reason" ]; verdict gz-zeros-5G-Xmx512m 0 $? "zeros.txt.gz: $reason"
  rm -rf "$d" "$work/zeros-out"
fi

if wanted sparse-1.9G-Xmx1g; then
  d="$work/sparse"; small_docs "$d"
  truncate -s 1900M "$d/sparse.txt"
  TOPICNMF_JAVA_OPTS=-Xmx1g tn 600 fit "$d" -k 2 -q -o "$work/sparse-out"
  reason=$(skipped_reason "$work/sparse-out/report.json" sparse.txt)
  [ -n "$reason" ] && [ "${secs%.*}" -lt 60 ]; verdict sparse-1.9G-Xmx1g 0 $? "sparse.txt: $reason"
  rm -rf "$d" "$work/sparse-out"
fi

if wanted mtx-2e9-header; then
  printf '%%%%MatrixMarket matrix coordinate real general\n2000000000 2000000000 3\n1 1 1\n2 2 2\n3 3 3\n' >"$work/huge.mtx"
  tn 120 factorize "$work/huge.mtx" -k 2 -q -o "$work/huge-out"
  echo "$msg" | grep -q 'huge.mtx'; verdict mtx-2e9-header 2 $?
fi

make_mails() { # DIR N: N small .eml messages on four themes
  python3 - "$1" "$2" <<'PY'
import os, random, sys
d, n = sys.argv[1], int(sys.argv[2]); os.makedirs(d, exist_ok=True)
themes = ["bank interest rates mortgage loans savings deposit lender",
          "garden soil plants flowers compost seeds watering roses",
          "football match goal league players season coach stadium",
          "compiler code software bugs program function tests debugger"]
rnd = random.Random(14)
for i in range(n):
    words = " ".join(rnd.choice(themes[i % 4].split()) for _ in range(120))
    with open(os.path.join(d, "m%05d.eml" % i), "w") as f:
        f.write("From: a%d@example.org\nTo: b@example.org\nSubject: note %d\n"
                "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n%s\n" % (i, i, words))
PY
}

if wanted mails-6000-Xmx64m; then
  make_mails "$work/mails" 6000
  TOPICNMF_JAVA_OPTS=-Xmx64m tn 900 fit "$work/mails" -k 4 -q -o "$work/mails-out"
  n=$(json "$work/mails-out/report.json" 'j["corpus"]["documentsRead"]')
  if [ "$rc" = 0 ]; then [ "$n" = 6000 ]; ok=$?; else echo "$msg" | grep -qi 'memory.*-Xmx\|-Xmx.*memory'; ok=$?; fi
  verdict mails-6000-Xmx64m 0 $ok "documents read: ${n:-none}"
  rm -rf "$work/mails-out"
fi

# --- 2. outputs published as one unit ------------------------------------------------------------

if wanted disk-full-second-fit; then
  fs="$work/fs"; mkdir -p "$fs"
  how=simulated
  if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=4m tmpfs "$fs" 2>/dev/null; then mounted="$fs"; how=tmpfs; fi
  out="$fs/out"
  tn 300 fit "$sample" -k 3 -q -o "$out" --save-matrix "$out/m"
  first=$(same_run "$out")
  if [ "$how" = tmpfs ]; then
    # start the second fit and fill the file system once it has passed its pre-flight checks (its
    # staging folder exists): its writes then fail with "No space left on device"
    t0=$(date +%s.%N); errfile="$work/full.err"
    "$tool" fit "$sample" -k 4 -q -o "$out" --save-matrix "$out/m" 2>"$errfile" & pid=$!
    for _ in $(seq 1 600); do
      ls -a "$fs" "$out" 2>/dev/null | grep -q '^\.topicnmf-tmp-' && break
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.05
    done
    head -c 8M /dev/zero >"$fs/filler" 2>/dev/null
    wait "$pid"; rc=$?
    secs=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'); msg=$(grep -v '^\s*$' "$errfile" | tail -1)
  else
    TOPICNMF_JAVA_OPTS=-Dtopicnmf.faults.writeBudget=200000 tn 300 fit "$sample" -k 4 -q -o "$out" --save-matrix "$out/m"
  fi
  after=$(same_run "$out")
  kept=1; [ -n "$first" ] && [ "$first" = "$after" ] && kept=0
  rc2=$rc; msg2=$msg; secs2=$secs; err2=$errfile
  rm -f "$fs/filler"
  tn 300 fit "$sample" -k 4 -q -o "$out" --save-matrix "$out/m" # the next run, with room: publishes, cleans up
  third=$(same_run "$out")
  ok=1; [ "$kept" = 0 ] && [ -n "$third" ] && [ "$third" != "$first" ] && no_staging "$out" && ok=0
  rc=$rc2; msg=$msg2; secs=$secs2; errfile=$err2
  verdict disk-full-second-fit 2 $ok "$how; old outputs whole: $([ $kept = 0 ] && echo yes || echo NO)"
  [ -n "$mounted" ] && umount "$mounted" && mounted=""
  rm -rf "$fs"
fi

if wanted kill-9-after-publish; then
  out="$work/k/out"
  tn 300 fit "$sample" -k 3 -q -o "$out"
  first=$(same_run "$out")
  # each rename of the publish pauses 1.5 s: kill -9 once report.json is the new one
  TOPICNMF_JAVA_OPTS=-Dtopicnmf.faults.renamePauseMs=1500 "$tool" fit "$sample" -k 4 -q -o "$out" 2>"$work/k.err" &
  pid=$!
  killed=no
  for _ in $(seq 1 1200); do
    r=$(json "$out/report.json" 'j.get("runId")')
    if [ -n "$r" ] && [ "$r" != "$first" ]; then pkill -KILL -P "$pid" 2>/dev/null; kill -KILL "$pid" 2>/dev/null; killed=yes; break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  wait "$pid" 2>/dev/null
  mixed=$( [ "$(json "$out/report.json" 'j.get("runId")')" != "$(json "$out/model.json" 'j.get("runId")')" ] && echo yes || echo no)
  # apply completes the interrupted publish before it reads the model
  tn 300 apply -m "$out/model.json" "$sample" -q -o "$work/k/applied"
  now=$(same_run "$out")
  [ "$killed" = yes ] && [ -n "$now" ] && [ "$now" != "$first" ] && no_staging "$out"
  verdict kill-9-after-publish 0 $? "killed after report.json renamed: $killed; mix on disk before recovery: $mixed; after: one run"
fi

if wanted two-fits-same-o; then
  out="$work/two/out"
  "$tool" fit "$sample" -k 3 -q -o "$out" 2>"$work/two.1" & p1=$!
  "$tool" fit "$sample" -k 4 -q -o "$out" 2>"$work/two.2" & p2=$!
  wait $p1; r1=$?; wait $p2; r2=$?
  errfile="$work/two.2"; [ "$r2" = 0 ] && errfile="$work/two.1"
  rc=$(( r1 > r2 ? r1 : r2 )); secs=-; msg=$(grep -v '^\s*$' "$errfile" | tail -1)
  one=$(same_run "$out")
  [ -n "$one" ] && { [ "$r1$r2" = 02 ] || [ "$r1$r2" = 20 ]; } && echo "$msg" | grep -q 'in use'
  verdict two-fits-same-o 2 $? "exits $r1 and $r2; outputs of one run"
fi

if wanted ldavis-onto-model; then
  out="$work/lv"
  tn 300 fit "$sample" -k 3 -q -o "$out"
  first=$(same_run "$out")
  tn 300 fit "$sample" -k 3 -q -o "$out" --ldavis "$out/model.json"
  [ "$(same_run "$out")" = "$first" ] && echo "$msg" | grep -q -- '--ldavis'; verdict ldavis-onto-model 2 $?
fi

if wanted o-is-a-file; then
  [ -d "$work/mails" ] || make_mails "$work/mails" 6000
  echo x >"$work/afile"
  tn 120 fit "$work/mails" -k 4 -q -o "$work/afile"
  [ "${secs%.*}" -lt 15 ] && echo "$msg" | grep -q afile; verdict o-is-a-file 2 $? "refused before reading 6,000 mails"
fi

if wanted o-unwritable; then
  [ -d "$work/mails" ] || make_mails "$work/mails" 6000
  tn 120 fit "$work/mails" -k 4 -q -o /proc/topicnmf-out
  [ "${secs%.*}" -lt 15 ] && echo "$msg" | grep -q '/proc/topicnmf-out'; verdict o-unwritable 2 $? "refused before reading"
fi

if wanted o-inside-input; then
  d="$work/inside"; mkdir -p "$d"; cp "$sample"/*/* "$d"/ 2>/dev/null || cp -r "$sample"/. "$d"/
  tn 300 fit "$d" -k 3 -q -o "$d/out" --save-matrix "$d/out/m"
  n1=$(json "$d/out/report.json" 'j["corpus"]["documentsRead"]')
  tn 300 fit "$d" -k 3 -q -o "$d/out" --save-matrix "$d/out/m"
  n2=$(json "$d/out/report.json" 'j["corpus"]["documentsRead"]')
  inside=$(json "$d/out/report.json" 'sum(1 for x in j["documents"] if x["id"].startswith("out/"))')
  [ -n "$n1" ] && [ "$n1" = "$n2" ] && [ "$inside" = 0 ]; verdict o-inside-input 0 $? "documents read: $n1 then $n2"
fi

# --- 3. MIME --------------------------------------------------------------------------------------

if wanted mime-nested-boundary; then
  d="$work/mime"; small_docs "$d"
  printf '%s\n' 'From: a@example.org' 'Subject: nested' 'MIME-Version: 1.0' \
    'Content-Type: multipart/mixed; boundary="abc"' '' 'preamble' '--abc' \
    'Content-Type: multipart/alternative; boundary="abcZ"' '' '--abcZ' 'Content-Type: text/plain' '' \
    'bank interest rates mortgage garden soil plants inner' '--abcZ' 'Content-Type: text/html' '' \
    '<p>bank interest rates inner</p>' '--abcZ--' '--abc' 'Content-Type: text/plain' '' \
    'garden soil plants second part' '--abc--' >"$d/nested.eml"
  tn 300 fit "$d" -k 2 -q -o "$work/mime-out"
  n=$(json "$work/mime-out/report.json" 'j["corpus"]["documentsRead"]')
  [ "$n" = 4 ] && [ -z "$(skipped_reason "$work/mime-out/report.json" nested.eml)" ]
  verdict mime-nested-boundary 0 $? "documents read: $n of 4"
fi

# --- 4. smaller defects ---------------------------------------------------------------------------

if wanted id-with-newline; then
  d="$work/nl"; small_docs "$d"
  printf 'bank interest garden soil mortgage\n' >"$d/$(printf 'two\nlines.txt')"
  tn 300 fit "$d" -k 2 -q -o "$work/nl-out" --save-matrix "$work/nl-out/m"
  rows=$(grep -v '^%' "$work/nl-out/m/matrix.mtx" | head -1 | cut -d' ' -f1)
  lines=$(wc -l <"$work/nl-out/m/documents.txt")
  found=$(json "$work/nl-out/report.json" 'sum(1 for x in j["documents"] if x["id"]=="two\nlines.txt")')
  [ "$rows" = 4 ] && [ "$lines" = "$rows" ] && [ "$found" = 1 ]; verdict id-with-newline 0 $? "rows $rows, documents.txt lines $lines"
fi

if wanted non-utf8-name; then
  d="$work/latin"; small_docs "$d"
  printf 'bank interest garden soil mortgage\n' >"$d/$(printf 'caf\351.txt')"
  tn 300 fit "$d" -k 2 -q -o "$work/latin-out"
  found=$(json "$work/latin-out/report.json" 'sum(1 for x in j["documents"] if x["id"]=="caf%E9.txt")')
  [ "$found" = 1 ]; verdict non-utf8-name 0 $? "id caf%E9.txt in the report: $found"
fi

if wanted over-long-token; then
  d="$work/long"; small_docs "$d"
  long=$(head -c 1000 /dev/zero | tr '\0' q)
  echo "bank interest $long garden" >"$d/d.txt"; echo "rates soil $long plants" >"$d/e.txt"
  tn 300 fit "$d" -k 2 -q -o "$work/long-out" --save-matrix "$work/long-out/m"
  ! grep -q qqqq "$work/long-out/m/terms.txt"; verdict over-long-token 0 $? "no piece of the 1,000-letter token among the terms"
fi

if wanted model-json-empty; then
  mkdir -p "$work/m0"; : >"$work/m0/model.json"
  tn 120 apply -m "$work/m0/model.json" "$sample" -q -o "$work/m0-out"
  echo "$msg" | grep -q 'model.json'; verdict model-json-empty 2 $?
fi

if wanted model-json-nul-bytes; then
  mkdir -p "$work/mz"; { head -c 64 /dev/zero; echo '{"format":"topicnmf-model/1"}'; } >"$work/mz/model.json"
  tn 120 apply -m "$work/mz/model.json" "$sample" -q -o "$work/mz-out"
  echo "$msg" | grep -q 'model.json'; verdict model-json-nul-bytes 2 $?
fi

if wanted model-json-not-a-model; then
  mkdir -p "$work/mr"; echo '{"format":"topicnmf-report/1","topics":[]}' >"$work/mr/model.json"
  tn 120 apply -m "$work/mr/model.json" "$sample" -q -o "$work/mr-out"
  echo "$msg" | grep -q 'model.json'; verdict model-json-not-a-model 2 $?
fi

huge_csv() {
  python3 - "$1" <<'PY'
import random, sys
r = random.Random(3)
with open(sys.argv[1], "w") as f:
    f.write("a,b,c,d\n")
    for i in range(30):
        f.write(",".join("%.3f" % r.uniform(0, 5) for _ in range(4)) + "\n")
    f.write("1e308,1,2,3\n")
PY
}

for init in nndsvd random; do
  if wanted "csv-1e308-$init"; then
    huge_csv "$work/huge.csv"
    tn 120 factorize "$work/huge.csv" -k 2 --init "$init" -q -o "$work/huge-$init"
    if [ "$rc" = 0 ]; then ! grep -qi 'nan\|infinity' "$work/huge-$init/factorization.json"; ok=$?; want=0
    else echo "$msg" | grep -q 'huge.csv'; ok=$?; want=2; fi
    verdict "csv-1e308-$init" "$want" "$ok" "$([ "$rc" = 0 ] && echo 'no NaN or Infinity in factorization.json')"
  fi
done

if wanted csv-stray-quote; then
  python3 - "$work/quote.csv" <<'PY'
import sys
themes = ["bank interest rates mortgage loans", "garden soil plants flowers compost"]
with open(sys.argv[1], "w") as f:
    f.write("id,text\n")
    for i in range(300):
        t = themes[i % 2] + " record %d" % i
        if i == 50: t = '"a stray quote ' + t
        f.write("r%d,%s\n" % (i, t))
PY
  tn 300 fit "$work/quote.csv" --id-field id --text-field text -k 2 -q -o "$work/quote-out"
  n=$(json "$work/quote-out/report.json" 'j["corpus"]["documentsRead"]')
  reason=$(skipped_reason "$work/quote-out/report.json" quote.csv)
  [ "$n" -ge 299 ] 2>/dev/null && [ -n "$reason" ]; verdict csv-stray-quote 0 $? "$n of 300 records read; reported: $reason"
fi

if wanted three-identical-docs; then
  d="$work/same"; mkdir -p "$d"
  for i in 1 2 3; do echo "bank interest rates mortgage loans" >"$d/$i.txt"; done
  tn 120 fit "$d" -k 2 -q -o "$work/same-out"
  echo "$msg" | grep -q -- 'try.*--max-df'; verdict three-identical-docs 2 $?
fi

if wanted fifo-argument; then
  mkfifo "$work/fifo"
  tn 60 fit "$work/fifo" -k 2 -q -o "$work/fifo-out"
  echo "$msg" | grep -q fifo; verdict fifo-argument 2 $?
fi

if wanted dev-zero-argument; then
  tn 60 fit /dev/zero -k 2 -q -o "$work/zero-out"
  echo "$msg" | grep -q /dev/zero; verdict dev-zero-argument 2 $?
fi

if wanted fifo-in-folder; then
  d="$work/ff"; small_docs "$d"; mkfifo "$d/pipe.txt"
  tn 60 fit "$d" -k 2 -q -o "$work/ff-out"
  [ -n "$(skipped_reason "$work/ff-out/report.json" pipe.txt)" ]; verdict fifo-in-folder 0 $? "pipe.txt listed as skipped"
fi

if wanted reduce-one-unit; then
  out="$work/red"
  tn 300 fit "$sample" -k 4 -q -o "$out/fit"
  tn 300 reduce -m "$out/fit/model.json" -k 2 "$sample" -q -o "$out/r"
  r=$(same_run "$out/r")
  echo x >"$work/afile2"; tn 120 reduce -m "$out/fit/model.json" -k 2 -q -o "$work/afile2"
  [ -n "$r" ] && echo "$msg" | grep -q afile2; verdict reduce-one-unit 2 $? "reduce's model and report share run id ${r:-NONE}; -o a file refused"
fi

echo "$failures failed"
[ "$failures" = 0 ]
