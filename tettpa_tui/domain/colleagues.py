"""A practice story is about the writer's own practice, not a colleague's.

The programme: short stories of everyday situations the writer lived through
herself, told in the first person; not observations of colleagues' practice.
A story that names a staff member of the department other than its writer gets
a gentle note (a finding of kind "colleague"); it never stops a hand-in. Kept
apart from storycheck.py (the privacy check) and called beside it.
"""

from __future__ import annotations

import re

from tettpa_tui.domain.storycheck import Finding

COLLEAGUE = "colleague"


def colleague_findings(text: str, colleagues: list[str]) -> list[Finding]:
    """Each place the story names a colleague: the full name, or the first name as a
    word of its own (with a genitive s), the longest match first."""
    found: list[Finding] = []
    taken: list[tuple[int, int]] = []
    patterns = []
    for name in colleagues:
        name = " ".join(name.split())
        if not name:
            continue
        patterns.append(name)
        first = name.split()[0]
        if len(first) > 1 and first != name:
            patterns.append(first)
    for pattern in sorted(set(patterns), key=len, reverse=True):
        for m in re.finditer(rf"(?<!\w){re.escape(pattern)}s?(?!\w)", text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append(Finding(COLLEAGUE, pattern, m.start(), m.end()))
    return sorted(found, key=lambda f: f.start)
