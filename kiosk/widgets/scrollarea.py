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

from typing import Literal

from textual.actions import SkipAction
from textual.binding import Binding
from textual.containers import VerticalScroll

Scroll = Literal["up", "down", "page_up", "page_down", "home", "end"]


class ScrollArea(VerticalScroll, can_focus=False):
    """Text to read (results, procedures): Up and Down scroll it while it
    can scroll, then move the focus (the app's bindings)."""

    def scroll_now(self, how: Scroll) -> None:
        """Scroll by a line, a page or to an end, at once and without
        animation. Textual's own page scroll starts from where the area was
        last drawn (or is in its animation): Page Down held, or the hint
        tapped twice, went one page in all."""
        page = self.scrollable_content_region.height
        y = {
            "up": self.scroll_y - 1,
            "down": self.scroll_y + 1,
            "page_up": self.scroll_y - page,
            "page_down": self.scroll_y + page,
            "home": 0,
            "end": self.max_scroll_y,
        }[how]
        self.scroll_to(y=y, animate=False, immediate=True)

    # The area's own keys, when the focus is on a button inside it.
    def action_scroll_up(self) -> None:
        self.scroll_by_key("up")

    def action_scroll_down(self) -> None:
        self.scroll_by_key("down")

    def action_page_up(self) -> None:
        self.scroll_by_key("page_up")

    def action_page_down(self) -> None:
        self.scroll_by_key("page_down")

    def scroll_by_key(self, how: Scroll) -> None:
        """A scrolling key: taken while the area can scroll, otherwise left
        to the next binding (the app's arrows move the focus)."""
        if not self.allow_vertical_scroll:
            raise SkipAction()
        self.scroll_now(how)


class ChoiceArea(ScrollArea):
    """A question and its answers, the languages: Up and Down go from one
    answer to the next (the focused one is always brought into view); the
    page keys scroll."""

    BINDINGS = [
        Binding("up", "app.focus_previous", show=False),
        Binding("down", "app.focus_next", show=False),
    ]
