"""An on-screen number pad, so amounts and ages need no physical keyboard.

Digits typed on a keyboard reach the same display (the question screen
forwards them with `type_key`), so the pad works by touch alone and by
keyboard alone. The pad only edits a string; the questionnaire parses it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from kiosk.widgets.buttons import BigButton
from kiosk.widgets.text import Para

MAX_DIGITS = 9  # also fits a date: 25/12/1980


class PadKey(BigButton, can_focus=False):
    """A key of the pad: tapped, never focused (keyboard users type the digit)."""

    DEFAULT_CSS = """
    PadKey { height: 3; margin: 0 1 0 0; min-width: 7; }
    """


class NumberPad(Vertical):
    DEFAULT_CSS = """
    NumberPad { height: auto; width: 40; }
    NumberPad #pad-display {
        height: 3;
        border: heavy $primary;
        text-style: bold;
        padding: 0 1;
        margin-bottom: 1;
    }
    NumberPad .pad-gap { height: 3; }
    NumberPad Grid {
        grid-size: 3 4;
        grid-gutter: 0 0;
        height: 12;
        width: 40;
    }
    """

    value: reactive[str] = reactive("")

    class Changed(Message):
        def __init__(self, pad: NumberPad, value: str) -> None:
            super().__init__()
            self.pad = pad
            self.value = value

    def __init__(
        self,
        value: str = "",
        *,
        decimals: bool = True,
        separator: str | None = None,
        suffix: str = "",
        mask: bool = False,
        rtl: bool = False,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.decimals = decimals
        # "/" for dates typed as 25/12/1980 (instead of the decimal comma).
        self.separator = separator
        self.suffix = suffix
        self.mask = mask
        self.rtl = rtl
        self.set_reactive(NumberPad.value, value)

    def compose(self) -> ComposeResult:
        # Numbers are written left to right in every language here (Western
        # digits, as on CAF letters); only the keys' rows follow the reading
        # direction, so that 1 2 3 read in order for right-to-left readers.
        yield Para(self._shown(), lang="fr", align="end", id="pad-display")
        extra = self.separator or ("," if self.decimals else "")
        rows = [list("789"), list("456"), list("123"), [extra, "0", "⌫"]]
        with Grid():
            for row in rows:
                for key in row[::-1] if self.rtl else row:
                    if not key:
                        # A whole number has no comma: an empty cell, as on a
                        # phone's keypad, not a blank key that does nothing.
                        yield Static(classes="pad-gap")
                        continue
                    key_id = {"⌫": "back", extra: "comma"}.get(key, key)
                    value = {"⌫": "back"}.get(key, extra if key_id == "comma" else key)
                    yield PadKey(key, value=value, lang="fr", id=f"pad-{key_id}")

    def _shown(self) -> str:
        if not self.value:
            return "_"
        text = "•" * len(self.value) if self.mask else self.value
        return f"{text} {self.suffix}".rstrip()

    def watch_value(self, value: str) -> None:
        if self.is_mounted:
            for display in self.query("#pad-display").results(Para):  # none once it is being removed
                display.update(self._shown())
        self.post_message(self.Changed(self, value))

    def type_key(self, key: str) -> bool:
        """Apply one key ("0".."9", ",", ".", "back"); False if it is not for the pad."""
        value = self.value
        if key == "back":
            value = value[:-1]
        elif self.separator and key == self.separator:
            if value.count(key) >= 2 or not value or value.endswith(key):
                return True
            value += key
        elif key in (",", "."):
            if not self.decimals or "," in value:
                return True
            value = (value or "0") + ","
        elif len(key) == 1 and key.isdigit():
            digits = sum(c.isdigit() for c in value)
            if digits >= MAX_DIGITS:
                return True
            if self.decimals and "," in value and len(value.split(",", 1)[1]) >= 2:
                return True
            # Leading zeros are kept: "03/2021" is a month, "0" then "5" is typed as seen.
            value += key
        elif key == "":
            return True
        else:
            return False
        self.value = value
        return True

    def clear(self) -> None:
        self.value = ""

    def on_big_button_pressed(self, event: BigButton.Pressed) -> None:
        event.stop()
        self.type_key(str(event.button.value))
