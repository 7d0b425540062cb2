"""The department's access code for handing in stories from a browser.

The leader chooses a code; only a salted PBKDF2 hash of it is kept. A code is
checked in constant time. Pure functions: the store keeps the record, the
faces ask for the code.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from dataclasses import dataclass

from tettpa_tui.domain.errors import DomainError

MIN_LENGTH = 6
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


def new_code(code: str, iterations: int = ITERATIONS) -> AccessCode:
    """Hash a code the leader chose; a code too short or too long is refused."""
    code = code.strip()
    if len(code) < MIN_LENGTH:
        raise DomainError("error.code_short", min=MIN_LENGTH)
    if len(code) > MAX_LENGTH:
        raise DomainError("error.code_long", max=MAX_LENGTH)
    salt = secrets.token_bytes(16)
    return AccessCode(salt=salt.hex(), digest=_derive(code, salt, iterations).hex(), iterations=iterations)


def matches(code: str, record: AccessCode) -> bool:
    """Whether `code` is the department's code (constant-time comparison)."""
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
