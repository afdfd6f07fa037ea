#!/usr/bin/env python3
"""Compares topicnmf's weighted matrices with scikit-learn's TfidfTransformer on the same counts.

Usage: tfidf_vs_sklearn.py DIR [DIR ...]

Each DIR holds what `topicnmf vectorize` (or `fit --save-matrix`) wrote: counts.mtx (raw counts),
matrix.mtx (our weighted matrix) and vectorize.json (the weighting parameters; without it the
parameters are read from the folder name idf-<smooth|plain|none>_sub-<0|1>_norm-<l2|l1|none> or
tf). For each folder, scikit-learn's TfidfTransformer(norm, use_idf, smooth_idf, sublinear_tf) is
applied to OUR counts.mtx and the largest absolute difference with OUR matrix.mtx is printed.
Exit status 1 when a difference exceeds 1e-9 or the sparsity patterns differ.
"""
import json
import os
import sys

import numpy as np
import scipy
import scipy.io
import sklearn
from sklearn.feature_extraction.text import TfidfTransformer

TOLERANCE = 1e-9


def parameters(folder):
    """(weighting, idf, sublinear, norm) of a folder, from vectorize.json or from its name."""
    meta = os.path.join(folder, "vectorize.json")
    if os.path.exists(meta):
        with open(meta, encoding="utf-8") as f:
            w = json.load(f)["parameters"]["weighting"]
        return w["weighting"], w["idf"], bool(w["sublinearTf"]), w["norm"]
    name = os.path.basename(os.path.normpath(folder))
    if name == "tf":
        return "tf", "smooth", False, "l2"
    idf, sub, norm = (part.split("-", 1)[1] for part in name.split("_"))
    return "tfidf", idf, sub == "1", norm


def transformer(weighting, idf, sublinear, norm):
    if weighting == "tf":
        # --weighting tf: raw counts, no idf, no normalisation
        return TfidfTransformer(norm=None, use_idf=False, smooth_idf=False, sublinear_tf=False)
    return TfidfTransformer(
        norm=None if norm == "none" else norm,
        use_idf=idf != "none",
        smooth_idf=idf == "smooth",
        sublinear_tf=sublinear,
    )


def compare(folder):
    counts = scipy.io.mmread(os.path.join(folder, "counts.mtx")).tocsr()
    ours = scipy.io.mmread(os.path.join(folder, "matrix.mtx")).tocsr()
    params = parameters(folder)
    t = transformer(*params)
    theirs = t.fit_transform(counts).tocsr()
    if ours.shape != theirs.shape:
        return params, t, float("inf"), False, ours
    diff = abs(ours - theirs)
    max_diff = float(diff.max()) if diff.nnz else 0.0
    a = ours.copy()
    b = theirs.copy()
    a.eliminate_zeros()
    b.eliminate_zeros()
    same_pattern = a.nnz == b.nnz and (a != 0).astype(np.int8).multiply((b != 0).astype(np.int8)).nnz == a.nnz
    return params, t, max_diff, same_pattern, ours


def main(folders):
    print("scikit-learn %s, scipy %s, numpy %s; tolerance %g" % (
        sklearn.__version__, scipy.__version__, np.__version__, TOLERANCE))
    print("%-8s %-7s %-10s %-5s  %-82s %12s %9s  %s" % (
        "weight", "idf", "sublinear", "norm", "scikit-learn call", "max |diff|", "nnz", "result"))
    worst = 0.0
    failed = 0
    for folder in folders:
        (weighting, idf, sub, norm), t, max_diff, same, ours = compare(folder)
        call = "TfidfTransformer(norm=%r, use_idf=%r, smooth_idf=%r, sublinear_tf=%r)" % (
            t.norm, t.use_idf, t.smooth_idf, t.sublinear_tf)
        ok = max_diff <= TOLERANCE and same
        failed += 0 if ok else 1
        worst = max(worst, max_diff)
        print("%-8s %-7s %-10s %-5s  %-82s %12.3g %9d  %s" % (
            weighting, idf if weighting == "tfidf" else "-", str(sub) if weighting == "tfidf" else "-",
            norm if weighting == "tfidf" else "-", call, max_diff, ours.nnz,
            "ok" if ok else ("DIFFERENT PATTERN" if not same else "TOO FAR")))
    print("%d combinations, worst max |diff| = %.3g, %s" % (
        len(folders), worst, "all within %g" % TOLERANCE if failed == 0 else "%d FAILED" % failed))
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1:]))
