"""A QR code drawn with half blocks, or a plain sentence when it cannot fit.

One character cell is about twice as tall as it is wide, so each cell holds
two modules, one above the other (▀ ▄ █ and space): the modules come out
square. Dark modules are black on white whatever the theme (a scanner or a
phone expects dark on light; the high-contrast theme is light on black), with
the standard quiet zone of 4 light modules all around.

The code is not text: it is never shaped, reordered or wrapped, in any
language. A code cut by the edge of the screen cannot be read, so when the
widget is smaller than the code it shows `message` instead (through the
usual text path, `Bidi`).

The matrix lives in this widget only, in memory, and is dropped when the
widget is removed.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.widget import Widget

from kiosk.widgets.text import Bidi

#: Light modules around the code, as the QR standard asks.
QUIET_ZONE = 4
CODE_STYLE = Style(color="#000000", bgcolor="#ffffff")
# (top module dark, bottom module dark) -> the character drawn.
HALF_BLOCKS = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def qr_lines(text: str) -> list[str]:
    """`text` as a QR code, one string of half blocks per character row.

    The text must fit the QR "alphanumeric" mode (upper-case letters,
    digits, space and $%*+-./:), which stores 5.5 bits a character instead
    of 8 (a hand-over code is upper-case base 32). Error correction "L" keeps
    the code as small as possible; segno raises it only when the same
    version has room to spare. Raises `segno.DataOverflowError` when the
    text is too long for any QR code.
    """
    import segno

    qr = segno.make_qr(text, error="L", mode="alphanumeric", boost_error=True)
    rows = [[bool(module) for module in row] for row in qr.matrix_iter(scale=1, border=QUIET_ZONE)]
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    return [
        "".join(HALF_BLOCKS[top, bottom] for top, bottom in zip(upper, lower))
        for upper, lower in zip(rows[0::2], rows[1::2])
    ]


def centred(width: int, height: int, columns: int, rows: int) -> tuple[int, int]:
    """Where a code of `columns` × `rows` starts, centred in `width` × `height`."""
    return (width - columns) // 2, (height - rows) // 2


class HalfBlockCode:
    """A Rich renderable: the code's lines, centred in `width` × `height`."""

    def __init__(self, lines: list[str], width: int, height: int) -> None:
        self.lines = lines
        self.width = width
        self.height = height

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        columns = len(self.lines[0])
        left, top = centred(self.width, self.height, columns, len(self.lines))
        right = self.width - columns - left
        blank = Segment(" " * self.width)
        for _ in range(top):
            yield blank
            yield Segment.line()
        for line in self.lines:
            yield Segment(" " * left)
            yield Segment(line, CODE_STYLE)
            yield Segment(" " * right)
            yield Segment.line()
        for _ in range(self.height - top - len(self.lines)):
            yield blank
            yield Segment.line()


class QRCode(Widget):
    """The QR code of `text`, or `message` when the widget is too small for it."""

    DEFAULT_CSS = """
    QRCode { width: 1fr; height: 1fr; }
    """

    def __init__(self, text: str, *, message: str, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.message = message
        try:
            self._lines: list[str] | None = qr_lines(text)
        except ValueError:  # no QR code holds that much (segno.DataOverflowError)
            self._lines = None

    @property
    def code_size(self) -> tuple[int, int] | None:
        """(columns, rows) of characters the code needs, quiet zone included."""
        if not self._lines:
            return None
        return len(self._lines[0]), len(self._lines)

    @property
    def fits(self) -> bool:
        """Is the whole code, quiet zone included, on screen?"""
        size = self.code_size
        return size is not None and self.size.width >= size[0] and self.size.height >= size[1]

    @property
    def code_region(self) -> Region | None:
        """Where the code is drawn, in the widget's content; None when it is not."""
        size = self.code_size
        if size is None or not self.fits:
            return None
        return Region(*centred(self.size.width, self.size.height, *size), *size)

    def render(self) -> HalfBlockCode | Padding:
        if self._lines and self.fits:
            return HalfBlockCode(self._lines, self.size.width, self.size.height)
        shaping = getattr(self.app, "bidi_shaping", True)
        lang = getattr(self.app, "lang", "fr")
        return Padding(Bidi(self.message, lang, shaping=shaping, align="center", style="bold"), (1, 2))

    def on_unmount(self) -> None:
        self._lines = None
