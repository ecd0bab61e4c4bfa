"""The staff PIN: stored as a salted slow hash, checked in constant time,
and a delay that grows after wrong tries.

A 4-to-12-digit PIN has at most 10¹² values, so the hash alone would not
stop someone who copies the configuration file; it keeps the PIN out of the
file, out of backups and out of any memory dump of the kiosk. At the screen,
the delay does the work: 4 free tries, then 1 minute, doubling at each
further wrong PIN (capped at one hour).

    stored form:  scrypt$<n>$<r>$<p>$<salt, base64>$<digest, base64>
    make one:     python -m kiosk hash-pin
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import math
import os
import re
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

PIN_PATTERN = re.compile(r"^[0-9]{4,12}$")

# scrypt's cost: 16 MiB and about 50 ms a check on the kiosk's kind of machine.
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
# A configuration cannot ask for more than this (a typo must not make each
# check take minutes or gigabytes).
MAX_SCRYPT_N = 2**20
SCHEME = "scrypt"

#: Wrong PINs allowed before the first delay.
FREE_TRIES = 4
#: Seconds of the first delay (after the 5th wrong PIN); it doubles after each further one.
FIRST_DELAY = 60.0
MAX_DELAY = 3600.0

#: Set by `python -m kiosk serve`: a file where every browser session's app
#: process keeps the count of wrong PINs (reloading the page would otherwise
#: give a fresh count). The terminal kiosk is one process and keeps it in memory.
STATE_ENV = "KIOSK_PIN_STATE"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    return hashlib.scrypt(pin.encode("ascii"), salt=salt, n=n, r=r, p=p, dklen=length, maxmem=256 * 1024 * 1024)


def hash_pin(pin: str) -> str:
    """The line to store for `pin` (digits only, 4 to 12 of them)."""
    if not PIN_PATTERN.match(pin):
        raise ValueError("a staff PIN is 4 to 12 digits")
    salt = os.urandom(16)
    digest = _scrypt(pin, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, 32)
    return f"{SCHEME}${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def parse_pin_hash(stored: str) -> tuple[int, int, int, bytes, bytes]:
    """(n, r, p, salt, digest) of a stored hash; ValueError if it is not one."""
    parts = stored.strip().split("$")
    if len(parts) != 6 or parts[0] != SCHEME:
        raise ValueError("not a PIN hash made by `python -m kiosk hash-pin` (scrypt$n$r$p$salt$digest)")
    try:
        n, r, p = (int(part) for part in parts[1:4])
        salt = base64.b64decode(parts[4], validate=True)
        digest = base64.b64decode(parts[5], validate=True)
    except (ValueError, binascii.Error):
        raise ValueError("damaged PIN hash: make it again with `python -m kiosk hash-pin`") from None
    if not (2 <= n <= MAX_SCRYPT_N and n & (n - 1) == 0 and 1 <= r <= 32 and 1 <= p <= 16):
        raise ValueError("PIN hash with unusable scrypt parameters")
    if len(salt) < 8 or len(digest) < 16:
        raise ValueError("PIN hash with a too short salt or digest")
    return n, r, p, salt, digest


def verify_pin(pin: str, stored: str) -> bool:
    """Is `pin` the PIN of `stored`? Compared in constant time."""
    n, r, p, salt, digest = parse_pin_hash(stored)
    if not pin.isascii():
        pin = ""
    candidate = _scrypt(pin, salt, n, r, p, len(digest))
    return hmac.compare_digest(candidate, digest)


@dataclass
class PinThrottle:
    """Wrong PINs and the delay they impose, kept outside the dialog (so
    closing it resets nothing), and in a file when `path` is set."""

    path: Path | None = None
    failures: int = 0
    locked_until: float = 0.0
    clock: object = field(default=time.time, repr=False)

    @classmethod
    def for_this_process(cls) -> PinThrottle:
        state = os.environ.get(STATE_ENV)
        return cls(Path(state) if state else None)

    def _now(self) -> float:
        return self.clock()  # type: ignore[operator]

    def _load(self) -> None:
        if self.path is None:
            return
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self.failures = int(data.get("failures", 0))
            self.locked_until = float(data.get("locked_until", 0.0))
        except (OSError, ValueError, TypeError, AttributeError):
            pass  # no file yet, or a damaged one: keep what this process knows

    def _save(self) -> None:
        if self.path is None:
            return
        data = json.dumps({"failures": self.failures, "locked_until": self.locked_until})
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".pin-")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(data)
            os.replace(temporary, self.path)
        except OSError:
            try:
                os.unlink(temporary)
            except OSError:
                pass

    def seconds_left(self) -> int:
        """Seconds before the next try is allowed (0: now)."""
        self._load()
        left = self.locked_until - self._now()
        # A clock set back must not lock the staff out for longer than the cap.
        return math.ceil(min(left, MAX_DELAY)) if left > 0 else 0

    def failed(self) -> int:
        """Count a wrong PIN; returns the seconds to wait before the next try."""
        self._load()
        self.failures += 1
        if self.failures > FREE_TRIES:
            delay = min(FIRST_DELAY * 2 ** (self.failures - FREE_TRIES - 1), MAX_DELAY)
            self.locked_until = self._now() + delay
        self._save()
        return self.seconds_left()

    def succeeded(self) -> None:
        self.failures = 0
        self.locked_until = 0.0
        self._save()
