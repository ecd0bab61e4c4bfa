"""Progress through the questions: filled and empty blocks plus a sentence,
so it reads without colour."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class StepProgress(Widget):
    DEFAULT_CSS = """
    StepProgress { height: 1; width: 1fr; color: $text-primary; }
    """

    done: reactive[int] = reactive(0)
    total: reactive[int] = reactive(1)

    def __init__(self, done: int = 0, total: int = 1, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(StepProgress.done, done)
        self.set_reactive(StepProgress.total, max(1, total))

    def render(self) -> Text:
        width = max(4, self.size.width)
        total = max(1, self.total)
        filled = round(width * min(self.done, total) / total)
        # The bar fills in reading direction; the sentence beside it carries the numbers.
        bar = "█" * filled + "░" * (width - filled)
        if getattr(self.app, "rtl", False):
            bar = bar[::-1]
        return Text(bar)
