#!/usr/bin/python3
"""Topic-quality figures computed the same way for topicnmf and scikit-learn, so they can be compared.

  topic_quality.py report REPORT.json COUNTS.mtx TERMS.txt
      recomputes NPMI and diversity of a topicnmf report's topics over COUNTS (a check that this
      script agrees with topicnmf's own Coherence) and prints NMI/ARI/NPMI/diversity/time.
  topic_quality.py anchor ANCHOR.json COUNTS.mtx TERMS.txt [--documents DOCUMENTS.txt]
      the same for the output of /work/shared/anchors/anchor_sklearn.py --out ANCHOR.json: its
      top-10 terms are scored over COUNTS; with --documents, the anchor's document order is checked
      against the matrix's row order (its NMI/ARI are only valid when they agree).
  topic_quality.py phrases OUTPUT_DIR MATRIX_DIR [--seed S]
      for a fit run with --ngrams 2 or 3 (OUTPUT_DIR holds its report.json and model.json,
      MATRIX_DIR its --save-matrix export): each side's top-N lists as shown and with the phrase
      display rule below, and their NPMI, for topicnmf (relevance ranking recomputed from
      model.json's H, checked against report.json) and for scikit-learn cd fitted here on
      MATRIX_DIR/matrix.mtx exactly as anchor_sklearn.py does (nndsvda, 200 iterations, tol 1e-4).

Phrase display rule (measured, not in topicnmf): a phrase and a word inside it ("clipper chip",
"clipper") co-occur by construction (every document holding the phrase holds the word), so their
pair scores NPMI log p(word) / log p(phrase) > 0 whatever the topic, and the list repeats itself.
The rule walks down a ranked list: a word already contained in a listed phrase is skipped; a phrase
containing listed words takes the first one's place and the others leave; the list is refilled
from further down the ranking.

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


def relevance_lists(h, x, lam, n):
    """topicnmf's TermRanking: per topic the n columns of highest lam*log phi + (1-lam)*log(phi/p(w)),
    phi = the row of H over its sum, p(w) = column sum of X over its total; ties to the lower column."""
    col = np.asarray(x.sum(axis=0)).ravel()
    with np.errstate(divide='ignore'):
        logp = np.log(col) - math.log(col.sum())
    out = []
    for row in h:
        ok = row > 0
        if lam < 1:
            ok &= np.isfinite(logp)
        with np.errstate(divide='ignore', invalid='ignore'):
            sc = row if lam == 1 else np.log(row) - math.log(row.sum()) - (1 - lam) * logp
        sc = np.where(ok, sc, -np.inf)
        order = np.lexsort((np.arange(len(sc)), -sc))[:n]
        out.append([int(j) for j in order if sc[j] > -np.inf])
    return out


def without_redundant_phrase_parts(order, terms, n):
    """The phrase display rule of the module docstring, over one ranked list of columns."""
    listed = []
    for j in order:
        words = terms[j].split(' ')
        if len(words) == 1:
            if any(words[0] in terms[i].split(' ') for i in listed if ' ' in terms[i]):
                continue
            listed.append(j)
        else:
            parts = [i for i in listed if ' ' not in terms[i] and terms[i] in words]
            if parts:
                listed[listed.index(parts[0])] = j
                listed = [i for i in listed if i not in parts[1:]]
            else:
                listed.append(j)
        if len(listed) == n:
            break
    return listed


def phrases(out_dir, mdir, seed):
    from sklearn.decomposition import NMF
    model = json.load(open(f'{out_dir}/model.json', encoding='utf-8'))
    report = json.load(open(f'{out_dir}/report.json', encoding='utf-8'))
    x = scipy.io.mmread(f'{mdir}/matrix.mtx').tocsr()
    terms = open(f'{mdir}/terms.txt', encoding='utf-8').read().split('\n')[:x.shape[1]]
    pres = presence(f'{mdir}/counts.mtx')
    k, n, lam = model['h']['rows'], model['options']['topTerms'], model['options']['relevance']
    h = np.zeros((k, model['h']['cols']))
    for t, row in enumerate(model['h']['data']):
        h[t, row['indices']] = row['values']
    deep = 50 * n
    ours = relevance_lists(h, x, lam, deep)
    shown = [[tw['term'] for tw in t['terms']] for t in report['topics']]
    hc = NMF(n_components=k, init='nndsvda', solver='cd', beta_loss='frobenius', max_iter=200, tol=1e-4,
             random_state=seed).fit(x).components_
    cd = [[int(j) for j in np.argsort(-hc[t], kind='stable')[:deep]] for t in range(k)]
    out = {'relevance': lam, 'same_as_report': [[terms[j] for j in o[:n]] for o in ours] == shown}
    for name, lists in (('topicnmf', ours), ('sklearn_cd', cd)):
        plain = [[terms[j] for j in o[:n]] for o in lists]
        ruled = [[terms[j] for j in without_redundant_phrase_parts(o, terms, n)] for o in lists]
        a, b = npmi_of(plain, pres, terms), npmi_of(ruled, pres, terms)
        count = lambda ls: sum(' ' in t for top in ls for t in top)
        out[name] = {'npmi': a['npmi'], 'npmi_rule': b['npmi'], 'phrases': count(plain),
                     'phrases_rule': count(ruled), 'diversity_rule': b['diversity'],
                     'topics': plain, 'topics_rule': ruled}
    print(json.dumps(out))


def main(argv):
    if argv and argv[0] == 'phrases':
        seed = int(argv[argv.index('--seed') + 1]) if '--seed' in argv else 0
        phrases(argv[1], argv[2], seed)
        return
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
        raise SystemExit('usage: topic_quality.py report|anchor FILE COUNTS.mtx TERMS.txt [--documents F]\n'
                       '       topic_quality.py phrases OUTPUT_DIR MATRIX_DIR [--seed S]')
    del out['npmi_per_topic']
    print(json.dumps(out))


if __name__ == '__main__':
    main(sys.argv[1:])
