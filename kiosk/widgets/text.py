"""Text that reads right in every language on a terminal without bidi.

Terminals (and xterm.js in the browser) draw characters left to right and do
not join Arabic letters. `locales.display` reshapes and reorders one line;
a paragraph must be wrapped *first*, in reading order, then each line
reordered, or the lines of a long sentence come out in the wrong order. This
renderable does that at the width Textual gives it, and aligns right-to-left
text to the right.
"""

from __future__ import annotations

from typing import Literal

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from locales import display, is_rtl, strip_isolates

Align = Literal["start", "center", "end"]


def wrap_cells(text: str, width: int) -> list[str]:
    """Greedy word wrap by terminal cells; words longer than a line are cut."""
    width = max(1, width)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
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

    @property
    def rtl(self) -> bool:
        return is_rtl(self.lang)

    def _justify(self) -> str:
        if self.align == "center":
            return "center"
        start, end = ("right", "left") if self.rtl else ("left", "right")
        return start if self.align == "start" else end

    def lines(self, width: int) -> list[str]:
        if not (self.rtl and self.shaping):
            return wrap_cells(strip_isolates(self.text), width)
        return [display(line, self.lang, shaping=True) for line in wrap_cells(self.text, width)]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        justify = self._justify()
        if not self.rtl:
            # Isolation marks (locales.isolate) only matter to the reordering.
            yield Text(strip_isolates(self.text), style=self.style, justify=justify)
            return
        text = Text("\n".join(self.lines(width)), style=self.style, justify=justify)
        text.no_wrap = True
        yield text

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        words = self.text.split() or [""]
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

    @property
    def lang(self) -> str:
        return self._lang or getattr(self.app, "lang", "fr")

    def render(self) -> Bidi:
        shaping = getattr(self.app, "bidi_shaping", True)
        return Bidi(self.text, self.lang, shaping=shaping, align=self.align)

    def update(self, text: str) -> None:
        self.text = text
