#!/usr/bin/python3
"""Replays fit's k-means step over the topicnmf fits cached by bench/quality_many.py with the
documents whose dominant topic holds a share >= s of their weights pinned to that topic's cluster
(issue 15, the NMI target, round 5): k-means (fit's seeds, 1 % rule, batch spherical k-means on
idf · tf^0.75, as bench/cluster_space_replay.py) moves only the others; pinned documents still
count in the centroids. Prints per cell mu's NMI, fit's ('base'), the dominant topics' ('dom') and
each s's, then tuning / held-out means, cells >= mu, gained and lost against fit's.

  cluster_pin_replay.py TAG S1,S2,...     e.g. cluster_pin_replay.py default-535e33f1ed 0.5,0.7,0.9

Measured 2026-12-06 (bench/RESULTS.md, "Re-seeding degenerate topics"): no s gains a cell.
"""
import sys, os, glob, json
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy as np, scipy.io, scipy.sparse as sp
from cluster_space_replay import kmeans, space, HELD_OUT, CORPORA, nmi

def kmeans_pinned(xh, seed, allowed, k, pinned, max_rounds=1000):
    a = seed.copy(); n = xh.shape[0]
    a[np.asarray(xh.getnnz(axis=1)) == 0] = -1
    idx = np.arange(n)
    for r in range(max_rounds):
        ind = sp.csr_matrix((np.ones((a >= 0).sum()), (a[a >= 0], np.nonzero(a >= 0)[0])), shape=(k, n))
        s = np.asarray((ind @ xh).todense()); nr = np.linalg.norm(s, axis=1)
        c = s / np.where(nr > 0, nr, 1)[:, None]; live = nr > 0
        sim = np.where(allowed & live[None, :], np.asarray(xh @ c.T), -np.inf)
        cur = np.where((a >= 0) & live[np.maximum(a, 0)], sim[idx, np.maximum(a, 0)], 0.0)
        best = np.argmax(sim, axis=1)
        mv = (a >= 0) & (sim[idx, best] > cur) & ~pinned
        if not mv.any(): return a
        a = np.where(mv, best, a)
    return a

cache = os.path.expanduser('~/.cache/topicnmf-bench'); tag = sys.argv[1]
ss = [float(v) for v in sys.argv[2].split(',')]
rows = []
for c in CORPORA:
    for run in sorted(glob.glob(os.path.join(cache, 'runs', c, f'topicnmf-{tag}', 'k*')), key=lambda p: int(p.rsplit('k', 1)[1])):
        mup = os.path.join(cache, 'runs', c, 'sklearn-mu', os.path.basename(run), 'result.json')
        k = int(os.path.basename(run)[1:])
        rep = json.load(open(os.path.join(run, 'fit', 'report.json')))
        x = scipy.io.mmread(os.path.join(run, 'matrix', 'matrix.mtx')).tocsr()
        cnt = scipy.io.mmread(os.path.join(run, 'matrix', 'counts.mtx')).tocsr().astype(float)
        ids = open(os.path.join(run, 'matrix', 'documents.txt')).read().split('\n')[:x.shape[0]]
        docs = {d['id']: d for d in rep['documents']}
        w = np.array([docs[i]['weights'] if docs[i]['weights'] else [0.0] * k for i in ids])
        labels = [i.split('/')[0] for i in ids]
        mu = json.load(open(mup))
        row = {'corpus': c, 'k': k, 'mu': nmi(labels, [mu['assign'].get(i, -1) for i in ids])}
        sm = w.sum(axis=1, keepdims=True)
        allowed = ((w >= 0.01 * sm) | (w == w.max(axis=1, keepdims=True))) & (sm > 0)
        dom = np.where(sm.ravel() > 0, np.argmax(w, axis=1), -1)
        strength = (w.max(axis=1) / np.where(sm.ravel() > 0, sm.ravel(), 1))
        z = space('tf0.75', x, cnt, w)
        row['base'] = nmi(labels, kmeans(z, dom, allowed, k)[0])
        row['dom'] = nmi(labels, dom)
        for s in ss:
            row[s] = nmi(labels, kmeans_pinned(z, dom, allowed, k, strength >= s))
        rows.append(row)
        print(f"{c:<18}{k:>3} mu {row['mu']:.4f} base {row['base']:.4f} dom {row['dom']:.4f} " + ' '.join(f"{s}={row[s]:.4f}{'+' if row[s] >= row['mu'] else ' '}" for s in ss), flush=True)
for s in ['base', 'dom'] + ss:
    tune = [r[s] for r in rows if r['corpus'] not in HELD_OUT]; held = [r[s] for r in rows if r['corpus'] in HELD_OUT]
    ge = sum(r[s] >= r['mu'] for r in rows)
    gained = [f"{r['corpus']} {r['k']}" for r in rows if r[s] >= r['mu'] > r['base']]
    lost = [f"{r['corpus']} {r['k']}" for r in rows if r['base'] >= r['mu'] > r[s]]
    print(s, f"tuning {np.mean(tune):.4f} held {np.mean(held):.4f} >=mu {ge} gained {gained} lost {lost}")
