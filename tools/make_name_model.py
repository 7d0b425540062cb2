#!/usr/bin/env python3
"""Train the name check's score for words no list knows well (content/privacy/name_model.txt.gz).

A naive-Bayes model over character n-grams (2 to 4 letters, with ^ and $ for
the word's edges), learned from the lists the app already ships: the given
names of content/privacy/given_names.txt.gz (names from 54 countries) against
the ordinary words of words.nb.txt.gz and words.en.txt.gz. Each n-gram gets
its log-odds, name against word, rounded to a tenth; n-grams seen fewer than
four times or saying little (|log-odds| < 0.5) are left out. The app sums the
log-odds of a word's n-grams (divided by the square root of their number):
above 0 the word is spelt like a name ("Gemechu", "Khrystyna"), below like a
word ("formingsbordet"). So a name from a country the lists hold few names of
still looks like a name, without a list of every name.

Run after tools/make_privacy_lists.py (no extra library needed):

    python tools/make_name_model.py
"""

from __future__ import annotations

import gzip
import math
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "content" / "privacy" / "name_model.txt.gz"
sys.path.insert(0, str(ROOT))  # for tettpa_tui.domain.namecues: the app's own n-grams

MIN_COUNT = 4
MIN_WEIGHT = 0.5


def training_sets() -> tuple[list[str], list[str]]:
    """(names, words): given names that are not common words, and words that are not given names."""
    def groups(name: str) -> list[tuple[str, list[str]]]:
        with gzip.open(OUT.parent / name, "rt", encoding="utf-8") as f:
            return [(key, words.split()) for key, words in
                    (line.split("\t", 1) for line in f if not line.startswith("#"))]

    given = {n: key.lstrip("0123456789") for key, ns in groups("given_names.txt.gz") for n in ns}
    nb, en = ({w: int(key) / 10 for key, ws in groups(f"words.{lang}.txt.gz") for w in ws} for lang in ("nb", "en"))
    words = sorted(w for w in set(nb) | set(en) if w.isalpha() and len(w) > 2 and w not in given)
    names = sorted(n for n, mark in given.items()
                   if n.isalpha() and len(n) > 2 and mark != "X" and max(nb.get(n, 0), en.get(n, 0)) < 3.0)
    return names, words


def train(names: list[str], words: list[str]) -> dict[str, float]:
    from tettpa_tui.domain.namecues import ngrams

    in_names = Counter(g for w in names for g in set(ngrams(w)))
    in_words = Counter(g for w in words for g in set(ngrams(w)))
    a, n_names, n_words = 0.5, len(names), len(words)
    model = {}
    for g in set(in_names) | set(in_words):
        if in_names[g] + in_words[g] < MIN_COUNT:
            continue
        odds = math.log((in_names[g] + a) / (n_names + 2 * a)) - math.log((in_words[g] + a) / (n_words + 2 * a))
        if abs(odds) >= MIN_WEIGHT:
            model[g] = round(odds, 1)
    return model


def main() -> None:
    from tettpa_tui.domain.namecues import name_score

    names, words = training_sets()
    # How well it separates, on a tenth of each list held out of training.
    random.seed(26)
    held_names, held_words = set(random.sample(names, len(names) // 10)), set(random.sample(words, len(words) // 10))
    model = train([n for n in names if n not in held_names], [w for w in words if w not in held_words])
    as_names = sum(name_score(n, model) > 0 for n in held_names) / len(held_names)
    as_words = sum(name_score(w, model) > 0 for w in held_words) / len(held_words)
    print(f"held-out tenth: {as_names:.1%} of names and {as_words:.1%} of words score above 0")
    model = train(names, words)
    groups: dict[float, list[str]] = {}
    for g, odds in model.items():
        groups.setdefault(odds, []).append(g)
    data = ("# character n-grams of given names against ordinary words: one line per log-odds\n"
            "# (name against word), a tab, then the n-grams (^ and $ mark a word's edges).\n"
            "# Trained by tools/make_name_model.py from given_names.txt.gz and words.*.txt.gz\n"
            + "".join(f"{k}\t{' '.join(sorted(v))}\n" for k, v in sorted(groups.items())))
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write(data)
    print(f"{len(model)} n-grams from {len(names)} names and {len(words)} words -> {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
