"""After an unexpected error: the answers are already erased (`KioskApp.recover`);
a calm message in the person's language, then the language screen for the
next person. Nothing about the error itself is shown: no code, no trace."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical

from kiosk.screens.goodbye import GoodbyeScreen
from kiosk.widgets import BigButton, Para
from locales import N_

MESSAGE = N_("Un problème est survenu, vos réponses ont été effacées.")
NEXT = N_("Vous pouvez recommencer, ou demander de l'aide à l'accueil.")


class ErrorScreen(GoodbyeScreen):
    """Like the goodbye screen: it goes back to the language screen after
    `goodbye_delay`, or at once with its button."""

    def compose(self) -> ComposeResult:
        with Vertical(id="goodbye"):
            yield Para(self._(MESSAGE), lang=self.lang, align="center", classes="question-text", id="error-message")
            yield Para(self._(NEXT), lang=self.lang, align="center")
            yield BigButton(self._("Recommencer"), lang=self.lang, id="next-person")
