#!/usr/bin/python3
"""Replays ways of choosing the term lists (`--relevance auto`, issue 15) over the topicnmf fits
cached by bench/quality_many.py, fast enough to compare many strategies: a first pass (`build`)
ranks every candidate of every cell once and stores, per distinct list, its own NPMI over
topicnmf's counts (two conventions, below) and the ruler's NPMI over the raw texts
(bench/ruler.py); a second pass (`choose`) replays strategies over the stored figures.

  ranking_replay.py build   [--cache DIR] [--tag default-JARID] [--out DIR] [--corpora a,b]
  ranking_replay.py augment [--cache DIR] [--tag default-JARID] [--out DIR]   (coverage, below)
  ranking_replay.py choose  [--out DIR] [--cells] [--json FILE]

Candidates: weights ∈ {refit (least squares with W fixed; 30 HALS sweeps here, exact in Java),
h (the KL H), tf (the counts of the documents whose dominant topic it is)} × λ ∈ {0, 0.1, …, 1}
× floor ∈ {none, hard F, soft F}, F ∈ {0.2, 0.5, 1, 2, 5, 10 %} of the documents (at least 2).
Own NPMI conventions for a pair that never meets in a document: `eps`, gensim's (ε = 1e-12 added
to the joint probability: log(ε/(p_a·p_b))/−log ε, about −0.5 for two rare terms), which is the
report's coherence and what TermListChoice used; `m1`: −1, NPMI's limit and the ruler's (what it
uses now). `tf` lists may hold terms without weight in the topic's H; `tfs` (what TermListChoice
uses as `tf`) only terms with weight. Coverage (`augment`): the share of a topic's own documents
(dominant topic) holding at least one listed word, over the raw texts (the ruler's tokens); `share`:
the mean over listed words of the share of those documents holding the word. `choose` replays the
strategies of `strategies()` (rho = the coverage rule of TermListChoice.MIN_COVERAGE).
"""
import argparse, glob, json, math, os, pickle, sys
import numpy as np
import scipy.io
import scipy.sparse as sp

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ruler import Ruler, load  # noqa: E402
from quality_many import HELD_OUT, CORPORA  # noqa: E402
from ranking_sweep import surfaces, frobenius_refit  # noqa: E402

LAMS = [round(0.1 * i, 1) for i in range(11)]
FLOORS = [0.002, 0.005, 0.01, 0.02, 0.05, 0.1]
BASE_FLOORS = {0, 0.002, 0.005, 0.01, 0.02}
EPS = 1e-12


def top_rows(score, n):
    """Columns of the n best finite scores, ties to the lower column (as TermListChoice.select)."""
    fin = np.isfinite(score)
    idx = np.nonzero(fin)[0]
    if len(idx) == 0:
        return ()
    vals = score[idx]
    order = np.lexsort((idx, -vals))[:n]
    return tuple(int(j) for j in idx[order])


def candidates(weights, x, counts, n):
    col = np.asarray(x.sum(axis=0)).ravel()
    with np.errstate(divide='ignore'):
        logp = np.log(col) - math.log(col.sum())
    df = np.diff(counts.tocsc().indptr).astype(float)
    d = counts.shape[0]
    out = {}
    for wname, rows in weights.items():
        logphi = []
        for row in rows:
            with np.errstate(divide='ignore', invalid='ignore'):
                lp = np.log(row) - math.log(max(row.sum(), 1e-300))
            lp[~(row > 0) | ~np.isfinite(logp)] = np.nan
            logphi.append(lp)
        for lam in LAMS:
            base = [lp - (1 - lam) * logp for lp in logphi]
            out[(wname, lam, 'none', 0)] = [top_rows(sc, n) for sc in base]
            for f in FLOORS:
                thr = max(2.0, f * d)
                out[(wname, lam, 'hard', f)] = [top_rows(np.where(df >= thr, sc, np.nan), n) for sc in base]
                pen = np.minimum(0.0, np.log(np.maximum(df, 1) / thr))
                out[(wname, lam, 'soft', f)] = [top_rows(sc + pen, n) for sc in base]
    return out


def npmi_pairs(b, ix, d):
    """(eps, m1) NPMI of one list from the binary documents × union-terms matrix b."""
    sub = b[:, list(ix)]
    co = (sub.T @ sub).toarray()
    df = np.diag(co)
    e, m = [], []
    for i in range(len(ix)):
        for j in range(i + 1, len(ix)):
            c = co[i, j]
            pa, pb = df[i] / d, df[j] / d
            joint = c / d + EPS
            e.append(math.log(joint / (pa * pb)) / -math.log(joint))
            if c == 0:
                m.append(-1.0)
            elif c == d:
                m.append(1.0)
            else:
                pij = c / d
                m.append(math.log(pij / (pa * pb)) / -math.log(pij))
    if not e:
        return 0.0, 0.0, 0.0
    # third: share of pairs that never meet
    return sum(e) / len(e), sum(m) / len(m), sum(1 for v in m if v == -1.0) / len(m)


def build_cell(run, ruler, texts, n=10):
    mdir = os.path.join(run, 'matrix')
    m = json.load(open(os.path.join(run, 'fit', 'model.json'), encoding='utf-8'))
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
    dom = np.array([dd['dominantTopic'] if dd['weights'] else -1 for dd in report['documents']])
    tf = np.zeros((k, cols))
    for t in range(k):
        rows = np.nonzero(dom == t)[0]
        if len(rows):
            tf[t] = np.asarray(counts[rows].sum(axis=0)).ravel()
    tfs = np.where(h > 0, tf, 0)
    cands = candidates({'refit': hf, 'h': h, 'tf': tf, 'tfs': tfs}, x, counts, n)
    d = counts.shape[0]
    b = (counts.tocsc() > 0).astype(np.float64).tocsc()
    distinct = {}
    for key, ls in cands.items():
        for t, l in enumerate(ls):
            if l not in distinct:
                distinct[l] = None
    scores = {}
    for l in distinct:
        eps, m1, never = npmi_pairs(b, l, d)
        scores[l] = {'eps': eps, 'm1': m1, 'never': never, 'ruler': ruler.topic_npmi([surf[j] for j in l])}
    dfs = np.diff(counts.tocsc().indptr)
    return {'k': k, 'd': d, 'cands': cands, 'scores': scores, 'surf': {j: surf[j] for l in distinct for j in l},
            'df': {j: int(dfs[j]) for l in distinct for j in l}}


def build(a):
    os.makedirs(a.out, exist_ok=True)
    for c in a.corpora.split(','):
        runs = sorted(glob.glob(os.path.join(a.cache, 'runs', c, f'topicnmf-{a.tag}', 'k*', 'fit', 'model.json')))
        if not runs:
            continue
        texts, _, _ = load(os.path.join(a.cache, c))
        ruler = Ruler(texts)
        for mpath in runs:
            run = os.path.dirname(os.path.dirname(mpath))
            k = os.path.basename(run)
            dest = os.path.join(a.out, f'{c}-{k}.pkl')
            if os.path.exists(dest):
                continue
            cell = build_cell(run, ruler, texts)
            cell['corpus'] = c
            cd = json.load(open(os.path.join(a.cache, 'runs', c, 'sklearn-cd', k, 'result.json')))
            cell['cd'] = ruler.npmi(cd['topics'])
            cell['cd_div'] = len({w for t in cd['topics'] for w in t}) / max(1, sum(len(t) for t in cd['topics']))
            with open(dest + '.tmp', 'wb') as fh:
                pickle.dump(cell, fh)
            os.replace(dest + '.tmp', dest)
            print(f'# built {c} {k}: {len(cell["scores"])} distinct lists', file=sys.stderr, flush=True)


def augment(a):
    """Adds to every stored cell the coverage of each topic's candidate lists: the share of the
    topic's own documents (dominant topic, report.json) holding at least one listed word (the
    ruler's tokens over the raw texts), and the same for scikit-learn cd's lists (argmax of W)."""
    for c in a.corpora.split(','):
        paths = sorted(glob.glob(os.path.join(a.out, f'{c}-k*.pkl')))
        if not paths:
            continue
        texts, _, names = load(os.path.join(a.cache, c))
        ruler = Ruler(texts)
        index = {n: i for i, n in enumerate(names)}
        for p in paths:
            cell = pickle.load(open(p, 'rb'))
            if 'share' in cell:
                continue
            k = cell['k']
            rep = json.load(open(os.path.join(a.cache, 'runs', c, f'topicnmf-{a.tag}', f'k{k}', 'fit', 'report.json'),
                                 encoding='utf-8'))
            own = [set() for _ in range(k)]
            for d in rep['documents']:
                if d['dominantTopic'] is not None:
                    own[d['dominantTopic']].add(index[d['id']])

            def cover(words, docs):
                if not docs:
                    return 0.0
                hit = set()
                for w in words:
                    hit |= ruler.docs(w) & docs
                return len(hit) / len(docs)
            def share(words, docs):
                if not docs or not words:
                    return 0.0
                return sum(len(ruler.docs(w) & docs) for w in words) / len(words) / len(docs)
            cov, sh = {}, {}
            for key, ls in cell['cands'].items():
                for t, l in enumerate(ls):
                    if (t, l) not in cov:
                        cov[(t, l)] = cover([cell['surf'][j] for j in l], own[t])
                        sh[(t, l)] = share([cell['surf'][j] for j in l], own[t])
            cell['cover'] = cov
            cell['share'] = sh
            cd = json.load(open(os.path.join(a.cache, 'runs', c, 'sklearn-cd', f'k{k}', 'result.json')))
            cdo = [set() for _ in range(k)]
            for n, t in cd['assign'].items():
                if n in index and t is not None and 0 <= t < k:
                    cdo[t].add(index[n])
            cell['cd_cover'] = sum(cover(cd['topics'][t], cdo[t]) for t in range(k)) / k
            cell['cd_share'] = sum(share(cd['topics'][t], cdo[t]) for t in range(k)) / k
            with open(p + '.tmp', 'wb') as fh:
                pickle.dump(cell, fh)
            os.replace(p + '.tmp', p)
            print(f'# coverage {c} k{k}: cd {cell["cd_cover"]:.3f}', file=sys.stderr, flush=True)


# ---------------------------------------------------------------- strategies over stored cells

def div_of(lists):
    flat = [j for l in lists for j in l]
    return len(set(flat)) / len(flat) if flat else 0.0


def choose(cell, keys, score='eps', min_div=0.85, passes=2, start_score=None, rho=0.0, metric='cover'):
    """TermListChoice's choice among `keys`: the best mean own NPMI candidate with diversity >= bar,
    then per topic its best list while diversity stays >= min(bar, start's). rho > 0: a list is
    eligible only when it covers >= rho x the best coverage of the topic's candidates."""
    cands, sc = cell['cands'], cell['scores']
    k = cell['k']
    first = cands[keys[0]]
    if rho > 0:
        cov = cell[metric]
        bestcov = [max(cov[(t, cands[c][t])] for c in keys) for t in range(k)]
        ok = lambda c, t: len(cands[c][t]) >= len(first[t]) and cov[(t, cands[c][t])] >= rho * bestcov[t] - 1e-12
    else:
        ok = lambda c, t: len(cands[c][t]) >= len(first[t])
    own = lambda c, t: sc[cands[c][t]][score] if cands[c][t] else -1.0
    full = [c for c in keys if all(ok(c, t) for t in range(k))]
    ss = start_score or score
    div_ok = [c for c in full if div_of(cands[c]) >= min_div]
    if not full:  # no candidate eligible for every topic: the first eligible one per topic
        full = [keys[0]]
        div_ok = []
    if div_ok:
        start = max(div_ok, key=lambda c: (sum(sc[cands[c][t]][ss] for t in range(k)) / k, -keys.index(c)))
    else:
        start = max(full, key=lambda c: (div_of(cands[c]), -keys.index(c)))
    pick = [start] * k
    lists = [cands[start][t] for t in range(k)]
    floor = min(min_div, div_of(lists))
    for _ in range(passes):
        for t in range(k):
            best = pick[t]
            for c in keys:
                if (own(c, t) > own(best, t) + 1e-12 or not ok(best, t)) and ok(c, t):
                    trial = lists[:t] + [cands[c][t]] + lists[t + 1:]
                    if div_of(trial) >= floor:
                        best = c
            pick[t] = best
            lists[t] = cands[best][t]
    return lists, pick


def ruler_of(cell, lists):
    sc = cell['scores']
    vals = [sc[l]['ruler'] for l in lists if l]
    return sum(vals) / len(vals)


def surf_div(cell, lists):
    words = [cell['surf'][j] for l in lists for j in l]
    return len(set(words)) / len(words) if words else 0.0


def strategies(cell):
    keys = list(cell['cands'].keys())
    base = [q for q in keys if q[0] in ('refit', 'h') and q[3] in BASE_FLOORS]
    f5 = [q for q in keys if q[0] in ('refit', 'h') and q[3] in BASE_FLOORS | {0.05}]
    f10 = [q for q in keys if q[0] in ('refit', 'h')]
    tfk = [q for q in keys if q[3] in BASE_FLOORS and q[0] != 'tfs']
    tfs = [q for q in keys if q[3] in BASE_FLOORS and q[0] != 'tf']
    allk = keys
    out = {}
    out['current (eps)'] = choose(cell, base)
    out['m1'] = choose(cell, base, 'm1')
    out['eps +tfs'] = choose(cell, tfs)
    out['m1 +tfs'] = choose(cell, tfs, 'm1')
    out['m1 refit+tfs'] = choose(cell, [q for q in tfs if q[0] != 'h'], 'm1')
    out['m1 +tf (off support)'] = choose(cell, tfk, 'm1')
    out['m1 +tfs+f5,10%'] = choose(cell, [q for q in keys if q[0] != 'tf'], 'm1')
    for rho in (0.1, 0.15, 0.2, 0.25, 0.3, 0.5):
        out[f'm1 +tfs cov{rho}'] = choose(cell, tfs, 'm1', rho=rho)
    out['m1 cov0.2'] = choose(cell, base, 'm1', rho=0.2)
    out['m1 +tfs share0.1'] = choose(cell, tfs, 'm1', rho=0.1, metric='share')
    out['m1 +tfs share0.2'] = choose(cell, tfs, 'm1', rho=0.2, metric='share')
    return out


def report_choose(a):
    cells = [pickle.load(open(p, 'rb')) for p in sorted(glob.glob(os.path.join(a.out, '*.pkl')))]
    order = {c: i for i, c in enumerate(CORPORA)}
    cells.sort(key=lambda c: (order.get(c['corpus'], 99), c['k']))
    per = []
    for cell in cells:
        st = strategies(cell)
        row = {'corpus': cell['corpus'], 'k': cell['k'], 'cd': cell['cd'], 'cd_cov': cell.get('cd_cover'),
               'cd_share': cell.get('cd_share')}
        for name, (lists, pick) in st.items():
            row[name] = {'cov': sum(cell['cover'][(t, l)] for t, l in enumerate(lists)) / len(lists),
                         'tmin': min(cell['cover'][(t, l)] for t, l in enumerate(lists)),
                         'share': sum(cell['share'][(t, l)] for t, l in enumerate(lists)) / len(lists),
                         'npmi': ruler_of(cell, lists), 'div': div_of(lists), 'sdiv': surf_div(cell, lists),
                         'picks': [list(map(str, cell_key)) for cell_key in pick]}
        per.append(row)
    names = [s for s in per[0] if isinstance(per[0][s], dict)]
    if a.cells:
        print(f'{"corpus":<18}{"k":>3} {"cd":>7} ' + ' '.join(f'{s[:12]:>12}' for s in names))
        for r in per:
            print(f'{r["corpus"]:<18}{r["k"]:>3} {r["cd"]:7.3f} '
                  + ' '.join(f'{r[s]["npmi"]:7.3f}/{r[s]["cov"]:.2f}' + ('*' if r[s]['npmi'] >= r['cd'] else ' ')
                             for s in names))
    print(f'{"strategy":<22} {"tune":>7} {"held":>7} {"all":>7} {"min div":>7} {">=cd":>5} {"tune>=":>6}'
          f' {"held>=":>6} {"<0.85":>5} {"cover":>6} {"min cov":>7} {"cd cov":>6} {"topics<0.1":>10} {"share":>6}'
          f' {"cd share":>8}')
    for s in names:
        tune = [r[s]['npmi'] for r in per if r['corpus'] not in HELD_OUT]
        held = [r[s]['npmi'] for r in per if r['corpus'] in HELD_OUT]
        mean = lambda v: sum(v) / len(v) if v else float('nan')
        ge = sum(r[s]['npmi'] >= r['cd'] for r in per)
        get = sum(r[s]['npmi'] >= r['cd'] for r in per if r['corpus'] not in HELD_OUT)
        geh = sum(r[s]['npmi'] >= r['cd'] for r in per if r['corpus'] in HELD_OUT)
        low = sum(r[s]['div'] < 0.85 for r in per)
        print(f'{s:<22} {mean(tune):7.3f} {mean(held):7.3f} {mean(tune + held):7.3f} '
              f'{min(r[s]["div"] for r in per):7.2f} {ge:5d} {get:6d} {geh:6d} {low:5d} '
              f'{mean([r[s]["cov"] for r in per]):6.3f} {min(r[s]["cov"] for r in per):7.3f} '
              f'{mean([r["cd_cov"] for r in per]):6.3f} {sum(r[s]["tmin"] < 0.1 for r in per):10d} '
              f'{mean([r[s]["share"] for r in per]):6.3f} {mean([r["cd_share"] for r in per]):8.3f}')
    if a.json:
        json.dump(per, open(a.json, 'w'), indent=1)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('step', choices=['build', 'augment', 'choose'])
    ap.add_argument('--cache', default=os.path.expanduser('~/.cache/topicnmf-bench'))
    ap.add_argument('--tag', default='default-f3cff62d82')
    ap.add_argument('--out', default='/tmp/ranking-replay')
    ap.add_argument('--corpora', default=','.join(CORPORA))
    ap.add_argument('--cells', action='store_true', help='print every cell')
    ap.add_argument('--json', default=None)
    a = ap.parse_args()
    {'build': build, 'augment': augment, 'choose': report_choose}[a.step](a)


if __name__ == '__main__':
    main()
