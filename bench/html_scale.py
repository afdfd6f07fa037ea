#!/usr/bin/env python3
"""Writes a copy of a report.html whose documents table holds N rows: the page's own rows repeated
(ids suffixed #2, #3, ...) until N, to measure the page at corpus sizes we have no fit for.

Usage: bench/html_scale.py IN.html OUT.html N
"""
import json
import re
import sys

src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
html = open(src, encoding="utf-8").read()
m = re.search(r'(<script type="application/json" id="topicnmf-data">)(.*?)(</script>)', html, re.S)
data = json.loads(m.group(2))
rows = data["documents"]["rows"]
out = []
copy = 1
while len(out) < n:
    for r in rows:
        if len(out) == n:
            break
        r = list(r)
        if copy > 1:
            r[0] = r[0] + "#" + str(copy)
        out.append(r)
    copy += 1
data["documents"]["rows"] = out
data["documents"]["total"] = n
text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
text = text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
html = html[: m.start(2)] + text + html[m.end(2):]
open(dst, "w", encoding="utf-8").write(html)
