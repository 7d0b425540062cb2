"""What a sentence says about a capitalised word: is it somebody?

The name check's lists know names and words; they cannot know every child's
name, and many names are also words ("Lerke", "Saga", "Juni", "Hope"). So the
check also reads what the word does in its sentence, as a reader would:

* it is the subject of what people do ("Lerke sto ved vinduet", "Mio begynte
  å gråte"): a bare word right before a verb, at the start of a sentence,
  where Norwegian puts "Jenta", "Bussen" or "Vi", never a bare noun;
* it is spoken to, asked, helped or given to ("spurte jeg Milan om",
  "sa til Jordan", "Nora, kom!");
* it owns a mother, a drawing, a turn ("Lerkes mormor", "Juni-s tegning",
  "June's laugh");
* the story keeps returning to it (two or more sentences start with it).

And a score for how a word is spelt (``name_score``): character n-grams of
given names against ordinary words, trained by tools/make_name_model.py, so a
name from a country the lists hold few names of still looks like a name.
"""

from __future__ import annotations

import math

OPENERS = " \t«»\"“”'‘’(–—-*"  # quotes and dashes between a sentence's end and the next word
ENDERS = ".!?:…\n\r"
CONNECTORS = frozenset({"og", "and", "eller", "or"})

# Verbs that tell what a person does, in the past and present: after a bare
# capitalised word at a sentence's start they make it the subject.
PERSON_VERBS = {
    "nb": frozenset(
        "sa sier spurte spør ropte roper svarte svarer kom kommer gikk går løp løper satt sitter sto "
        "står stod lå ligger lo ler gråt gråter smilte smiler ville vil skulle skal kunne kan måtte må "
        "hadde har var er ble blir tok tar ga gir fikk får så ser holdt holder begynte begynner pekte "
        "peker hentet henter nikket nikker ristet rister hvisket hvisker la legger lekte leker bygde "
        "bygget bygger fant finner viste viser fortalte forteller tegnet tegner sang synger danset "
        "danser hoppet hopper klatret klatrer kastet kaster slo slår bet biter dyttet dytter tenkte "
        "tenker trodde tror visste vet likte liker elsket elsker sovnet sovner våknet våkner strevde "
        "prøvde prøver klarte klarer ventet venter lekte ryddet rydder spiste spiser drakk drikker "
        "sov sover bar bærer satte setter ble fulgte følger lærte lærer husket husker glemte glemmer "
        "ønsket ønsker trengte trenger kikket kikker lyttet lytter stoppet stopper snudde snur "
        "krøp kryper falt faller skrek skriker hylte hyler sparket sparker dro drar tullet tuller "
        "gjemte gjemmer delte deler jublet jubler klappet klapper brukte bruker mente mener "
        "lagde lager laget syntes synes kjente kjenner skjønte skjønner orket orker turte tør "
        "fikk hjalp hjelper blåste blåser stakk stikker stelte steller bakte baker malte maler "
        "klippet klipper limte limer sølte søler tisset tisser bæsjet trillet triller kjørte kjører "
        "ba ber nektet nekter lurte lurer sukket sukker gjespet gjesper grein griner".split()),
    "en": frozenset(
        "said says asked asks shouted came comes went goes ran runs sat sits stood stands lay laughed "
        "laughs cried cries smiled smiles wanted wants would will could can should must had has was "
        "is took takes gave gives got gets saw sees held began begins pointed found finds showed "
        "told tells drew draws sang sings danced jumped threw built nodded whispered played plays "
        "liked likes loved loves fell falls did does made makes knew thought thinks tried tries "
        "looked looks wore carried spilled hid helped waited waits climbed kicked pushed pulled "
        "shared needed slept woke ate drank screamed yelled refused".split()),
}
# What only a person does: after one of these, even a place is somebody ("Paris lo").
ONLY_PERSON_VERBS = frozenset(
    "sa sier spurte spør lo ler gråt gråter smilte smiler ropte roper svarte svarer hvisket hvisker "
    "nikket nikker sovnet våknet tisset sukket said says asked asks laughed laughs cried smiled "
    "smiles shouted whispered nodded replied".split())
# Done only to a person: "spurte jeg Kenya", "asked India".
ONLY_PERSON_OBJECT = frozenset(
    "spurte spør ba ber hjalp trøstet trøster roste roser klemte klemmer lovet lover fortalte "
    "asked ask told tell helped promised comforted hugged praised".split())
FAMILY = frozenset(
    "mor mamma far pappa mormor morfar farmor farfar bestemor bestefar bror søster lillebror "
    "lillesøster storebror storesøster tante onkel foreldre mother mum mom mummy dad daddy "
    "father grandma grandpa granny brother sister aunt uncle parents".split())
# "Nora, kom!": what follows a comma after someone spoken to.
IMPERATIVES = frozenset(
    "kom se vent hør stopp hei nei ja kan vil skal du vær gi ta hjelp look come wait stop "
    "listen can will please".split())
# "spurte jeg Milan", "sa til Jordan", "hjalp Ida": the words before the one it is done to.
OBJECT_VERBS = frozenset(
    "spurte spør ba ber hjalp hjelper trøstet trøster roste roser klemte klemmer lovet lover "
    "fortalte forteller viste viser ga gir lot lar hentet henter fulgte følger inviterte "
    "minnet vekket asked ask told tell helped help gave give showed show let comforted "
    "hugged praised promised reminded invited".split())
OBJECT_AFTER_TO = frozenset(
    "sa sier ropte roper hvisket hvisker smilte smiler vinket vinker nikket nikker said shouted "
    "whispered smiled waved nodded".split())  # "sa til X", "said to X"
# "– Ja, sa Bjørk": who says it stands right after the verb.
SPEECH_VERBS = frozenset(
    "sa sier ropte roper svarte svarer hvisket hvisker lo ler gråt sukket said shouted whispered "
    "replied laughed cried".split())
SUBJECT_PRONOUNS = frozenset("jeg han hun vi de dere du i he she we they you".split())
# "Heldigvis gikk det bra", "Til Fornebu kom vi": a verb followed by its subject; the word before is not one.
# Norwegian only (English does not invert: "Hope said she"), and not after a verb that
# takes a clause ("Lerke sa hun var trøtt").
INVERTED_SUBJECTS = frozenset("jeg han hun vi de dere du det den man noen alle barna".split())
CLAUSE_VERBS = frozenset(
    "sa sier spurte spør svarte svarer ropte roper hvisket hvisker trodde tror tenkte tenker mente "
    "mener visste vet syntes synes sa lovet fortalte said says asked told thought knew".split())
# "Nora og jeg", "Nora and I": beside a person.
PERSON_PARTNERS = frozenset("jeg meg han ham hun henne i me he him she her".split())
# What a child's genitive is often followed by: a family member, a thing of theirs.
OWNED = frozenset(
    "mor mamma far pappa mormor morfar farmor farfar bestemor bestefar bror søster lillebror "
    "lillesøster storebror storesøster tante onkel familie foreldre venn venninne bestevenn "
    "tegning tegningen jakke jakka sekk sekken plass plassen bursdag tur hånd hender sko lue "
    "votter dress dressen kurv kurven hylle hylla madrass seng bamse tårn tegninger "
    "mother mum mom mummy dad daddy father grandma grandpa granny brother sister aunt uncle "
    "family friend drawing picture coat bag turn birthday hand hands shoes hat laugh".split())
# Verb forms that end like past tense but are not verbs ("første", "neste").
NOT_VERBS = frozenset(
    "første neste beste siste fleste dette mitt ditt sitt litt lett rett helt sett godt stort "
    "gamle andre hele alle ute inne oppe nede borte hjemme bare aldri alltid også kanskje "
    "fordi etter under over mellom hvordan the".split())


def is_verb(word: str, languages: tuple[str, ...]) -> bool:
    """A verb a person does, from the lists or by its ending (a lower-case past tense)."""
    w = word.casefold()
    if not word[:1].islower() or w in NOT_VERBS:
        return False
    if any(w in PERSON_VERBS.get(lang, ()) for lang in languages):
        return True
    endings = ("te", "de", "dde", "tte", "et") + (("ed",) if "en" in languages else ())
    return len(w) > 4 and w.endswith(endings)


def ngrams(word: str) -> list[str]:
    """The character 2-, 3- and 4-grams of a lower-case word, ^ and $ marking its edges."""
    s = f"^{word}$"
    return [s[i:i + n] for n in (2, 3, 4) for i in range(len(s) - n + 1)]


def name_score(word: str, model: dict[str, float]) -> float:
    """How much a word is spelt like a given name rather than an ordinary word (> 0: a name)."""
    grams = ngrams(word.casefold())
    return sum(model.get(g, 0.0) for g in grams) / math.sqrt(len(grams)) if model else 0.0


def is_sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in OPENERS:
        i -= 1
    return i < 0 or text[i] in ENDERS


def next_words(tokens: list[tuple[str, int, int]], i: int, text: str) -> tuple[str, str, str]:
    """(what stands between token i and the next, the next word, the word after it)."""
    if i + 1 >= len(tokens):
        return "", "", ""
    gap = text[tokens[i][2]:tokens[i + 1][1]]
    after = tokens[i + 2][0] if i + 2 < len(tokens) else ""
    return gap, tokens[i + 1][0], after


def genitive(word: str) -> bool:
    w = word.casefold()
    return w.endswith(("'s", "’s", "-s")) or (w.endswith("s") and len(w) > 3)


def person_cues(tokens: list[tuple[str, int, int]], i: int, text: str, langs: tuple[str, ...],
                 lexicon_word: bool = False) -> set[str]:
    """What the sentence says token i does (namecues): subject, spoken-to, object, owner, partner.

    `lexicon_word`: the word as written is a common word ("Heldigvis"), so a final s is no genitive."""
    word, start, _end = tokens[i]
    cues: set[str] = set()
    gap, nxt, after = next_words(tokens, i, text)
    plain_gap = gap.strip() == ""
    sentence_ends = any(c in ENDERS for c in gap)
    nxt_folded = nxt.casefold()
    if nxt and not sentence_ends:
        inverted = after.casefold() in INVERTED_SUBJECTS and nxt_folded not in CLAUSE_VERBS
        if plain_gap and is_verb(nxt, langs) and not inverted \
                and not after[:1].isupper():
            cues.add("subject")  # "Lerke sto", "Mio begynte"; not "til Dælivannet gikk jeg"
            if nxt_folded in ONLY_PERSON_VERBS:
                cues.add("only-person")  # "Paris lo"
        if plain_gap and nxt_folded in CONNECTORS and after.casefold() in PERSON_PARTNERS:
            cues.add("partner")  # "Nora og jeg"
        said_by = after.casefold() in SUBJECT_PRONOUNS or after[:1].isupper()
        if "," in gap and "«" not in gap and (nxt_folded in IMPERATIVES or (
                is_verb(nxt, langs) and not said_by)):
            cues.add("spoken-to")  # "Storm, kom!", not "– Kos, sa Lina" (a word said)
        if genitive(word) and plain_gap and nxt[:1].islower() and not lexicon_word:
            cues.add("owner" if nxt_folded in OWNED else "genitive")  # "Lerkes mormor"
            if nxt_folded in FAMILY:
                cues.add("only-person")
    if word.endswith("!") or (gap[:1] in "!?" and not is_sentence_start(text, start)):
        cues.add("spoken-to")
    # Before it: "spurte (jeg) X", "sa til X", "asked X", "said to X".
    before = [tokens[j][0].casefold() for j in range(max(0, i - 3), i)]
    between = text[tokens[i - 1][2]:start] if i else ""
    if before and not any(c in ENDERS + ",«»" for c in between):
        prev = before[-1]
        verb = prev if prev not in SUBJECT_PRONOUNS | {"til", "to"} else (
            before[-2] if len(before) > 1 else "")
        if prev in OBJECT_VERBS:
            cues.add("object")
        elif prev in SPEECH_VERBS:
            cues.add("subject")  # "– Ja, sa Bjørk."
        elif prev in SUBJECT_PRONOUNS and verb in OBJECT_VERBS:
            cues.add("object")  # "spurte jeg Milan"
        elif prev in ("til", "to") and (verb in OBJECT_AFTER_TO or verb in OBJECT_VERBS):
            cues.add("object")  # "sa til Jordan"
        elif is_verb(tokens[i - 1][0], langs):
            cues.add("after-verb")  # "Etterpå ville Paris velge", "Hun dyttet Jericho"
        if ("object" in cues and verb in ONLY_PERSON_OBJECT) or (
                "subject" in cues and prev in ONLY_PERSON_VERBS):
            cues.add("only-person")
    return cues
