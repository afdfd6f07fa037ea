"""Compares the coherence in a topicnmf report with gensim's CoherenceModel on the same topics
and the same tokenised documents.

usage: coherence_vs_gensim.py REPORT.json TOKENS.jsonl

REPORT.json: a `topicnmf fit` report; the topics are its `topics[].terms[].term` lists (the
analysed terms, in rank order). TOKENS.jsonl: one line per document, {"id", "tokens"}, from
bench/AnalysedTokens.java, in the report's document order (checked).

For every topic it prints topicnmf's and gensim's value and their difference for
  npmi  : CoherenceModel(coherence="c_npmi", window_size=longest document) -- every document is
          one window, i.e. boolean document co-occurrence;
  umass : CoherenceModel(coherence="u_mass") (texts turned into a bag-of-words corpus by gensim);
  cv    : CoherenceModel(coherence="c_v") (window 110) AND gensim's c_v pipeline (s_one_set,
          cosine_similarity of NPMI context vectors, arithmetic mean) fed with a window counter
          that counts every window containing a term. gensim 4.3's WordOccurrenceAccumulator
          drops a term from the window when one of its occurrences leaves it even if another is
          still inside, so its c_v undercounts repeated terms; topicnmf counts correctly and is
          compared with the corrected pipeline (the gap to CoherenceModel's own c_v is shown too).
Then the max absolute difference per measure. Exit status 1 if NPMI or UMass differ by more than
1e-6 (or the corrected c_v by more than 1e-6).
"""
import json
import sys

import numpy as np
from gensim.corpora import Dictionary
from gensim.models.coherencemodel import CoherenceModel
from gensim.topic_coherence import aggregation, indirect_confirmation_measure, segmentation

TOLERANCE = 1e-6


class WindowCounts:
    """Boolean sliding-window counts of the relevant terms, in the accumulator interface gensim's
    confirmation measures read: acc.num_docs, acc[w], acc[w1, w2] (dictionary ids)."""

    def __init__(self, texts, relevant_ids, dictionary, window):
        index = {dictionary[i]: n for n, i in enumerate(sorted(relevant_ids))}
        self.column = {i: n for n, i in enumerate(sorted(relevant_ids))}
        windows_per_doc = [max(1, len(t) - window + 1) for t in texts]
        self.num_docs = int(sum(windows_per_doc))
        self.present = np.zeros((len(index), self.num_docs), dtype=bool)
        base = 0
        for text, count in zip(texts, windows_per_doc):
            for q, token in enumerate(text):
                u = index.get(token)
                if u is not None:
                    self.present[u, base + max(0, q - window + 1): base + min(q, count - 1) + 1] = True
            base += count

    def __getitem__(self, key):
        if isinstance(key, tuple):
            a, b = (self.present[self.column[k]] for k in key)
            return int(np.count_nonzero(a & b))
        return int(np.count_nonzero(self.present[self.column[key]]))


def corrected_cv(topics_ids, texts, dictionary, window=110):
    segmented = segmentation.s_one_set(topics_ids)
    relevant = set(i for t in topics_ids for i in t)
    acc = WindowCounts(texts, relevant, dictionary, window)
    return indirect_confirmation_measure.cosine_similarity(segmented, acc, topics_ids, measure="nlr", gamma=1)


def main():
    report = json.load(open(sys.argv[1], encoding="utf-8"))
    docs = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8")]
    ids = [d["id"] for d in report["documents"]]
    if ids != [d["id"] for d in docs]:
        sys.exit("the token file's documents are not the report's (order or ids differ)")
    texts = [d["tokens"] for d in docs]
    topics = [[t["term"] for t in topic["terms"]] for topic in report["topics"]]
    topn = max(len(t) for t in topics)
    dictionary = Dictionary(texts)
    longest = max(1, max(len(t) for t in texts))
    common = dict(topics=topics, texts=texts, dictionary=dictionary, topn=topn, processes=1)
    gensim = {
        "npmi": CoherenceModel(coherence="c_npmi", window_size=longest, **common).get_coherence_per_topic(),
        "umass": CoherenceModel(coherence="u_mass", **common).get_coherence_per_topic(),
        "cv": CoherenceModel(coherence="c_v", **common).get_coherence_per_topic(),
    }
    topic_ids = [np.array([dictionary.token2id[w] for w in t]) for t in topics]
    gensim["cv*"] = corrected_cv(topic_ids, texts, dictionary)
    ours = {m: [t[m.rstrip("*")] for t in report["topics"]] for m in gensim}

    print("documents %d, tokens %d, topics %d, top terms %d, gensim %s"
          % (len(texts), sum(len(t) for t in texts), len(topics), topn, __import__("gensim").__version__))
    print("%5s  %11s %11s %9s  %11s %11s %9s  %9s %9s %9s %9s  %s" % (
        "topic", "npmi", "gensim", "diff", "umass", "gensim", "diff", "cv", "gensim*", "diff*", "gensim", "terms"))
    for t in range(len(topics)):
        print("%5d  %11.7f %11.7f %9.1e  %11.7f %11.7f %9.1e  %9.6f %9.6f %9.1e %9.6f  %s" % (
            t, ours["npmi"][t], gensim["npmi"][t], abs(ours["npmi"][t] - gensim["npmi"][t]),
            ours["umass"][t], gensim["umass"][t], abs(ours["umass"][t] - gensim["umass"][t]),
            ours["cv"][t], gensim["cv*"][t], abs(ours["cv"][t] - gensim["cv*"][t]), gensim["cv"][t],
            " ".join(topics[t][:6])))
    worst = {m: max(abs(a - b) for a, b in zip(ours[m], gensim[m])) for m in gensim}
    print("mean   npmi %.7f (gensim %.7f)  umass %.7f (gensim %.7f)  cv %.6f (gensim* %.6f, gensim %.6f)" % (
        np.mean(ours["npmi"]), aggregation.arithmetic_mean(gensim["npmi"]), np.mean(ours["umass"]),
        aggregation.arithmetic_mean(gensim["umass"]), np.mean(ours["cv"]), np.mean(gensim["cv*"]),
        np.mean(gensim["cv"])))
    print("max |diff|  npmi %.2e  umass %.2e  cv vs corrected pipeline %.2e  cv vs CoherenceModel c_v %.2e"
          % (worst["npmi"], worst["umass"], worst["cv*"], worst["cv"]))
    ok = worst["npmi"] <= TOLERANCE and worst["umass"] <= TOLERANCE and worst["cv*"] <= TOLERANCE
    print("within %g: %s" % (TOLERANCE, "yes" if ok else "NO"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
