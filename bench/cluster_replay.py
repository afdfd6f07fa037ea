#!/usr/bin/python3
"""Replays ways of assigning documents to clusters (issue 15, the NMI target) over the topicnmf fits
cached by bench/quality_many.py: the fit's W (report.json, rows scaled to sum 1) and X
(--save-matrix) are fixed, only the assignment changes. NMI against the label folders, beside
scikit-learn mu's (argmax of its W) for the same cell.

  cluster_replay.py [--cache DIR] [--tag default-JARID] [--corpora a,b]

Assignments:
  report         the report's `cluster` (what fit wrote; check)
  dominant       argmax of W
  km share S     spherical k-means on X's rows from the dominant topics, a document joining only
                 clusters of topics with >= S of its weights (DocumentClusters; S = 0.01 is fit's)
  km free        the same with no restriction
  km free r2     the same, at most 2 rounds
  dominant L1, km L1, km L1 free
                 seeds from W rescaled to H's rows at unit L1 (the report's W is for unit L2)
"""
import argparse, glob, json, os, sys
import numpy as np
import scipy.io
import scipy.sparse as sp

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from quality_many import HELD_OUT, CORPORA  # noqa: E402


def kmeans(x, seed, allowed, k, max_rounds=1000):
    a = seed.copy()
    n = x.shape[0]
    for r in range(max_rounds):
        cent = np.zeros((k, x.shape[1]))
        for t in range(k):
            rows = np.nonzero(a == t)[0]
            if len(rows):
                c = np.asarray(x[rows].sum(axis=0)).ravel()
                nrm = np.linalg.norm(c)
                cent[t] = c / nrm if nrm > 0 else 0
        sim = np.asarray(x @ cent.T)
        rn = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
        sim = sim / np.where(rn > 0, rn, 1)[:, None]
        sim[~allowed] = -np.inf
        moved = 0
        for i in range(n):
            if a[i] < 0:
                continue
            cur = sim[i, a[i]]
            best = int(np.argmax(sim[i]))  # lowest index among the maxima
            if sim[i, best] > cur:
                a[i] = best
                moved += 1
        if moved == 0:
            return a, r + 1
    return a, max_rounds


def main():
    from sklearn.metrics import normalized_mutual_info_score as nmi
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--cache', default=os.path.expanduser('~/.cache/topicnmf-bench'))
    ap.add_argument('--tag', default='default-f3cff62d82')
    ap.add_argument('--corpora', default=','.join(CORPORA))
    a = ap.parse_args()
    shares = [0.01, 0.05]
    names = (['report', 'dominant'] + [f'km share {s}' for s in shares] + ['km free']
             + ['dominant L1', 'km L1', 'km L1 free', 'km free r2'])
    rows = []
    print(f'{"corpus":<18}{"k":>3} {"mu":>6} ' + ' '.join(f'{n:>13}' for n in names))
    for c in a.corpora.split(','):
        for run in sorted(glob.glob(os.path.join(a.cache, 'runs', c, f'topicnmf-{a.tag}', 'k*'))):
            k = int(os.path.basename(run)[1:])
            rep = json.load(open(os.path.join(run, 'fit', 'report.json'), encoding='utf-8'))
            x = scipy.io.mmread(os.path.join(run, 'matrix', 'matrix.mtx')).tocsr()
            ids = open(os.path.join(run, 'matrix', 'documents.txt'), encoding='utf-8').read().split('\n')[:x.shape[0]]
            docs = {d['id']: d for d in rep['documents']}
            w = np.array([docs[i]['weights'] if docs[i]['weights'] else [0.0] * k for i in ids])
            labels = [i.split('/')[0] for i in ids]
            mu = json.load(open(os.path.join(a.cache, 'runs', c, 'sklearn-mu', f'k{k}', 'result.json')))
            # scikit-learn's NMI is over every document of the corpus (a skipped one is its own cluster);
            # here over the rows topicnmf kept, which is the same set unless topicnmf skipped some.
            mu_nmi = nmi(labels, [mu['assign'].get(i, -1) for i in ids])
            dom = np.where(w.sum(axis=1) > 0, np.argmax(w, axis=1), -1)
            out = {'report': [docs[i]['cluster'] if docs[i]['cluster'] is not None else -1 for i in ids],
                   'dominant': dom}
            mx = w.max(axis=1, keepdims=True)
            sm = w.sum(axis=1, keepdims=True)
            for s in shares:
                allowed = (w >= s * sm) | (w == mx)
                allowed &= (sm > 0)
                out[f'km share {s}'] = kmeans(x, dom, allowed, k)[0]
            free = np.repeat((sm > 0), k, axis=1)
            out['km free'] = kmeans(x, dom, free, k)[0]
            out['km free r2'] = kmeans(x, dom, free, k, 2)[0]
            m = json.load(open(os.path.join(run, 'fit', 'model.json'), encoding='utf-8'))
            h = np.zeros((k, m['h']['cols']))
            for t, hr in enumerate(m['h']['data']):
                h[t, hr['indices']] = hr['values']
            # W of the report is for H rows at unit L2; rescale to H rows at unit L1
            scale = h.sum(axis=1) / np.maximum(np.linalg.norm(h, axis=1), 1e-300)
            w1 = w * scale[None, :]
            dom1 = np.where(w1.sum(axis=1) > 0, np.argmax(w1, axis=1), -1)
            out['dominant L1'] = dom1
            s1 = w1.sum(axis=1, keepdims=True)
            allowed1 = ((w1 >= 0.01 * s1) | (w1 == w1.max(axis=1, keepdims=True))) & (s1 > 0)
            out['km L1'] = kmeans(x, dom1, allowed1, k)[0]
            out['km L1 free'] = kmeans(x, dom1, free, k)[0]
            row = {'corpus': c, 'k': k, 'mu': mu_nmi, **{n: nmi(labels, out[n]) for n in names}}
            rows.append(row)
            print(f'{c + ("*" if c in HELD_OUT else ""):<18}{k:>3} {mu_nmi:6.3f} '
                  + ' '.join(f'{row[n]:12.3f}' + ('+' if row[n] >= mu_nmi else ' ') for n in names), flush=True)
    for n in names:
        tune = [r[n] for r in rows if r['corpus'] not in HELD_OUT]
        held = [r[n] for r in rows if r['corpus'] in HELD_OUT]
        ge = sum(r[n] >= r['mu'] for r in rows)
        print(f'{n:<14} tuning {np.mean(tune):.4f} held-out {np.mean(held):.4f} >= mu {ge}/{len(rows)}')


if __name__ == '__main__':
    main()
