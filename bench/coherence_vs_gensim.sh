#!/usr/bin/env bash
# Coherence of topicnmf's report against gensim's CoherenceModel on the same topics and the same
# tokenised documents (bench/coherence_vs_gensim.py says what is compared).
#
#   bench/coherence_vs_gensim.sh [CORPUS] [K]      (default: corpora/sample, fit's default k)
#
# 1. topicnmf fit CORPUS (default options, -k K when given) writes the report;
# 2. bench/AnalysedTokens.java writes the analysed documents (the same analysis chain, through the
#    library) as token lists;
# 3. /usr/bin/python3 with gensim (Debian python3-gensim) compares per topic.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${1:-$repo/corpora/sample}"
k="${2:-}"
python="${PYTHON:-/usr/bin/python3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$repo/topicnmf" fit "$corpus" ${k:+-k "$k"} -o "$work/out" --quiet
java -cp "$repo/target/topicnmf.jar" "$repo/bench/AnalysedTokens.java" "$corpus" "$work/tokens.jsonl" >"$work/counts"
read -r docs terms <"$work/counts"
report="$work/out/report.json"
"$python" - "$report" "$docs" "$terms" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
c = r["corpus"]
if c["documentsRead"] != int(sys.argv[2]) or c["terms"] != int(sys.argv[3]):
    sys.exit("token export (%s documents, %s terms) does not match the report (%s, %s)"
             % (sys.argv[2], sys.argv[3], c["documentsRead"], c["terms"]))
PY
echo "corpus: $corpus  k: ${k:-default}  date: $(date -u '+%Y-%m-%d %H:%M UTC')  $(java -version 2>&1 | head -1)"
"$python" "$repo/bench/coherence_vs_gensim.py" "$report" "$work/tokens.jsonl"
