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
from tettpa_tui.domain.namecues import is_verb
from tettpa_tui.domain.stories import is_blank, word_count

FIRST_PERSON = {
    "nb": re.compile(r"\b(?:jeg|meg|min|mitt|mine|eg|meg selv)\b", re.IGNORECASE),
    # "I" only as a capital: a lower-case "i" is the Norwegian "in".
    "en": re.compile(r"\bI\b|\b(?:[Mm]e|[Mm]y|[Mm]ine|[Mm]yself)\b"),
}
TOKEN = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
ID_NUMBER = re.compile(r"(?<!\d)\d{6}[ ]?\d{5}(?!\d)")
PHONE = re.compile(r"(?<![\d+])(?:\+47[ ]?|0047[ ]?)?(?:\d[ -]?){7}\d(?![\d])")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
STREET = re.compile(
    r"\b[A-ZÆØÅ][a-zæøåé]+(?:veien|vegen|vei|veg|gata|gaten|gate|stien|bakken|alleen|allé|"
    r"plass|plassen|tunet|svingen|lia|haugen|åsen|jordet|løkka|ringen|kroken|stubben|torget)"
    r"[ ]+\d{1,4}[ ]?[A-Za-z]?\b"
)
POSTCODE = re.compile(r"(?<!\d)\d{4}[ ]+[A-ZÆØÅ][a-zæøå]+")
AGE = re.compile(
    r"\b(?:\d{1,2}(?:[,.]5)?|ett|en|to|tre|fire|fem|seks|sju|syv"
    r"|one|two|three|four|five|six|seven)[ ]?(?:-[ ]?)?"
    r"(?:år|åring|åringen|mnd|måneder|måneders"
    r"|years?(?:[ -]old)?|months?(?:[ -]old)?)\b(?:[ ]+(?:gammel|gamle))?",
    re.IGNORECASE,
)
OPENERS = " \t«»\"“”'‘’(–—-*"  # quotes and dashes between a sentence's end and the next word
ENDERS = ".!?:…\n\r"


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str
    start: int
    end: int
    detail: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        return {"kind": self.kind, "text": self.text, "start": self.start, "end": self.end, **self.detail}


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
CONNECTORS = frozenset({"og", "and", "eller", "or"})
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


def is_sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in OPENERS:
        i -= 1
    return i < 0 or text[i] in ENDERS


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


def _next_words(tokens: list[tuple[str, int, int]], i: int, text: str) -> tuple[str, str, str]:
    """(what stands between token i and the next, the next word, the word after it)."""
    if i + 1 >= len(tokens):
        return "", "", ""
    gap = text[tokens[i][2]:tokens[i + 1][1]]
    after = tokens[i + 2][0] if i + 2 < len(tokens) else ""
    return gap, tokens[i + 1][0], after


def _genitive(word: str) -> bool:
    w = word.casefold()
    return w.endswith(("'s", "’s", "-s")) or (w.endswith("s") and len(w) > 3)


def _person_cues(tokens: list[tuple[str, int, int]], i: int, text: str, langs: tuple[str, ...],
                 lexicon_word: bool = False) -> set[str]:
    """What the sentence says token i does (namecues): subject, spoken-to, object, owner, partner.

    `lexicon_word`: the word as written is a common word ("Heldigvis"), so a final s is no genitive."""
    word, start, _end = tokens[i]
    cues: set[str] = set()
    gap, nxt, after = _next_words(tokens, i, text)
    plain_gap = gap.strip() == ""
    sentence_ends = any(c in ENDERS for c in gap)
    nxt_folded = nxt.casefold()
    if nxt and not sentence_ends:
        if plain_gap and is_verb(nxt, langs) and after.casefold() not in namecues.INVERTED_SUBJECTS \
                and not after[:1].isupper():
            cues.add("subject")  # "Lerke sto", "Mio begynte"; not "til Dælivannet gikk jeg"
            if nxt_folded in namecues.ONLY_PERSON_VERBS:
                cues.add("only-person")  # "Paris lo"
        if plain_gap and nxt_folded in CONNECTORS and after.casefold() in namecues.PERSON_PARTNERS:
            cues.add("partner")  # "Nora og jeg"
        said_by = after.casefold() in namecues.SUBJECT_PRONOUNS or after[:1].isupper()
        if "," in gap and "«" not in gap and (nxt_folded in namecues.IMPERATIVES or (
                is_verb(nxt, langs) and not said_by)):
            cues.add("spoken-to")  # "Storm, kom!", not "– Kos, sa Lina" (a word said)
        if _genitive(word) and plain_gap and nxt[:1].islower() and not lexicon_word:
            cues.add("owner" if nxt_folded in namecues.OWNED else "genitive")  # "Lerkes mormor"
            if nxt_folded in namecues.FAMILY:
                cues.add("only-person")
    if word.endswith("!") or (gap[:1] in "!?" and not is_sentence_start(text, start)):
        cues.add("spoken-to")
    # Before it: "spurte (jeg) X", "sa til X", "asked X", "said to X".
    before = [tokens[j][0].casefold() for j in range(max(0, i - 3), i)]
    between = text[tokens[i - 1][2]:start] if i else ""
    if before and not any(c in ENDERS + ",«»" for c in between):
        prev = before[-1]
        verb = prev if prev not in namecues.SUBJECT_PRONOUNS | {"til", "to"} else (
            before[-2] if len(before) > 1 else "")
        if prev in namecues.OBJECT_VERBS:
            cues.add("object")
        elif prev in namecues.SPEECH_VERBS:
            cues.add("subject")  # "– Ja, sa Bjørk."
        elif prev in namecues.SUBJECT_PRONOUNS and verb in namecues.OBJECT_VERBS:
            cues.add("object")  # "spurte jeg Milan"
        elif prev in ("til", "to") and (verb in namecues.OBJECT_AFTER_TO or verb in namecues.OBJECT_VERBS):
            cues.add("object")  # "sa til Jordan"
        elif is_verb(tokens[i - 1][0], langs):
            cues.add("after-verb")  # "Etterpå ville Paris velge", "Hun dyttet Jericho"
        if ("object" in cues and verb in namecues.ONLY_PERSON_OBJECT) or (
                "subject" in cues and prev in namecues.ONLY_PERSON_VERBS):
            cues.add("only-person")
    return cues


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
        if _overlaps((start, end), titles):
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
                gap, nxt, after = _next_words(tokens, i, text)
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
            if not (i in places and prev in ("til", "to") and "object" in _person_cues(tokens, i, text, langs)):
                continue  # "i Juni", "på Kolsås", "til Fornebu": a place or a time, as the sentence says
        if folded.endswith(PLACE_ENDINGS) and len(folded) > 6:
            continue  # "Dælivannet"
        calendar = base in rules.calendar_words or folded in rules.calendar_words
        if i in times:
            continue  # "17. Mai", "neste Fredag", "on Monday": a date
        cues = _person_cues(tokens, i, text, langs, lex.frequency(folded, langs) >= COMMON_WORD
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
                bool(strong) and (name[1] == "N" or name[0] >= POPULAR)))
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


def is_national_id(number: str) -> bool:
    """A fødselsnummer or D-nummer: a possible birth date and both mod-11 check digits right.

    An 11-digit number that fails this (an order number, a phone number with a
    prefix) is not flagged.
    """
    d = [int(c) for c in number if c.isdigit()]
    if len(d) != 11:
        return False
    day, month = d[0] * 10 + d[1], d[2] * 10 + d[3]
    if day > 40:
        day -= 40  # D-nummer
    if month > 80:
        month -= 80  # synthetic numbers from the test register
    elif month > 40:
        month -= 40  # H-nummer
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return False
    for weights, at in (((3, 7, 6, 1, 8, 9, 4, 5, 2), 9), ((5, 4, 3, 2, 7, 6, 5, 4, 3, 2), 10)):
        check = 11 - sum(w * x for w, x in zip(weights, d)) % 11
        if check == 11:
            check = 0
        if check == 10 or check != d[at]:
            return False
    return True


def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


BRACKETED_AGE = re.compile(r"([^\W\d_][\w'’-]*)[ ]*\([ ]*$")


def _sentence_between(text: str, name: Finding, age: re.Match) -> bool:
    """"Nasteho. Jenta (4 år)": the age belongs to the next sentence, not to Nasteho."""
    lo, hi = (name.end, age.start()) if name.end <= age.start() else (age.end(), name.start)
    return any(c in ENDERS for c in text[lo:hi])


def _whole_brackets(text: str, start: int, end: int) -> tuple[int, int]:
    """A quoted span widened to hold whole brackets: "Emma (4 år)", not "Emma (4 år" nor "4 år) ble"."""
    for opening, closing in ("()", "[]", "{}"):
        while text.count(opening, start, end) > text.count(closing, start, end):
            at = text.find(closing, end)
            if at < 0 or at - end > 40:
                break
            end = at + 1
        while text.count(closing, start, end) > text.count(opening, start, end):
            at = text.rfind(opening, 0, start)
            if at < 0 or start - at > 40:
                break
            start = at
    return start, end


def detail_findings(text: str, names: list[Finding]) -> list[Finding]:
    """Identifying details; `names` are the capitalised words an age may stand beside."""
    found: list[Finding] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, m: re.Match) -> None:
        span = (m.start(), m.end())
        if not _overlaps(span, taken):
            taken.append(span)
            found.append(Finding(kind, m.group(), m.start(), m.end()))

    for m in ID_NUMBER.finditer(text):
        if is_national_id(m.group()):
            add("id-number", m)
    for m in EMAIL.finditer(text):
        add("contact", m)
    for m in PHONE.finditer(text):
        add("contact", m)
    for m in STREET.finditer(text):
        add("address", m)
    for m in POSTCODE.finditer(text):
        add("address", m)
    for m in AGE.finditer(text):
        near = [n for n in names if (-25 <= m.start() - n.end <= 25 or -25 <= n.start - m.end() <= 25)
                and not _sentence_between(text, n, m)]
        owner = BRACKETED_AGE.search(text, 0, m.start())
        if owner:  # "Jenta (4 år)": an age in brackets is the age of the word right before it
            near = [n for n in near if n.end == owner.end(1)]
        if near:
            start, end = _whole_brackets(text, min(m.start(), *(n.start for n in near)),
                                         max(m.end(), *(n.end for n in near)))
            if not _overlaps((start, end), taken):
                taken.append((start, end))
                found.append(Finding("age", text[start:end], start, end))
    return found


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
    names = [n for n in names if not _overlaps((n.start, n.end), detail_spans)]
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
