#!/usr/bin/python3
"""Reads the res-*.jsonl of bench/anls/run.sh in the current folder and prints the ANLS vs HALS table."""
import json, statistics as st, sys
cases = [('iris', 2, 1e-6, 'best'), ('iris', 3, 1e-6, 'best'), ('bbc', 5, 1e-4, 'final'), ('20news', 20, 1e-4, 'final')]
def load(p):
    return [json.loads(l) for l in open(p) if l.strip()]
def hit(tr, target):
    for it, s, f in tr:
        if f <= target: return it, s
    return None, None
print('| matrix, k | target (rel.) | solver | final objective | iterations to target | cold s to target (median of 3) | cold process s (median) | warm s to target (median of %s) |' % 'N')
print('|---|---|---|---|---|---|---|---|')
for name, k, rel, mode in cases:
    try:
        cold = load(f'res-cold-{name}-k{k}.jsonl'); warm = load(f'res-warm-{name}-k{k}.jsonl')
    except FileNotFoundError:
        continue
    finals = {s: min(r['trace'][-1][2] for r in cold + warm if r['solver'] == s) for s in ('hals', 'anls')}
    if mode == 'best':
        ref = min(min(p[2] for p in r['trace']) for r in cold + warm)
    else:
        ref = min(finals.values())
    target = ref * (1 + rel)
    for s in ('hals', 'anls'):
        c = [r for r in cold if r['solver'] == s]
        w = [r for r in warm if r['solver'] == s][1:]
        ch = [hit(r['trace'], target) for r in c]
        wh = [hit(r['trace'], target) for r in w]
        its = sorted(set(h[0] for h in ch + wh))
        cs = st.median(h[1] for h in ch) if ch and all(h[1] is not None for h in ch) else None
        ws = st.median(h[1] for h in wh) if wh and all(h[1] is not None for h in wh) else None
        wall = st.median(r['wall'] for r in c)
        fmt = lambda v: 'not reached' if v is None else ('%.4f' % v if v < 0.1 else '%.3f' % v)
        print(f'| {name}, k={k} | {ref:.10g}·(1+{rel:g}) | {s} | {finals[s]:.10g} | {",".join(map(str, its))} | {fmt(cs)} | {wall:.2f} | {fmt(ws)} (n={len(w)}) |')
