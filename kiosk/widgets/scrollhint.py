"""A line under a scrolling area that says more is below (or above).

A scroll bar is thin and easy to miss, and a resident may not know that a
touch screen scrolls: when the area holds more than it shows, this line
says so in words, with arrows, and a tap on it scrolls one page.
"""

from __future__ import annotations

from textual import events
from textual.containers import ScrollableContainer

from kiosk.widgets.text import Para


class ScrollHint(Para):
    DEFAULT_CSS = """
    ScrollHint { height: 1; text-style: bold; color: $text-primary; background: $panel; }
    """

    def __init__(self, area: ScrollableContainer, *, below: str, above: str, id: str | None = None) -> None:
        super().__init__("", align="center", id=id)
        self.area = area
        self.below = below
        self.above = above

    def on_mount(self) -> None:
        self.watch(self.area, "scroll_y", self._update, init=False)
        self.watch(self.area, "virtual_size", self._update, init=False)
        self.watch(self.area, "size", self._update, init=False)
        self.call_after_refresh(self._update)
        # A safety net: some layout changes (a grid filled later) reach the
        # area without changing the values watched above in the same frame.
        pass  # self.set_interval(0.5, self._update)

    def _update(self, *_args: object) -> None:
        area = self.area
        if not area.is_mounted:
            return
        more_below = area.scroll_y < area.max_scroll_y - 0.5
        more_above = area.scroll_y > 0.5
        if more_below:
            self.update(f"▼ {self.below} ▼")
        elif more_above:
            self.update(f"▲ {self.above} ▲")
        self.display = more_below or more_above

    def on_click(self, event: events.Click) -> None:
        event.stop()
        if self.area.scroll_y < self.area.max_scroll_y - 0.5:
            self.area.scroll_page_down(animate=False)
        else:
            self.area.scroll_home(animate=False)
