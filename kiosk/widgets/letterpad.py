"""An on-screen letter pad for the commune search (a name, or the digits of
a postal code): no physical keyboard needed. Keys typed on a keyboard reach
it too (`type_key`)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.message import Message
from textual.reactive import reactive

from kiosk.widgets.numpad import PadKey
from kiosk.widgets.text import Para

# French commune names only need these (accents are folded by the search, an
# apostrophe is the same as a space). "123" shows the digits of a postal code,
# "ABC" the letters again; the other set is hidden, so one 10 × 3 grid serves.
LETTER_KEYS = list("AZERTYUIOPQSDFGHJKLMWXCVBN") + ["-", "␣", "123"]
DIGIT_KEYS = list("1234567890") + ["ABC"]
MAX_LETTERS = 40


class LetterKey(PadKey):
    DEFAULT_CSS = """
    LetterKey { height: 3; min-width: 5; margin: 0; padding: 0; }
    """


class LetterPad(Vertical):
    DEFAULT_CSS = """
    LetterPad { height: auto; width: 1fr; max-width: 72; }
    LetterPad #letters-display {
        height: 3; border: heavy $primary; text-style: bold; padding: 0 1; margin-bottom: 1;
    }
    LetterPad Grid { grid-size: 10 3; height: 9; width: 1fr; }
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
            for key in LETTER_KEYS:
                value = {"␣": " ", "123": "digits"}.get(key, key)
                yield LetterKey(key, value=value, lang="fr", id=f"letter-{ord(key[0])}", classes="letters")
            for key in DIGIT_KEYS:
                value = "letters" if key == "ABC" else key
                yield LetterKey(key, value=value, lang="fr", id=f"digit-{ord(key[0])}", classes="digits")
            yield LetterKey("⌫", value="back", lang="fr", id=f"letter-{ord('⌫')}")

    def on_mount(self) -> None:
        self.show_digits(self.value[:1].isdigit())

    def show_digits(self, digits: bool) -> None:
        for key in self.query(".letters"):
            key.display = not digits
        for key in self.query(".digits"):
            key.display = digits
        # Two rows of keys for the digits, three for the letters: no blank rows
        # pushing the communes found below a small screen.
        grids = self.query(Grid)
        if not grids:
            return  # its keys gone: the pad is being removed
        grid = grids.first()
        grid.styles.grid_size_rows = 2 if digits else 3
        grid.styles.height = 6 if digits else 9

    def watch_value(self, value: str) -> None:
        if self.is_mounted:
            for display in self.query("#letters-display").results(Para):  # none once it is being removed
                display.update(value or "_")
            if value:  # digits typed on a keyboard show the digit keys, letters the letters
                self.show_digits(value[0].isdigit())
        self.post_message(self.Changed(self, value))

    def type_key(self, key: str) -> bool:
        if key == "back":
            self.value = self.value[:-1]
            return True
        if len(key) != 1 or not (key.isalnum() or key in " -'"):
            return False
        if len(self.value) < MAX_LETTERS:
            self.value += key.upper()
        return True

    def on_big_button_pressed(self, event) -> None:
        event.stop()
        value = str(event.button.value)
        if value in ("digits", "letters"):
            self.show_digits(value == "digits")
        else:
            self.type_key(value)
