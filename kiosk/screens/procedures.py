"""Where to get help with online procedures, then 'Finish and erase'.

Kinds of places are named, with what they offer, then the places of the
site's file (name, address, hours, each from a cited source); no web address
or phone number is given here that the project has not verified.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical

from kiosk.screens.base import READING_KEYS, KioskScreen, focus, handled
from kiosk.widgets import BigButton, Para
from kiosk.widgets.places import DeskDetails, PlacesToGo
from kiosk.widgets.scrollarea import ScrollArea
from kiosk.widgets.scrollhint import ScrollHint


class ProceduresScreen(KioskScreen):
    BINDINGS = READING_KEYS

    def body(self) -> ComposeResult:
        _ = self._
        place = self.app.config.site_name
        with ScrollArea(id="procedures") as scroll:
            yield Para(_("Besoin d'aide pour les démarches en ligne ?"), classes="screen-title")
            with Vertical(classes="section"):
                yield Para("■ " + _("L'accueil, ici : {place}", place=place), classes="benefit-name")
                yield Para(
                    _(
                        "Un agent peut vous aider à faire une demande, à créer un compte en ligne et à préparer vos documents."
                    )
                )
                yield DeskDetails()
            with Vertical(classes="section"):
                yield Para("■ " + _("Un espace France Services"), classes="benefit-name")
                yield Para(
                    _(
                        "Des agents formés vous aident gratuitement pour les démarches de la CAF, de l'Assurance maladie, de France Travail, des impôts et de la retraite. Demandez à l'accueil où est l'espace le plus proche."
                    )
                )
                yield PlacesToGo("online_procedures", desk=False, kinds=["france_services"], limit=2)
            with Vertical(classes="section"):
                yield Para("■ " + _("Les associations d'aide au numérique"), classes="benefit-name")
                yield Para(
                    _(
                        "Des associations comme Emmaüs Connect proposent un abonnement internet ou téléphone à petit prix."
                        " Elles vendent aussi des ordinateurs et des téléphones d'occasion, pas chers."
                        " Elles donnent des cours gratuits pour apprendre à faire vos démarches en ligne."
                    )
                )
                yield PlacesToGo("online_procedures", desk=False, kinds=["digital_inclusion"], limit=3)
            with Horizontal(classes="end-buttons"):
                yield BigButton(_("Revoir mes résultats"), id="see-results")
                yield BigButton(_("Terminer et effacer mes réponses"), id="finish", classes="finish")
        # As on the results: on a small screen the places and the buttons are
        # below the fold, and a scrollbar alone does not say so.
        yield ScrollHint(scroll)

    def on_mount(self) -> None:
        # The screen opens at its top (the title and the desk first; the places
        # below are read by scrolling), so the button focused out of sight is
        # the harmless one: an Enter pressed before scrolling goes back to the
        # results, it never erases the answers unseen.
        focus(self, "#see-results", scroll_visible=False)

    def on_big_button_pressed(self, event: BigButton.Pressed) -> None:
        if event.button.id == "finish":
            handled(event)
            self.app.finish()
        elif event.button.id in ("see-results", "back"):
            handled(event)
            from kiosk.screens.results import ResultsScreen

            self.app.show(ResultsScreen())
