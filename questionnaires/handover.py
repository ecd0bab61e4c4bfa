"""A session handed from the kiosk to an advisor, as one line of text.

The kiosk writes nothing to disk, so a resident who wants help with what
they started shows a code (a QR code of this text) that the advisor scans or
types; the advisor's import reads it back. The text is the session's
`to_dict()` as compact JSON, compressed, in upper-case base 32: letters and
digits only, which a QR code stores in its denser "alphanumeric" mode and a
barcode scanner types like a keyboard.

    code = encode(session)          # "AAD2" + base 32
    data = decode(code)             # the dict for Session.from_dict
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib

from questionnaires.session import Session

PREFIX = "AAD3"
# zlib preset dictionary: four typical resident sessions. A session shares
# most of its keys and structure with them, so only what differs is stored:
# codes shrink from 380–660 characters to 140–230, and the QR code from
# 69×69 to about 41×41 modules, which fits a small kiosk screen. Changing
# these bytes breaks older codes: change PREFIX with them.
DICTIONARY = "\n".join(
    [
        '{"format":1,"flow":"resident","lang":"fr","site_commune":"59350","today":"2025-06-15","answers":{"commune":"59350","applicant[0].birth":{"date":"1984-11-30","age":40},"applicant[0].nationality":"fr","applicant[0].activity":"unemployed","applicant[0].incomes":["none"],"applicant[0].worked_five_years":false,"applicant[0].disabled":false,"applicant[0].pregnant":false,"couple":false,"child_count":0,"housing":"hosted_free","received":["none"]},"cursor":11}',
        '{"format":1,"flow":"resident","lang":"fr","site_commune":"59350","today":"2025-06-15","answers":{"commune":"59512","applicant[0].birth":{"date":"1990-03-12","age":null},"applicant[0].nationality":"other","applicant[0].permit_years":6,"applicant[0].activity":"employed","applicant[0].incomes":["salary"],"applicant[0].salary":{"amount":1100.0,"per":"month"},"applicant[0].disabled":true,"applicant[0].disability_rate":"dont_know","applicant[0].pregnant":false,"couple":false,"child_count":0,"housing":"tenant_private","rent":{"amount":520.0,"per":"month"},"received":["aide_logement"]},"cursor":15}',
        '{"format":1,"flow":"resident","lang":"fr","site_commune":"59350","today":"2025-06-15","answers":{"commune":"59350","applicant[0].birth":{"date":"1990-11-30","age":34},"applicant[0].nationality":"fr","applicant[0].activity":"employed","applicant[0].incomes":["salary","alimony"],"applicant[0].salary":{"amount":14400.0,"per":"year"},"applicant[0].alimony":{"amount":150.0,"per":"month"},"applicant[0].disabled":false,"applicant[0].pregnant":false,"couple":false,"child_count":2,"children[0].child_birth":{"date":"2014-09-01","age":null},"children[0].child_school":"college","children[0].child_disability":null,"children[1].child_birth":{"date":"2020-11-30","age":4},"children[1].child_school":"primary","children[1].child_disability":null,"single_parent_since":18,"housing":"tenant_social","rent":{"amount":430.0,"per":"month"},"received":["af"]},"cursor":20}',
        '{"format":1,"flow":"resident","lang":"fr","site_commune":"59350","today":"2025-06-15","answers":{"commune":"59350","applicant[0].birth":{"date":"1990-11-30","age":34},"applicant[0].nationality":"fr","applicant[0].activity":"employed","applicant[0].incomes":["salary","alimony"],"applicant[0].salary":{"amount":14400.0,"per":"year"},"applicant[0].alimony":{"amount":150.0,"per":"month"},"applicant[0].disabled":false,"applicant[0].pregnant":false,"couple":true,"partner[0].partner_birth":{"date":"1988-11-30","age":36},"partner[0].partner_activity":"unemployed","partner[0].partner_incomes":["unemployment"],"partner[0].partner_unemployment":{"amount":900.0,"per":"month"},"child_count":2,"children[0].child_birth":{"date":"2014-09-01","age":null},"children[0].child_school":"college","children[0].child_disability":null,"children[1].child_birth":{"date":"2020-11-30","age":4},"children[1].child_school":"primary","children[1].child_disability":null,"housing":"tenant_social","rent":{"amount":430.0,"per":"month"},"received":["af"]},"cursor":24}',
    ]
).encode("utf-8")
# A whole household is under 1 KiB of JSON; anything that inflates past this
# is refused rather than decompressed (a code can come from anywhere).
MAX_JSON_BYTES = 64 * 1024
MAX_CODE_CHARS = 8 * 1024


def encode(session: Session) -> str:
    text = json.dumps(session.to_dict(), separators=(",", ":"), ensure_ascii=False)
    deflater = zlib.compressobj(9, zdict=DICTIONARY)
    packed = deflater.compress(text.encode("utf-8")) + deflater.flush()
    packed = base64.b32encode(packed).decode("ascii")
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
    body = code[len(PREFIX) :]
    try:
        packed = base64.b32decode(body + "=" * (-len(body) % 8))
        inflater = zlib.decompressobj(zdict=DICTIONARY)
        raw = inflater.decompress(packed, MAX_JSON_BYTES)
        if inflater.unconsumed_tail or not inflater.eof:
            raise ValueError("hand-over code too large or cut short")
        data = json.loads(raw.decode("utf-8"))
    except (binascii.Error, zlib.error, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"damaged hand-over code: {error}") from None
    except RecursionError:  # "[[[[…": a few bytes compressed, too deep for json
        raise ValueError("hand-over code nested too deeply") from None
    if not isinstance(data, dict):
        raise ValueError("not a hand-over code")
    return data
