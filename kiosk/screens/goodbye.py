"""After 'Finish and erase my answers': the answers are already gone; a
short goodbye, where to get help with online procedures (the desk here,
then the France Services and digital-inclusion places of the site's file,
by name, address and hours: nothing personal), then the language screen
for the next person. It stays long enough to read what it shows:
`goodbye_delay`, plus `goodbye_seconds_per_place` for each place shown;
"Terminer" leaves at once. Nothing is left to erase by then (the answers
went when "Finish" was pressed), and its own timer always brings the
language screen back, whatever is touched."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical

from kiosk.screens.base import KioskScreen, focus, handled
from kiosk.widgets import BigButton, Para
from kiosk.widgets.places import DeskDetails, PlacesToGo


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
            with Vertical(id="goodbye-procedures"):
                yield Para(
                    self._("Besoin d'aide pour les démarches en ligne ?"), lang=self.lang, classes="benefit-name"
                )
                yield Para(
                    "• " + self._("L'accueil, ici : {place}", place=self.app.config.site_name),
                    lang=self.lang,
                    classes="bullet",
                )
                yield DeskDetails()
                yield PlacesToGo(
                    "online_procedures",
                    title=False,
                    desk=False,
                    kinds=["france_services", "digital_inclusion"],
                    limit=2,
                )
            yield BigButton(self._("Terminer"), lang=self.lang, id="next-person")

    def on_mount(self) -> None:
        focus(self, "#next-person")
        self.set_timer(self.delay(), self.app.erase)

    def delay(self) -> float:
        """Seconds before the language screen is back: longer with each place
        shown by address and hours."""
        config = self.app.config
        shown = sum(len(widget.shown()) for widget in self.query(PlacesToGo))
        return config.goodbye_delay + config.goodbye_seconds_per_place * shown

    def on_big_button_pressed(self, event: BigButton.Pressed) -> None:
        handled(event)
        self.app.erase()
