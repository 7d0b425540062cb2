"""The reflecting team as data: its phases, who speaks, who listens, for how long.

Loaded from content/method.toml (see tettpa_tui.content); the rules that use
it live in tettpa_tui.domain.meeting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

TEAM = "team"
TELLER = "teller"


@dataclass(frozen=True)
class PhaseSpec:
    id: str
    speaker: str  # "teller" or "team"
    teller: str  # what the teller does: "speaks", "answers", "listens"
    minutes: float
    rounds: int = 1
    more_rounds: bool = False
    turn_minutes: float = 0
    record: str = "none"  # teller phases: "none" or "response"
    takes_parked: bool = False  # thoughts parked earlier (advice during the questions) belong here by default
    texts: dict[str, dict[str, str]] = field(default_factory=dict)  # lang -> name/rule/cue/keep

    @property
    def team_turns(self) -> bool:
        return self.speaker == TEAM

    def text(self, key: str, lang: str = "nb") -> str:
        return self.texts.get(lang, {}).get(key) or self.texts.get("nb", {}).get(key, "")


@dataclass(frozen=True)
class Method:
    phases: tuple[PhaseSpec, ...]
    facilitator_takes_turns: bool = True
    max_stories: int = 3
    closing_minutes: float = 5
    texts: dict[str, dict[str, str]] = field(default_factory=dict)  # "opening"/"closing" -> texts

    def phase(self, phase_id: str) -> PhaseSpec:
        for p in self.phases:
            if p.id == phase_id:
                return p
        raise KeyError(phase_id)

    def index(self, phase_id: str) -> int:
        return [p.id for p in self.phases].index(phase_id)

    @property
    def story_minutes(self) -> float:
        """The time one story takes by the method's phases (the sources say 30–40 minutes)."""
        return sum(p.minutes for p in self.phases)

    def park_default(self, after: int) -> str | None:
        """The phase a thought parked in phase number `after` (-1: the opening) belongs to by
        default: the next phase whose rule allows it (advice waits for the reflection);
        None when no later phase of the story does (then the closing)."""
        return next((p.id for p in self.phases[after + 1:] if p.takes_parked), None)

    def meeting_end(self, start: datetime, stories: int) -> datetime:
        """When a meeting with this many stories, started now, ends: the stories
        one after the other, then the closing round."""
        return start + timedelta(minutes=stories * self.story_minutes + self.closing_minutes)
