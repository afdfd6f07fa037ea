#!/usr/bin/python3
"""Replays spherical k-means over the topicnmf fits cached by bench/quality_many.py on a mix of each
document's row of X and its reconstruction by the fit (issue 15, the NMI target): z_i = (1 − β)·x̂_i
+ β·ŷ_i, x̂ = the row of X at unit length, ŷ = W_i·H at unit length (never formed densely: a
centroid's similarities go through H·centroidᵀ). β = 0 is fit's clustering (seeded with the
dominant topics, a document joining only topics with ≥ S of its weights, S = 0.01 as fit's).
NMI against the label folders beside scikit-learn mu's (argmax of its W).

  cluster_mix_replay.py [--cache DIR] [--tag default-JARID] [--corpora a,b] [--betas 0,0.5,1]
                        [--shares 0.01]

Measured 2026-12-05 (bench/RESULTS.md, "Lists grown by co-occurrence"): no β beats β = 0 on the
tuning corpora.
"""
import argparse, glob, json, os, sys
import numpy as np, scipy.io, scipy.sparse as sp
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from quality_many import HELD_OUT, CORPORA
from sklearn.metrics import normalized_mutual_info_score as nmi

def load_h(run, k):
    m = json.load(open(os.path.join(run, 'fit', 'model.json'), encoding='utf-8'))
    h = np.zeros((k, m['h']['cols']))
    for t, hr in enumerate(m['h']['data']):
        h[t, hr['indices']] = hr['values']
    return h

def kmeans_mix(xh, wt, h, seed, allowed, k, beta, max_rounds=300):
    """z_i = (1-beta) xhat_i + beta * wt_i H (wt rows scaled so ||wt_i H|| = 1)."""
    a = seed.copy()
    n = xh.shape[0]
    for r in range(max_rounds):
        cent = np.zeros((k, xh.shape[1]))
        for t in range(k):
            rows = np.nonzero(a == t)[0]
            if len(rows):
                c = (1 - beta) * np.asarray(xh[rows].sum(axis=0)).ravel() + beta * (wt[rows].sum(axis=0) @ h)
                nrm = np.linalg.norm(c)
                cent[t] = c / nrm if nrm > 0 else 0
        sim = (1 - beta) * np.asarray(xh @ cent.T) + beta * (wt @ (h @ cent.T))
        sim[~allowed] = -np.inf
        cur = sim[np.arange(n), np.maximum(a, 0)]
        best = np.argmax(sim, axis=1)
        mv = (a >= 0) & (sim[np.arange(n), best] > cur)
        if not mv.any():
            return a, r + 1
        a = np.where(mv, best, a)
    return a, max_rounds

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--cache', default=os.path.expanduser('~/.cache/topicnmf-bench'))
    ap.add_argument('--tag', default='default-5f6e4a4a9d', help='topicnmf-TAG folder of the runs')
    ap.add_argument('--corpora', default=','.join(CORPORA))
    ap.add_argument('--betas', default='0,0.25,0.5,0.75,1')
    ap.add_argument('--shares', default='0.01')
    a = ap.parse_args()
    betas = [float(b) for b in a.betas.split(',')]
    shares = [float(s) for s in a.shares.split(',')]
    rows = []
    for c in a.corpora.split(','):
        for run in sorted(glob.glob(os.path.join(a.cache, 'runs', c, f'topicnmf-{a.tag}', 'k*')), key=lambda p: int(p.rsplit('k',1)[1])):
            if not os.path.exists(os.path.join(run, 'result.json')): continue
            mup = os.path.join(a.cache, 'runs', c, 'sklearn-mu', os.path.basename(run), 'result.json')
            if not os.path.exists(mup): continue
            k = int(os.path.basename(run)[1:])
            rep = json.load(open(os.path.join(run, 'fit', 'report.json'), encoding='utf-8'))
            x = scipy.io.mmread(os.path.join(run, 'matrix', 'matrix.mtx')).tocsr()
            ids = open(os.path.join(run, 'matrix', 'documents.txt'), encoding='utf-8').read().split('\n')[:x.shape[0]]
            docs = {d['id']: d for d in rep['documents']}
            w = np.array([docs[i]['weights'] if docs[i]['weights'] else [0.0] * k for i in ids])
            labels = [i.split('/')[0] for i in ids]
            mu = json.load(open(mup))
            mu_nmi = nmi(labels, [mu['assign'].get(i, -1) for i in ids])
            h = load_h(run, k)
            rn = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
            xh = sp.diags(1 / np.where(rn > 0, rn, 1)) @ x
            g = h @ h.T
            yn = np.sqrt(np.maximum(np.einsum('ij,jk,ik->i', w, g, w), 0))
            wt = w / np.where(yn > 0, yn, 1)[:, None]
            sm = w.sum(axis=1, keepdims=True); mx = w.max(axis=1, keepdims=True)
            dom = np.where(sm.ravel() > 0, np.argmax(w, axis=1), -1)
            rep_c = np.array([docs[i]['cluster'] if docs[i]['cluster'] is not None else -1 for i in ids])
            row = {'corpus': c, 'k': k, 'mu': mu_nmi, 'report': nmi(labels, rep_c), 'dominant': nmi(labels, dom)}
            for s in shares:
                allowed = ((w >= s * sm) | (w == mx)) & (sm > 0)
                for b in betas:
                    row[f's{s} b{b}'] = nmi(labels, kmeans_mix(xh, wt, h, dom, allowed, k, b)[0])
            rows.append(row)
            print(f'{c + ("*" if c in HELD_OUT else ""):<18}{k:>3} ' + ' '.join(f'{n}={v:.3f}' + ('+' if v >= mu_nmi - 1e-12 and n != 'mu' else '') for n, v in row.items() if n not in ('corpus', 'k')), flush=True)
    names = [n for n in rows[0] if n not in ('corpus', 'k', 'mu')]
    for n in names:
        tune = [r[n] for r in rows if r['corpus'] not in HELD_OUT]
        held = [r[n] for r in rows if r['corpus'] in HELD_OUT]
        ge = sum(r[n] >= r['mu'] - 1e-12 for r in rows)
        print(f'{n:<14} tuning {np.mean(tune) if tune else float("nan"):.4f} held-out {np.mean(held) if held else float("nan"):.4f} >= mu {ge}/{len(rows)}')



if __name__ == '__main__':
    main()
