#!/usr/bin/env bash
# Many-corpora topic-quality benchmark (issue 15): builds the corpora into a cache outside the
# repository, then compares topicnmf's defaults with scikit-learn cd and mu on each at k = number
# of labels and at half and twice it (NMI, ARI, NPMI by an independent ruler, mean ranks).
#
#   bench/quality_many.sh [CACHE_DIR] [quality_many.py options]
#       e.g. bench/quality_many.sh ~/.cache/topicnmf-bench --json /tmp/q.json
#
# CACHE_DIR defaults to ~/.cache/topicnmf-bench; every run is cached there (scikit-learn's once,
# topicnmf's per jar), so a second call only prints. Corpus sources: bench/corpora/README.md.
# Needs /usr/bin/python3 with scikit-learn, and for some corpora Debian packages:
#   apt-get install fortunes fortunes-de wordnet-base bible-kjv bible-kjv-text
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
cache="${1:-$HOME/.cache/topicnmf-bench}"
shift || true
/usr/bin/python3 "$here/corpora/build_corpora.py" --cache "$cache"
exec /usr/bin/python3 "$here/quality_many.py" --cache "$cache" "$@"
