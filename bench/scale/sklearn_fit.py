#!/usr/bin/env python3
"""scikit-learn's pipeline on a generated corpus, stage by stage, for bench/scale/run.sh.

Usage: sklearn_fit.py CORPUS.jsonl K {cd,minibatch,mu-kl} [--seed 0]
TfidfVectorizer(stop_words='english', min_df=2, max_df=0.95) as topicnmf's defaults, then NMF
(solver cd, Frobenius; or MiniBatchNMF; or NMF solver mu with beta_loss kullback-leibler), each at
its own defaults otherwise. Prints one JSON object: seconds per stage, iterations, the matrix
size, and NMI of the dominant topics with the labels.
"""
import argparse
import json
import time

import numpy as np
from sklearn.decomposition import NMF, MiniBatchNMF
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import normalized_mutual_info_score


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("k", type=int)
    ap.add_argument("method", choices=["cd", "minibatch", "mu-kl"])
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    t0 = time.perf_counter()
    texts, labels = [], []
    with open(a.corpus, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            texts.append(r["text"])
            labels.append(r["label"])
    t1 = time.perf_counter()
    x = TfidfVectorizer(stop_words="english", min_df=2, max_df=0.95).fit_transform(texts)
    del texts
    t2 = time.perf_counter()
    if a.method == "cd":
        model = NMF(n_components=a.k, random_state=a.seed)
    elif a.method == "mu-kl":
        model = NMF(n_components=a.k, solver="mu", beta_loss="kullback-leibler", random_state=a.seed)
    else:
        model = MiniBatchNMF(n_components=a.k, random_state=a.seed)
    w = model.fit_transform(x)
    t3 = time.perf_counter()
    nmi = normalized_mutual_info_score(labels, np.argmax(w, axis=1))
    print(json.dumps({"method": a.method, "docs": x.shape[0], "terms": x.shape[1], "nnz": int(x.nnz),
                      "readSeconds": t1 - t0, "vectorizeSeconds": t2 - t1, "nmfSeconds": t3 - t2,
                      "totalSeconds": t3 - t0, "iterations": int(model.n_iter_), "nmi": nmi}))


if __name__ == "__main__":
    main()
