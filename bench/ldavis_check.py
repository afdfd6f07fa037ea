#!/usr/bin/python3
"""Checks topicnmf's LDAvis export (`fit --ldavis FILE`) against pyLDAvis's own algorithm.

pyLDAvis cannot be installed here (no PyPI), so this file carries a port of the `prepare()` path
of pyLDAvis/_prepare.py (bmabey/pyLDAvis; read at commits 8de6b2cbb50c13585ecc85515394d9fc3b36f007
and 0030014fcb654b0d7079c047dc56e5255368a2f1, whose prepare path is the same apart from
`drop('saliency', 1)` vs `drop('saliency', axis=1)`), written with numpy / pandas / scipy only and
kept line for line close to the original: same pandas calls (pd.eval, sort_values, nlargest,
unstack, query, round), same scipy calls (entropy, pdist, squareform), same numpy eig. Two changes,
neither of which can change a number: joblib's Parallel runs the λ chunks one after the other in
their order (n_jobs=1 instead of -1), and sklearn's MDS/TSNE (not the default mds) are left out.

The port is fed the very inputs topicnmf's LdaVis.of(W, H, counts, vocab, 30) uses, read back from
what `topicnmf fit` writes at full double precision:
  - topic-term distributions: the rows of H (model.json "h") divided by their sums (added left to
    right, as topicnmf does, so that the φ fed to the port is topicnmf's to the last bit);
  - document-topic distributions: W's rows divided by their sums (report.json documents[].weights);
    documents without weights (no terms, or no topic weight) are left out: pyLDAvis rejects rows
    that do not sum to 1, and topicnmf gives them no share of any topic either;
  - document lengths: the row sums of the term counts (--save-matrix DIR/counts.mtx);
  - vocabulary: model.json "terms" (column order); term frequencies: column sums of the counts
    (pyLDAvis only checks their length: it recomputes them from the model, LDAvis PR 41).
Then every field of topicnmf's JSON is compared with the port's to_dict():
  - numbers to 1e-6 relative (|a-b| <= 1e-6*max(|a|,|b|), with 1e-12 absolute for zeros); the MDS
    coordinates up to a sign per axis (classical MDS leaves it free; numpy's LAPACK eig picks one,
    topicnmf makes each axis's largest-magnitude entry positive), relative to the axis's largest
    magnitude;
  - strings, categories, topic numbers and orders exactly; R, lambda.step, plot.opts, topic.order.
When an order differs, the port is run again with stable sorts (ties kept in term-id order, which
is topicnmf's rule): pandas' default quicksort leaves the order of exactly tied values unspecified,
so "equal up to the order of tied values" is reported separately from a real difference.

Usage (from the repository root, after `mvn -B -q -o package -DskipTests`):
  /usr/bin/python3 bench/ldavis_check.py CORPUS [-k K] [--work DIR]   runs topicnmf fit, then checks
  /usr/bin/python3 bench/ldavis_check.py --outputs DIR                 checks an earlier run's DIR
    (DIR holding report.json, model.json, ldavis.json and matrix/counts.mtx)
Exit code 0 when every field matches, 1 otherwise.
"""

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile

import numpy as np
import pandas as pd
import scipy.io
from joblib import Parallel, delayed
from scipy.spatial.distance import pdist, squareform
from scipy.stats import entropy

REL = 1e-6
ABS = 1e-12

# False: the faithful port. True: the tie-aware second run, where every sort is stable (ties in
# index order) and lift is computed as p(t|w)/p(t) (see _topic_info), so that values equal in
# exact arithmetic are equal in floating point too and ranked by term id, pandas' rule for ties.
STABLE = False


def _sort_kind():
    return "mergesort" if STABLE else "quicksort"


# ---------------------------------------------------------------------------------------------
# Port of pyLDAvis/_prepare.py (prepare path).
# ---------------------------------------------------------------------------------------------


def __num_dist_rows__(array, ndigits=2):
    return array.shape[0] - int((pd.DataFrame(array).sum(axis=1) < 0.999).sum())


class ValidationError(ValueError):
    pass


def _input_check(topic_term_dists, doc_topic_dists, doc_lengths, vocab, term_frequency):
    ttds = topic_term_dists.shape
    dtds = doc_topic_dists.shape
    errors = []
    if dtds[1] != ttds[0]:
        errors.append("Number of rows of topic_term_dists does not match number of columns of doc_topic_dists")
    if len(doc_lengths) != dtds[0]:
        errors.append("Length of doc_lengths not equal to the number of rows in doc_topic_dists")
    W = len(vocab)
    if ttds[1] != W:
        errors.append("Number of terms in vocabulary does not match the number of columns of topic_term_dists")
    if len(term_frequency) != W:
        errors.append("Length of term_frequency not equal to the number of terms in the vocabulary")
    if __num_dist_rows__(topic_term_dists) != ttds[0]:
        errors.append("Not all rows (distributions) in topic_term_dists sum to 1.")
    if __num_dist_rows__(doc_topic_dists) != dtds[0]:
        errors.append("Not all rows (distributions) in doc_topic_dists sum to 1.")
    if errors:
        raise ValidationError("\n" + "\n".join(" * " + s for s in errors))


def _jensen_shannon(_P, _Q):
    _M = 0.5 * (_P + _Q)
    return 0.5 * (entropy(_P, _M) + entropy(_Q, _M))


def _pcoa(pair_dists, n_components=2):
    """Principal Coordinate Analysis, aka Classical Multidimensional Scaling (as pyLDAvis)."""
    pair_dists = np.asarray(pair_dists, np.float64)
    n = pair_dists.shape[0]
    H = np.eye(n) - np.ones((n, n)) / n
    B = - H.dot(pair_dists ** 2).dot(H) / 2
    eigvals, eigvecs = np.linalg.eig(B)
    ix = eigvals.argsort()[::-1][:n_components]
    eigvals = eigvals[ix]
    eigvecs = eigvecs[:, ix]
    eigvals[np.isclose(eigvals, 0)] = 0
    if np.any(eigvals < 0):
        ix_neg = eigvals < 0
        eigvals[ix_neg] = np.zeros(eigvals[ix_neg].shape)
        eigvecs[:, ix_neg] = np.zeros(eigvecs[:, ix_neg].shape)
    return np.sqrt(eigvals) * eigvecs


def js_PCoA(distributions):
    dist_matrix = squareform(pdist(distributions, metric=_jensen_shannon))
    return _pcoa(dist_matrix)


def _df_with_names(data, index_name, columns_name):
    if type(data) == pd.DataFrame:
        df = pd.DataFrame(data.values)
    else:
        df = pd.DataFrame(data)
    df.index.name = index_name
    df.columns.name = columns_name
    return df


def _series_with_name(data, name):
    if type(data) == pd.Series:
        data.name = name
        return data.reset_index()[name]
    else:
        return pd.Series(data, name=name)


def _topic_coordinates(mds, topic_term_dists, topic_proportion, start_index=1):
    K = topic_term_dists.shape[0]
    mds_res = mds(topic_term_dists)
    assert mds_res.shape == (K, 2)
    mds_df = pd.DataFrame({'x': mds_res[:, 0], 'y': mds_res[:, 1],
                           'topics': range(start_index, K + start_index),
                           'cluster': 1, 'Freq': topic_proportion * 100})
    return mds_df


def _chunks(lambda_seq, n):
    for i in range(0, len(lambda_seq), n):
        yield lambda_seq[i:i + n]


def _job_chunks(lambda_seq, n_jobs):
    n_chunks = n_jobs
    if n_jobs < 0:
        n_chunks = os.cpu_count() + 1 - n_jobs
    return _chunks(lambda_seq, n_chunks)


def _find_relevance(log_ttd, log_lift, R, lambda_):
    relevance = lambda_ * log_ttd + (1 - lambda_) * log_lift
    return relevance.T.apply(lambda topic: topic.nlargest(R).index)


def _find_relevance_chunks(log_ttd, log_lift, R, lambda_seq):
    return pd.concat([_find_relevance(log_ttd, log_lift, R, seq) for seq in lambda_seq])


def _topic_info(topic_term_dists, topic_proportion, term_frequency, term_topic_freq,
                vocab, lambda_step, R, n_jobs, start_index=1):
    term_proportion = term_frequency / term_frequency.sum()
    tt_sum = topic_term_dists.sum()
    topic_given_term = pd.eval("topic_term_dists / tt_sum")
    log_1 = np.log(pd.eval("topic_given_term.T / topic_proportion"))
    kernel = pd.eval("topic_given_term * log_1.T")
    distinctiveness = kernel.sum()
    saliency = term_proportion * distinctiveness
    default_term_info = pd.DataFrame({
        'saliency': saliency,
        'Term': vocab,
        'Freq': term_frequency,
        'Total': term_frequency,
        'Category': 'Default'})
    default_term_info = default_term_info.sort_values(
        by='saliency', ascending=False, kind=_sort_kind()).head(R).drop('saliency', axis=1)
    default_term_info['Freq'] = np.floor(default_term_info['Freq'])
    default_term_info['Total'] = np.floor(default_term_info['Total'])
    ranks = np.arange(R, 0, -1)
    default_term_info['logprob'] = default_term_info['loglift'] = ranks
    default_term_info = default_term_info.reindex(columns=[
        "Term", "Freq", "Total", "Category", "logprob", "loglift"
    ])

    log_lift = np.log(pd.eval("topic_term_dists / term_proportion")).astype("float64")
    if STABLE:
        # Second run only: lift = p(w|t)/p(w) computed as p(t|w)/p(t), equal in exact arithmetic,
        # so that terms of one topic alone (p(t|w) = x/x = 1) tie exactly, as topicnmf computes it.
        log_lift = np.log(term_topic_freq.div(term_frequency, axis=1).div(topic_proportion, axis=0)).astype("float64")
    log_ttd = np.log(pd.eval("topic_term_dists")).astype("float64")
    lambda_seq = np.arange(0, 1 + lambda_step, lambda_step)

    def topic_top_term_df(tup):
        new_topic_id, (original_topic_id, topic_terms) = tup
        term_ix = topic_terms.unique()
        df = pd.DataFrame({'Term': vocab[term_ix],
                           'Freq': term_topic_freq.loc[original_topic_id, term_ix],
                           'Total': term_frequency[term_ix],
                           'Category': 'Topic%d' % new_topic_id,
                           'logprob': log_ttd.loc[original_topic_id, term_ix].round(4),
                           'loglift': log_lift.loc[original_topic_id, term_ix].round(4),
                           })
        return df.reindex(columns=[
            "Term", "Freq", "Total", "Category", "logprob", "loglift"
        ])

    top_terms = pd.concat(Parallel(n_jobs=n_jobs)
                          (delayed(_find_relevance_chunks)(log_ttd, log_lift, R, ls)
                           for ls in _job_chunks(lambda_seq, n_jobs)))
    topic_dfs = map(topic_top_term_df, enumerate(top_terms.T.iterrows(), start_index))
    topic_info = pd.concat([default_term_info] + list(topic_dfs))
    if STABLE:
        # Second run only: topicnmf never lists a term for a topic where p(w|t) = 0 (logprob -inf,
        # which JSON cannot hold); pyLDAvis does for a topic with fewer than R non-zero terms.
        topic_info = topic_info[topic_info['logprob'] != -np.inf]
    return topic_info


def _token_table(topic_info, term_topic_freq, vocab, term_frequency, start_index=1):
    term_ix = topic_info.index.unique()
    term_ix = np.sort(term_ix)
    top_topic_terms_freq = term_topic_freq[term_ix]
    K = len(term_topic_freq)
    top_topic_terms_freq.index = range(start_index, K + start_index)
    top_topic_terms_freq.index.name = 'Topic'
    token_table = pd.DataFrame({'Freq': top_topic_terms_freq.unstack()}) \
        .reset_index().set_index('term').query('Freq >= 0.5')
    token_table['Freq'] = token_table['Freq'].round()
    token_table['Term'] = vocab[token_table.index.values].values
    token_table['Freq'] = token_table.Freq / term_frequency[token_table.index]
    return token_table.sort_values(by=['Term', 'Topic'], kind=_sort_kind())


def prepare(topic_term_dists, doc_topic_dists, doc_lengths, vocab, term_frequency,
            R=30, lambda_step=0.01, mds=js_PCoA, n_jobs=1,
            plot_opts=None, sort_topics=True, start_index=1):
    if plot_opts is None:
        plot_opts = {'xlab': 'PC1', 'ylab': 'PC2'}
    topic_term_dist_cols = [
        pd.Series(topic_term_dist, dtype="float64")
        for topic_term_dist in topic_term_dists
    ]
    topic_term_dists = pd.concat(topic_term_dist_cols, axis=1).T

    topic_term_dists = _df_with_names(topic_term_dists, 'topic', 'term')
    doc_topic_dists = _df_with_names(doc_topic_dists, 'doc', 'topic')
    term_frequency = _series_with_name(term_frequency, 'term_frequency')
    doc_lengths = _series_with_name(doc_lengths, 'doc_length')
    vocab = _series_with_name(vocab, 'vocab')
    _input_check(topic_term_dists, doc_topic_dists, doc_lengths, vocab, term_frequency)
    R = min(R, len(vocab))

    topic_freq = doc_topic_dists.mul(doc_lengths, axis="index").sum()
    if sort_topics:
        topic_proportion = (topic_freq / topic_freq.sum()).sort_values(ascending=False, kind=_sort_kind())
    else:
        topic_proportion = (topic_freq / topic_freq.sum())

    topic_order = topic_proportion.index
    topic_freq = topic_freq[topic_order]
    topic_term_dists = topic_term_dists.iloc[topic_order]

    term_topic_freq = (topic_term_dists.T * topic_freq).T
    term_frequency = np.sum(term_topic_freq, axis=0)

    topic_info = _topic_info(topic_term_dists, topic_proportion,
                             term_frequency, term_topic_freq, vocab, lambda_step, R,
                             n_jobs, start_index)
    token_table = _token_table(topic_info, term_topic_freq, vocab, term_frequency, start_index)
    topic_coordinates = _topic_coordinates(mds, topic_term_dists, topic_proportion, start_index)
    client_topic_order = [x + start_index for x in topic_order]
    return {'mdsDat': topic_coordinates.to_dict(orient='list'),
            'tinfo': topic_info.to_dict(orient='list'),
            'token.table': token_table.to_dict(orient='list'),
            'R': R,
            'lambda.step': lambda_step,
            'plot.opts': plot_opts,
            'topic.order': client_topic_order}


class NumPyEncoder(json.JSONEncoder):
    """pyLDAvis.utils.NumPyEncoder: numpy scalars and arrays as plain JSON."""

    def default(self, obj):
        if isinstance(obj, (np.int64, np.int32)):
            return int(obj)
        if isinstance(obj, (np.float64, np.float32)):
            return float(obj)
        if isinstance(obj, np.ndarray):
            return obj.tolist()
        return json.JSONEncoder.default(self, obj)


def to_json_dict(prepared):
    """What pyLDAvis's to_json() gives once parsed (json keeps NaN/-Infinity as floats)."""
    return json.loads(json.dumps(prepared, cls=NumPyEncoder))


# ---------------------------------------------------------------------------------------------
# Inputs: what topicnmf's LdaVis.of(result) used, read from fit's outputs.
# ---------------------------------------------------------------------------------------------


def load_inputs(outdir):
    with open(os.path.join(outdir, "model.json"), encoding="utf-8") as f:
        model = json.load(f)
    with open(os.path.join(outdir, "report.json"), encoding="utf-8") as f:
        report = json.load(f)
    counts = scipy.io.mmread(os.path.join(outdir, "matrix", "counts.mtx")).tocsr()
    with open(os.path.join(outdir, "matrix", "documents.txt"), encoding="utf-8") as f:
        ids = f.read().split("\n")[:-1]
    vocab = model["terms"]
    hs = model["h"]
    k, m = hs["rows"], hs["cols"]
    h = np.zeros((k, m))
    for t, row in enumerate(hs["data"]):
        h[t, row["indices"]] = row["values"]
    docs = report["documents"]
    n = counts.shape[0]
    if len(docs) != n or [d["id"] for d in docs] != ids or counts.shape[1] != m or len(vocab) != m:
        raise SystemExit("outputs disagree: %d report documents, counts %s, %d ids, H %dx%d, %d terms"
                         % (len(docs), counts.shape, len(ids), k, m, len(vocab)))
    lengths = np.asarray(counts.sum(axis=1)).ravel()
    keep = [i for i, d in enumerate(docs) if d["weights"]]
    theta = np.array([docs[i]["weights"] for i in keep], dtype=np.float64).reshape(len(keep), k)
    # Row sums added left to right (cumsum), as LdaVis.of does, so φ is bit for bit topicnmf's:
    # numpy's pairwise sum could move a φ by one rounding and so reorder exactly tied terms.
    phi = h / np.cumsum(h, axis=1)[:, -1:]
    tf = np.asarray(counts.sum(axis=0)).ravel()
    info = {"documents": n, "documents_with_weights": len(keep), "terms": m, "k": k,
            "topics_with_fewer_than_R_nonzero_terms": int(((h > 0).sum(axis=1) < min(30, m)).sum())}
    return (phi, theta, lengths[keep], vocab, tf), info


# ---------------------------------------------------------------------------------------------
# Comparison.
# ---------------------------------------------------------------------------------------------


def close(a, b, scale=None):
    if isinstance(a, float) and isinstance(b, float) and (math.isnan(a) or math.isnan(b)):
        return math.isnan(a) and math.isnan(b)
    if a == b:
        return True
    if isinstance(a, str) or isinstance(b, str) or a is None or b is None:
        return False
    s = max(abs(a), abs(b)) if scale is None else scale
    return abs(a - b) <= REL * s + ABS


def compare_numbers(name, ours, ref, scale=None):
    if len(ours) != len(ref):
        return False, "%d values, pyLDAvis %d" % (len(ours), len(ref))
    bad = [i for i, (a, b) in enumerate(zip(ours, ref)) if not close(a, b, scale)]
    worst = 0.0
    for a, b in zip(ours, ref):
        if isinstance(a, (int, float)) and isinstance(b, (int, float)) and a != b and math.isfinite(a - b):
            worst = max(worst, abs(a - b) / (scale if scale else max(abs(a), abs(b))))
    if bad:
        i = bad[0]
        return False, "%d of %d differ (first at row %d: %r vs %r), max rel diff %.2e" % (
            len(bad), len(ours), i, ours[i], ref[i], worst)
    return True, "%d values, max rel diff %.2e" % (len(ours), worst)


def compare_exact(name, ours, ref):
    if ours == ref:
        n = len(ours) if isinstance(ours, (list, dict)) else 1
        return True, "identical (%d)" % n if isinstance(ours, (list, dict)) else "identical (%r)" % (ours,)
    if isinstance(ours, list) and isinstance(ref, list):
        if len(ours) != len(ref):
            return False, "%d entries, pyLDAvis %d" % (len(ours), len(ref))
        i = next(i for i, (a, b) in enumerate(zip(ours, ref)) if a != b)
        return False, "row %d: %r vs pyLDAvis %r" % (i, ours[i], ref[i])
    return False, "%r vs pyLDAvis %r" % (ours, ref)


def compare_mds(ours, ref):
    results = []
    for axis in ("x", "y"):
        a = np.array(ours[axis], dtype=float)
        b = np.array(ref[axis], dtype=float)
        scale = max(np.abs(a).max(initial=0), np.abs(b).max(initial=0))
        if scale == 0:
            results.append(("mdsDat." + axis, True, "all zero in both"))
            continue
        best = None
        for sign in (1, -1):
            diff = np.abs(a - sign * b).max() / scale
            if best is None or diff < best[1]:
                best = (sign, diff)
        ok = best[1] <= REL
        results.append(("mdsDat." + axis, ok, "%d values, %s, max diff %.2e of the axis's largest |value|"
                        % (len(a), "same sign" if best[0] == 1 else "sign flipped", best[1])))
    return results


def compare(ours, ref):
    rows = []
    keys_ok = list(ours.keys()) == ["mdsDat", "tinfo", "token.table", "R", "lambda.step", "plot.opts", "topic.order"]
    rows.append(("keys", keys_ok, "order " + ", ".join(ours.keys())))
    rows.append(("mdsDat.columns", list(ours["mdsDat"]) == list(ref["mdsDat"]), ", ".join(ours["mdsDat"])))
    rows += compare_mds(ours["mdsDat"], ref["mdsDat"])
    for col in ("topics", "cluster"):
        ok, msg = compare_exact(col, ours["mdsDat"][col], ref["mdsDat"][col])
        rows.append(("mdsDat." + col, ok, msg))
    ok, msg = compare_numbers("Freq", ours["mdsDat"]["Freq"], ref["mdsDat"]["Freq"])
    rows.append(("mdsDat.Freq", ok, msg))
    rows.append(("tinfo.columns", list(ours["tinfo"]) == list(ref["tinfo"]), ", ".join(ours["tinfo"])))
    for col in ("Term", "Category"):
        ok, msg = compare_exact(col, ours["tinfo"][col], ref["tinfo"][col])
        rows.append(("tinfo." + col, ok, msg))
    same_rows = ours["tinfo"]["Term"] == ref["tinfo"]["Term"] and ours["tinfo"]["Category"] == ref["tinfo"]["Category"]
    for col in ("Freq", "Total", "logprob", "loglift"):
        if same_rows:
            ok, msg = compare_numbers(col, ours["tinfo"][col], ref["tinfo"][col])
        else:
            # Rows differ: compare the (Category, Term) rows both sides list; still a DIFF.
            ti, tr = ours["tinfo"], ref["tinfo"]
            rmap = {(c, t): v for c, t, v in zip(tr["Category"], tr["Term"], tr[col])}
            pairs = [(v, rmap[(c, t)]) for c, t, v in zip(ti["Category"], ti["Term"], ti[col]) if (c, t) in rmap]
            good, msg = compare_numbers(col, [a for a, _ in pairs], [b for _, b in pairs])
            ok, msg = False, "rows differ; on the %d rows both list: %s" % (len(pairs), msg)
        rows.append(("tinfo." + col, ok, msg))
    rows.append(("token.table.columns", list(ours["token.table"]) == list(ref["token.table"]),
                 ", ".join(ours["token.table"])))
    our_keys = list(zip(ours["token.table"]["Term"], ours["token.table"]["Topic"]))
    ref_keys = list(zip(ref["token.table"]["Term"], ref["token.table"]["Topic"]))
    ok, msg = compare_exact("rows", our_keys, ref_keys)
    rows.append(("token.table rows (Term, Topic)", ok, msg))
    if ok:
        ok, msg = compare_numbers("Freq", ours["token.table"]["Freq"], ref["token.table"]["Freq"])
    else:
        rmap = dict(zip(ref_keys, ref["token.table"]["Freq"]))
        pairs = [(v, rmap[key]) for key, v in zip(our_keys, ours["token.table"]["Freq"]) if key in rmap]
        good, msg = compare_numbers("Freq", [a for a, _ in pairs], [b for _, b in pairs])
        ok, msg = False, "rows differ; on the %d rows both list: %s" % (len(pairs), msg)
    rows.append(("token.table.Freq", ok, msg))
    for key in ("R", "lambda.step", "plot.opts", "topic.order"):
        ok, msg = compare_exact(key, ours[key], ref[key])
        rows.append((key, ok, msg))
    return rows


def run_fit(jar, corpus, k, work):
    cmd = ["java", "-jar", jar, "fit", corpus, "-o", work, "--ldavis", os.path.join(work, "ldavis.json"),
           "--save-matrix", os.path.join(work, "matrix"), "--quiet"]
    if k:
        cmd[4:4] = ["-k", str(k)]
    print("$ " + " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True)


def main():
    global STABLE
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", nargs="?", help="folder to fit (runs topicnmf fit first)")
    ap.add_argument("-k", type=int, help="topics (default: topicnmf's)")
    ap.add_argument("--jar", default="target/topicnmf.jar")
    ap.add_argument("--work", help="output folder of the fit (default: a temporary folder)")
    ap.add_argument("--outputs", help="check this earlier run's output folder instead of fitting")
    args = ap.parse_args()
    if args.outputs:
        outdir = args.outputs
    elif args.corpus:
        outdir = args.work or tempfile.mkdtemp(prefix="ldavis_check_")
        run_fit(args.jar, args.corpus, args.k, outdir)
    else:
        ap.error("give CORPUS or --outputs DIR")

    inputs, info = load_inputs(outdir)
    print("inputs: %(documents)d documents (%(documents_with_weights)d with topic weights), "
          "%(terms)d terms, k = %(k)d; topics with fewer than R non-zero terms: "
          "%(topics_with_fewer_than_R_nonzero_terms)d" % info)
    with open(os.path.join(outdir, "ldavis.json"), encoding="utf-8") as f:
        ours = json.load(f)
    ref = to_json_dict(prepare(*inputs))
    rows = compare(ours, ref)
    print("\n1. faithful port of pyLDAvis's prepare()")
    print_rows(rows)
    infinite = sum(1 for v in ref["tinfo"]["logprob"] if not math.isfinite(v))
    if infinite:
        print("  pyLDAvis lists %d terms with p(w|t) = 0 (logprob -inf; topics with fewer than R "
              "non-zero terms); topicnmf never does" % infinite)
    if all(ok for _, ok, _ in rows):
        print("verdict: topicnmf's LDAvis JSON matches pyLDAvis's prepare() on every field")
        return 0
    print_term_differences(ours, ref)
    STABLE = True
    tied = to_json_dict(prepare(*inputs))
    STABLE = False
    print("\n2. the port with ties made exact (stable sorts; lift as p(t|w)/p(t), equal to pyLDAvis's "
          "p(w|t)/p(w) in exact arithmetic) and without terms of p(w|t) = 0 (logprob -inf)")
    tied_rows = compare(ours, tied)
    print_rows(tied_rows)
    if all(ok for _, ok, _ in tied_rows):
        print("verdict: topicnmf's LDAvis JSON equals pyLDAvis's prepare() in exact arithmetic: the only "
              "differences (run 1) are in which of several terms with mathematically equal relevance or "
              "saliency pyLDAvis lists, which its floating-point rounding decides"
              + (", and the terms of p(w|t) = 0 that topicnmf leaves out" if infinite else ""))
        return 0
    print("verdict: topicnmf's LDAvis JSON differs from pyLDAvis's prepare() (DIFF rows above)")
    return 1


def print_rows(rows):
    width = max(len(r[0]) for r in rows)
    for name, ok, msg in rows:
        print("  %-*s  %-4s  %s" % (width, name, "OK" if ok else "DIFF", msg))


def print_term_differences(ours, ref):
    """Per tinfo category: terms listed by one side only, and whether the order differs."""
    def groups(d):
        g = {}
        for t, c in zip(d["tinfo"]["Term"], d["tinfo"]["Category"]):
            g.setdefault(c, []).append(t)
        return g
    go, gr = groups(ours), groups(ref)
    for c in sorted(set(go) | set(gr), key=lambda c: (c != "Default", len(c), c)):
        a, b = go.get(c, []), gr.get(c, [])
        if a == b:
            continue
        only_a = [t for t in a if t not in b]
        only_b = [t for t in b if t not in a]
        print("  %s: %d terms (pyLDAvis %d); only topicnmf: %s; only pyLDAvis: %s%s" % (
            c, len(a), len(b), only_a or "-", only_b or "-",
            "; same terms, other order" if not only_a and not only_b else ""))


if __name__ == "__main__":
    sys.exit(main())
