"""Personal codes for the phone page (`tettpa serve`), and who may guess how often.

Each staff member has a code of their own: a one-time start code from the
leader, then one they choose. Only a salted PBKDF2 hash is kept, and a code is
checked in constant time. Pure functions and a small in-memory throttle: the
store keeps the records, the faces ask for the codes.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from tettpa_tui.domain.errors import DomainError

MAX_LENGTH = 200
ITERATIONS = 200_000


@dataclass(frozen=True)
class AccessCode:
    salt: str  # hex
    digest: str  # hex
    iterations: int = ITERATIONS

    def to_doc(self) -> dict:
        return {"salt": self.salt, "hash": self.digest, "iterations": self.iterations, "algorithm": "pbkdf2-sha256"}

    @classmethod
    def from_doc(cls, doc: dict) -> AccessCode:
        return cls(salt=doc["salt"], digest=doc["hash"], iterations=int(doc.get("iterations", ITERATIONS)))


def _derive(code: str, salt: bytes, iterations: int) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", code.encode("utf-8"), salt, iterations)


def matches(code: str, record: AccessCode) -> bool:
    """Whether `code` is the one `record` was made from (constant-time comparison)."""
    try:
        salt = bytes.fromhex(record.salt)
        expected = bytes.fromhex(record.digest)
    except ValueError:
        return False
    return hmac.compare_digest(_derive(code.strip(), salt, record.iterations), expected)


def is_loopback(host: str) -> bool:
    """Whether `host` is reachable only from this machine (127.0.0.0/8, ::1, localhost)."""
    host = host.strip().strip("[]")
    if host.casefold() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


# ---- personal codes -----------------------------------------------------------

PERSONAL_MIN_LENGTH = 8
START_CODE_DAYS = 14
START_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud or typed from a note
FREE_TRIES = 5
FIRST_WAIT = 30.0  # seconds after the fifth wrong code; doubled with each further one
LONGEST_WAIT = 3600.0

# Codes people often choose; a code that is one of these (or one with digits
# and signs around it, "Passord123!") is refused.
COMMON_WORDS = frozenset("""
passord password passwort secret hemmelig hemmelighet qwerty qwertz asdf asdfgh azerty letmein
welcome velkommen admin administrator login logg loggin tettpa tettpå barnehage barnehagen
avdeling avdelingen sommer vinter høst vår summer winter autumn spring monkey dragon football
fotball sunshine iloveyou princess master superman batman trustno norge norway oslo bergen
bærum baerum sandvika kode koden mittpassord minkode pass abc kindergarten hallo hello
""".split())

# The examples the page shows ("blå sykkel i regnet"): known to everyone who has seen
# the page, so never a code (tests/web/test_access.py checks the catalogue against this).
EXAMPLE_CODES = frozenset({"blå sykkel i regnet", "blue bike in the rain"})

_KEYBOARD_ROWS = ("1234567890", "qwertyuiopå", "asdfghjkløæ", "zxcvbnm", "qwertzuiop", "azertyuiop")


@dataclass(frozen=True)
class StaffCode:
    """A staff member's code for the phone page, kept hashed.

    `kind` is "start" (the one-time code the leader gave, valid START_CODE_DAYS)
    or "personal" (the one the person chose)."""

    staff_id: str
    kind: str
    code: AccessCode
    created_at: str  # ISO time

    def to_doc(self) -> dict:
        return {"staff_id": self.staff_id, "kind": self.kind, "created_at": self.created_at, **self.code.to_doc()}

    @classmethod
    def from_doc(cls, doc: dict) -> StaffCode:
        return cls(staff_id=doc["staff_id"], kind=doc.get("kind", "personal"),
                   code=AccessCode.from_doc(doc), created_at=doc.get("created_at", ""))


def normalise_start_code(code: str) -> str:
    return "".join(ch for ch in code.casefold() if ch.isalnum())


def new_start_code() -> str:
    """A fresh one-time code, e.g. 'k7mq-2xtp-9hcw' (about 62 bits)."""
    raw = "".join(secrets.choice(START_ALPHABET) for _ in range(12))
    return "-".join(raw[i:i + 4] for i in range(0, 12, 4))


def start_code(staff_id: str, code: str, now, iterations: int = ITERATIONS) -> StaffCode:
    salt = secrets.token_bytes(16)
    digest = _derive(normalise_start_code(code), salt, iterations)
    return StaffCode(staff_id, "start", AccessCode(salt.hex(), digest.hex(), iterations), now.isoformat())


def _bare(code: str) -> str:
    """The code's letters only, lower case: 'Passord123!' -> 'passord'."""
    return "".join(ch for ch in code.casefold() if ch.isalpha())


def _is_run(text: str) -> bool:
    """Whether `text` is a run of neighbours: '12345678', 'abcdef', '987654', 'qwerty' and so on."""
    if len(text) < 3:
        return False
    steps = {ord(b) - ord(a) for a, b in zip(text, text[1:])}
    if steps in ({1}, {-1}):
        return True
    return any(text in row or text in row[::-1] for row in _KEYBOARD_ROWS)


def _is_repeat(text: str) -> bool:
    """Whether `text` is a short piece over and over: 'aaaaaaaa', '12121212', 'abcabcabc'."""
    for size in range(1, len(text) // 2 + 1):
        if len(text) % size == 0 and text[:size] * (len(text) // size) == text:
            return True
    return False


def _mostly_own_words(bare: str, own_words: tuple[str, ...]) -> bool:
    """Whether the code's letters are the person's or department's names, with fewer
    than four letters besides ("Lene Dahl", "lenedahl", "Dahl Lene", "perk")."""
    words = sorted({_bare(part) for w in own_words for part in w.split()} - {""}, key=len, reverse=True)
    rest = bare
    for w in words:
        if len(w) >= 3:
            rest = rest.replace(w, "")
    return rest != bare and len(rest) < 4


def personal_code_problem(code: str, own_words: tuple[str, ...] = ()) -> str | None:
    """Why a code someone chose is too weak (a message key), or None if it will do.

    Long passphrases ("blå hest i regnet") are welcome; refused are short codes,
    sequences and keyboard runs, repeats, common words (also with digits added)
    and the person's or department's own name.
    """
    code = code.strip()
    if len(code) < PERSONAL_MIN_LENGTH:
        return "codes.short"
    if len(code) > MAX_LENGTH:
        return "codes.long"
    squeezed = "".join(code.casefold().split())
    if any(_bare(code) == _bare(example) for example in EXAMPLE_CODES):
        return "codes.example"  # the page's own example, also with digits or signs added
    if _is_repeat(squeezed) or _is_run(squeezed) or len(set(squeezed)) < 4:
        return "codes.pattern"
    if squeezed.isdigit() and len(squeezed) < 10:
        return "codes.pattern"  # a date or a PIN
    bare = _bare(code)
    rest = "".join(ch for ch in squeezed if not ch.isalpha())
    if bare and len(rest) <= 4 and (bare in COMMON_WORDS or _is_run(bare) or _is_repeat(bare)):
        return "codes.common"  # "Passord123!", "qwerty2024", "abcabc12"
    if bare and len(rest) <= 4 and _mostly_own_words(bare, own_words):
        return "codes.own_name"  # "Lene Dahl", "aminayusuf", "dahl2024"
    return None


def personal_code(staff_id: str, code: str, now, own_words: tuple[str, ...] = (),
                  iterations: int = ITERATIONS) -> StaffCode:
    """The code a person chose, hashed; a weak code is refused with a DomainError."""
    problem = personal_code_problem(code, own_words)
    if problem is not None:
        raise DomainError(problem, min=PERSONAL_MIN_LENGTH, max=MAX_LENGTH)
    salt = secrets.token_bytes(16)
    digest = _derive(code.strip(), salt, iterations)
    return StaffCode(staff_id, "personal", AccessCode(salt.hex(), digest.hex(), iterations), now.isoformat())


def staff_code_matches(code: str, record: StaffCode, now) -> bool:
    """Whether `code` signs the person in. A start code is valid START_CODE_DAYS."""
    if record.kind == "start":
        try:
            made = datetime.fromisoformat(record.created_at)
        except ValueError:
            return False
        if now - made > timedelta(days=START_CODE_DAYS):
            return False
        return matches(normalise_start_code(code), record.code)
    return matches(code, record.code)


class Throttle:
    """Wrong codes counted per key (a person, or everyone), whatever connection they come from.

    FREE_TRIES wrong codes are free; then the key waits FIRST_WAIT seconds,
    doubled with each further wrong code (at most LONGEST_WAIT). A right code
    clears the count. Times are plain seconds (time.monotonic()), passed in.
    """

    def __init__(self, free: int = FREE_TRIES, first_wait: float = FIRST_WAIT,
                 longest: float = LONGEST_WAIT, max_keys: int = 10_000) -> None:
        self.free, self.first_wait, self.longest, self.max_keys = free, first_wait, longest, max_keys
        self._failures: dict[str, int] = {}
        self._until: dict[str, float] = {}

    def wait(self, key: str, now: float) -> float:
        """Seconds `key` must still wait before its next try (0 when it may try)."""
        return max(0.0, self._until.get(key, 0.0) - now)

    def failed(self, key: str, now: float) -> float:
        """Count a wrong code; returns the wait that now applies."""
        if key not in self._failures and len(self._failures) >= self.max_keys:
            self._forget_oldest()
        n = self._failures.get(key, 0) + 1
        self._failures[key] = n
        if n >= self.free:
            wait = min(self.longest, self.first_wait * 2 ** (n - self.free))
            self._until[key] = now + wait
            return wait
        return 0.0

    def succeeded(self, key: str) -> None:
        self._failures.pop(key, None)
        self._until.pop(key, None)

    def failures(self, key: str) -> int:
        return self._failures.get(key, 0)

    def _forget_oldest(self) -> None:
        key = next(iter(self._failures))
        self._failures.pop(key, None)
        self._until.pop(key, None)
