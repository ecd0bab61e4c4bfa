"""An on-screen letter pad for the commune search: no physical keyboard
needed. Letters typed on a keyboard reach it too (`type_key`)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.message import Message
from textual.reactive import reactive

from kiosk.widgets.numpad import PadKey
from kiosk.widgets.text import Para

# French commune names only need these (accents are folded by the search).
KEYS = list("AZERTYUIOPQSDFGHJKLMWXCVBN") + ["-", "'", "␣", "⌫"]
MAX_LETTERS = 40


class LetterKey(PadKey):
    DEFAULT_CSS = """
    LetterKey { height: 3; min-width: 5; margin: 0; }
    """


class LetterPad(Vertical):
    DEFAULT_CSS = """
    LetterPad { height: auto; width: 72; }
    LetterPad #letters-display {
        height: 3; border: heavy $primary; text-style: bold; padding: 0 1; margin-bottom: 1;
    }
    LetterPad Grid { grid-size: 10 3; height: 9; width: 72; }
    """

    value: reactive[str] = reactive("")

    class Changed(Message):
        def __init__(self, pad: LetterPad, value: str) -> None:
            super().__init__()
            self.pad = pad
            self.value = value

    def __init__(self, value: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(LetterPad.value, value)

    def compose(self) -> ComposeResult:
        yield Para(self.value or "_", lang="fr", id="letters-display")
        with Grid():
            for key in KEYS:
                value = {"␣": " ", "⌫": "back"}.get(key, key)
                yield LetterKey(key, value=value, lang="fr", id=f"letter-{ord(key)}")

    def watch_value(self, value: str) -> None:
        if self.is_mounted:
            self.query_one("#letters-display", Para).update(value or "_")
        self.post_message(self.Changed(self, value))

    def type_key(self, key: str) -> bool:
        if key == "back":
            self.value = self.value[:-1]
            return True
        if len(key) != 1 or not (key.isalpha() or key in " -'"):
            return False
        if len(self.value) < MAX_LETTERS:
            self.value += key.upper()
        return True

    def on_big_button_pressed(self, event) -> None:
        event.stop()
        self.type_key(str(event.button.value))
