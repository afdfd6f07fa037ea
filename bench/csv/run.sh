#!/bin/sh
# Usage: bench/csv/run.sh FILE.csv   (after mvn -DskipTests package; a 20 MB CSV of 20news texts)
set -e
M2=${M2:-$HOME/.m2/repository}
CP=target/classes:$M2/org/apache/commons/commons-csv/1.14.1/commons-csv-1.14.1.jar:$(ls $M2/commons-io/commons-io/2.*/commons-io-2.*.jar | sort -V | tail -1):$(ls $M2/commons-codec/commons-codec/1.*/commons-codec-*.jar | sort -V | tail -1):$(ls $M2/com/fasterxml/jackson/core/jackson-databind/*/jackson-databind-*.jar | tail -1)
OUT=$(mktemp -d)
javac -d "$OUT" -cp "$CP" bench/csv/CsvReaderBench.java
java -cp "$OUT:$CP" io.topicnmf.corpus.CsvReaderBench "$1"
