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


FSI, PDI = "\u2068", "\u2069"
# An isolated run (FSI … PDI), or the part of one a line break cut off.
_ISOLATED = re.compile(f"{FSI}([^{FSI}{PDI}]*)(?:{PDI}|$)|^([^{FSI}{PDI}]*){PDI}")
# Stands for an isolated run while the rest of the line is reordered: a
# neutral, like the isolate itself in the Unicode algorithm.
_STAND_IN = "\ufffc"


def isolate(text: str) -> str:
    """`text` (a name, a web address) kept whole inside a translated sentence:
    "ici (CCAS de Lille (démonstration))" in Arabic keeps the Latin name and
    its own parentheses in order. Wrap values, not translations."""
    return f"{FSI}{text}{PDI}"


def strip_isolates(text: str) -> str:
    """The text without the marks `isolate` adds, for screens that do not reorder."""
    return text.replace(FSI, "").replace(PDI, "")


def _display_line(line: str) -> str:
    if line.endswith("\r"):
        return _display_line(line[:-1]) + "\r"
    if not line.strip():
        return line
    # python-bidi's pure Python algorithm does not know isolates (it fails on
    # them): each isolated run is set aside, stands as one neutral character
    # while the line is reordered, then comes back in its own direction.
    runs: list[str] = []

    def set_aside(match: re.Match) -> str:
        runs.append(match.group(1) if match.group(1) is not None else match.group(2))
        return _STAND_IN

    line = _ISOLATED.sub(set_aside, line)
    shaped = _reshaper().reshape(line)
    # The paragraph is right to left whatever its first letter: a label
    # like "RSA — ..." still reads from the right in an Arabic screen.
    visual = _get_display(shaped, base_dir="R")
    for run in runs:
        shown = _display_run(run)
        visual = visual.replace(_STAND_IN, shown, 1)
    return _CONTROLS.sub("", visual)


def _display_run(run: str) -> str:
    """An isolated run on its own: left to right if it starts with a Latin
    letter or a digit (a name, an address), else like any line."""
    first = next((c for c in run if c.isalpha() or c.isdigit()), "")
    if not first or first.isascii() or not _is_rtl_letter(first):
        return run
    return _get_display(_reshaper().reshape(run), base_dir="R")


def _is_rtl_letter(char: str) -> bool:
    import unicodedata

    return unicodedata.bidirectional(char) in ("R", "AL")


def display(text: str, lang: str, shaping: bool = True) -> str:
    """`text` ready for a screen without bidi support, in `lang`.

    For ar, fa and ps with `shaping` on: shaped and reordered line by line
    (line breaks are kept). Otherwise `text` is returned unchanged, e.g. for
    a web page or a PDF whose engine shapes by itself.
    """
    if not shaping or not is_rtl(lang):
        return text
    return "\n".join(_display_line(line) for line in text.split("\n"))
