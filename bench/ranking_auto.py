#!/usr/bin/python3
"""How to choose the term lists automatically (`--relevance auto`, issue 15): replays, over the
topicnmf fits cached by bench/quality_many.py, several ways of choosing a ranking among candidates
by the lists' own NPMI over the training corpus, and scores the chosen lists with the independent
ruler (bench/ruler.py) against scikit-learn cd's lists of the same cell.

  ranking_auto.py [--cache DIR] [--tag default-JARID] [--corpora a,b] [--floors F,...]
                  [--lambdas L,...] [--json FILE]

Candidates (as model/TermListChoice.java builds them): weights ∈ {refit (least squares with W
fixed; here 30 HALS sweeps), h (the KL H)} × λ ∈ --lambdas (default 0.3 … 1.0; TermListChoice uses
0, 0.1, … 1) × document-frequency floor ∈ {none, hard F, soft F} with F in --floors, a share of the
documents. A list shortened by a floor is not eligible. Own NPMI: whole-document co-occurrence
over topicnmf's own counts (what the report's coherence measures). Strategies:
  fixed               fro:0.7, the previous default
  corpus-all          one candidate for every topic: highest mean own NPMI with diversity >= 0.85
                      (floors up to 2 %); corpus-refit: refit weights only; corpus-nofloor: no floor
  topic<corpus-...    from that start, each topic in turn takes its own best candidate while the
                      lists' diversity stays >= 0.85 (two passes): what TermListChoice does
  v2, v2+f05          the bar lowered to fro:0.7's diversity where 0.85 is out of reach (+f05: a 5 %
                      floor too); /3pass: three passes
"""
import argparse, glob, json, math, os, sys
import numpy as np
import scipy.io
import scipy.sparse as sp

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ruler import Ruler, load, diversity  # noqa: E402
from quality_many import HELD_OUT, CORPORA  # noqa: E402
from ranking_sweep import surfaces, top_by, frobenius_refit  # noqa: E402

LAMS = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]
MIN_DIV = 0.85


def candidates(weights, x, counts, n, floors):
    col = np.asarray(x.sum(axis=0)).ravel()
    with np.errstate(divide='ignore'):
        logp = np.log(col) - math.log(col.sum())
    df = np.diff(counts.tocsc().indptr).astype(float)
    d = counts.shape[0]
    out = {}
    for wname, rows in weights.items():
        for lam in LAMS:
            base = []
            for row in rows:
                with np.errstate(divide='ignore', invalid='ignore'):
                    sc = np.log(row) - math.log(row.sum()) - (1 - lam) * logp
                sc[~(row > 0) | ~np.isfinite(logp)] = -np.inf
                base.append(sc)
            out[(wname, lam, 'none', 0)] = [top_by(sc, n) for sc in base]
            for f in floors:
                thr = max(2.0, f * d)
                fl = df >= thr
                out[(wname, lam, 'hard', f)] = [top_by(np.where(fl, sc, -np.inf), n) for sc in base]
                pen = np.minimum(0.0, np.log(np.maximum(df, 1) / thr))
                out[(wname, lam, 'soft', f)] = [top_by(sc + pen, n) for sc in base]
    return out


def own_scores(cands, counts):
    """Own NPMI of every topic list of every candidate: {cand: [npmi per topic]}."""
    union = sorted({j for ls in cands.values() for l in ls for j in l})
    pos = {j: i for i, j in enumerate(union)}
    b = (counts.tocsc()[:, union] > 0).astype(np.float64)
    co = (b.T @ b).toarray()
    df = np.diag(co).copy()
    d = counts.shape[0]
    out = {}
    for c, ls in cands.items():
        vals = []
        for l in ls:
            ix = [pos[j] for j in l]
            v = []
            for a in range(len(ix)):
                for bb in range(a + 1, len(ix)):
                    cij = co[ix[a], ix[bb]]
                    joint = cij / d + 1e-12
                    v.append(math.log(joint / (df[ix[a]] / d * df[ix[bb]] / d)) / -math.log(joint))
            vals.append(sum(v) / len(v) if v else 0.0)
        out[c] = vals
    return out


def div_of(lists):
    flat = [j for l in lists for j in l]
    return len(set(flat)) / len(flat) if flat else 0.0


def eligible(cands, c, t):
    """A list is eligible when as long as the first candidate's (no floor): a floor never shortens a list."""
    return len(cands[c][t]) >= len(next(iter(cands.values()))[t])


def choose_corpus(cands, own, keys, min_div=MIN_DIV):
    keys = [c for c in keys if all(eligible(cands, c, t) for t in range(len(cands[c])))]
    ok = [c for c in keys if div_of(cands[c]) >= min_div]
    if ok:
        return max(ok, key=lambda c: (sum(own[c]) / len(own[c]), -keys.index(c)))
    return max(keys, key=lambda c: (div_of(cands[c]), -keys.index(c)))


def choose_topic(cands, own, keys, start, passes=2, min_div=MIN_DIV):
    k = len(cands[start])
    pick = [start] * k
    lists = [list(cands[start][t]) for t in range(k)]
    floor = min(min_div, div_of(lists))
    for _ in range(passes):
        for t in range(k):
            best, bests = pick[t], own[pick[t]][t]
            for c in keys:
                s = own[c][t]
                if s > bests + 1e-12 and eligible(cands, c, t):
                    trial = lists[:t] + [cands[c][t]] + lists[t + 1:]
                    if div_of(trial) >= floor:
                        best, bests = c, s
            pick[t] = best
            lists[t] = cands[best][t]
    return lists, pick


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--cache', default=os.path.expanduser('~/.cache/topicnmf-bench'))
    ap.add_argument('--tag', default='default-b715ea14e4')
    ap.add_argument('--corpora', default=','.join(CORPORA))
    ap.add_argument('--floors', default='0.002,0.005,0.01,0.02')
    ap.add_argument('--lambdas', default=','.join(map(str, LAMS)))
    ap.add_argument('--json', default=None)
    a = ap.parse_args()
    LAMS[:] = [float(v) for v in a.lambdas.split(',')]
    floors = [float(f) for f in a.floors.split(',')] if a.floors else []
    per = []
    for c in a.corpora.split(','):
        runs = sorted(glob.glob(os.path.join(a.cache, 'runs', c, f'topicnmf-{a.tag}', 'k*', 'fit', 'model.json')))
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
            counts = scipy.io.mmread(os.path.join(mdir, 'counts.mtx')).tocsr()
            terms = open(os.path.join(mdir, 'terms.txt'), encoding='utf-8').read().split('\n')[:cols]
            surf = surfaces(texts, terms)
            report = json.load(open(os.path.join(run, 'fit', 'report.json'), encoding='utf-8'))
            w0 = np.array([dd['weights'] if dd['weights'] else [0.0] * k for dd in report['documents']])
            hf = frobenius_refit(h, x, w0)
            hf[~(h > 0)] = 0
            cands = candidates({'refit': hf, 'h': h}, x, counts, 10, floors)
            own = own_scores(cands, counts)
            keys = list(cands.keys())
            cd = json.load(open(os.path.join(a.cache, 'runs', c, 'sklearn-cd', f'k{k}', 'result.json')))
            cd_npmi = ruler.npmi(cd['topics'])
            words = lambda ls: [[surf[j] for j in l] for l in ls]
            row = {'name': c, 'k': k, 'cd': cd_npmi}
            strat = {}
            strat['fixed'] = cands[('refit', 0.7, 'none', 0)] if ('refit', 0.7, 'none', 0) in cands else cands[keys[0]]
            refit_keys = [q for q in keys if q[0] == 'refit']
            nofloor = [q for q in keys if q[2] == 'none']
            base = [q for q in keys if q[3] in (0, 0.002, 0.005, 0.01, 0.02)]
            for name, ks in (('corpus-all', base), ('corpus-refit', [q for q in refit_keys if q in base]),
                             ('corpus-nofloor', nofloor)):
                ch = choose_corpus(cands, own, ks)
                strat[name] = cands[ch]
                row[name + '-choice'] = list(map(str, ch))
                strat['topic<' + name] = choose_topic(cands, own, ks, ch)[0]
            # Fallback: when no candidate reaches 0.85, keep at least the diversity of fro:0.7.
            md = min(MIN_DIV, div_of(strat['fixed']))
            for name, ks in (('v2', base), ('v2+f05', keys)):
                ch = choose_corpus(cands, own, ks, md)
                strat[name] = choose_topic(cands, own, ks, ch, min_div=md)[0]
                strat[name + '/3pass'] = choose_topic(cands, own, ks, ch, passes=3, min_div=md)[0]
            for name, ls in strat.items():
                wl = words(ls)
                row[name] = {'npmi': ruler.npmi(wl), 'div': diversity(wl)}
            per.append(row)
            print(f'# {c} k={k} cd {cd_npmi:.3f} ' + ' '.join(f'{s} {row[s]["npmi"]:.3f}/{row[s]["div"]:.2f}'
                                                          for s in strat), file=sys.stderr, flush=True)
    names = [s for s in per[0] if isinstance(per[0][s], dict)]
    print(f'{"strategy":<22} {"tune":>7} {"held":>7} {"all":>7} {"min div":>7} {">=cd":>5} {"<0.85":>5}')
    for s in names:
        tune = [r[s]['npmi'] for r in per if r['name'] not in HELD_OUT]
        held = [r[s]['npmi'] for r in per if r['name'] in HELD_OUT]
        mean = lambda v: sum(v) / len(v) if v else float('nan')
        ge = sum(r[s]['npmi'] >= r['cd'] for r in per)
        low = sum(r[s]['div'] < MIN_DIV for r in per)
        print(f'{s:<22} {mean(tune):7.3f} {mean(held):7.3f} {mean(tune + held):7.3f} '
              f'{min(r[s]["div"] for r in per):7.2f} {ge:5d} {low:5d}')
    if a.json:
        json.dump(per, open(a.json, 'w'), indent=1)


if __name__ == '__main__':
    main()
