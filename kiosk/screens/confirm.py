"""'Start again?': one tap too many must not erase a long questionnaire."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical

from kiosk.screens.base import KioskModal, focus
from kiosk.widgets import BigButton, Para


class ConfirmRestart(KioskModal):
    BINDINGS = [("escape", "dismiss", "")]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Para(self._("Tout effacer et recommencer ?"), classes="question-text")
            yield Para(self._("Toutes vos réponses seront effacées."))
            with Horizontal(classes="dialog-buttons"):
                yield BigButton(self._("Non, continuer"), id="no")
                yield BigButton(self._("Oui, tout effacer"), id="yes")

    def on_mount(self) -> None:
        focus(self, "#no")

    def on_big_button_pressed(self, event: BigButton.Pressed) -> None:
        event.stop()
        if self._dismissed:  # a second tap, already answered
            return
        self.dismiss()
        if event.button.id == "yes":
            self.app.erase()
