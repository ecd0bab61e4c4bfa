"""A line under a scrolling area that says more is below (or above).

A scroll bar is thin and easy to miss, and a resident may not know that a
touch screen scrolls: when the area holds more than it shows, this line
says so in words, with arrows, and a tap on it scrolls one page.
"""

from __future__ import annotations

from textual import events

from kiosk.widgets.scrollarea import ScrollArea
from kiosk.widgets.text import Para
from locales import N_, gettext

BELOW = N_("Faites défiler : la suite est plus bas")
ABOVE = N_("Faites défiler vers le haut pour revoir le début")


class ScrollHint(Para):
    DEFAULT_CSS = """
    ScrollHint { height: 1; text-style: bold; color: $text-primary; background: $panel; }
    """

    def __init__(self, area: ScrollArea, *, id: str | None = "more") -> None:
        super().__init__("", align="center", id=id)
        self.display = False  # until the area is laid out and found too long
        self.area = area

    _update_pending = False

    def on_mount(self) -> None:
        self.watch(self.area, "scroll_y", self._update_after_refresh, init=False)
        self.watch(self.area, "virtual_size", self._update_after_refresh, init=False)
        self._update_after_refresh()
        # The area's height is not a reactive value (it changes when the hint
        # itself shows or hides, or the window is resized): checked four
        # times a second as well.
        self.set_interval(0.25, self._update)

    def _update_after_refresh(self, *_args: object) -> None:
        # Once the screen is laid out: while a new screen is, the area's
        # sizes disagree for a moment, and the hint showed and hid again
        # (a layout of the whole screen each time) on every question.
        if not self._update_pending:
            self._update_pending = True
            self.call_after_refresh(self._update)

    def _update(self) -> None:
        self._update_pending = False
        area = self.area
        if not area.is_mounted:
            return
        # Judged as if the hint took no room: otherwise a page one row too
        # long for the area with the hint, and short enough without it,
        # would keep whichever state it reached first.
        overflow = area.max_scroll_y - (self.outer_size.height if self.display else 0)
        more_below = overflow > 0 and area.scroll_y < area.max_scroll_y - 0.5
        more_above = overflow > 0 and area.scroll_y > 0.5
        if more_below:
            self.update(f"▼ {gettext(self.lang, BELOW)} ▼")
        elif more_above:
            self.update(f"▲ {gettext(self.lang, ABOVE)} ▲")
        self.display = more_below or more_above

    def on_click(self, event: events.Click) -> None:
        event.stop()
        if self.area.scroll_y < self.area.max_scroll_y - 0.5:
            self.area.scroll_now("page_down")
        else:
            self.area.scroll_now("home")
