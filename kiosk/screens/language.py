"""The first screen: one big button per language, each in its own language
and script. `LanguagePicker` is the same choice as a dialog, reachable from
every screen; it changes the language and keeps the answers."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Grid, Vertical

from kiosk.screens.base import KioskModal, KioskScreen, SiteName, focus, handled
from kiosk.widgets import BigButton, Para
from kiosk.widgets.scrollarea import ChoiceArea
from locales import N_

TITLE = N_("Choisissez votre langue")
WELCOME = N_("Découvrez les aides que vous pouvez peut-être recevoir.")


def language_buttons(app) -> ComposeResult:
    from locales import LANGUAGES

    for code in app.config.languages:
        yield BigButton(LANGUAGES[code], value=code, lang=code, id=f"lang-{code}", classes="language")


def titles(app, msgid: str, count: int = 3) -> ComposeResult:
    """The same sentence in the first few offered languages, each in its script."""
    from locales import gettext

    shown: list[str] = []
    for code in app.config.languages:
        text = gettext(code, msgid)
        if text in shown:
            continue
        shown.append(text)
        yield Para(text, lang=code, align="center", classes="title-line")
        if len(shown) >= count:
            break


class LanguageScreen(KioskScreen):
    NAVIGATION = False

    def compose(self) -> ComposeResult:
        yield SiteName(self.app.config.site_name, lang="fr", id="site-name")
        with Vertical(id="language-title"):
            yield from titles(self.app, TITLE)
        with ChoiceArea(id="language-scroll"):
            with Grid(id="languages"):
                yield from language_buttons(self.app)
        with Vertical(id="welcome"):
            yield from titles(self.app, WELCOME, count=2)

    def on_mount(self) -> None:
        focus(self, "BigButton")

    def on_big_button_pressed(self, event: BigButton.Pressed) -> None:
        handled(event)
        if event.button.has_class("language"):
            self.app.start_session(str(event.button.value))


class LanguagePicker(KioskModal):
    """Change language in the middle of the journey without losing answers."""

    BINDINGS = [("escape", "close", "")]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="wide"):
            yield from titles(self.app, TITLE)
            with ChoiceArea(id="language-scroll"):
                with Grid(id="languages"):
                    yield from language_buttons(self.app)
            yield BigButton(self._("Fermer"), id="close", classes="nav")

    def on_mount(self) -> None:
        focus(self, f"#lang-{self.app.lang}")  # (the dialog may be closing already)

    def action_close(self) -> None:
        self.dismiss()

    def on_big_button_pressed(self, event: BigButton.Pressed) -> None:
        handled(event)
        if event.button.id == "close":
            self.dismiss()
            return
        self.dismiss()
        self.app.set_language(str(event.button.value))
