"""Showing text that came from an input file: escaped and bounded.

A message that echoes a value from a file (an unknown commune, a
malformed reference) must stay one readable line: control characters
(a newline, an escape sequence that repaints the terminal), bidirectional
overrides (which reverse the rest of the line), lone surrogates (which no
file or terminal can encode) are shown as `\\u202e`-style escapes, and at
most `ECHO_LIMIT` characters of the value are shown.
"""

from __future__ import annotations

import unicodedata

# Characters of the input echoed in one message, at most.
ECHO_LIMIT = 120
# Bidirectional embeddings, overrides and isolates (Unicode category Cf,
# but listed: other Cf characters such as the zero-width joiner are needed
# by Arabic and Persian text and stay).
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _escape_char(char: str) -> str:
    if char in _BIDI_CONTROLS or unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp"):
        code = ord(char)
        if code < 0x100:
            return f"\\x{code:02x}"
        return f"\\u{code:04x}"
    return char


def escaped(text: str) -> str:
    """`text` with every character that could break or reorder a line escaped."""
    if text.isascii() and text.isprintable():
        return text
    return "".join(_escape_char(char) for char in text)


def shown(value, limit: int = ECHO_LIMIT) -> str:
    """An input value as quoted in a message: escaped, cut after `limit`
    characters with the length of what was left out."""
    text = value if isinstance(value, str) else str(value)
    if len(text) > limit:
        cut = escaped(text[:limit])
        return f"{cut}… ({len(text) - limit:,} more characters)".replace(",", " ")
    return escaped(text)


def one_line(message: str, limit: int = ECHO_LIMIT + 40) -> str:
    """A whole message (which may quote input anywhere) made safe to print
    or write: escaped and bounded."""
    return shown(message, limit)


def has_unsafe_characters(text: str) -> bool:
    """Control characters, lone surrogates or bidirectional controls."""
    return escaped(text) != text


__all__ = ["ECHO_LIMIT", "escaped", "has_unsafe_characters", "one_line", "shown"]
