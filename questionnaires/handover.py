"""A session handed from the kiosk to an advisor, as one line of text.

The kiosk writes nothing to disk, so a resident who wants help with what
they started shows a code (a QR code of this text) that the advisor scans or
types; the advisor's import reads it back. The text is the session's
`to_dict()` as compact JSON, compressed, in upper-case base 32: letters and
digits only, which a QR code stores in its denser "alphanumeric" mode and a
barcode scanner types like a keyboard.

    code = encode(session)          # "AAD1" + base 32
    data = decode(code)             # the dict for Session.from_dict
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib

from questionnaires.session import Session

PREFIX = "AAD1"
# A whole household is under 1 KiB of JSON; anything that inflates past this
# is refused rather than decompressed (a code can come from anywhere).
MAX_JSON_BYTES = 64 * 1024
MAX_CODE_CHARS = 8 * 1024


def encode(session: Session) -> str:
    text = json.dumps(session.to_dict(), separators=(",", ":"), ensure_ascii=False)
    packed = base64.b32encode(zlib.compress(text.encode("utf-8"), 9)).decode("ascii")
    return PREFIX + packed.rstrip("=")


def looks_like_code(text: str) -> bool:
    return "".join(text.split()).upper().startswith(PREFIX)


def decode(text: str) -> dict:
    """The session dict; ValueError when the text is not a whole, valid code.

    Spaces and line breaks are ignored (a code copied from a screen or a
    scanner that adds a newline), and so is the case of the letters.
    """
    code = "".join(text.split()).upper()
    if not code.startswith(PREFIX) or len(code) > MAX_CODE_CHARS:
        raise ValueError("not a hand-over code")
    body = code[len(PREFIX):]
    try:
        packed = base64.b32decode(body + "=" * (-len(body) % 8))
        inflater = zlib.decompressobj()
        raw = inflater.decompress(packed, MAX_JSON_BYTES)
        if inflater.unconsumed_tail or not inflater.eof:
            raise ValueError("hand-over code too large or cut short")
        data = json.loads(raw.decode("utf-8"))
    except (binascii.Error, zlib.error, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"damaged hand-over code: {error}") from None
    if not isinstance(data, dict):
        raise ValueError("not a hand-over code")
    return data
