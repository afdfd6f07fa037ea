#!/bin/bash
# The smallest heap (-Xmx, in MB) in (LO, HI] at which a topicnmf command exits 0, by bisection
# (C1 only, as the launcher runs vectorize). The command's output goes to a temporary folder.
#   bench/memory/min_heap.sh LO HI vectorize corpora/sample --threads 2
# bench/RESULTS.md, "The reading's heap floor". HI must work and LO must not.
set -u
lo=$1; hi=$2; shift 2
J="$(cd "$(dirname "$0")/../.." && pwd)/target/topicnmf.jar"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
while [ $((hi-lo)) -gt 1 ]; do
  mid=$(((lo+hi)/2))
  rm -rf "$out/mh"
  if nice java -Xmx${mid}m -XX:TieredStopAtLevel=1 -jar "$J" "$@" -q -o "$out/mh" >/dev/null 2>&1; then hi=$mid; else lo=$mid; fi
done
echo $hi
