"""Scrolling areas that are never a stop for Tab.

A scrolling area that takes the focus shows no mark (it is not a button),
so a keyboard user would lose track of where they are. These areas leave
the focus to the buttons inside them; the keys still scroll them, because
Textual looks up a key's binding on the focused widget, then on each of
its containers: Page Up / Page Down / Home / End scroll the area around
the focused button. (The screens bind the same keys for when the focus is
elsewhere, see `KioskScreen`.)
"""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll


class ScrollArea(VerticalScroll, can_focus=False):
    """Text to read (results, procedures): Up and Down scroll it while it
    can scroll, then move the focus (the app's bindings)."""


class ChoiceArea(ScrollArea):
    """A question and its answers, the languages: Up and Down go from one
    answer to the next (the focused one is always brought into view); the
    page keys scroll."""

    BINDINGS = [
        Binding("up", "app.focus_previous", show=False),
        Binding("down", "app.focus_next", show=False),
    ]
