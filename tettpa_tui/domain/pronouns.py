"""Which word in place of a name reads right: the pronouns the story uses for that child.

Replacing a girl's name by «barnet» leaves «hun» and «henne» pointing to
nobody. So the words offered in place of a name («barnet», «jenta», «gutten»)
are put in the order the story's pronouns suggest: where «hun»/«henne»/«hennes»
(she, her) stand near the name, «jenta» first; where «han»/«ham»/«hans» (he,
him, his) do, «gutten» first; where both do (two children in the same
sentences), «barnet» stays first and the pronouns are pointed at, to be read
again after the change.

"Near" is the rest of each sentence the name stands in and the sentence after
it, but not past the next sentence that starts with another capitalised word
than a pronoun (it may be about someone else).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SHE = frozenset("hun henne hennes she her hers herself".split())
HE = frozenset("han ham hans he him his himself".split())
WORD = re.compile(r"[^\W\d_][\w'’-]*")
SENTENCE_END = re.compile(r"[.!?…:\n]+")


@dataclass(frozen=True)
class PronounHint:
    """`fits`: "girl", "boy" or "child" (no pronouns, or both); `pronouns`: the
    (start, end, word) of each pronoun seen near the name; `mixed`: both kinds."""

    fits: str
    pronouns: tuple[tuple[int, int, str], ...] = ()
    mixed: bool = False

    def words(self) -> tuple[str, ...]:
        """The distinct pronouns, as written (for a message)."""
        return tuple(dict.fromkeys(w.casefold() for _s, _e, w in self.pronouns))


def _occurrences(text: str, name: str) -> list[int]:
    stem = name[:-2] if name.endswith(("'s", "’s", "-s")) else name
    pattern = re.compile(rf"(?<![\w]){re.escape(stem)}(?:s|'s|’s|-s)?(?![\w])")
    return [m.start() for m in pattern.finditer(text)]


def _sentence_ends(text: str) -> list[int]:
    return [m.end() for m in SENTENCE_END.finditer(text)] + [len(text)]


def pronouns_near(text: str, name: str) -> PronounHint:
    """What the pronouns near every place of `name` in `text` say the child is."""
    ends = _sentence_ends(text)
    seen: dict[int, tuple[int, int, str]] = {}
    for at in _occurrences(text, name):
        # the rest of this sentence, and the next one
        own_end = next(e for e in ends if e > at)
        next_end = next((e for e in ends if e > own_end), len(text))
        following = text[own_end:next_end]
        first = WORD.search(following)
        window_end = next_end
        if first and first.group()[:1].isupper() and first.group().casefold() not in SHE | HE | {"jeg", "i", "vi", "we"}:
            window_end = own_end  # the next sentence is about someone or something else
        for m in WORD.finditer(text, at + len(name), window_end):
            w = m.group().casefold()
            if m.group()[:1].isupper() and text[:m.start()].rstrip(" «»\"“”'‘’(–—-")[-1:] not in ".!?…:\n":
                continue  # "Hans" inside a sentence: a name, not "his"
            if w in SHE or w in HE:
                seen[m.start()] = (m.start(), m.end(), m.group())
    pronouns = tuple(seen[k] for k in sorted(seen))
    she = sum(w.casefold() in SHE for _s, _e, w in pronouns)
    he = sum(w.casefold() in HE for _s, _e, w in pronouns)
    if she and he:
        return PronounHint("child", pronouns, mixed=True)
    return PronounHint("girl" if she else "boy" if he else "child", pronouns)


def ordered_replacements(words: tuple[str, ...], hint: PronounHint) -> tuple[str, ...]:
    """The replacement words («barnet», «jenta», «gutten» in that order: child, girl,
    boy) with the one that fits the pronouns first; the others keep their order."""
    if len(words) < 3 or hint.fits == "child":
        return words
    first = words[1] if hint.fits == "girl" else words[2]
    return (first, *(w for w in words if w != first))
