"""After 'Finish and erase my answers': the answers are already gone; a
short goodbye, then the language screen for the next person."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical

from kiosk.screens.base import KioskScreen, focus, handled
from kiosk.widgets import BigButton, Para


class GoodbyeScreen(KioskScreen):
    NAVIGATION = False

    def __init__(self, lang: str) -> None:
        super().__init__()
        # The person's language, for this last screen only.
        self.lang = lang

    def _(self, msgid: str, /, **values: object) -> str:
        from locales import gettext

        text = gettext(self.lang, msgid)
        return text.format(**values) if values else text

    def compose(self) -> ComposeResult:
        with Vertical(id="goodbye"):
            yield Para(self._("Merci et au revoir."), lang=self.lang, align="center", classes="question-text")
            yield Para(
                self._("Vos réponses ont été effacées de cet écran."),
                lang=self.lang,
                align="center",
            )
            yield Para(
                self._("N'oubliez pas : l'accueil peut vous aider, ici ({place}).", place=self.app.config.site_name),
                lang=self.lang,
                align="center",
            )
            yield BigButton(self._("Nouvelle personne"), lang=self.lang, id="next-person")

    def on_mount(self) -> None:
        focus(self, "#next-person")
        self.set_timer(self.app.config.goodbye_delay, self.app.erase)

    def on_big_button_pressed(self, event: BigButton.Pressed) -> None:
        handled(event)
        self.app.erase()
