#!/usr/bin/python3
"""Replays fit's k-means step over the topicnmf fits cached by bench/quality_many.py with clusters
whose centroids are nearly the same merged (issue 15, the NMI target; "Clusters the words cannot
tell apart"): when no document moves, the two live clusters with the most similar centroids are
merged if their cosine is >= c (the smaller into the larger, ties to the lower number; a document
may then join the merged cluster wherever it could join either topic's), and the batch spherical
k-means on idf · tf^0.75 goes on (fit's seeds and 1 % rule, as bench/cluster_space_replay.py).
W and X are the fit's (--save-matrix). Prints per cell mu's NMI, fit's ('none') and each c's, the
merges made, then tuning / held-out means, cells >= mu, gained and lost against 'none'.

  cluster_merge_replay.py [--cache DIR] [--tag default-JARID] [--cosines 0.8,0.9,0.95] [-v]
"""
import argparse, glob, json, os, sys
import numpy as np, scipy.io, scipy.sparse as sp
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cluster_space_replay import space, HELD_OUT, CORPORA, nmi  # noqa: E402


def kmeans_merge(xh, seed, allowed, k, cosine, max_rounds=1000):
    a = seed.copy()
    ok = allowed.copy()
    n = xh.shape[0]
    a[np.asarray(xh.getnnz(axis=1)) == 0] = -1
    idx = np.arange(n)
    merges = []
    for r in range(max_rounds):
        ind = sp.csr_matrix((np.ones((a >= 0).sum()), (a[a >= 0], np.nonzero(a >= 0)[0])), shape=(k, n))
        s = np.asarray((ind @ xh).todense())
        nr = np.linalg.norm(s, axis=1)
        c = s / np.where(nr > 0, nr, 1)[:, None]
        live = nr > 0
        sim = np.where(ok & live[None, :], np.asarray(xh @ c.T), -np.inf)
        cur = np.where((a >= 0) & live[np.maximum(a, 0)], sim[idx, np.maximum(a, 0)], 0.0)
        best = np.argmax(sim, axis=1)
        mv = (a >= 0) & (sim[idx, best] > cur)
        if mv.any():
            a = np.where(mv, best, a)
            continue
        if cosine > 1:
            break
        g = c @ c.T
        g[~live, :] = -1
        g[:, ~live] = -1
        g[np.tril_indices(k)] = -1
        t, u = np.unravel_index(np.argmax(g), g.shape)  # first maximum: lowest pair
        if g[t, u] < cosine:
            break
        st, su = (a == t).sum(), (a == u).sum()
        keep, gone = (u, t) if su > st else (t, u)
        a[a == gone] = keep
        ok[:, keep] |= ok[:, gone]
        merges.append((int(gone), int(keep), round(float(g[t, u]), 4)))
    return a, merges


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--cache', default=os.path.expanduser('~/.cache/topicnmf-bench'))
    ap.add_argument('--tag', required=True, help='topicnmf-TAG folder of the runs, e.g. default-535e33f1ed')
    ap.add_argument('--corpora', default=','.join(CORPORA))
    ap.add_argument('--cosines', default='0.8,0.85,0.9,0.95,0.99')
    ap.add_argument('-v', action='store_true', help='print every cell')
    a = ap.parse_args()
    names = ['none'] + [float(v) for v in a.cosines.split(',')]
    rows = []
    for c in a.corpora.split(','):
        for run in sorted(glob.glob(os.path.join(a.cache, 'runs', c, f'topicnmf-{a.tag}', 'k*')),
                          key=lambda p: int(p.rsplit('k', 1)[1])):
            mup = os.path.join(a.cache, 'runs', c, 'sklearn-mu', os.path.basename(run), 'result.json')
            if not os.path.exists(os.path.join(run, 'result.json')) or not os.path.exists(mup):
                continue
            k = int(os.path.basename(run)[1:])
            rep = json.load(open(os.path.join(run, 'fit', 'report.json'), encoding='utf-8'))
            x = scipy.io.mmread(os.path.join(run, 'matrix', 'matrix.mtx')).tocsr()
            cnt = scipy.io.mmread(os.path.join(run, 'matrix', 'counts.mtx')).tocsr().astype(float)
            ids = open(os.path.join(run, 'matrix', 'documents.txt'), encoding='utf-8').read().split('\n')[:x.shape[0]]
            docs = {d['id']: d for d in rep['documents']}
            w = np.array([docs[i]['weights'] if docs[i]['weights'] else [0.0] * k for i in ids])
            labels = [i.split('/')[0] for i in ids]
            mu = json.load(open(mup))
            row = {'corpus': c, 'k': k, 'mu': nmi(labels, [mu['assign'].get(i, -1) for i in ids]),
                   'report': nmi(labels, [-1 if docs[i]['cluster'] is None else docs[i]['cluster'] for i in ids])}
            sm = w.sum(axis=1, keepdims=True)
            allowed = ((w >= 0.01 * sm) | (w == w.max(axis=1, keepdims=True))) & (sm > 0)
            dom = np.where(sm.ravel() > 0, np.argmax(w, axis=1), -1)
            z = space('tf0.75', x, cnt, w)
            merges = {}
            for s in names:
                assign, merges[s] = kmeans_merge(z, dom, allowed, k, 2.0 if s == 'none' else s)
                row[s] = nmi(labels, assign)
            rows.append(row)
            if a.v:
                print(f'{c + ("*" if c in HELD_OUT else ""):<18}{k:>3} mu {row["mu"]:.4f} report {row["report"]:.4f} '
                      + ' '.join(f'{s}={row[s]:.4f}' + ('+' if row[s] >= row['mu'] else ' ') for s in names)
                      + ' merges ' + '; '.join(f'{s}: {merges[s]}' for s in names[1:] if merges[s]), flush=True)
    for s in names:
        tune = [r[s] for r in rows if r['corpus'] not in HELD_OUT]
        held = [r[s] for r in rows if r['corpus'] in HELD_OUT]
        ge = sum(r[s] >= r['mu'] for r in rows)
        ge_t = sum(r[s] >= r['mu'] for r in rows if r['corpus'] not in HELD_OUT)
        gained = [f"{r['corpus']} {r['k']}" for r in rows if r[s] >= r['mu'] > r['none']]
        lost = [f"{r['corpus']} {r['k']}" for r in rows if r['none'] >= r['mu'] > r[s]]
        changed = sum(r[s] != r['none'] for r in rows)
        print(f'{str(s):<6} tuning {np.mean(tune) if tune else float("nan"):.4f} held-out '
              f'{np.mean(held) if held else float("nan"):.4f} >= mu {ge}/{len(rows)} (tuning {ge_t}) '
              f'cells changed {changed} gained {gained} lost {lost}', flush=True)


if __name__ == '__main__':
    main()
