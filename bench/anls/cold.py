#!/usr/bin/python3
"""cold.py REPO FILE K MAX_ITER REPS OUT.jsonl WORKDIR: alternating cold `topicnmf factorize` runs of
hals and anls (nndsvda, tol 0, 2 threads, --trace), one JSON line per run with its wall time and trace."""
import json, subprocess, sys, time
repo, f, k, n, reps, outp, work = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), sys.argv[6], sys.argv[7]
with open(outp, 'a') as out:
    for r in range(reps):
        for s in (['hals', 'anls'] if r % 2 == 0 else ['anls', 'hals']):
            o = f'{work}/cold-{s}'
            t = time.time()
            subprocess.run([repo + '/topicnmf', 'factorize', f, '-k', k, '--solver', s, '--tol', '0', '--max-iter', n,
                            '--trace', '--threads', '2', '-o', o, '-q'], check=True)
            wall = time.time() - t
            d = json.load(open(o + '/factorization.json'))
            tr = [[p['iteration'], p['seconds'], p['objective']] for p in d['fit']['trace']]
            out.write(json.dumps({'run': r, 'solver': s, 'wall': wall, 'trace': tr}) + '\n')
