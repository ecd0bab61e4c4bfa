"""Text that reads right in every language on a terminal without bidi.

Terminals (and xterm.js in the browser) draw characters left to right and do
not join Arabic letters. `locales.display` reshapes and reorders one line;
a paragraph must be wrapped *first*, in reading order, then each line
reordered, or the lines of a long sentence come out in the wrong order. This
renderable does that at the width Textual gives it, and aligns right-to-left
text to the right.
"""

from __future__ import annotations

import re
from typing import Literal

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from locales import display, is_rtl, isolate_latin, strip_isolates
from locales.display import FSI, PDI, hold_phone_numbers

Align = Literal["start", "center", "end"]


# Any space but the no-break ones (U+00A0, U+2007, U+202F), which hold an
# amount ("1 084,42 €"), a time ("12:00 م") or a phone number on one line.
_BREAKABLE_SPACES = re.compile(r"[^\S\u00a0\u2007\u202f]+")


def _words(paragraph: str, width: int) -> list[str]:
    """The paragraph's words; the words of an isolated run (a French name
    with its brackets) stay together as one when they fit on a line."""
    words: list[str] = []
    group: list[str] | None = None
    for word in _BREAKABLE_SPACES.split(paragraph):
        if not word:
            continue
        if group is None and FSI in word and PDI not in word.split(FSI, 1)[1]:
            group = [word]
        elif group is not None:
            group.append(word)
        else:
            words.append(word)
        if group is not None and PDI in word and len(group) > 1:
            joined = " ".join(group)
            words.extend([joined] if cell_len(joined) <= width else group)
            group = None
    words.extend(group or [])
    # A dash stays at the end of its line ("… (ASF) —"), never starts one.
    glued: list[str] = []
    for word in words:
        if word == "—" and glued and cell_len(glued[-1]) + 2 <= width:
            glued[-1] += " —"
        else:
            glued.append(word)
    return glued


def wrap_cells(text: str, width: int) -> list[str]:
    """Greedy word wrap by terminal cells; words longer than a line are cut."""
    width = max(1, width)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in _words(paragraph, width):
            while cell_len(word) > width:
                room = width - cell_len(line) - (1 if line else 0)
                if room <= 0:
                    lines.append(line)
                    line = ""
                    continue
                cut = 0
                while cut < len(word) and cell_len(word[: cut + 1]) <= room:
                    cut += 1
                line = f"{line} {word[:cut]}" if line else word[:cut]
                lines.append(line)
                line, word = "", word[cut:]
            if not line:
                line = word
            elif cell_len(line) + 1 + cell_len(word) <= width:
                line = f"{line} {word}"
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


def _close_isolates(lines: list[str]) -> list[str]:
    """Each line of a wrapped text with its isolates whole: a run cut by line
    breaks is closed at the end of a line and opened again on the next, so
    that its middle lines are reordered as part of it too."""
    inside = False
    out = []
    for line in lines:
        opened = inside
        for char in line:
            if char == FSI:
                inside = True
            elif char == PDI:
                inside = False
        out.append((FSI if opened else "") + line + (PDI if inside else ""))
    return out


class Bidi:
    """A Rich renderable: `text` in logical order, shown for `lang`."""

    def __init__(
        self,
        text: str,
        lang: str,
        *,
        shaping: bool = True,
        align: Align = "start",
        style: str | Style = "",
    ) -> None:
        self.text = text
        self.lang = lang
        self.shaping = shaping
        self.align = align
        self.style = style
        # Lines by width: Textual asks for them to measure the height, then
        # to draw, at each layout; shaping right-to-left text is the dear part.
        self._lines: dict[int, list[str]] = {}

    @property
    def rtl(self) -> bool:
        return is_rtl(self.lang)

    def _justify(self) -> str:
        if self.align == "center":
            return "center"
        start, end = ("right", "left") if self.rtl else ("left", "right")
        return start if self.align == "start" else end

    def lines(self, width: int) -> list[str]:
        if width not in self._lines:
            self._lines[width] = self._wrap(width)
        return list(self._lines[width])

    def _wrap(self, width: int) -> list[str]:
        if not (self.rtl and self.shaping):
            return wrap_cells(hold_phone_numbers(strip_isolates(self.text)), width)
        # Latin runs isolated before the wrap: a line break inside "RSA
        # (revenu de solidarité active)" must not split its brackets' pairing.
        lines = _close_isolates(wrap_cells(isolate_latin(self.text), width))
        return [display(line, self.lang, shaping=True) for line in lines]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        justify = self._justify()
        # Wrapped here in every language, not by Rich, which breaks lines at
        # no-break spaces too.
        text = Text("\n".join(self.lines(width)), style=self.style, justify=justify)
        text.no_wrap = True
        yield text

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        words = _BREAKABLE_SPACES.split(strip_isolates(self.text)) or [""]
        longest_word = max(cell_len(w) for w in words)
        longest_line = max(cell_len(line) for line in self.text.split("\n"))
        return Measurement(min(longest_word, options.max_width), min(longest_line, options.max_width))


class Para(Widget):
    """A paragraph of translated text, shown in the app's current language."""

    DEFAULT_CSS = """
    Para { height: auto; width: 1fr; }
    """

    text: reactive[str] = reactive("", layout=True)

    def __init__(
        self,
        text: str = "",
        *,
        lang: str | None = None,
        align: Align = "start",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._lang = lang
        self.align = align
        self.set_reactive(Para.text, text)
        self._bidi: Bidi | None = None

    @property
    def lang(self) -> str:
        return self._lang or getattr(self.app, "lang", "fr")

    def render(self) -> Bidi:
        shaping = getattr(self.app, "bidi_shaping", True)
        wanted = (self.text, self.lang, shaping, self.align)
        bidi = self._bidi
        # The same renderable while these hold, so that its lines are shaped
        # once a width (it goes with the widget).
        if bidi is None or (bidi.text, bidi.lang, bidi.shaping, bidi.align) != wanted:
            bidi = self._bidi = Bidi(self.text, self.lang, shaping=shaping, align=self.align)
        return bidi

    def update(self, text: str) -> None:
        self.text = text
