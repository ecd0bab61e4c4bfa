"""The staff exit: reached by a hidden key or five taps on the site name;
the configured PIN closes the kiosk. Three wrong PINs close the dialog."""

from __future__ import annotations

import hmac

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical

from kiosk.screens.base import KioskModal
from kiosk.widgets import BigButton, NumberPad, Para

MAX_TRIES = 3


class StaffScreen(KioskModal):
    BINDINGS = [("escape", "close", "")]

    def __init__(self) -> None:
        super().__init__()
        self.tries = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Para(self._("Réservé au personnel"), classes="question-text")
            if self.app.config.staff_pin is None:
                yield Para(self._("Aucun code n'est configuré : la sortie est désactivée."))
            else:
                yield Para(self._("Code du personnel"))
                yield NumberPad(decimals=False, mask=True, id="pin")
                yield Para("", id="staff-message")
            with Horizontal(classes="dialog-buttons"):
                yield BigButton(self._("Annuler"), id="close")
                if self.app.config.staff_pin is not None:
                    yield BigButton(self._("Valider"), id="ok")

    def on_mount(self) -> None:
        self.query_one("#close", BigButton).focus()
        if self.app.config.staff_pin is not None:
            self.query_one("#ok", BigButton).focus()

    def action_close(self) -> None:
        self.dismiss()

    def on_key(self, event: events.Key) -> None:
        pads = self.query(NumberPad)
        if not pads:
            return
        key = "back" if event.key == "backspace" else (event.character or "")
        if key and (key == "back" or key.isdigit()):
            event.stop()
            pads.first().type_key(key)

    def on_big_button_pressed(self, event: BigButton.Pressed) -> None:
        event.stop()
        if event.button.id == "close":
            self.dismiss()
        elif event.button.id == "ok":
            self.check()

    def check(self) -> None:
        pad = self.query_one("#pin", NumberPad)
        pin = self.app.config.staff_pin or ""
        if pin and hmac.compare_digest(pad.value.encode(), pin.encode()):
            self.app.staff_exit()
            return
        pad.clear()
        self.tries += 1
        if self.tries >= MAX_TRIES:
            self.dismiss()
            return
        self.query_one("#staff-message", Para).update("⚠ " + self._("Code incorrect."))
