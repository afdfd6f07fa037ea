#!/usr/bin/python3
"""Replays fit's k-means step over the topicnmf fits cached by bench/quality_many.py on other
representations of the documents (issue 15, the NMI target; round 4). The fit (W) and its matrix X
(--save-matrix: matrix.mtx, the smooth-idf TF-IDF at unit rows, and counts.mtx) are fixed; the
seeds (dominant topics), the 1 % rule and the batch spherical k-means are fit's
(DocumentClusters); only the rows k-means compares change:

  x          X itself (fit's clustering before round 4; reproduces the report's clusters)
  tfP        idf_j · tf_ij^P at unit length, computed as fit does from X and the idf alone:
             idf_j · (x_ij / idf_j)^P, rows scaled to unit length (P = 1 is X)
  sublin     idf_j · (1 + ln tf_ij) at unit length (from counts.mtx)
  binary     idf_j · [tf_ij > 0] at unit length
  tf         tf_ij at unit length (no idf)
  idfQ       idf_j^Q · tf_ij at unit length
  +W B       tfP's rows (or X's) joined with the row of W at unit length, weights sqrt(1 − B), sqrt(B)

NMI against the label folders beside scikit-learn mu's (argmax of its W); tuning / held-out (*)
means and the cells >= mu, gained and lost against x.

  cluster_space_replay.py [--cache DIR] [--tag default-JARID] [--corpora a,b]
                          [--spaces x,tf0.5,tf0.75,sublin] [-v]

Measured 2026-12-06 (bench/RESULTS.md, "Clusters on damped term frequencies"): tf0.75 has the best
tuning mean; it gains bbc k = 5, fortunes-de* k = 8 and kjv-chapters* k = 4 and loses no cell.
"""
import argparse, glob, json, os, sys
import numpy as np, scipy.io, scipy.sparse as sp
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from quality_many import HELD_OUT, CORPORA  # noqa: E402
from sklearn.metrics import normalized_mutual_info_score as nmi  # noqa: E402


def unit_rows(x):
    rn = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    return (sp.diags(1 / np.where(rn > 0, rn, 1)) @ x).tocsr()


def kmeans(xh, seed, allowed, k, max_rounds=1000):
    """fit's batch spherical k-means: all rows move at once to a strictly more similar allowed centroid."""
    a = seed.copy()
    n = xh.shape[0]
    a[np.asarray(xh.getnnz(axis=1)) == 0] = -1
    idx = np.arange(n)
    for r in range(max_rounds):
        ind = sp.csr_matrix((np.ones((a >= 0).sum()), (a[a >= 0], np.nonzero(a >= 0)[0])), shape=(k, n))
        s = np.asarray((ind @ xh).todense())
        nr = np.linalg.norm(s, axis=1)
        c = s / np.where(nr > 0, nr, 1)[:, None]
        live = nr > 0
        sim = np.where(allowed & live[None, :], np.asarray(xh @ c.T), -np.inf)
        cur = np.where((a >= 0) & live[np.maximum(a, 0)], sim[idx, np.maximum(a, 0)], 0.0)
        best = np.argmax(sim, axis=1)
        mv = (a >= 0) & (sim[idx, best] > cur)
        if not mv.any():
            return a, r + 1
        a = np.where(mv, best, a)
    return a, max_rounds


def space(name, x, cnt, w):
    n = cnt.shape[0]
    df = np.asarray((cnt > 0).sum(axis=0)).ravel()
    idf = np.log((1 + n) / (1 + df)) + 1
    base, _, beta = name.partition('+W')
    if base == 'x':
        z = unit_rows(x)
    elif base.startswith('tf') and base != 'tf':
        p = float(base[2:])
        z = x.copy().astype(float)
        z.data = (z.data / idf[z.indices]) ** p * idf[z.indices]
        z = unit_rows(z)
    elif base == 'sublin':
        z = cnt.copy(); z.data = 1 + np.log(z.data); z = unit_rows(z @ sp.diags(idf))
    elif base == 'binary':
        z = cnt.copy(); z.data[:] = 1; z = unit_rows(z @ sp.diags(idf))
    elif base == 'tf':
        z = unit_rows(cnt)
    elif base.startswith('idf'):
        z = unit_rows(cnt @ sp.diags(idf ** float(base[3:])))
    else:
        raise SystemExit('unknown space ' + name)
    if beta:
        b = float(beta)
        wn = np.linalg.norm(w, axis=1)
        z = sp.hstack([z * np.sqrt(1 - b), sp.csr_matrix(w / np.where(wn > 0, wn, 1)[:, None] * np.sqrt(b))]).tocsr()
    return z


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--cache', default=os.path.expanduser('~/.cache/topicnmf-bench'))
    ap.add_argument('--tag', default='default-17d1765a13', help='topicnmf-TAG folder of the runs')
    ap.add_argument('--corpora', default=','.join(CORPORA))
    ap.add_argument('--spaces', default='x,tf0.25,tf0.5,tf0.75,sublin')
    ap.add_argument('-v', action='store_true', help='print every cell')
    a = ap.parse_args()
    names = a.spaces.split(',')
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
            row = {'corpus': c, 'k': k, 'mu': nmi(labels, [mu['assign'].get(i, -1) for i in ids])}
            sm = w.sum(axis=1, keepdims=True)
            allowed = ((w >= 0.01 * sm) | (w == w.max(axis=1, keepdims=True))) & (sm > 0)
            dom = np.where(sm.ravel() > 0, np.argmax(w, axis=1), -1)
            for s in names:
                row[s] = nmi(labels, kmeans(space(s, x, cnt, w), dom, allowed, k)[0])
            rows.append(row)
            if a.v:
                print(f'{c + ("*" if c in HELD_OUT else ""):<18}{k:>3} mu {row["mu"]:.4f} '
                      + ' '.join(f'{s}={row[s]:.4f}' + ('+' if row[s] >= row['mu'] else ' ') for s in names), flush=True)
    ref = names[0]
    for s in names:
        tune = [r[s] for r in rows if r['corpus'] not in HELD_OUT]
        held = [r[s] for r in rows if r['corpus'] in HELD_OUT]
        ge = sum(r[s] >= r['mu'] for r in rows)
        ge_t = sum(r[s] >= r['mu'] for r in rows if r['corpus'] not in HELD_OUT)
        gained = [f"{r['corpus']} {r['k']}" for r in rows if r[s] >= r['mu'] > r[ref]]
        lost = [f"{r['corpus']} {r['k']}" for r in rows if r[ref] >= r['mu'] > r[s]]
        print(f'{s:<12} tuning {np.mean(tune) if tune else float("nan"):.4f} held-out '
              f'{np.mean(held) if held else float("nan"):.4f} >= mu {ge}/{len(rows)} (tuning {ge_t}) '
              f'gained {gained} lost {lost}', flush=True)


if __name__ == '__main__':
    main()
