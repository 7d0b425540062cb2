"""One thing a story check found: its kind, the exact text and where it stands."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str
    start: int
    end: int
    detail: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        return {"kind": self.kind, "text": self.text, "start": self.start, "end": self.end, **self.detail}
