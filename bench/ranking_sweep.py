#!/usr/bin/python3
"""Term-ranking sweep over the topicnmf runs cached by bench/quality_many.py: re-ranks each topic's
terms from the fitted H (model.json) under other rankings and scores every list with the same
independent ruler (bench/ruler.py), so a default can be chosen without refitting.

  ranking_sweep.py [--cache DIR] [--tag default] [--ks ...] [--json FILE]

Rankings (phi = row of H over its sum, p(w) = column share of X, df(w) = documents holding w,
D = documents; all over topicnmf's own matrices from --save-matrix):
  rel:L            relevance L*log phi + (1-L)*log(phi/p(w))            (TermRanking, L = lambda)
  rel:L/floor:F    the same among terms with df >= F*D only
  rel:L/soft:F     relevance + log(min(1, df/(F*D)))  (a term in fewer than F*D documents is
                   penalised by the log of how far short it falls)
  fro:L            relevance over H re-fitted by least squares with the KL W fixed
  own-npmi         per corpus, the lambda in {0.3,...,1} whose lists have the highest mean NPMI
                   over topicnmf's own document co-occurrence (what the tool itself can measure)
A shown term is the most frequent raw token whose English minimal (plural) stem is the term, as
topicnmf's `surface`; the script checks its rel:0.5 lists against the report's.
"""
import argparse, glob, json, math, os, re, sys
import numpy as np
import scipy.io

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ruler import Ruler, load, diversity, TOKEN  # noqa: E402
from quality_many import HELD_OUT, CORPORA  # noqa: E402


def minimal_stem(s):
    """Lucene's EnglishMinimalStemmer."""
    n = len(s)
    if n < 3 or s[-1] != 's':
        return s
    if s[-2] in 'us':
        return s
    if n > 3 and s.endswith('ies') and s[-4] not in 'ea':
        return s[:-3] + 'y'
    if n > 3 and s.endswith('es') and s[-3] not in 'aeo':
        return s[:-1]
    return s[:-1]


def surfaces(texts, terms):
    count = {}
    for t in texts:
        for tok in TOKEN.findall(t.lower()):
            count[tok] = count.get(tok, 0) + 1
    best = {}
    for tok, c in count.items():
        st = minimal_stem(tok)
        if st not in best or c > best[st][1] or (c == best[st][1] and tok < best[st][0]):
            best[st] = (tok, c)
    return [best[t][0] if t in best else t for t in terms]


def top_by(score, n):
    order = np.lexsort((np.arange(len(score)), -score))
    return [int(j) for j in order[:n] if np.isfinite(score[j])]


def own_npmi(lists, pres, d):
    vals = []
    for top in lists:
        v = []
        for i in range(len(top)):
            for j in range(i + 1, len(top)):
                a, b = pres[top[i]], pres[top[j]]
                co = len(a & b)
                if co == 0:
                    v.append(-1.0)
                elif co == d:
                    v.append(1.0)
                else:
                    pij = co / d
                    v.append(math.log(pij / (len(a) / d * len(b) / d)) / -math.log(pij))
        vals.append(sum(v) / len(v) if v else 0)
    return sum(vals) / len(vals)


def frobenius_refit(h, x, w0, sweeps=30):
    """H re-fitted to X by least squares with W fixed: HALS sweeps from the KL H. W is the
    report's per-document topic weights (rows of W scaled to sum 1), each row rescaled by its
    least-squares factor against X (the report does not keep the scale of W)."""
    wh = w0 @ h
    num = np.asarray((x.multiply(wh)).sum(axis=1)).ravel()
    den = np.einsum('ij,ij->i', w0 @ (h @ h.T), w0)
    s = np.where(den > 0, num / np.where(den > 0, den, 1), 0)
    w = w0 * s[:, None]
    a = w.T @ w
    b = np.asarray((x.T @ w).T)
    hf = h * (np.trace(b @ h.T) / max(np.trace(a @ h @ h.T), 1e-300))
    for _ in range(sweeps):
        for t in range(h.shape[0]):
            if a[t, t] > 0:
                hf[t] = np.maximum(0, hf[t] + (b[t] - a[t] @ hf) / a[t, t])
    return hf


def rankings(h, x, counts, n, w0=None):
    col = np.asarray(x.sum(axis=0)).ravel()
    with np.errstate(divide='ignore'):
        logp = np.log(col) - math.log(col.sum())
    df = np.diff(counts.tocsc().indptr).astype(float)
    d = counts.shape[0]
    out = {}
    lams = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]
    for lam in lams:
        base = []
        for row in h:
            with np.errstate(divide='ignore', invalid='ignore'):
                sc = np.log(row) - math.log(row.sum()) - (1 - lam) * logp
            sc[~(row > 0) | ~np.isfinite(logp)] = -np.inf
            base.append(sc)
        out[f'rel:{lam}'] = [top_by(sc, n) for sc in base]
        for f in ((0.005, 0.01, 0.02) if lam in (0.5, 0.7, 1.0) else ()):
            floor = df >= f * d
            out[f'rel:{lam}/floor:{f}'] = [top_by(np.where(floor, sc, -np.inf), n) for sc in base]
            pen = np.minimum(0.0, np.log(np.maximum(df, 1) / (f * d)))
            out[f'rel:{lam}/soft:{f}'] = [top_by(sc + pen, n) for sc in base]
    if w0 is not None:
        hf = frobenius_refit(h, x, w0)
        for lam in (0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0):
            for row_name, rows in (('fro', hf),):
                lists = []
                for row in rows:
                    with np.errstate(divide='ignore', invalid='ignore'):
                        sc = np.log(row) - math.log(row.sum()) - (1 - lam) * logp
                    sc[~(row > 0) | ~np.isfinite(logp)] = -np.inf
                    lists.append(top_by(sc, n))
                out[f'{row_name}:{lam}'] = lists
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--cache', default=os.path.expanduser('~/.cache/topicnmf-bench'))
    ap.add_argument('--tag', default='default', help='runs of topicnmf-TAG* (e.g. default-JARID for one jar)')
    ap.add_argument('--json', default=None)
    a = ap.parse_args()
    per = {}
    for c in CORPORA:
        runs = sorted(glob.glob(os.path.join(a.cache, 'runs', c, f'topicnmf-{a.tag}*', 'k*', 'fit', 'model.json')),
                      key=os.path.getmtime)
        if not runs:
            continue
        texts, _, _ = load(os.path.join(a.cache, c))
        ruler = Ruler(texts)
        for mpath in runs:
            run = os.path.dirname(os.path.dirname(mpath))
            mdir = os.path.join(run, 'matrix')
            m = json.load(open(mpath, encoding='utf-8'))
            k, cols = m['h']['rows'], m['h']['cols']
            h = np.zeros((k, cols))
            for t, row in enumerate(m['h']['data']):
                h[t, row['indices']] = row['values']
            x = scipy.io.mmread(os.path.join(mdir, 'matrix.mtx')).tocsr()
            counts = scipy.io.mmread(os.path.join(mdir, 'counts.mtx')).tocsc()
            terms = open(os.path.join(mdir, 'terms.txt'), encoding='utf-8').read().split('\n')[:cols]
            surf = surfaces(texts, terms)
            pres = [set(counts.indices[counts.indptr[j]:counts.indptr[j + 1]].tolist()) for j in range(cols)]
            report = json.load(open(os.path.join(run, 'fit', 'report.json'), encoding='utf-8'))
            w0 = np.array([d['weights'] if d['weights'] else [0.0] * k for d in report['documents']])
            lists = rankings(h, x, counts, m['options']['topTerms'], w0 if w0.shape[0] == x.shape[0] else None)
            shown = [[tw['term'] for tw in t['terms']] for t in report['topics']]
            check = [[terms[j] for j in l] for l in lists['rel:0.5']] == shown if m['options']['relevance'] == 0.5 else None
            row = {}
            for name, ls in lists.items():
                words = [[surf[j] for j in l] for l in ls]
                row[name] = {'npmi': ruler.npmi(words), 'div': diversity(words),
                             'own': own_npmi(ls, pres, counts.shape[0])}
            best = max((r for r in row if r.startswith('rel:') and '/' not in r), key=lambda r: row[r]['own'])
            row['own-npmi'] = dict(row[best], chosen=best)
            for f in (0.005, 0.01):
                cands = [r for r in row if r.endswith(f'/soft:{f}')]
                b = max(cands, key=lambda r: row[r]['own'])
                row[f'own-npmi/soft:{f}'] = dict(row[b], chosen=b)
            per[(c, k)] = row
            print(f'# {c} k={k}: rel:0.5 lists equal the report: {check}; own-npmi chose {best}', file=sys.stderr)
    names = list(next(iter(per.values())).keys())
    print(f'{"ranking":<26} {"tune NPMI":>9} {"held NPMI":>9} {"all NPMI":>9} {"min div":>8} {"mean div":>8}')
    summary = []
    for nm in names:
        tune = [r[nm]['npmi'] for (c, k), r in per.items() if c not in HELD_OUT]
        held = [r[nm]['npmi'] for (c, k), r in per.items() if c in HELD_OUT]
        alls = tune + held
        divs = [r[nm]['div'] for r in per.values()]
        mean = lambda v: sum(v) / len(v) if v else float('nan')
        summary.append((mean(tune), nm, mean(held), mean(alls), min(divs), mean(divs)))
    for t, nm, hmean, amean, mind, md in sorted(summary, reverse=True):
        print(f'{nm:<26} {t:9.3f} {hmean:9.3f} {amean:9.3f} {mind:8.2f} {md:8.2f}')
    if a.json:
        json.dump([{'corpus': c, 'k': k, 'held_out': c in HELD_OUT, 'rankings': r} for (c, k), r in per.items()],
                  open(a.json, 'w'), indent=1)


if __name__ == '__main__':
    main()
