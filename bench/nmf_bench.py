#!/usr/bin/env python3
"""Helpers of bench/nmf_vs_sklearn.sh and bench/jmh/run.sh (standard library only).

  nmf_bench.py sklearn-objective LOSS SKLEARN.json
      the final objective of a scikit-learn run in topicnmf's terms (see below)
  nmf_bench.py topicnmf-run FACTORIZATION.json SKLEARN_OBJECTIVE WALL_SECONDS TOL OUT.json
      the figures of one topicnmf run (time to reach scikit-learn's objective, final objective,
      times), without W and H; 'stop*' are where topicnmf's rule with tolerance TOL stops, found
      from the trace (the same as the run's end when the run used --tol TOL)
  nmf_bench.py summarize DIR
      tables (markdown) of every case in DIR/runs, with medians and ratios; also DIR/summary.json
  nmf_bench.py jmh JMH.json
      GFLOP/s table of a JMH run of SparseKernelsBenchmark

Objectives, compared like with like:
  frobenius: 0.5*||X - WH||_F^2. scikit-learn: anchor_sklearn.py's 'objective' (computed from
             its W and H exactly that way; equal to reconstruction_err_**2 / 2). topicnmf: the
             trace's objective and fit.objective (same definition).
  kl:        generalized Kullback-Leibler divergence sum(x*ln(x/WH) - x + WH). scikit-learn:
             reconstruction_err_**2 / 2 (its _beta_divergence(..., square_root=True) returns
             sqrt(2*div)); anchor_sklearn.py's 'objective' is the Frobenius one even for a KL fit,
             so it is not used here. topicnmf: the trace's objective and fit.objective.
"""
import json
import os
import statistics
import sys

# "Near" scikit-learn's objective: within this relative gap above it (0.01 %), for the cases
# where topicnmf settles in a slightly different local minimum and never reaches it exactly.
NEAR = 1e-4


def sklearn_objective(loss, path):
    with open(path) as fh:
        r = json.load(fh)
    if loss == 'frobenius':
        return r['objective']
    if loss == 'kl':
        return r['reconstruction_err'] ** 2 / 2
    raise SystemExit('unknown loss ' + loss)


def window(loss, solver):
    """The look-back of topicnmf's convergence test, as io.topicnmf.nmf.Nmf.window(loss, solver)
    defines it (Nmf.WINDOW = 10, Nmf.KL_CD_WINDOW = 5 for KL coordinate descent). A run with the
    default tol checks this copy: its simulated stop must be where the run stopped."""
    return 5 if loss == "kl" and solver == "cd" else 10


def stop_point(trace, tol, look_back):
    """The trace row where topicnmf's convergence rule stops: the first iteration t >= 1 with
    f(t - L) - f(t) < tol * f(0), L = min(t, look_back) (io.topicnmf.nmf.Nmf), else the last row."""
    f0 = trace[0]['objective']
    for t in range(1, len(trace)):
        start = trace[max(0, t - look_back)]['objective']
        if tol > 0 and start - trace[t]['objective'] < tol * f0:
            return trace[t]
    return trace[-1]


def topicnmf_run(path, target, wall, tol, out):
    with open(path) as fh:
        r = json.load(fh)
    fit = r['fit']
    look_back = window(fit['loss'], fit['solver'])
    stop = stop_point(fit['trace'], tol, look_back)
    nmf = r['parameters']['nmf']
    if nmf['tol'] == tol and fit['converged'] and stop['iteration'] != fit['iterations']:
        raise SystemExit('nmf_bench.py: the convergence rule copied here (window %d) stops at iteration %d, '
                         'the run stopped at %d: update window() to match io.topicnmf.nmf.Nmf'
                         % (look_back, stop['iteration'], fit['iterations']))
    reach = None
    reach_iter = None
    for row in fit['trace']:
        if row['objective'] <= target:
            reach, reach_iter = row['seconds'], row['iteration']
            break
    near = next((row['seconds'] for row in fit['trace'] if row['objective'] <= target * (1 + NEAR)), None)
    small = {
        'loss': fit['loss'], 'solver': fit['solver'], 'iterations': fit['iterations'],
        'converged': fit['converged'], 'objective': fit['objective'],
        'frobeniusObjective': fit['frobeniusObjective'], 'relativeError': fit['relativeError'],
        'sklearnObjective': target, 'secondsToSklearnObjective': reach,
        'iterationToSklearnObjective': reach_iter, 'secondsToNearSklearnObjective': near,
        'stopTol': tol, 'stopWindow': look_back, 'stopIteration': stop['iteration'], 'stopObjective': stop['objective'],
        'stopSeconds': stop['seconds'],
        'readSeconds': r['timings']['readSeconds'], 'fitSeconds': r['timings']['fitSeconds'],
        'wallSeconds': wall, 'shape': r['shape'], 'parameters': r['parameters'],
        'trace': fit['trace'],
    }
    with open(out, 'w') as fh:
        json.dump(small, fh, indent=1)


def med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def fmt(x, spec='.2f'):
    return '–' if x is None else format(x, spec)


def summarize(d):
    runs = os.path.join(d, 'runs')
    cases = {}
    for name in sorted(os.listdir(runs)):
        if not name.endswith('.sklearn.json'):
            continue
        case, run = name[:-len('.sklearn.json')].rsplit('.r', 1)
        tn = os.path.join(runs, case + '.r' + run + '.topicnmf.json')
        if not os.path.exists(tn):
            continue
        with open(os.path.join(runs, name)) as fh:
            sk = json.load(fh)
        with open(tn) as fh:
            t = json.load(fh)
        if 'secondsToNearSklearnObjective' not in t:  # files of an older helper
            t['secondsToNearSklearnObjective'] = next((row['seconds'] for row in t['trace']
                if row['objective'] <= t['sklearnObjective'] * (1 + NEAR)), None)
        cases.setdefault(case, []).append((int(run), sk, t))
    summary = {}
    lines = []
    for case, rs in sorted(cases.items(), key=lambda c: (c[0].split('.')[0], int(c[0].split('.')[1][1:]))):
        rs.sort(key=lambda r: r[0])
        loss = rs[0][2]['loss']
        shape = rs[0][2]['shape']
        lines.append('')
        nmf = rs[0][2]['parameters']['nmf']
        lines.append('### %s (%d × %d, %d non-zeros)' % (case, shape['rows'], shape['cols'], shape['nnz']))
        lines.append('')
        lines.append('topicnmf ran with --solver %s --threads %d --tol %g --max-iter %d; scikit-learn with '
                     'solver %s%s, tol 1e-4, max_iter 200; both init nndsvda.' % (
                         rs[0][2]['solver'], nmf['threads'], nmf['tol'], nmf['maxIter'],
                         rs[0][1]['solver'], ', beta_loss kullback-leibler' if loss == 'kl' else ''))
        lines.append('')
        tol = rs[0][2]['stopTol']
        lines.append('| run | sklearn s | sklearn iter | sklearn objective | topicnmf s to sklearn objective '
                     '| topicnmf s to within 0.01 %% '
                     '| topicnmf final objective (tol %g) | topicnmf s (tol %g) | topicnmf iter (tol %g) '
                     '| topicnmf whole run: fit s (iter) objective | topicnmf wall s | speed-up |' % (tol, tol, tol))
        lines.append('|---|---|---|---|---|---|---|---|---|---|---|---|')
        rows = []
        for run, sk, t in rs:
            sk_s = sk['nmf_s']
            reach = t['secondsToSklearnObjective']
            ratio = sk_s / reach if reach else None
            rows.append({'run': run, 'sklearnSeconds': sk_s, 'sklearnIterations': sk['iterations'],
                         'sklearnObjective': t['sklearnObjective'],
                         'topicnmfSecondsToSklearnObjective': reach,
                         'topicnmfSecondsToNearSklearnObjective': t['secondsToNearSklearnObjective'],
                         'topicnmfObjective': t['stopObjective'], 'topicnmfSeconds': t['stopSeconds'],
                         'topicnmfIterations': t['stopIteration'], 'topicnmfFitSeconds': t['fitSeconds'],
                         'topicnmfRunIterations': t['iterations'], 'topicnmfWallSeconds': t['wallSeconds'],
                         'speedup': ratio})
            lines.append('| %d | %.2f | %d | %.8g | %s | %s | %.8g | %.2f | %d | %.2f (%d) %.8g | %.2f | %s |' % (
                run, sk_s, sk['iterations'], t['sklearnObjective'],
                fmt(reach) + ('' if reach else ' (not reached)'), fmt(t['secondsToNearSklearnObjective']),
                t['stopObjective'], t['stopSeconds'], t['stopIteration'], t['fitSeconds'], t['iterations'],
                t['objective'], t['wallSeconds'], fmt(ratio, '.1f') + ('×' if ratio else '')))
        m = {key: med([r[key] for r in rows]) for key in rows[0] if key != 'run'}
        reached = sum(1 for r in rows if r['topicnmfSecondsToSklearnObjective'] is not None)
        ratio_of_medians = (m['sklearnSeconds'] / m['topicnmfSecondsToSklearnObjective']
                            if m['topicnmfSecondsToSklearnObjective'] else None)
        lines.append('| **median** | **%.2f** | %s | %.8g | **%s** | %s | %.8g | %.2f | %s | %.2f | %.2f | **%s** |' % (
            m['sklearnSeconds'], fmt(m['sklearnIterations'], '.0f'), m['sklearnObjective'],
            fmt(m['topicnmfSecondsToSklearnObjective']), fmt(m['topicnmfSecondsToNearSklearnObjective']), m['topicnmfObjective'], m['topicnmfSeconds'],
            fmt(m['topicnmfIterations'], '.0f'), m['topicnmfFitSeconds'], m['topicnmfWallSeconds'],
            fmt(ratio_of_medians, '.1f') + ('×' if ratio_of_medians else '')))
        obj_ratio = m['topicnmfObjective'] / m['sklearnObjective']
        lines.append('')
        lines.append('Speed-up = scikit-learn time / topicnmf time to reach scikit-learn\'s final objective '
                     '(median row: ratio of the medians). topicnmf reached it in %d of %d runs; its final '
                     'objective at tolerance %g is %.5f× scikit-learn\'s (%s).' % (
                         reached, len(rows), tol, obj_ratio, 'lower or equal' if obj_ratio <= 1 else 'HIGHER'))
        summary[case] = {'loss': loss, 'shape': shape, 'runs': rows, 'median': m,
                         'speedupOfMedians': ratio_of_medians, 'reachedRuns': reached,
                         'finalObjectiveRatio': obj_ratio}
    with open(os.path.join(d, 'summary.json'), 'w') as fh:
        json.dump(summary, fh, indent=1)
    print('\n'.join(lines))


def jmh(path):
    with open(path) as fh:
        results = json.load(fh)
    print('| kernel | k | threads | matrix | nnz | ms/op median (min–max of %s) | GFLOP/s at median | GFLOP/s at best |'
          % ('iterations'))
    print('|---|---|---|---|---|---|---|---|')
    for r in results:
        p = r['params']
        k = int(p['k'])
        if p.get('mtx'):
            with open(p['mtx']) as fh:
                for line in fh:
                    if not line.startswith('%'):
                        rows, cols, nnz = (int(v) for v in line.split()[:3])
                        break
            matrix = os.path.basename(os.path.dirname(p['mtx'])) + '/' + os.path.basename(p['mtx'])
        else:
            rows, cols = int(p['rows']), int(p['cols'])
            nnz = rows * int(p['perRow'])
            matrix = 'synthetic %d × %d' % (rows, cols)
        pm = r['primaryMetric']
        unit = pm['scoreUnit']
        if unit != 'ms/op':
            raise SystemExit('unexpected unit ' + unit)
        # The machine is shared: the median and the best of the measurement iterations say more
        # than JMH's mean ± error, which one disturbed iteration inflates.
        raw = [v for fork in pm['rawData'] for v in fork]
        ms = statistics.median(raw)
        best = min(raw)
        name = r['benchmark'].rsplit('.', 1)[1]
        threads = p.get('threads', '1')
        print('| %s | %d | %s | %s | %d | %.2f (%.2f–%.2f, %d) | %.2f | %.2f |' % (
            name, k, threads, matrix, nnz, ms, best, max(raw), len(raw),
            2.0 * nnz * k / (ms / 1e3) / 1e9, 2.0 * nnz * k / (best / 1e3) / 1e9))


def main(argv):
    if len(argv) < 2:
        raise SystemExit(__doc__)
    cmd = argv[1]
    if cmd == 'sklearn-objective':
        print(repr(sklearn_objective(argv[2], argv[3])))
    elif cmd == 'topicnmf-run':
        topicnmf_run(argv[2], float(argv[3]), float(argv[4]), float(argv[5]), argv[6])
    elif cmd == 'summarize':
        summarize(argv[2])
    elif cmd == 'jmh':
        jmh(argv[2])
    else:
        raise SystemExit(__doc__)


if __name__ == '__main__':
    main(sys.argv)
