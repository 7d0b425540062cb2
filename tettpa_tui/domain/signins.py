"""The record of who signed in to the phone page: time, person (or unknown) and what
happened; never a code, never a story. Kept KEEP_DAYS days, readable by the leader.

A privacy officer asks who tried to sign in as whom, and when a person was locked or
given a new code. One small record per event; the store keeps each department's in
its folder (signins.json) and forgets what is older than KEEP_DAYS at each write."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

KEEP_DAYS = 30


class SignInEvent(str, Enum):
    SIGNED_IN = "signed_in"  # the right code (a start code, or one's own)
    WRONG_CODE = "wrong_code"
    LOCKED = "locked"  # wrong codes: that person waits `seconds` on devices that never signed in as them
    CODE_CHOSEN = "code_chosen"  # chose their own code after a start code
    START_CODE = "start_code"  # the leader gave a new start code (every page under the old one is signed out)
    ENDED = "ended"  # a page still open under an old code asked for something, and was signed out


@dataclass(frozen=True)
class SignInRecord:
    at: datetime
    staff_id: str | None  # None: a person the page does not know (a wrong or stale id)
    event: SignInEvent
    seconds: int | None = None  # for LOCKED: how long


def kept(records: list[SignInRecord], now: datetime, days: int = KEEP_DAYS) -> list[SignInRecord]:
    """The records still kept `now`, oldest first."""
    since = now - timedelta(days=days)
    return sorted((r for r in records if r.at >= since), key=lambda r: r.at)
