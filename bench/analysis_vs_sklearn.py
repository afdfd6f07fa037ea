#!/usr/bin/env python3
"""The scikit-learn side of bench/analysis_vs_sklearn.sh, and its summary.

  analysis_vs_sklearn.py sklearn CORPUS
      Reads every file under CORPUS (sorted walk, hidden files skipped, bytes decoded as latin-1,
      which never fails) and runs TfidfVectorizer(min_df=2, max_df=0.95,
      stop_words='english').fit_transform on the texts. Prints one JSON line: the seconds spent
      importing scikit-learn, reading, and in fit_transform, and the matrix shape.

  analysis_vs_sklearn.py summary RESULTS.jsonl
      Medians of the runs recorded by the shell script and the speed-up ratios, as a Markdown table.
"""
import json
import os
import statistics
import sys
import time


def sklearn_side(corpus):
    t0 = time.perf_counter()
    from sklearn.feature_extraction.text import TfidfVectorizer
    t1 = time.perf_counter()
    texts = []
    for folder, dirs, files in os.walk(corpus):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                with open(os.path.join(folder, name), "rb") as f:
                    texts.append(f.read().decode("latin-1"))
    t2 = time.perf_counter()
    x = TfidfVectorizer(min_df=2, max_df=0.95, stop_words="english").fit_transform(texts)
    t3 = time.perf_counter()
    print(json.dumps({"importSeconds": t1 - t0, "readSeconds": t2 - t1, "fitTransformSeconds": t3 - t2,
                      "documents": x.shape[0], "terms": x.shape[1], "nonZeros": int(x.nnz)}))


def summary(path):
    ours, theirs, warm = [], [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            {"topicnmf": ours, "sklearn": theirs, "warm": warm}[r["side"]].append(r)
    med = lambda rows, key: statistics.median(r[key] for r in rows)
    o_proc = med(ours, "wallSeconds")
    o_in = statistics.median(r["readSeconds"] + r["analysisSeconds"] + r["matrixSeconds"] for r in ours)
    o_prep = med(ours, "prepareSeconds")
    s_proc = med(theirs, "wallSeconds")
    s_fit = med(theirs, "fitTransformSeconds")
    s_in = statistics.median(r["readSeconds"] + r["fitTransformSeconds"] for r in theirs)
    print("| figure (median of %d runs each, alternating) | topicnmf | scikit-learn | ratio |" % min(len(ours), len(theirs)))
    print("|---|---:|---:|---:|")
    print("| whole process: start to exit (JVM / Python start included) | %.2f s | %.2f s | %.1f× |" % (o_proc, s_proc, s_proc / o_proc))
    print("| in-process: read + analyse + matrix / read + `fit_transform` | %.2f s | %.2f s | %.1f× |" % (o_in, s_in, s_in / o_in))
    print("| `fit_transform` alone vs our in-process read + analyse + matrix | %.2f s | %.2f s | %.1f× |" % (o_in, s_fit, s_fit / o_in))
    print("| `fit_transform` alone vs our whole process | %.2f s | %.2f s | %.1f× |" % (o_proc, s_fit, s_fit / o_proc))
    o_cpu = med(ours, "cpuSeconds")
    s_cpu = med(theirs, "cpuSeconds")
    print("| CPU seconds (user + sys) of the whole process | %.2f s | %.2f s | %.1f× |" % (o_cpu, s_cpu, s_cpu / o_cpu))
    if len(warm) >= 3:
        w = statistics.median(r["readSeconds"] + r["analysisSeconds"] + r["matrixSeconds"] for r in warm[2:])
        print("| warm JVM (library use, runs 3-%d of %d in one process): read + analyse + matrix vs read + `fit_transform` | %.2f s | %.2f s | %.1f× |" % (
            len(warm), len(warm), w, s_in, s_in / w))
    print()
    print("topicnmf stages (medians): read %.2f s, analyse %.2f s, matrix %.2f s, writing the four files %.2f s"
          " (prepare %.2f s). scikit-learn: import %.2f s, read %.2f s, fit_transform %.2f s." % (
              med(ours, "readSeconds"), med(ours, "analysisSeconds"), med(ours, "matrixSeconds"),
              med(ours, "writeSeconds"), o_prep, med(theirs, "importSeconds"), med(theirs, "readSeconds"), s_fit))
    print("Matrices: topicnmf %d x %d, %d non-zeros; scikit-learn %d x %d, %d non-zeros." % (
        ours[0]["documents"], ours[0]["terms"], ours[0]["nonZeros"],
        theirs[0]["documents"], theirs[0]["terms"], theirs[0]["nonZeros"]))
    print()
    print("| run | topicnmf whole | topicnmf in-process | topicnmf CPU | scikit-learn whole | scikit-learn read + fit_transform | scikit-learn CPU |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for i, (o, s) in enumerate(zip(ours, theirs), 1):
        print("| %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |" % (
            i, o["wallSeconds"], o["readSeconds"] + o["analysisSeconds"] + o["matrixSeconds"], o["cpuSeconds"],
            s["wallSeconds"], s["readSeconds"] + s["fitTransformSeconds"], s["cpuSeconds"]))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "sklearn":
        sklearn_side(sys.argv[2])
    elif len(sys.argv) == 3 and sys.argv[1] == "summary":
        summary(sys.argv[2])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
