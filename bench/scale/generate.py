#!/usr/bin/env python3
"""Deterministic generator of large labelled corpora for the scale benchmark.

Term distributions are learnt per labelled folder of the shared corpora (20news-train's 20
newsgroups and bbc's 5 sections: 25 labels); each generated document takes a real document length
(from the same corpora, scaled so the mean is --mean-tokens), a main label drawn uniformly, a main
share w ~ Beta(8, 2) and a second label, and draws round(w * length) words from its label's
distribution and the rest from the second label's. So the labels are known (the main label) and
the documents mix topics as real ones do. Words keep their case-folded form and stop words, so
the analysis chains of both tools have real work to do.

Usage: generate.py OUT_DIR [--sizes 100000,300000,1000000] [--seed 12] [--corpora /work/shared/corpora]
Writes OUT_DIR/corpus-<N>.jsonl (one JSON object a line: id, text, label) for each size; the
documents of a smaller size are the first ones of a larger (same seed), so sizes nest. A file
that exists with the right line count is kept. Never write into the repository.
"""
import argparse
import json
import os
import re
import sys

import numpy as np

WORD = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]")


def read_folder(root):
    """(label, list of token lists) for each sub-folder, in sorted order."""
    out = []
    for label in sorted(os.listdir(root)):
        folder = os.path.join(root, label)
        if not os.path.isdir(folder):
            continue
        docs = []
        for name in sorted(os.listdir(folder)):
            with open(os.path.join(folder, name), "rb") as f:
                text = f.read().decode("utf-8", errors="replace")
            if "20news" in root:
                # drop the mail header block: keep the Subject line's words only
                head, _, body = text.partition("\n\n")
                subject = [l[8:] for l in head.splitlines() if l.startswith("Subject:")]
                text = " ".join(subject) + "\n" + body
            docs.append(WORD.findall(text.lower()))
        out.append((os.path.basename(root) + "/" + label, docs))
    return out


def model(corpora):
    labels, lengths, counts = [], [], []
    vocab = {}
    for name in ("20news-train", "bbc"):
        for label, docs in read_folder(os.path.join(corpora, name)):
            c = {}
            for d in docs:
                lengths.append(len(d))
                for w in d:
                    c[w] = c.get(w, 0) + 1
            labels.append(label)
            counts.append(c)
            for w in c:
                if w not in vocab:
                    vocab[w] = len(vocab)
    words = np.array(sorted(vocab, key=vocab.get), dtype=object)
    cdfs = []
    for c in counts:
        p = np.zeros(len(words))
        for w, n in c.items():
            p[vocab[w]] = n
        cdfs.append(np.cumsum(p) / p.sum())
    return labels, np.array([l for l in lengths if l > 0]), words, cdfs


def generate(out, sizes, seed, corpora, mean_tokens):
    os.makedirs(out, exist_ok=True)
    todo = [n for n in sizes if not complete(os.path.join(out, "corpus-%d.jsonl" % n), n)]
    if not todo:
        return
    labels, lengths, words, cdfs = model(corpora)
    scale = mean_tokens / lengths.mean()
    n_max = max(todo)
    rng = np.random.default_rng(seed)
    files = {n: open(os.path.join(out, "corpus-%d.jsonl.tmp" % n), "w", encoding="utf-8") for n in todo}
    chunk = 10000
    for start in range(0, n_max, chunk):
        m = min(chunk, n_max - start)
        length = np.maximum(5, np.rint(rng.choice(lengths, m) * scale)).astype(int)
        main = rng.integers(len(labels), size=m)
        second = (main + rng.integers(1, len(labels), size=m)) % len(labels)
        share = rng.beta(8, 2, size=m)
        n_main = rng.binomial(length, share)
        for i in range(m):
            a = np.searchsorted(cdfs[main[i]], rng.random(n_main[i]), side="right")
            b = np.searchsorted(cdfs[second[i]], rng.random(length[i] - n_main[i]), side="right")
            idx = np.concatenate([a, b])
            rng.shuffle(idx)
            line = json.dumps({"id": "doc%07d" % (start + i), "text": " ".join(words[idx]),
                               "label": labels[main[i]]})
            for n, f in files.items():
                if start + i < n:
                    f.write(line)
                    f.write("\n")
        print("generated %d of %d" % (start + m, n_max), file=sys.stderr, flush=True)
    for n, f in files.items():
        f.close()
        os.replace(os.path.join(out, "corpus-%d.jsonl.tmp" % n), os.path.join(out, "corpus-%d.jsonl" % n))


def complete(path, n):
    if not os.path.exists(path):
        return False
    with open(path, "rb") as f:
        return sum(1 for _ in f) == n


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--sizes", default="100000,300000,1000000")
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--mean-tokens", type=float, default=150.0)
    ap.add_argument("--corpora", default="/work/shared/corpora")
    a = ap.parse_args()
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    if os.path.abspath(a.out).startswith(repo + os.sep):
        sys.exit("generate.py: %s is inside the repository; give a folder outside it" % a.out)
    generate(a.out, [int(s) for s in a.sizes.split(",")], a.seed, a.corpora, a.mean_tokens)


if __name__ == "__main__":
    main()
