#!/usr/bin/env python3
"""Derive the privacy check's compact word lists in content/privacy/ from real data.

* given_names.txt.gz, from gender-guesser's name dictionary (about 48,000 given
  names with their popularity in 54 countries, Jörg Michael's nam_dict, GFDL):
  the lower-case names grouped by their highest popularity in any country
  (1 rare … 13 very common), N if given in a Nordic country, X if only where
  given names are often Norwegian words.
* words.nb.txt and words.en.txt, from wordfreq's Bokmål and English word
  frequencies: every alphabetic word with a Zipf frequency of at least 2.0
  (nb) or 3.0 (en), grouped by Zipf value ×10 (all below 3.5 together).
  Grouped lines load quickly: reading them is a split per line.

The app reads these plain files (a few hundred kilobytes) instead of
depending on the libraries (gender-guesser 4 MB; wordfreq 58 MB with its
dependencies regex, ftfy, langcodes and msgpack), and only when a story is
checked. Rerun after upgrading either library:

    pip install gender-guesser wordfreq && python tools/make_privacy_lists.py
    python tools/make_name_model.py   # the spelling model, trained on these lists
"""

from __future__ import annotations

import gzip
import math
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "content" / "privacy"
NORDIC = {"norway", "sweden", "denmark", "iceland", "finland"}
# Countries whose names Norwegian kindergartens seldom meet but whose given names
# are often ordinary Norwegian words ("Ute", "Han", "Da"): a name given only
# there is kept with the mark X, and the check does not look for it where a
# sentence starts.
SELDOM = {"east_frisia", "germany", "austria", "swiss", "the_netherlands", "belgium",
          "luxembourg", "malta", "korea", "japan", "hungary"}
# gender-guesser writes letters outside Latin-1 as codes; the ones kindergartens meet.
SPECIAL = {"<s^>": "š", "<c^>": "č", "<z^>": "ž", "<S^>": "Š", "<C^>": "Č", "<Z^>": "Ž",
           "<l/>": "ł", "<L/>": "Ł", "<e,>": "ę", "<a,>": "ą", "<n´>": "ń", "<s´>": "ś",
           "<z´>": "ź", "<c´>": "ć", "<S´>": "Ś", "<Z´>": "Ź", "<z.>": "ż", "<Z.>": "Ż",
           "<ë>": "ë", "<i>": "ı", "<I>": "İ", "<g^>": "ğ", "<G^>": "Ğ", "<e^>": "ě",
           "<r^>": "ř", "<R^>": "Ř", "<u°>": "ů", "<o\">": "ő", "<u\">": "ű"}


def given_names() -> dict[str, tuple[int, str]]:
    import gender_guesser
    from gender_guesser.detector import Detector

    countries = Detector.COUNTRIES
    path = Path(gender_guesser.__path__[0]) / "data" / "nam_dict.txt"
    names: dict[str, tuple[int, str]] = {}
    for line in path.read_text(encoding="iso-8859-1").splitlines():
        if line.startswith(("#", "=")) or len(line) < 31:
            continue
        name = line[3:29].strip()
        for code, letter in SPECIAL.items():
            name = name.replace(code, letter)
        if "+" in name or " " in name or not name.replace("-", "").isalpha():
            continue
        score, where = 0, set()
        for i, ch in enumerate(line[30:30 + len(countries)]):
            if ch in " $":
                continue
            score = max(score, int(ch, 16))
            where.add("N" if countries[i] in NORDIC else "X" if countries[i] in SELDOM else "")
        key = name.casefold()
        old_score, old_mark = names.get(key, (0, ""))
        where |= set(old_mark) if old_mark else ({""} if old_score else set())
        mark = "N" if "N" in where else "X" if where == {"X"} else ""
        names[key] = (max(old_score, score), mark)
    # Norwegian spellings of names the dictionary has in another ("Jonathan" -> "Jonatan").
    for key, value in list(names.items()):
        for old, new in (("th", "t"), ("ph", "f"), ("ch", "k"), ("c", "k"), ("w", "v")):
            variant = key.replace(old, new)
            if variant != key and variant not in names and value[1] != "X":
                names[variant] = value
    return names


def words(lang: str, min_zipf: float) -> list[tuple[str, float]]:
    import wordfreq

    out = []
    for word, freq in wordfreq.get_frequency_dict(lang, "best").items():
        zipf = math.log10(freq) + 9
        if zipf >= min_zipf and word.isalpha() and len(word) > 1:
            out.append((word, zipf))
    return sorted(out, key=lambda w: -w[1])


def main() -> None:
    OUT.mkdir(exist_ok=True)
    names = given_names()
    groups: dict[str, list[str]] = {}
    for n, (score, mark) in sorted(names.items()):
        if score:
            groups.setdefault(f"{score}{mark}", []).append(n)
    data = ("# one line per popularity: the highest in any country (1-13), then N if given in a\n"
            "# Nordic country, X if given only where names are often Norwegian words (see SELDOM);\n"
            "# a tab, then the lower-case names. Derived from gender-guesser's nam_dict.txt by\n"
            "# tools/make_privacy_lists.py\n"
            + "".join(f"{k}\t{' '.join(v)}\n" for k, v in sorted(groups.items())))
    with gzip.open(OUT / "given_names.txt.gz", "wt", encoding="utf-8", compresslevel=9) as f:
        f.write(data)
    for lang, min_zipf in (("nb", 2.0), ("en", 3.0)):
        groups: dict[int, list[str]] = {}
        for w, z in words(lang, min_zipf):
            groups.setdefault(round(z * 10) if z >= 3.5 else 25, []).append(w)
        data = (f"# wordfreq {lang} words with Zipf >= {min_zipf}: one line per Zipf x10 (25 for all\n"
                "# below 3.5), a tab, then the words. Derived by tools/make_privacy_lists.py\n"
                + "".join(f"{k}\t{' '.join(v)}\n" for k, v in sorted(groups.items(), reverse=True)))
        with gzip.open(OUT / f"words.{lang}.txt.gz", "wt", encoding="utf-8", compresslevel=9) as f:
            f.write(data)
    print({p.name: p.stat().st_size for p in sorted(OUT.iterdir())})


if __name__ == "__main__":
    main()
