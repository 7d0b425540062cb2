"""What keeps the phone page safe: sessions, limits and checks on every request.

Sessions live in memory only, under random ids, capped overall and per client
address, and end when idle. Wrong codes are counted per person and overall (not
per connection), with the domain's Throttle. Token buckets bound how many
requests an address, and everyone together, may make.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections import Counter, OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Limits:
    # Capacity: a whole kindergarten signs in at once (issue 24, point 4). Room for 500 staff
    # with a phone and a PC each and then some; an idle session costs about 1 kB.
    max_sessions: int = 5000
    max_sessions_per_address: int = 40
    idle_seconds: float = 2 * 3600  # a signed-in session left alone this long ends
    anonymous_seconds: float = 10 * 60  # a session that never gave a code ends sooner
    max_body: int = 1024 * 1024  # a story is at most 50,000 characters (up to 12 bytes each, form-encoded)
    address_rate: float = 30.0  # requests per second per client address (burst: 3 s worth)
    overall_rate: float = 400.0  # requests per second for everyone together
    tries_per_minute: float = 120.0  # wrong codes for everyone together (a right code gives its try back)
    code_checks_at_once: int = 2  # hashing is slow on purpose: at most this many at a time
    # Threads for the store's blocking calls. Saves that arrive while a month's file is being
    # written wait in a thread each and are then written together (store/groupcommit.py):
    # the more may wait, the more one write holds (6 threads: ~170 saves/s; 32: ~1000).
    store_threads: int = 32


@dataclass(slots=True)
class Session:
    id: str
    address: str
    created: float
    seen: float
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    staff_id: str | None = None  # signed in as this person
    department: str | None = None  # ... in this department ('KG/DEPT'), the only one this session reaches
    choosing: str | None = None  # gave the start code; must now choose a code of their own
    code_stamp: str | None = None  # the salt of the code signed in with (a new code ends the session)
    leader_meeting: bool = False  # the department is the pedagogue meeting held as the ledermøte (set at sign-in)

    def csrf_ok(self, token: str | None) -> bool:
        return bool(token) and hmac.compare_digest(self.csrf.encode(), str(token).encode())


MAX_REASONS = 4096  # sessions ended for a reason, remembered (a few dozen bytes each)


def _digest(sid: str) -> bytes:
    return hashlib.sha256(sid.encode("utf-8", "replace")).digest()[:16]


class SessionsFull(Exception):
    """No room for another session (overall or for this address)."""


class Sessions:
    """The sessions of the running server; nothing is written to disk."""

    def __init__(self, limits: Limits, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self.clock = clock
        self._by_id: dict[str, Session] = {}
        # Why a session ended, when a page still open later asks with its cookie: "code" (a
        # new code was given). Only a digest of the session id and the reason; the oldest go.
        self._why: OrderedDict[bytes, str] = OrderedDict()

    def __len__(self) -> int:
        return len(self._by_id)

    def get(self, sid: str | None) -> Session | None:
        if not sid:
            return None
        s = self._by_id.get(sid)
        if s is None:
            return None
        now = self.clock()
        if self._expired(s, now):
            del self._by_id[sid]
            return None
        s.seen = now
        return s

    def _expired(self, s: Session, now: float) -> bool:
        limit = self.limits.idle_seconds if s.staff_id else self.limits.anonymous_seconds
        return now - s.seen > limit

    def purge(self) -> int:
        now = self.clock()
        old = [sid for sid, s in self._by_id.items() if self._expired(s, now)]
        for sid in old:
            del self._by_id[sid]
        return len(old)

    def new(self, address: str) -> Session:
        """A fresh anonymous session; room is made by ending the oldest anonymous ones."""
        self.purge()
        mine = [s for s in self._by_id.values() if s.address == address]
        if len(mine) >= self.limits.max_sessions_per_address:
            self._drop_oldest_anonymous(mine)
        if len(self._by_id) >= self.limits.max_sessions:
            # Room is made at the address holding the most anonymous sessions: a flood from
            # many addresses ends its own sessions, not a person's sign-in page in progress.
            anonymous = [s for s in self._by_id.values() if s.staff_id is None]
            counts = Counter(s.address for s in anonymous)
            busiest = max(counts, key=lambda a: counts[a], default=None)
            self._drop_oldest_anonymous([s for s in anonymous if s.address == busiest])
        now = self.clock()
        s = Session(id=secrets.token_urlsafe(32), address=address, created=now, seen=now)
        self._by_id[s.id] = s
        return s

    def _drop_oldest_anonymous(self, among: list[Session]) -> None:
        anonymous = [s for s in among if s.staff_id is None]
        if not anonymous:
            raise SessionsFull
        oldest = min(anonymous, key=lambda s: s.seen)
        del self._by_id[oldest.id]

    def renew(self, s: Session) -> Session:
        """The same session under a new id and token (after a code is accepted)."""
        self._by_id.pop(s.id, None)
        s.id = secrets.token_urlsafe(32)
        s.csrf = secrets.token_urlsafe(32)
        self._by_id[s.id] = s
        return s

    def end(self, s: Session, reason: str | None = None) -> None:
        """End a session; with a reason, a later request with its cookie is told why."""
        self._by_id.pop(s.id, None)
        if reason is not None:
            key = _digest(s.id)
            self._why[key] = reason
            self._why.move_to_end(key)
            while len(self._why) > MAX_REASONS:
                self._why.popitem(last=False)

    def why_ended(self, sid: str | None) -> str | None:
        """The reason a session with this id was ended (see end), if it is still remembered."""
        return self._why.get(_digest(sid)) if sid else None

    def end_all_of(self, staff_id: str) -> None:
        for sid in [sid for sid, s in self._by_id.items() if s.staff_id == staff_id]:
            del self._by_id[sid]


class Bucket:
    """A token bucket: `rate` per second, up to `burst` at once."""

    __slots__ = ("rate", "burst", "tokens", "stamp")

    def __init__(self, rate: float, burst: float, now: float) -> None:
        self.rate, self.burst, self.tokens, self.stamp = rate, burst, burst, now

    def take(self, now: float) -> bool:
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


class RateLimits:
    """Requests per client address and overall."""

    def __init__(self, limits: Limits, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self.clock = clock
        now = clock()
        self.overall = Bucket(limits.overall_rate, limits.overall_rate * 2, now)
        self.tries = Bucket(limits.tries_per_minute / 60, limits.tries_per_minute / 2, now)  # burst: half a minute
        self._by_address: dict[str, Bucket] = {}

    def request(self, address: str) -> bool:
        now = self.clock()
        bucket = self._by_address.get(address)
        if bucket is None:
            if len(self._by_address) > 10_000:
                self._by_address.clear()
            bucket = self._by_address[address] = Bucket(self.limits.address_rate, self.limits.address_rate * 3, now)
        return bucket.take(now) and self.overall.take(now)

    def code_try(self) -> bool:
        return self.tries.take(self.clock())

    def code_right(self) -> None:
        """A right code is no guess: its try goes back to the budget, so a whole
        kindergarten signing in at once is not held back by it (only wrong codes are)."""
        self.tries.tokens = min(self.tries.burst, self.tries.tokens + 1)
