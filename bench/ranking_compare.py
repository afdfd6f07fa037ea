#!/usr/bin/python3
"""Per cell of the many-corpora benchmark, the listed terms of two cached topicnmf runs (two jars,
e.g. before and after a ranking change) scored by the same ruler (bench/ruler.py), beside
scikit-learn cd's, with how the second run ranked its lists (report.json quality.ranking).

  ranking_compare.py --before TAG --after TAG [--cache DIR] [--markdown FILE]
      TAG: the runs' folder name under DIR/runs/CORPUS/, e.g. topicnmf-default-2897b374f9
"""
import argparse, collections, json, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ruler import Ruler, load, diversity  # noqa: E402
from quality_many import HELD_OUT, CORPORA  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--cache', default=os.path.expanduser('~/.cache/topicnmf-bench'))
    ap.add_argument('--before', required=True)
    ap.add_argument('--after', required=True)
    ap.add_argument('--markdown', default=None)
    a = ap.parse_args()
    rows = []
    for c in CORPORA:
        base = os.path.join(a.cache, 'runs', c)
        if not os.path.isdir(os.path.join(base, a.after)):
            continue
        texts, _, _ = load(os.path.join(a.cache, c))
        ruler = Ruler(texts)
        for kd in sorted(os.listdir(os.path.join(base, a.after)), key=lambda s: int(s[1:])):
            res = {}
            for name, tag in (('before', a.before), ('after', a.after), ('cd', 'sklearn-cd')):
                r = json.load(open(os.path.join(base, tag, kd, 'result.json')))
                res[name] = (ruler.npmi(r['topics']), diversity(r['topics']))
            rep = json.load(open(os.path.join(base, a.after, kd, 'fit', 'report.json')))
            rk = rep['quality'].get('ranking') or {}
            kinds = collections.Counter(f"{t['weights']}/{t['floor']}" for t in rk.get('topics', []))
            lams = [t['lambda'] for t in rk.get('topics', [])]
            how = ', '.join(f'{n}×{v}' for v, n in kinds.most_common()) + (
                f'; λ {min(lams)}–{max(lams)}' if lams else '')
            rows.append((c, int(kd[1:]), res, how))
    out = ['| corpus | k | NPMI before (λ 0.7) | NPMI auto | cd NPMI | div before | div auto | auto ≥ cd | lists chosen (weights/floor; λ range) |',
           '|---|---:|---:|---:|---:|---:|---:|---|---|']
    for c, k, r, how in rows:
        out.append(f'| {c}{" *" if c in HELD_OUT else ""} | {k} | {r["before"][0]:.3f} | {r["after"][0]:.3f} | '
                   f'{r["cd"][0]:.3f} | {r["before"][1]:.2f} | {r["after"][1]:.2f} | '
                   f'{"yes" if r["after"][0] >= r["cd"][0] else "no"} | {how} |')
    for scope, keep in (('all', lambda c: True), ('tuning', lambda c: c not in HELD_OUT),
                        ('held-out', lambda c: c in HELD_OUT)):
        sel = [r for c, k, r, _ in rows if keep(c)]
        mean = lambda key, i: sum(r[key][i] for r in sel) / len(sel)
        ge_b = sum(r['before'][0] >= r['cd'][0] for r in sel)
        ge_a = sum(r['after'][0] >= r['cd'][0] for r in sel)
        low = sum(r['after'][1] < 0.85 for r in sel)
        out.append(f'\n{scope} ({len(sel)} cells): mean NPMI before {mean("before", 0):.3f}, auto {mean("after", 0):.3f}, '
                   f'cd {mean("cd", 0):.3f}; NPMI >= cd before {ge_b}, auto {ge_a}; mean diversity before '
                   f'{mean("before", 1):.3f}, auto {mean("after", 1):.3f}; auto below 0.85: {low}')
    text = '\n'.join(out)
    print(text)
    if a.markdown:
        open(a.markdown, 'w').write(text + '\n')


if __name__ == '__main__':
    main()
