#!/usr/bin/python3
"""Builds the labelled corpora of the many-corpora quality benchmark (bench/quality_many.sh) into a
cache folder outside the repository, one folder per corpus, one sub-folder per label, one UTF-8 .txt
file per document (the layout `topicnmf fit` and /work/shared/anchors/anchor_sklearn.py both read).

  build_corpora.py [--cache DIR] [--shared DIR] [NAME ...]

DIR defaults to ~/.cache/topicnmf-bench; --shared to /work/shared/corpora (bbc, 20news-train,
reuters21578.jsonl.gz). Without NAME every corpus whose source is present is built; a corpus whose
folder already holds a complete build (a .built marker) is left alone. Sources, kinds and sizes:
bench/corpora/README.md. Every sample is drawn with a fixed seed, so a build is the same everywhere.
Debian sources need: apt-get install fortunes fortunes-de wordnet-base bible-kjv bible-kjv-text

"""
import argparse, gzip, json, os, random, re, shutil, subprocess, sys

from planted import planted_corpus

SEED = 15


def capped(items, per_label, seed=SEED, total=None):
    """A deterministic stratified sample: at most per_label items of each label (in source order
    before shuffling with a fixed seed), then at most `total` overall, labels kept in proportion."""
    by = {}
    for it in items:
        by.setdefault(it[0], []).append(it)
    out = []
    for label in sorted(by):
        group = by[label]
        random.Random(f'{seed}-{label}').shuffle(group)
        out.extend(group[:per_label] if per_label else group)
    if total and len(out) > total:
        random.Random(seed).shuffle(out)
        out = out[:total]
    return out


def strip_header(text):
    # exactly scikit-learn's fetch_20newsgroups(remove=('headers',))
    return text.partition('\n\n')[2]


def read_folder(root):
    for label in sorted(os.listdir(root)):
        d = os.path.join(root, label)
        if not os.path.isdir(d):
            continue
        for f in sorted(os.listdir(d)):
            with open(os.path.join(d, f), 'rb') as fh:
                yield label, f, fh.read().decode('utf-8', errors='replace')


def bbc(shared):
    return list(read_folder(os.path.join(shared, 'bbc')))


NEWS_COARSE = {'comp': 'comp', 'rec': 'rec', 'sci': 'sci', 'talk': 'talk', 'misc': 'misc',
               'alt': 'religion', 'soc': 'religion'}


def news_bodies(shared):
    """20news-train without the header block, 100 per group (2,000 of 11,314)."""
    items = [(l, f, strip_header(t)) for l, f, t in read_folder(os.path.join(shared, '20news-train'))]
    return capped([it for it in items if it[2].strip()], 100)


def news_subjects(shared):
    """20news-train Subject lines alone ("Re: " removed): a short-text corpus, 250 per group (5,000)."""
    out = []
    for l, f, t in read_folder(os.path.join(shared, '20news-train')):
        head = t.partition('\n\n')[0]
        m = re.search(r'^Subject:\s*(.*)$', head, re.M | re.I)
        if not m:
            continue
        s = re.sub(r'^((re|fwd?)\s*:\s*)+', '', m.group(1).strip(), flags=re.I)
        if re.search(r'\w', s):
            out.append((l, f, s + '\n'))
    return capped(out, 250)


def news_mail(shared):
    """Raw 20news-train messages, headers and quotes included, in 6 coarse groups, 200 of each (1,200)."""
    items = []
    for l, f, t in read_folder(os.path.join(shared, '20news-train')):
        items.append((NEWS_COARSE[l.split('.')[0]], l.replace('.', '_') + '_' + f, t))
    return capped(items, 200)


def reuters_r8(shared):
    """Reuters-21578 stories with exactly one TOPICS category among the 8 most frequent (R8), ≤ 250 each."""
    rows = [json.loads(line) for line in gzip.open(os.path.join(shared, 'reuters21578.jsonl.gz'), 'rt')]
    single = [r for r in rows if len(r['topics']) == 1 and r['text'].strip()]
    counts = {}
    for r in single:
        counts[r['topics'][0]] = counts.get(r['topics'][0], 0) + 1
    top = sorted(counts, key=lambda c: (-counts[c], c))[:8]
    items = [(r['topics'][0], r['id'], r['text']) for r in single if r['topics'][0] in top]
    return capped(items, 250)


def reuters_small(shared):
    """A small corpus: 50 Reuters stories from each of 8 mid-sized categories (400 in all), none in R8."""
    rows = [json.loads(line) for line in gzip.open(os.path.join(shared, 'reuters21578.jsonl.gz'), 'rt')]
    cats = ['coffee', 'gold', 'sugar', 'ship', 'cocoa', 'jobs', 'reserves', 'gnp']
    items = [(r['topics'][0], r['id'], r['text']) for r in rows
             if len(r['topics']) == 1 and r['topics'][0] in cats and r['text'].strip()]
    return capped(items, 50)


def fortune_files(folder, min_size, only=None):
    """Fortune cookies (entries separated by a line holding only %) labelled by their file."""
    out = []
    for name in sorted(os.listdir(folder)):
        p = os.path.join(folder, name)
        if not os.path.isfile(p) or '.' in name or (only and name not in only) or os.path.islink(p):
            continue
        with open(p, 'rb') as fh:
            raw = fh.read().decode('utf-8', errors='replace')
        entries = [e.strip() for e in re.split(r'^%\s*$', raw, flags=re.M)]
        entries = [e for e in entries if len(re.findall(r'\w+', e)) >= 5]
        if len(entries) >= min_size:
            out.extend((name, f'{i:05d}', e + '\n') for i, e in enumerate(entries))
    return out


FORTUNE_SUBJECTS = set('computers songs-poems politics work science men-women art linux literature startrek '
                       'drugs law education food love sports'.split())


def fortunes_en(_):
    """Debian package `fortunes`: English fortune cookies of 16 subject files (not the catch-alls
    such as cookie, miscellaneous, platitudes or zippy), ≤ 150 each."""
    return capped(fortune_files('/usr/share/games/fortunes', 100, FORTUNE_SUBJECTS), 150)


def fortunes_de(_):
    """Debian package `fortunes-de`: German fortune cookies by category file, ≤ 200 each."""
    return capped(fortune_files('/usr/share/games/fortunes/de', 100), 200)


# WordNet 3.0's lexicographer files by number (its lexnames file, which wordnet-base does not ship)
LEXNAMES = ("adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute noun.body "
            "noun.cognition noun.communication noun.event noun.feeling noun.food noun.group noun.location "
            "noun.motive noun.object noun.person noun.phenomenon noun.plant noun.possession noun.process "
            "noun.quantity noun.relation noun.shape noun.state noun.substance noun.time")
WORDNET_LEX = ['noun.animal', 'noun.plant', 'noun.food', 'noun.body', 'noun.artifact', 'noun.location',
               'noun.person', 'noun.substance', 'noun.communication', 'noun.cognition', 'noun.state',
               'noun.act']


def wordnet_glosses(_):
    """Debian package `wordnet-base`: glosses (definition and examples) of noun synsets, labelled by
    their lexicographer file, 12 files, ≤ 200 synsets each. The synset's own words are left out,
    so a gloss is a short definition text."""
    lexnames = dict(enumerate(LEXNAMES.split()))
    items = []
    with open('/usr/share/wordnet/data.noun', encoding='utf-8', errors='replace') as fh:
        for line in fh:
            if line.startswith(' '):
                continue
            head, _, gloss = line.partition(' | ')
            parts = head.split()
            lex = lexnames[int(parts[1])]
            if lex in WORDNET_LEX and gloss.strip():
                items.append((lex, parts[0], gloss.strip() + '\n'))
    return capped(items, 200)


KJV_GROUPS = [('law', 5), ('history', 12), ('poetry', 5), ('major_prophets', 5), ('minor_prophets', 12),
              ('gospels_acts', 5), ('pauline_epistles', 13), ('general_epistles_revelation', 9)]


def kjv(_):
    """Debian packages `bible-kjv` + `bible-kjv-text`: the King James Bible (`bible Gen1:1-Rev22:21`),
    one document per chapter (1,189), labelled by the traditional division of its book (8 groups:
    the books come in canonical order, so group g is the next KJV_GROUPS[g][1] books)."""
    out = subprocess.run(['bible', '-l1000', 'Gen1:1-Rev22:21'], capture_output=True, text=True,
                         errors='replace', check=True).stdout
    group_at = [g for g, n in KJV_GROUPS for _ in range(n)]
    items, books, text = [], [], None
    for line in out.split('\n'):
        m = re.match(r'^(\S.*) (\d+)$', line)
        if m:
            if m.group(1) not in books:
                books.append(m.group(1))
            text = []
            items.append((group_at[len(books) - 1], f'{len(books):02d}_{m.group(1)}_{int(m.group(2)):03d}', text))
        elif text is not None and line.strip():
            text.append(re.sub(r'^\s*\d+\s+', '', line.strip()))
    return [(g, i, ' '.join(t) + '\n') for g, i, t in items]


BUILDERS = {
    'bbc': bbc, '20news-bodies': news_bodies, '20news-subjects': news_subjects, '20news-mail': news_mail,
    'reuters-r8': reuters_r8, 'reuters-small': reuters_small, 'fortunes-en': fortunes_en,
    'fortunes-de': fortunes_de, 'wordnet-glosses': wordnet_glosses, 'kjv-chapters': kjv,
    'planted-long': lambda _: planted_corpus(seed=1, topics=8, docs=800, length=(120, 300)),
    'planted-short': lambda _: planted_corpus(seed=2, topics=12, docs=2400, length=(8, 20)),
}


def write(items, dest):
    tmp = dest + '.tmp'
    shutil.rmtree(tmp, ignore_errors=True)
    for label, ident, text in items:
        d = os.path.join(tmp, re.sub(r'[^\w.-]', '_', label))
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, re.sub(r'[^\w.-]', '_', str(ident)) + '.txt'), 'w', encoding='utf-8') as fh:
            fh.write(text)
    open(os.path.join(tmp, '.built'), 'w').write(f'{len(items)}\n')
    shutil.rmtree(dest, ignore_errors=True)
    os.rename(tmp, dest)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--cache', default=os.path.expanduser('~/.cache/topicnmf-bench'))
    ap.add_argument('--shared', default='/work/shared/corpora')
    ap.add_argument('names', nargs='*')
    a = ap.parse_args()
    os.makedirs(a.cache, exist_ok=True)
    for name in a.names or BUILDERS:
        dest = os.path.join(a.cache, name)
        if os.path.exists(os.path.join(dest, '.built')):
            continue
        try:
            items = BUILDERS[name](a.shared)
        except (OSError, KeyError) as e:
            print(f'{name}: skipped ({e}); see bench/corpora/README.md for its source', file=sys.stderr)
            continue
        if not items:
            print(f'{name}: skipped (no documents found)', file=sys.stderr)
            continue
        write(items, dest)
        labels = len({i[0] for i in items})
        print(f'{name}: {len(items)} documents, {labels} labels -> {dest}', file=sys.stderr)


if __name__ == '__main__':
    main()
