"""Gentle checks of a practice story before it is handed in.

Each finding says what kind of thing was seen, the exact text and where it
stands, so a screen can show it and offer a fix, and a script can print it.
The checks only point; the writer decides. Kinds:

* ``first-person``: the story never says "jeg"/"meg"/"min" (it should be about
  the writer's own practice);
* ``length``: under or over the words a story should have;
* ``name``: a capitalised word that looks like a child's name (see
  ``name_findings``: given names from many countries, words no dictionary
  knows, but not staff, places, shops, brands or ordinary words);
* ``age``: an age right beside a name ("Emma (4 år)");
* ``address``, ``contact`` (phone, e-mail) and ``id-number`` (fødselsnummer).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from tettpa_tui.domain import namecues
from tettpa_tui.domain.details import detail_findings, overlaps
from tettpa_tui.domain.finding import Finding
from tettpa_tui.domain.namecues import (
    CONNECTORS,
    is_sentence_start,
    next_words,
    person_cues,
)
from tettpa_tui.domain.stories import is_blank, word_count

FIRST_PERSON = {
    "nb": re.compile(r"\b(?:jeg|meg|min|mitt|mine|eg|meg selv)\b", re.IGNORECASE),
    # "I" only as a capital: a lower-case "i" is the Norwegian "in".
    "en": re.compile(r"\bI\b|\b(?:[Mm]e|[Mm]y|[Mm]ine|[Mm]yself)\b"),
}
TOKEN = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)


@dataclass(frozen=True)
class Lexicon:
    """What the name check knows about words, derived from real data (content/privacy/).

    `names`: lower-case given name -> (popularity 1-13 in the country where it
    is most common, mark): "N" given in a Nordic country, "X" given only where
    given names are often Norwegian words. `zipf`: per language, lower-case
    word -> its Zipf frequency (how common it is in ordinary text). `model`:
    character n-gram -> log-odds of a name against a word (namecues.name_score).
    """

    names: dict[str, tuple[int, str]] = field(default_factory=dict)
    zipf: dict[str, dict[str, float]] = field(default_factory=dict)
    model: dict[str, float] = field(default_factory=dict)

    def spelling(self, word: str) -> float:
        """Above 0 when the word is spelt like a given name rather than a word."""
        return namecues.name_score(word, self.model)

    def name(self, word: str) -> tuple[int, str] | None:
        return self.names.get(word)

    def frequency(self, word: str, languages: tuple[str, ...]) -> float:
        return max((self.zipf.get(lang, {}).get(word, 0.0) for lang in languages), default=0.0)

    def is_word(self, word: str, languages: tuple[str, ...]) -> bool:
        """An ordinary word of one of the languages, inflected or compounded."""
        if self.frequency(word, languages):
            return True
        known = lambda w: len(w) > 2 and bool(self.frequency(w, languages))  # noqa: E731
        for ending in INFLECTIONS:
            if word.endswith(ending) and known(word[: -len(ending)]):
                return True
        # Norwegian compounds: "sandkassa" = "sand" + "kassa", maybe with a joining s or e.
        for i in range(3, len(word) - 2):
            head, tail = word[:i], word[i:]
            if known(tail) or any(tail.endswith(e) and known(tail[: -len(e)]) for e in INFLECTIONS):
                if known(head) or (head[-1] in "se" and known(head[:-1])):
                    return True
        return False


INFLECTIONS = ("ene", "en", "et", "a", "er", "ere", "est", "e", "s", "te", "de", "ne")
# What tends to follow a child's name as the subject: a verb ("Sol ville…",
# "Liv satt…"), "og"/"and", or a comma (someone spoken to).
SUBJECT_VERBS = {"nb": frozenset(
    "sa spurte ropte svarte kom gikk løp satt sto stod lå lo gråt smilte ville skulle kunne "
    "måtte hadde har var er ble tok ga fikk så holdt begynte pekte hentet nikket ristet hvisket "
    "la lekte bygde bygget fant viste fortalte tegnet sang danset hoppet klatret kastet slo "
    "bet dyttet tenkte trodde visste likte elsket sovnet våknet ropte strevde prøvde klarte".split()),
    "en": frozenset(
    "said asked shouted came went ran sat stood laughed cried smiled wanted would could had "
    "has was is took gave got saw held began pointed found showed told drew sang danced "
    "jumped threw built nodded whispered played liked loved fell".split())}
# Where a capitalised word is more likely a place, a shop or a brand ("på Rema").
PLACE_PREPOSITIONS = frozenset(
    "i på fra til ved langs mot gjennom rundt over utenfor innenfor in from to near".split())
PLACE_ENDINGS = (
    "vannet", "vatnet", "elva", "elven", "tangen", "åsen", "toppen", "parken", "holmen", "vika",
    "viken", "haugen", "bakken", "dalen", "berget", "stua", "sundet", "skogen", "marka", "myra",
    "jordet", "stranda", "bukta", "øya", "øyene", "byen", "senteret", "kirke", "skole", "skolen",
    "barnehage", "barnehagen", "land", "landet", "stad", "sund", "heim", "borg", "rud",
)
# "avdelingen Tusenbeina": the word before the name of a department or a kindergarten.
UNIT_WORDS = frozenset("avdeling avdelingen avdelinga barnehage barnehagen department kindergarten".split())
# Before a month or a day that is a time, not a child: "neste Fredag", "on Monday".
TIME_WORDS = frozenset("hver neste forrige siden før etter innen om on at until since by last next every this "
                       "each before after".split())
# "hunden het Burek", "bamsen heter Brumle", "the cat is called Tiger": a pet's or a toy's name.
NAMING_WORDS = frozenset("het heter hete kalt kalte kaller kalles named called".split())
PET_NOUNS = frozenset(
    "hund hunden hunder katt katten katta katter kanin kaninen hest hesten fisk fisken fiskene "
    "undulat undulaten marsvin marsvinet hamster hamsteren bamse bamsen kosedyr kosedyret dukke "
    "dukken dukka tog toget togene bil bilen traktor traktoren dog cat puppy kitten bunny rabbit "
    "horse fish teddy toy doll train meitemark meitemarken mark marken snegle sneglen edderkopp "
    "edderkoppen maur mauren bille billen larve larven fugl fuglen worm snail spider bird".split())
# "den skulle hete Slimy": an "it" that is given a name is a pet or a toy.
THING_PRONOUNS = frozenset("den det it".split())
# "Vestre Vika", "Store Milde": a capitalised word after these is part of a place's name.
PLACE_PREFIXES = frozenset("vestre østre nordre søndre store lille nedre øvre indre ytre".split())
COMMON_WORD = 3.0     # Zipf: a capitalised word this common is an ordinary word, not a name
NAME_WORD = 4.0       # a given name whose word is rarer than this is a name even at a sentence start
FUNCTION_WORD = 5.9   # more common than this ("Han", "Da"): never taken for a name at a sentence start
POPULAR = 6           # a name this popular somewhere counts as a name that is also a word
DEFINITE = ("en", "et", "a", "ene", "ne")  # endings of a Norwegian noun's definite form
SPELT_LIKE_A_NAME = 1.0  # namecues.name_score above this: spelt like a name, not a word


@dataclass(frozen=True)
class CheckRules:
    allowed_words: frozenset[str] = frozenset()
    known_names: frozenset[str] = frozenset()
    common_names: frozenset[str] = frozenset()  # flagged wherever they stand
    places: frozenset[str] = frozenset()  # allowed, unless the sentence says it is somebody
    calendar_words: frozenset[str] = frozenset()  # months and days: names when the sentence says so
    lexicon: Lexicon = field(default_factory=Lexicon)
    staff_names: frozenset[str] = frozenset()
    min_words: int = 40
    max_words: int = 600
    languages: tuple[str, ...] = ("nb",)  # a story in any of these is in the first person
    # The words the app offers in place of a name, per language ("nb": ("barnet", "jenta", ...)):
    # never a name themselves, whatever their case.
    replacements: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def replacement_words(self) -> frozenset[str]:
        return frozenset(tok.casefold() for words in self.replacements.values()
                         for w in words for tok in TOKEN.findall(w))

    def with_staff(self, names: list[str]) -> "CheckRules":
        tokens = {tok.casefold() for n in names for tok in TOKEN.findall(n)}
        return replace(self, staff_names=frozenset(tokens))

    def in_languages(self, languages: tuple[str, ...]) -> "CheckRules":
        return replace(self, languages=languages)


# Words that show which language a story is written in (common in one, rare in the other).
LANGUAGE_WORDS = {
    "nb": frozenset("og jeg det som på er til hun han ikke med var meg seg da hadde skulle vi hva "
                    "har en et ble så min sa litt barnet jenta gutten".split()),
    "en": frozenset("the and was to of he she it with not my had would we what have a an "
                    "is so said little child girl boy".split()),
}


def story_language(text: str) -> str | None:
    """"nb" or "en": the language most of the story's common words belong to (None if no clue)."""
    words = [w.casefold() for w in TOKEN.findall(text)]
    score = {lang: sum(w in common for w in words) for lang, common in LANGUAGE_WORDS.items()}
    best = max(score, key=score.get)
    if score[best] == 0 or list(score.values()).count(score[best]) > 1:
        return None
    return best


def _base(word: str) -> str:
    """'Emmas', 'Juni-s', "June's" -> the name (a genitive), otherwise the word casefolded."""
    w = word.casefold().rstrip("'’")
    for ending in ("'s", "’s", "-s"):
        if w.endswith(ending) and len(w) > len(ending) + 1:
            return w[: -len(ending)]
    return w[:-1] if w.endswith("s") and len(w) > 3 else w


def _looks_capitalised(word: str) -> bool:
    return word[0].isupper() and not (len(word) > 1 and word.isupper()) and len(word) > 1


def _given_name(word: str, base: str, rules: CheckRules) -> tuple[int, str] | None:
    for w in (word, base):
        if w in rules.known_names or w in rules.common_names:
            return (13, "N")
        found = rules.lexicon.name(w)
        if found:
            return found
    return None


QUOTE = re.compile(r"«([^«»]{1,60})»")


def _short_quotes(text: str) -> list[tuple[int, int]]:
    """Short quotes that are not sentences: titles of songs, books and games."""
    return [m.span(1) for m in QUOTE.finditer(text)
            if 2 <= len(m.group(1).split()) <= 5 and not any(c in m.group(1) for c in ".!?,")]


def _subject_verb(word: str, languages: tuple[str, ...]) -> bool:
    """A verb right after a sentence's first word: that word is its subject ("Liv satt")."""
    w = word.casefold()
    endings = ("te", "dde") + (("ed",) if "en" in languages else ())
    return any(w in SUBJECT_VERBS.get(lang, ()) for lang in languages) or (
        word[:1].islower() and len(w) > 4 and w.endswith(endings))


def name_findings(text: str, rules: CheckRules) -> tuple[list[Finding], list[Finding]]:
    """(names flagged, every capitalised word that could be a name).

    A capitalised word that is not a staff member's name nor on the allowed
    list (places, shops, brands, characters, content/privacy.toml) is flagged
    * wherever it stands, when it is one of the most common given names of
      children in Norway (content/privacy.toml's common_names);
    * inside a sentence, when it is a given name, or when it is not an
      ordinary word and not a place ("til Kadettangen", "Bogstadvannet");
    * at the start of a sentence or after a dash, when it is written inside
      a sentence elsewhere in the story, when it is a given name that is not
      a common word ("Emma", "Hodan"), when it is a given name that is also a
      word and stands as a subject ("Liv satt…", "Storm, kom!"), or when no
      dictionary knows it ("Nasteho");
    * anywhere, when its sentence says it is somebody (namecues): the subject
      of what people do, someone asked or spoken to, the owner of a mother or
      a drawing, the word the story's sentences keep starting with; unless it
      is a very common word, or a place says a preposition ("i X", "på X").
    A word spelt like a name (the n-gram score) counts as a name where only a
    split into two words ("lens" + "a") would make it a word.
    """
    tokens = [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]
    langs = tuple(dict.fromkeys(rules.languages + ("nb",)))
    english = "en" in rules.languages
    in_english = english and story_language(text) == "en"
    lex = rules.lexicon
    titles = _short_quotes(text)
    pets = {_base(tokens[i][0]) for i in range(1, len(tokens))
            if tokens[i - 1][0].casefold() in NAMING_WORDS
            and (any(w.casefold() in PET_NOUNS for w, _s, _e in tokens[max(0, i - 9):i - 1])
                 or any(w.casefold() in THING_PRONOUNS for w, _s, _e in tokens[max(0, i - 3):i - 1]))}
    replacement_words = rules.replacement_words()
    candidates, possible = [], []
    places: set[int] = set()  # places on the allowed list: somebody only when the sentence says so
    for i, (word, start, end) in enumerate(tokens):
        if not _looks_capitalised(word):
            continue
        folded, base = word.casefold(), _base(word)
        place = folded in rules.places or base in rules.places
        if (folded in rules.allowed_words or base in rules.allowed_words) and not place:
            continue
        if any(folded.endswith(e) and folded[: -len(e)] in rules.allowed_words for e in ("en", "et", "ene")):
            continue  # "Legoen": an allowed word, inflected
        if folded in rules.staff_names or base in rules.staff_names:
            continue
        if folded in replacement_words or base in replacement_words:
            continue  # "Jenta", "Barnets": the app's own word for a child, not a name
        parts = word.split("-")
        if len(parts) > 1 and parts[-1] != "s" and any(p[:1].islower() for p in parts[1:]):
            continue  # "Brio-banen", "S-en": a thing named after something ("Juni-s" is a genitive)
        if any(p.casefold() in rules.allowed_words for p in parts if len(parts) > 1):
            continue
        if overlaps((start, end), titles):
            continue
        if base in pets and not _given_name(folded, base, rules):
            continue  # a pet's or a toy's name; a given name is flagged even there (better safe)
        if i and tokens[i - 1][0].casefold() in PLACE_PREFIXES and tokens[i - 1][0][:1].isupper():
            continue  # «Bæ bæ lille lam», «Kims lek»: the title of a song, book or game
        at_start = is_sentence_start(text, start)
        if place:
            places.add(i)
        candidates.append((i, word, start, end, at_start, folded, base))
        possible.append(Finding("name", word, start, end))

    flagged: dict[int, bool] = {}
    times: set[int] = set()  # months and days that the sentence says are times ("i Juni", "17. Mai")
    starts = {}
    for i, _w, _s, _e, at_start, _f, base in candidates:
        if at_start:
            starts[base] = starts.get(base, 0) + 1
    for i, word, start, end, at_start, folded, base in candidates:
        if i in places:
            continue
        if (base in rules.common_names or folded in rules.common_names) and not (
                english and lex.frequency(base, ("en",)) >= 5.0):
            flagged[i] = True  # "Nora ventet": a name this common among children is a name
        elif base in rules.calendar_words or folded in rules.calendar_words:
            prev = tokens[i - 1][0].casefold() if i else ""
            dated = bool(re.search(r"\d\.?\s*$", text[max(0, start - 5):start]))
            if dated or prev in TIME_WORDS | {"i", "in", "fra", "from", "of", "av", "på"}:
                times.add(i)
            elif not at_start and not english:
                flagged[i] = True  # bokmål writes months in lower case: "spurte Juni" is a child
    for i, word, start, end, at_start, folded, base in candidates:
        if at_start or i in flagged or i in places or base in rules.calendar_words:
            continue
        name = _given_name(folded, base, rules)
        freq = max(lex.frequency(folded, langs), lex.frequency(base, langs))
        if name and (freq < COMMON_WORD or name[1] == "N" or name[0] >= 3):
            flagged[i] = True  # "Lille" (a rare name, a common word) goes on below
            continue
        if freq:
            continue  # "Ruter", "Lille", "Brannmann": a word the dictionary knows, not a name
        if folded.endswith(PLACE_ENDINGS) and len(folded) > 6:
            continue
        before = tokens[i - 1][0].casefold() if i else ""
        if (before in PLACE_PREPOSITIONS or before in UNIT_WORDS) and lex.spelling(folded) < SPELT_LIKE_A_NAME \
                and (lex.is_word(folded, langs) or any(
                    lex.frequency(folded[k:], langs) >= COMMON_WORD for k in range(3, len(folded) - 3))):
            continue  # "på Blåklokka", "avdelingen Tusenbeina": a compound, the name of a place
        flagged[i] = True
    seen_inside = {base for i, _w, _s, _e, _a, _f, base in candidates if flagged.get(i) and not _a}

    for i, word, start, end, at_start, folded, base in candidates:
        if not at_start or i in flagged or i in places or base in rules.calendar_words:
            continue
        if base in seen_inside or folded in seen_inside:
            flagged[i] = True
            continue
        name = _given_name(folded, base, rules)
        freq = lex.frequency(folded, langs)
        if name and name[1] != "X":
            if freq < NAME_WORD:
                flagged[i] = True
                continue
            if freq < FUNCTION_WORD:
                gap, nxt, after = next_words(tokens, i, text)
                popular = name[1] == "N" or name[0] >= POPULAR
                # "Summer and Eliza": beside another name, even a less common one is a name.
                if nxt.casefold() in CONNECTORS and after[:1].isupper() and (
                        _given_name(after.casefold(), _base(after), rules) or not lex.is_word(after.casefold(), langs)):
                    flagged[i] = True
                elif popular and (("," in gap and "«" not in gap) or _subject_verb(nxt, langs)):
                    flagged[i] = True
            continue
        if lex.zipf and not name and folded.isalpha() and not lex.is_word(folded, langs):
            flagged[i] = True  # no dictionary knows it: most likely a name
        elif lex.zipf and not name and folded.isalpha() and not lex.frequency(folded, langs) \
                and lex.spelling(folded) > SPELT_LIKE_A_NAME:
            flagged[i] = True  # only a split makes it a word ("Lens" + "a"): spelt like a name

    # What the sentence says: somebody, even when no list knows it as a name.
    for i, word, start, end, at_start, folded, base in candidates:
        if i in flagged:
            continue
        prev = tokens[i - 1][0].casefold() if i and not at_start else ""
        if prev in PLACE_PREPOSITIONS and (prev not in ("til", "to") or i in places):
            if not (i in places and prev in ("til", "to") and "object" in person_cues(tokens, i, text, langs)):
                continue  # "i Juni", "på Kolsås", "til Fornebu": a place or a time, as the sentence says
        if folded.endswith(PLACE_ENDINGS) and len(folded) > 6:
            continue  # "Dælivannet"
        calendar = base in rules.calendar_words or folded in rules.calendar_words
        if i in times:
            continue  # "17. Mai", "neste Fredag", "on Monday": a date
        cues = person_cues(tokens, i, text, langs, lex.frequency(folded, langs) >= COMMON_WORD
                            and not _given_name(base, base, rules))
        if starts.get(base, 0) >= 2 and at_start:
            cues.add("returning")  # the story keeps coming back to it
        if not cues or (i in places and "only-person" not in cues):
            continue  # a place, unless it does what only a person does ("Paris lo")
        freq = max(lex.frequency(folded, langs), lex.frequency(base, langs))
        name = _given_name(folded, base, rules)
        if not name and any(folded.endswith(e) and (lex.frequency(folded[: -len(e)], langs) >= COMMON_WORD or (
                len(folded) - len(e) > 5 and lex.is_word(folded[: -len(e)], langs))) for e in DEFINITE):
            continue  # "Kula trillet", "Bussen kom": a noun in its definite form, a thing
        spelt = lex.spelling(base)
        strong = cues & {"subject", "object", "spoken-to", "owner", "partner"}
        namelike = bool(name) or spelt > 0 or not lex.is_word(base, langs)
        if calendar or i in places:
            ok = bool(strong)  # "April hadde tegnet", "Junis tegning": a month does not draw
        elif freq >= FUNCTION_WORD:
            continue  # "Han", "Det", "Alle"
        elif freq >= 5.0:  # "Hope asked", "Sky": a name only when the sentence is clear
            ok = bool(name) and ("only-person" in cues or (
                bool(strong) and (name[1] == "N" or name[0] >= POPULAR or (
                    "subject" in cues and (in_english or lex.frequency(base, ("nb",)) < NAME_WORD)))))
            # "River stood": English wants "The river"; a bare word before a verb is a name
        elif freq >= 4.0:
            ok = (namelike and bool(strong)) or (bool(name) and len(cues) >= 2)
        else:
            ok = bool(strong) or (namelike and len(cues) >= 1)
        if ok:
            flagged[i] = True

    # One story, one child: a word flagged at one sentence start is flagged at the others.
    flagged_bases = {base for i, *_rest, base in candidates if flagged.get(i)}
    found = [f for (i, *_r, base), f in zip(candidates, possible)
             if flagged.get(i) or (base in flagged_bases and i not in times)]
    return found, possible


def check_story(text: str, rules: CheckRules) -> list[Finding]:
    """Every finding in the story, in the order a reader meets them (whole-text ones first)."""
    findings: list[Finding] = []
    words = word_count(text)
    if not is_blank(text):
        if not any(FIRST_PERSON[lang].search(text) for lang in rules.languages if lang in FIRST_PERSON):
            findings.append(Finding("first-person", "", 0, 0))
        if words < rules.min_words:
            findings.append(Finding("length", "", 0, 0, {"words": words, "limit": rules.min_words, "which": "short"}))
        elif words > rules.max_words:
            findings.append(Finding("length", "", 0, 0, {"words": words, "limit": rules.max_words, "which": "long"}))
    names, possible = name_findings(text, rules)
    details = detail_findings(text, possible)
    # A capitalised word right beside an age is a name, even at a sentence start.
    for age in (d for d in details if d.kind == "age"):
        names += [p for p in possible if age.start <= p.start < age.end and p not in names]
    detail_spans = [(d.start, d.end) for d in details if d.kind != "age"]
    names = [n for n in names if not overlaps((n.start, n.end), detail_spans)]
    findings.extend(sorted(names + details, key=lambda f: f.start))
    return findings


PRIVACY_KINDS = frozenset({"name", "age", "address", "contact", "id-number"})


def privacy_findings(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.kind in PRIVACY_KINDS]


def name_stem(text: str, name: str, rules: CheckRules | None = None) -> str:
    """The name itself when `name` may be its genitive: "Emmas" -> "Emma", but "Jonas" stays.

    The final s is taken off only when the name without it stands in the text
    on its own, or (with the check's rules) when the word is not a given name
    and the word without the s is one."""
    if not (name.endswith("s") and len(name) > 3):
        return name
    stem = name[:-1]
    if re.search(rf"(?<![\w]){re.escape(stem)}(?![\w])", text):
        return stem
    if rules is not None:
        word, base = name.casefold(), stem.casefold()
        if not _given_name(word, word, rules) and _given_name(base, base, rules):
            return stem
    return name


def replace_name(text: str, name: str, replacement: str, rules: CheckRules | None = None) -> str:
    """Put `replacement` for every whole-word `name` (and its genitive 'names').

    At the start of a sentence the replacement gets a capital letter; a
    genitive keeps its s ("Emmas" -> "barnets").
    """
    base = name_stem(text, name, rules)
    pattern = re.compile(rf"(?<![\w]){re.escape(base)}(s?)(?![\w])")

    def swap(m: re.Match) -> str:
        word = replacement
        if is_sentence_start(text, m.start()) and word[:1].islower():
            word = word[:1].upper() + word[1:]
        if m.group(1):
            word += "" if word.endswith("s") else "s"
        return word

    return pattern.sub(swap, text)


def initial_of(name: str) -> str:
    return f"{name[:1].upper()}."
