"""Reading direction for layouts: arrows and rows of buttons.

Textual lays widgets out left to right whatever the language. In Arabic,
Dari and Pashto a line starts on the right, so "Back" points right, "Next"
points left, and the first choice of a row stands on the right. These
helpers give the order and the arrows; `Bidi` already mirrors the text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from locales import is_rtl

T = TypeVar("T")


def back_arrow(lang: str) -> str:
    """The arrow of "Back": towards where a line starts."""
    return "→" if is_rtl(lang) else "←"


def next_arrow(lang: str) -> str:
    """The arrow of "Next" (and of a step to take): the way one reads."""
    return "←" if is_rtl(lang) else "→"


def in_reading_order(items: Iterable[T], lang: str) -> list[T]:
    """A row of widgets, first on the side where reading starts."""
    items = list(items)
    return items[::-1] if is_rtl(lang) else items


def grid_in_reading_order(items: Iterable[T], columns: int, lang: str, filler: Callable[[], T]) -> list[T]:
    """Grid cells in the order a left-to-right grid fills them, so that the
    items read in `lang`'s direction: each row mirrored for right to left,
    an incomplete last row padded with `filler()` on its far side."""
    items = list(items)
    if not is_rtl(lang) or columns <= 1:
        return items
    out: list[T] = []
    for start in range(0, len(items), columns):
        row = items[start : start + columns]
        row += [filler() for _ in range(columns - len(row))]
        out.extend(row[::-1])
    return out
