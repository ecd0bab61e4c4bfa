"""The screen as a person sees it, read through Textual's public
`App.export_screenshot()` (the SVG its own snapshot tests compare): every
cell's character, with the colours it is drawn in. Modal dialogs are drawn
over the screens under them, as on the terminal."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import NamedTuple

from rich.cells import cell_len
from rich.console import Console
from rich.terminal_theme import SVG_EXPORT_THEME

_STYLE = re.compile(r"\.(terminal-\d+-r\d+) \{ ([^}]*)\}")
_FILL = re.compile(r"fill: (#[0-9a-fA-F]{6})")
_LINE_CLIP = re.compile(r'id="terminal-\d+-line-(\d+)">\s*<rect x="0" y="([\d.]+)" width="([\d.]+)"')
_RECT = re.compile(r'<rect fill="(#[0-9a-fA-F]{6})" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="[\d.]+"')
_TEXT = re.compile(
    r'<text class="(terminal-\d+-r\d+)" x="([\d.]+)" y="([\d.]+)" textLength="[\d.]+"[^>]*>([^<]*)</text>'
)

RGB = tuple[int, int, int]
# Where nothing is painted (the terminal's default background), the
# screenshot shows its theme's background.
_DEFAULT_BACK: RGB = tuple(SVG_EXPORT_THEME.background_color)


class Cell(NamedTuple):  # (a tuple: a screen of them is quick to build)
    char: str  # "" for the right half of a wide character
    fore: RGB | None
    back: RGB


def _rgb(hex_color: str) -> RGB:
    return int(hex_color[1:3], 16), int(hex_color[3:5], 16), int(hex_color[5:7], 16)


_EXPORT_SVG = Console.export_svg


def _export_svg_with_a_fixed_id(console, **options) -> str:
    return _EXPORT_SVG(console, **{"unique_id": "terminal-0", **options})


def _screenshot(app) -> tuple[str, int, int, Callable[[str, str], tuple[int, int]]]:
    """The SVG, the screen's size, and where an SVG position falls (column, row)."""
    width, height = app.size
    # Without an id, Rich names the SVG's styles after a checksum of the
    # repr of every segment drawn: a third of each reading of the screen,
    # which the tests do thousands of times. The names are not read here.
    Console.export_svg = _export_svg_with_a_fixed_id
    try:
        svg = app.export_screenshot(simplify=True)
    finally:
        Console.export_svg = _EXPORT_SVG
    clips = {int(n): (float(y), float(w)) for n, y, w in _LINE_CLIP.findall(svg)}
    char_width = clips[0][1] / width
    top, line_height = clips[0][0], clips[1][0] - clips[0][0]

    def cell_at(x: str, y: str) -> tuple[int, int]:
        # A background starts at its row's top, a text lower on its row; the
        # margin absorbs the decimals the SVG rounds its positions to.
        return round(float(x) / char_width), int((float(y) - top) / line_height + 0.01)

    return svg, width, height, cell_at


def _place(chars: list[list[str]], column: int, row: int, content: str):
    """Write a text element's characters from (column, row); yields the
    columns written (a wide character takes two, the second left empty)."""
    text = html.unescape(content.replace("&#160;", " ")).replace("\n", "")
    for char in text:
        wide = cell_len(char)
        if wide == 0:  # a combining mark belongs to the character before it
            chars[row][column - 1] += char
            continue
        chars[row][column] = char
        for extra in range(1, wide):
            chars[row][column + extra] = ""
        yield from range(column, column + wide)
        column += wide


def _export_text_instead(console, **_options) -> str:
    return console.export_text(styles=False)


def screen_text(app) -> str:
    """The characters on the screen, one line per row.

    The same drawing as the screenshot's (`App.export_screenshot`: every
    widget rendered, dialogs over the screens under them, into a recording
    Rich console), taken from that console as text (`Console.export_text`)
    instead of as an SVG parsed back: a third of the CPU of a reading, and
    the tests read the screen thousands of times. The characters are the
    ones the SVG shows, row for row (checked on every reading of a whole
    run of tests/kiosk and tests/advisor: `svg_screen_text`)."""
    _, height = app.size
    Console.export_svg = _export_text_instead
    try:
        text = app.export_screenshot()
    finally:
        Console.export_svg = _EXPORT_SVG
    lines = text.split("\n")
    assert len(lines) >= height and not any(lines[height:]), "not one line per row"
    return "\n".join(lines[:height])


def screen_cells(app) -> list[list[str]]:
    """The characters on the screen cell by cell, row by row, as `drawn_grid`
    has them (a wide character's right half "", a combining mark with the
    character before it), without the colours: from `screen_text`."""
    rows = []
    for line in screen_text(app).split("\n"):
        row: list[str] = []
        for char in line:
            wide = cell_len(char)
            if wide == 0 and row:
                row[-1] += char
                continue
            row.append(char)
            row.extend([""] * (wide - 1))
        rows.append(row)
    return rows


def svg_screen_text(app) -> str:
    """The characters on the screen, read from the SVG screenshot itself
    (as `drawn_grid` reads them): what `screen_text` is compared with."""
    svg, width, height, cell_at = _screenshot(app)
    chars = [[" "] * width for _ in range(height)]
    for _name, x, y, content in _TEXT.findall(svg):
        column, row = cell_at(x, y)
        for _ in _place(chars, column, row, content):
            pass
    return "\n".join("".join(row) for row in chars)


def drawn_grid(app) -> list[list[Cell]]:
    """Every cell of the screen with its colours, row by row."""
    svg, width, height, cell_at = _screenshot(app)
    colours = {}
    for name, css in _STYLE.findall(svg):
        fill = _FILL.search(css)
        colours[name] = _rgb(fill.group(1)) if fill else None
    chars = [[" "] * width for _ in range(height)]
    fores: list[list[RGB | None]] = [[None] * width for _ in range(height)]
    backs: list[list[RGB]] = [[_DEFAULT_BACK] * width for _ in range(height)]
    for fill, x, y, span in _RECT.findall(svg):
        column, row = cell_at(x, y)
        end, _ = cell_at(str(float(x) + float(span)), y)
        if 0 <= row < height:
            start = min(column, width)
            end = max(start, min(width, end))
            backs[row][start:end] = [_rgb(fill)] * (end - start)
    for name, x, y, content in _TEXT.findall(svg):
        column, row = cell_at(x, y)
        for each in _place(chars, column, row, content):
            fores[row][each] = colours[name]
    return [list(map(Cell, *rows)) for rows in zip(chars, fores, backs)]


def grid_text(grid: list[list[Cell]]) -> str:
    return "\n".join("".join(cell.char for cell in row) for row in grid)
