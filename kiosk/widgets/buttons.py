"""Big touch targets: several rows tall, well spaced, usable by keyboard.

A `BigButton` is pressed by a click or tap, or by Enter or Space when it has
the focus. Its label is translated text shown with `Bidi`, so Arabic-script
labels are shaped and ordered like every other text. Focus is shown by a
heavier border, reversed letters and ▶ ◀ marks, not by colour alone (the
rules that win over every other border are at the end of kiosk.tcss).
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from kiosk.widgets.text import Bidi


class BigButton(Widget, can_focus=True):
    DEFAULT_CSS = """
    BigButton {
        width: 1fr;
        height: 5;
        min-height: 3;
        content-align: center middle;
        text-align: center;
        border: round $primary;
        background: $surface;
        margin: 0 1 1 1;
        padding: 0 1;
    }
    BigButton:focus {
        border: heavy $accent;
        text-style: bold reverse;
    }
    BigButton:hover { background: $boost; }
    BigButton.-selected { border: double $success; text-style: bold; }
    BigButton.-disabled { opacity: 50%; }
    """

    BINDINGS = [
        Binding("enter,space", "press", show=False),
    ]

    label: reactive[str] = reactive("", layout=True)
    selected: reactive[bool] = reactive(False)

    class Pressed(Message):
        def __init__(self, button: BigButton) -> None:
            super().__init__()
            self.button = button

        @property
        def control(self) -> BigButton:
            return self.button

    def __init__(
        self,
        label: str,
        *,
        value: object = None,
        lang: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        tooltip: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.set_reactive(BigButton.label, label)
        self.value = value
        self._lang = lang

    @property
    def lang(self) -> str:
        return self._lang or getattr(self.app, "lang", "fr")

    def render(self) -> Bidi:
        return Bidi(
            self._text(self.has_focus), self.lang, shaping=getattr(self.app, "bidi_shaping", True), align="center"
        )

    def _text(self, focused: bool) -> str:
        text = self.label
        if self.selected:
            # A check mark as well as the border: selection is not colour alone.
            text = f"✔ {text}"
        if focused and self.screen.is_active:
            # Focus too: marks on both sides, whatever the border and colours;
            # close to the label when that keeps a narrow button on one line
            # (a mark cut off would not say which side it is).
            spaced, close = f"▶ {text} ◀", f"▶{text}◀"
            width = self.content_size.width
            text = close if cell_len(spaced) > width >= cell_len(close) else spaced
        return text

    def watch_selected(self, selected: bool) -> None:
        self.set_class(selected, "-selected")

    def on_focus(self) -> None:
        self.redraw_marks()

    def on_blur(self) -> None:
        self.redraw_marks()

    def redraw_marks(self) -> None:
        """Draw the focus marks again (they come and go with the focus, and
        with the screen being in use)."""
        if not self.content_size.width:
            # Not laid out yet (focused as its screen mounts): the layout to
            # come draws it, marks included.
            self.refresh()
            return
        # The layout too when the marks change the number of lines the label
        # takes (a whole layout at every Tab is slow on a busy kiosk).
        width = self.content_size.width
        bare = Bidi(self._text(False), self.lang, shaping=False).lines(width)
        marked = Bidi(self._text(True), self.lang, shaping=False).lines(width)
        self.refresh(layout=len(bare) != len(marked))

    def action_press(self) -> None:
        self.post_message(self.Pressed(self))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.action_press()
