"""Right-to-left text for screens that do not shape or reorder it.

A terminal draws characters one cell at a time from left to right: Arabic,
Dari and Pashto come out in the wrong order and with unjoined letters.
`display()` does the two jobs a text engine would do:

1. shaping, with arabic_reshaper: each letter becomes the Unicode
   *presentation form* (isolated, initial, medial, final) it takes in its
   word, so a font without shaping still draws joined letters;
2. reordering, with python-bidi (the Unicode bidirectional algorithm): the
   characters are put in the order they are seen, right to left, with
   Latin words and numbers ("RSA", "646,52 €") kept left to right.

The result is for *display only*: never store it, compare it or feed it
back to gettext. The Pashto letters ټ ډ ړ ږ ښ ګ ڼ ۍ have no presentation
forms in Unicode: they are kept as they are and their neighbours take the
form they have next to a non-joining letter, so nothing is drawn half-joined.
Vowel marks (harakat) are dropped, as a terminal would put them on the
wrong letter after reordering.
"""

from __future__ import annotations

import re
from functools import cache

from arabic_reshaper import ArabicReshaper

# python-bidi 0.6 has two implementations. `bidi.get_display` (Rust) does
# not mirror brackets: "(تجربة)" would come out as ")...(". The pure
# Python one, still shipped as `bidi.algorithm`, applies the mirroring rule.
try:
    from bidi.algorithm import get_display as _get_display
except ImportError:  # pragma: no cover - a python-bidi without it
    from bidi import get_display as _get_display

from locales.formatting import is_rtl

# Marks that only steer a text engine. After reordering and shaping they have
# done their work; a terminal may draw them as a box or a space.
_CONTROLS = re.compile("[\u200c\u200d\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")


@cache
def _reshaper() -> ArabicReshaper:
    # The default configuration ("Arabic") covers Arabic and the Persian
    # letters (پ چ ژ گ ک ی) and ې; see the module docstring for Pashto.
    return ArabicReshaper(configuration={"delete_harakat": True, "support_ligatures": True})


def _display_line(line: str) -> str:
    if line.endswith("\r"):
        return _display_line(line[:-1]) + "\r"
    if not line.strip():
        return line
    shaped = _reshaper().reshape(line)
    # The paragraph is right to left whatever its first letter: a label
    # like "RSA — ..." still reads from the right in an Arabic screen.
    visual = _get_display(shaped, base_dir="R")
    return _CONTROLS.sub("", visual)


def display(text: str, lang: str, shaping: bool = True) -> str:
    """`text` ready for a screen without bidi support, in `lang`.

    For ar, fa and ps with `shaping` on: shaped and reordered line by line
    (line breaks are kept). Otherwise `text` is returned unchanged, e.g. for
    a web page or a PDF whose engine shapes by itself.
    """
    if not shaping or not is_rtl(lang):
        return text
    return "\n".join(_display_line(line) for line in text.split("\n"))
