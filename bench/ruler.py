"""The independent ruler of the many-corpora quality benchmark: NPMI of each topic's listed terms by
whole-document co-occurrence over the raw texts, the same for every tool.

A document is its raw file, lower-cased and cut into tokens at every character that is not a
letter or a digit (regex [^\\W_]+). A listed term is present in a document when all of its own
tokens are (a term of one token: when that token is). With D documents, d(w) the documents holding
w and d(a, b) those holding both, NPMI(a, b) = log(d(a,b)·D / (d(a)·d(b))) / −log(d(a,b)/D), taken
as −1 when the pair never co-occurs and 1 when both are in every document (no smoothing). A topic's
NPMI is the mean over its pairs; a run's is the mean over its topics. Diversity = distinct listed
terms / all listed terms.
"""
import math, os, re

TOKEN = re.compile(r'[^\W_]+')


def load(root):
    """(texts, labels, ids) of a folder corpus in the order anchor_sklearn.py reads it."""
    docs, labels, names = [], [], []
    for dp, dn, fn in os.walk(root):
        dn.sort()
        for f in sorted(fn):
            if f.startswith('.') or f.lower().startswith('readme'):
                continue
            p = os.path.join(dp, f)
            rel = os.path.relpath(p, root)
            with open(p, 'rb') as fh:
                docs.append(fh.read().decode('utf-8', errors='replace'))
            labels.append(rel.split(os.sep)[0] if os.sep in rel else '')
            names.append(rel)
    return docs, labels, names


class Ruler:
    def __init__(self, texts):
        self.d = len(texts)
        self.index = {}
        for i, t in enumerate(texts):
            for tok in set(TOKEN.findall(t.lower())):
                self.index.setdefault(tok, set()).add(i)
        self.cache = {}

    def docs(self, term):
        s = self.cache.get(term)
        if s is None:
            toks = TOKEN.findall(term.lower())
            s = set(self.index.get(toks[0], ())) if toks else set()
            for tok in toks[1:]:
                s &= self.index.get(tok, set())
            self.cache[term] = s
        return s

    def npmi_pair(self, a, b):
        da, db = self.docs(a), self.docs(b)
        co = len(da & db) if len(da) < len(db) else len(db & da)
        if co == 0:
            return -1.0
        if co == self.d:
            return 1.0
        pij, pi, pj = co / self.d, len(da) / self.d, len(db) / self.d
        return math.log(pij / (pi * pj)) / -math.log(pij)

    def topic_npmi(self, terms):
        vals = [self.npmi_pair(terms[i], terms[j]) for i in range(len(terms)) for j in range(i + 1, len(terms))]
        return sum(vals) / len(vals) if vals else 0.0

    def npmi(self, topics):
        topics = [t for t in topics if t]
        return sum(self.topic_npmi(t) for t in topics) / len(topics) if topics else 0.0


def diversity(topics):
    listed = [w for t in topics for w in t]
    return len(set(listed)) / len(listed) if listed else 0.0
