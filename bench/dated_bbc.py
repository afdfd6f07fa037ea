#!/usr/bin/env python3
"""Writes the bbc corpus as one .jsonl file of records {id, label, text, date, source} to show and
test topics over time: bbc itself has no dates (its README says only "stories from 2004-2005"),
so each story gets a SYNTHETIC date, uniformly random over 2004-01-01 .. 2005-12-31 (seeded, so
the same file every time), and every tenth story none (to show undated documents counted).
The chart drawn from it shows the page's timeline, not a finding about the BBC's news.

Usage: bench/dated_bbc.py BBC_FOLDER OUT.jsonl
"""
import datetime
import json
import os
import random
import sys

src, dst = sys.argv[1], sys.argv[2]
rng = random.Random(13)
start = datetime.date(2004, 1, 1)
span = (datetime.date(2005, 12, 31) - start).days + 1
with open(dst, "w", encoding="utf-8") as out:
    n = 0
    for label in sorted(os.listdir(src)):
        folder = os.path.join(src, label)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            with open(os.path.join(folder, name), encoding="latin-1") as f:
                text = f.read()
            record = {"id": label + "/" + name, "label": label, "text": text}
            day = start + datetime.timedelta(days=rng.randrange(span))
            if n % 10 != 9:
                record["date"] = day.isoformat()
            record["source"] = "bbc.co.uk/" + label
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
print(n, "records written to", dst)
