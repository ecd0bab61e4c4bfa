"""Reading direction for layouts: arrows and rows of buttons.

Textual lays widgets out left to right whatever the language. In Arabic,
Dari and Pashto a line starts on the right, so "Back" points right, "Next"
points left, and the first choice of a row stands on the right. These
helpers give the order and the arrows; `Bidi` already mirrors the text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, TypeVar

from textual.binding import Binding

from locales import is_rtl

if TYPE_CHECKING:
    from textual.widget import Widget

T = TypeVar("T")

#: The arrows move between buttons as Tab does, in reading order: right to
#: left in Arabic, Dari and Pashto (`KioskApp.action_focus_side`). Bound by
#: the app, and by each dialog: the app's bindings do not reach a modal screen.
ARROW_KEYS = [
    Binding("down", "app.focus_next", show=False),
    Binding("up", "app.focus_previous", show=False),
    Binding("right", "app.focus_side('right')", show=False),
    Binding("left", "app.focus_side('left')", show=False),
]


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


def reading_order(chain: Sequence[Widget], rtl: bool) -> list[Widget]:
    """Textual's focus chain (`Screen.focus_chain`) in reading order.

    Textual orders the focus by position, top to bottom and left to right,
    whatever the language; right-to-left layouts are mirrored (the rows above
    are composed in reverse), so Tab would run against the reading. Here each
    container's children are taken top to bottom and, in a right-to-left
    language, right to left: Tab follows the line as it is read, in rows of
    buttons, grids and pads alike."""
    if not rtl:
        return list(chain)

    def position(node: Widget) -> tuple[int, int]:
        region, margin = node.virtual_region, node.styles.margin
        return region.y - margin.top, -(region.right + margin.right)

    def path(widget: Widget) -> list[tuple[int, int]]:
        # From the screen down to the widget: a container sorts before its
        # children (a shorter path first), siblings by position.
        screen, nodes = widget.screen, []
        for node in widget.ancestors_with_self:
            if node is screen:
                break
            nodes.append(node)
        return [position(node) for node in reversed(nodes)]

    return sorted(chain, key=path)
