"""Planted corpora: documents drawn from known topics, generated deterministically from a seed.

Each topic owns 60 pseudo-words (consonant-vowel syllables, never ending in "s" so no stemmer
merges them) drawn Zipf-like; a background of 400 words, also Zipf-like, is shared by all topics.
A document has one label (its main topic); its words come 65% from that topic, 15% from a second
topic chosen at random, 20% from the background. The label is the truth for NMI/ARI, and a
topic's own words are what a coherent list should name.
"""
import random

CONS = 'bdfgklmnprtvz'
VOW = 'aeiou'


def _words(rng, n, taken):
    out = []
    while len(out) < n:
        w = ''.join(rng.choice(CONS) + rng.choice(VOW) for _ in range(rng.randint(2, 4)))
        if w not in taken:
            taken.add(w)
            out.append(w)
    return out


def _zipf(rng, words, n):
    weights = [1.0 / (r + 1) for r in range(len(words))]
    return rng.choices(words, weights=weights, k=n)


def planted_corpus(seed, topics, docs, length):
    rng = random.Random(seed)
    taken = set()
    own = [_words(rng, 60, taken) for _ in range(topics)]
    background = _words(rng, 400, taken)
    items = []
    for d in range(docs):
        main = d % topics
        other = rng.choice([t for t in range(topics) if t != main])
        n = rng.randint(*length)
        a, b = int(round(0.65 * n)), int(round(0.15 * n))
        words = _zipf(rng, own[main], a) + _zipf(rng, own[other], b) + _zipf(rng, background, n - a - b)
        rng.shuffle(words)
        items.append((f'topic{main:02d}', f'doc{d:05d}', ' '.join(words) + '\n'))
    return items
