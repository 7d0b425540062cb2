"""Devices that have signed in before: recognised by a signed, long-lived cookie, so that
someone else's wrong guesses never hold them back.

Wrong codes are what make guessing slow; but a lock on a person is also a switch an
attacker could flip to keep that person out. So a phone (or the shared PC) on which a
person has signed in keeps a token for that person: a random number and an HMAC of it
with the department and the person, under a key kept in the data folder. Its tries are
counted for that device alone; the person's and the address's counts, which anyone can
push up, hold back only devices that have never signed in as that person.

No aiohttp here beyond reading and setting the cookie; the key is made once.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets

from tettpa_tui.store import Store

log = logging.getLogger("tettpa.web")
COOKIE = "tettpa_device"
KEY_SETTING = "phone_page_device_key"
MAX_AGE = 400 * 24 * 3600  # the longest a browser keeps a cookie
MAX_TOKENS = 12  # people recognised on one device (a shared PC); the oldest is forgotten


def device_key(store: Store) -> bytes:
    """The key the tokens are signed with: made once and kept in the data folder's settings
    (so a device stays recognised when the server is started again). If it cannot be kept,
    a key for this run only: devices are then recognised until the server stops."""
    try:
        found = store.setting(KEY_SETTING)
        if isinstance(found, str) and len(found) == 64:
            return bytes.fromhex(found)
        key = secrets.token_bytes(32)
        store.set_setting(KEY_SETTING, key.hex())
        return key
    except Exception as exc:  # noqa: BLE001 - never stops the page; said in the server's log
        log.warning("%s", exc)
        return secrets.token_bytes(32)


class Devices:
    def __init__(self, key: bytes) -> None:
        self.key = key

    def _mac(self, nonce: str, department: str, staff_id: str) -> str:
        msg = f"{nonce}\n{department}\n{staff_id}".encode()
        return hmac.new(self.key, msg, hashlib.sha256).hexdigest()[:32]

    @staticmethod
    def _tokens(cookie: str | None) -> list[str]:
        return [t for t in (cookie or "").split("~") if t.count(".") == 1 and len(t) <= 80][:MAX_TOKENS]

    def recognised(self, cookie: str | None, department: str, staff_id: str) -> str | None:
        """The device's own number when it has signed in as this person here before, else None."""
        for token in self._tokens(cookie):
            nonce, mac = token.split(".")
            if nonce and hmac.compare_digest(mac, self._mac(nonce, department, staff_id)):
                return nonce
        return None

    def remember(self, cookie: str | None, department: str, staff_id: str) -> str:
        """The cookie's new value: this person recognised on this device (newest first)."""
        kept = [t for t in self._tokens(cookie)
                if not hmac.compare_digest(t.split(".")[1], self._mac(t.split(".")[0], department, staff_id))]
        nonce = secrets.token_urlsafe(12)
        return "~".join([f"{nonce}.{self._mac(nonce, department, staff_id)}", *kept][:MAX_TOKENS])
