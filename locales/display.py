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
# Stand for the isolated runs of a line while the rest is reordered: neutrals,
# like the isolates themselves in the Unicode algorithm, and each a different
# one (the Yijing hexagrams, never in our texts): two runs can come out of the
# reordering in either order.
_STAND_INS = [chr(0x4DC0 + i) for i in range(64)]


def isolate(text: str) -> str:
    """`text` (a name, a web address) kept whole inside a translated sentence:
    "ici (CCAS de Lille (démonstration))" in Arabic keeps the Latin name and
    its own parentheses in order. Wrap values, not translations."""
    return f"{FSI}{text}{PDI}"


_OPENERS, _CLOSERS = "([{", ")]}"
_JOIN = " — "
# What may close a left-to-right run: a letter, a digit, a closing bracket,
# a euro or percent sign. Spaces, dashes, commas and full stops after it belong
# to the sentence around it.
_RUN_END = re.compile(r"[\w)\]}€%]")


def isolate_latin(text: str) -> str:
    """Each left-to-right run of a right-to-left text (a French name, "RSA
    (revenu de solidarité active)", an address) marked as an isolate, with
    its own brackets, before the text is wrapped.

    Wrapped lines are reordered one by one: a bracket whose partner went to
    the next line, or a Latin name with nested brackets, would otherwise be
    mirrored and moved as if it belonged to the Arabic sentence. An isolated
    run is drawn left to right as written, and `_ISOLATED` keeps the halves
    of a run cut by a line break. Runs already isolated are left alone."""
    parts = re.split(f"({FSI}[^{FSI}{PDI}]*{PDI})", text)
    return "".join(part if part.startswith(FSI) else _isolate_runs(part) for part in parts)


def _isolate_runs(text: str) -> str:
    out: list[str] = []
    index = 0
    while index < len(text):
        start = next((i for i in range(index, len(text)) if _strong(text[i]) == "L"), None)
        if start is None:
            out.append(_isolate_numbers(text[index:]))
            break
        end = start
        # A run stops at a right-to-left letter, or at " — ", which joins a
        # translation and the French name: "منحة (ASF) — Allocation…" is two runs.
        while end < len(text) and _strong(text[end]) != "R" and not text.startswith(_JOIN, end):
            end += 1
        # Back to the run's last letter, digit or closing bracket.
        while end > start and not _RUN_END.match(text[end - 1]):
            end -= 1
        # The opening brackets just before it, when their partner is inside.
        while start > index and text[start - 1] in _OPENERS:
            start -= 1
        end = _balanced_end(text, start, end)
        lead = start
        while lead < end and text[lead] in _OPENERS and _partner(text, lead, end) is None:
            lead += 1  # an opening bracket closed outside the run stays outside
        out.append(_isolate_numbers(text[index:lead]))
        out.append(f"{FSI}{text[lead:end]}{PDI}" if lead < end else "")
        index = end
    return "".join(out)


# Digits in groups with spaces between them: a phone number ("0 805 204
# 805"), an amount typed with spaces. In a right-to-left sentence the
# algorithm orders the groups right to left ("805 204 805 0"): a resident
# would dial the wrong number. Isolated, they read as written. Groups joined
# otherwise ("1 084,42" with a narrow no-break space, 25/12/1980, 09:00)
# already hold together; a range "13:30–17:00" is left to the reading order.
_NUMBER_GROUPS = re.compile(r"\+?\d[\d.,:/\u00a0\u202f]*(?: \d[\d.,:/\u00a0\u202f]*)+(?<=\d)")


def _isolate_numbers(text: str) -> str:
    return _NUMBER_GROUPS.sub(lambda match: f"{FSI}{match.group()}{PDI}", text)


def _no_break(match: re.Match) -> str:
    return match.group().replace(" ", "\u00a0")


def join_number_groups(text: str) -> str:
    """For a text engine that reorders right-to-left text itself (the PDF):
    the spaces between groups of digits made no-break spaces, which the
    algorithm keeps inside a number (and a line never breaks there)."""
    return _NUMBER_GROUPS.sub(_no_break, text)


# Narrower than _NUMBER_GROUPS: digits split by single spaces and nothing
# else ("03 20 99 10 28"), so that a list of times "12:00, 13:30" is not
# held as one word when wrapped.
_PHONE_GROUPS = re.compile(r"\b\d+(?: \d+)+\b")


def hold_phone_numbers(text: str) -> str:
    """For a left-to-right wrap: the spaces inside a phone number made
    no-break spaces, so that the number is never cut across two lines
    (right to left, `display` isolates it, and the kiosk's wrap keeps an
    isolated run together)."""
    return _PHONE_GROUPS.sub(_no_break, text)


def _balanced_end(text: str, start: int, end: int) -> int:
    """`end`, or earlier: before the first closing bracket whose opening one
    is not in the run (the bracket of the sentence around it)."""
    depth = 0
    for i in range(start, end):
        if text[i] in _OPENERS:
            depth += 1
        elif text[i] in _CLOSERS:
            if depth == 0:
                cut = i
                while cut > start and not _RUN_END.match(text[cut - 1]):
                    cut -= 1
                return cut
            depth -= 1
    return end


def _partner(text: str, opener: int, end: int) -> int | None:
    depth = 0
    for i in range(opener, end):
        if text[i] in _OPENERS:
            depth += 1
        elif text[i] in _CLOSERS:
            depth -= 1
            if depth == 0:
                return i
    return None


def _strong(char: str) -> str:
    """ "L" or "R" for a letter with a direction, "" for the rest (digits,
    spaces, punctuation)."""
    import unicodedata

    kind = unicodedata.bidirectional(char)
    if kind == "L":
        return "L"
    if kind in ("R", "AL"):
        return "R"
    return ""


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
        return _STAND_INS[len(runs) - 1] if len(runs) <= len(_STAND_INS) else runs.pop()

    line = _ISOLATED.sub(set_aside, line)
    shaped = _reshaper().reshape(line)
    # The paragraph is right to left whatever its first letter: a label
    # like "RSA — ..." still reads from the right in an Arabic screen.
    visual = _get_display(shaped, base_dir="R")
    for stand_in, run in zip(_STAND_INS, runs):
        visual = visual.replace(stand_in, _display_run(run), 1)
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
