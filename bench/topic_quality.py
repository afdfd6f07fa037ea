#!/usr/bin/python3
"""Topic-quality figures computed the same way for topicnmf and scikit-learn, so they can be compared.

  topic_quality.py report REPORT.json COUNTS.mtx TERMS.txt
      recomputes NPMI and diversity of a topicnmf report's topics over COUNTS (a check that this
      script agrees with topicnmf's own Coherence) and prints NMI/ARI/NPMI/diversity/time.
  topic_quality.py anchor ANCHOR.json COUNTS.mtx TERMS.txt [--documents DOCUMENTS.txt]
      the same for the output of /work/shared/anchors/anchor_sklearn.py --out ANCHOR.json: its
      top-10 terms are scored over COUNTS; with --documents, the anchor's document order is checked
      against the matrix's row order (its NMI/ARI are only valid when they agree).

NPMI is io.topicnmf.eval.Coherence's: boolean document co-occurrence (a term is present where the
matrix stores a value > 0), D = number of rows, NPMI(wi, wj) = log(p(wi,wj)/(p(wi)p(wj))) / -log p(wi,wj),
codf = 0 -> -1, codf = D -> 1, no smoothing; a topic's NPMI is the mean over its term pairs, the
corpus figure the mean over topics. A top term missing from TERMS (possible for a pipeline with
another vocabulary) is treated as present in no document. Diversity = distinct top terms / (N*k).
Prints one JSON object."""
import json, math, sys
import numpy as np
import scipy.io, scipy.sparse as sp


def presence(counts_file):
    x = scipy.io.mmread(counts_file).tocsc()
    x.data = (x.data > 0).astype(np.int64)
    x.eliminate_zeros()
    return x


def npmi_of(topics, x, terms):
    index = {t: j for j, t in enumerate(terms)}
    d = x.shape[0]
    cols = {}
    missing = 0

    def docs(term):
        nonlocal missing
        if term not in cols:
            j = index.get(term)
            if j is None:
                missing += 1
                cols[term] = np.empty(0, dtype=np.int64)
            else:
                cols[term] = np.sort(x.indices[x.indptr[j]:x.indptr[j + 1]])
        return cols[term]

    per_topic = []
    for top in topics:
        vals = []
        for a in range(len(top)):
            for b in range(a + 1, len(top)):
                da, db = docs(top[a]), docs(top[b])
                co = len(np.intersect1d(da, db, assume_unique=True))
                if co == 0:
                    vals.append(-1.0)
                elif co == d:
                    vals.append(1.0)
                else:
                    pij, pi, pj = co / d, len(da) / d, len(db) / d
                    vals.append(math.log(pij / (pi * pj)) / -math.log(pij))
        per_topic.append(sum(vals) / len(vals) if vals else 0.0)
    distinct = len({t for top in topics for t in top})
    n = max(len(t) for t in topics)
    return {'npmi': sum(per_topic) / len(per_topic), 'diversity': distinct / (n * len(topics)),
            'npmi_per_topic': per_topic, 'missing_terms': missing}


def main(argv):
    mode, src, counts, terms_file = argv[:4]
    terms = open(terms_file, encoding='utf-8').read().split('\n')
    x = presence(counts)
    terms = terms[:x.shape[1]]
    r = json.load(open(src, encoding='utf-8'))
    out = {'source': src}
    if mode == 'report':
        topics = [[tw['term'] for tw in t['terms']] for t in r['topics']]
        out.update(npmi_of(topics, x, terms))
        out['report_npmi'] = r['quality']['meanNpmi']
        out['report_diversity'] = r['quality']['diversity']
        ev = r.get('evaluation') or {}
        out['nmi'], out['ari'] = ev.get('nmi'), ev.get('ari')
        out['nmf_s'] = r['timings']['nmfSeconds']
        out['fit_s'] = r['timings']['totalSeconds']
        out['iterations'] = r['fit']['iterations']
    elif mode == 'anchor':
        topics = r['topics']
        out.update(npmi_of(topics, x, terms))
        out['nmi'], out['ari'] = r.get('nmi'), r.get('ari')
        out['nmf_s'] = r['nmf_s']
        out['iterations'] = r['iterations']
        if '--documents' in argv:
            ids = open(argv[argv.index('--documents') + 1], encoding='utf-8').read().split('\n')
            ids = [i for i in ids if i]
            names = [d['id'] for d in r['documents']]
            out['same_document_order'] = ids == names
            if ids != names:
                out['nmi'] = out['ari'] = None
    else:
        raise SystemExit('usage: topic_quality.py report|anchor FILE COUNTS.mtx TERMS.txt [--documents F]')
    del out['npmi_per_topic']
    print(json.dumps(out))


if __name__ == '__main__':
    main(sys.argv[1:])
