"""Where to go: the kiosk's own desk first, then the places of the site's
file (eligibility.places) that help with a right, nearest to the person's
commune first — by name, address, opening hours and phone, each as its
source gives it. Mounted by the results and procedures screens."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.containers import Vertical

from kiosk.summary_texts import place_lines
from kiosk.widgets.text import Para
from locales.display import isolate


class PlacesToGo(Vertical):
    DEFAULT_CSS = """
    PlacesToGo { height: auto; }
    PlacesToGo .place-line { padding-left: 2; }
    """

    def __init__(
        self,
        what: str,
        *,
        title: bool = True,
        desk: bool = True,
        kinds: Iterable[str] | None = None,
        limit: int = 2,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.what = what
        self.show_title = title
        self.show_desk = desk
        self.kinds = set(kinds) if kinds is not None else None
        self.limit = limit

    def _(self, message: str, /, **values: object) -> str:
        from locales import gettext

        text = gettext(self.app.lang, message)
        return text.format(**values) if values else text

    def places(self) -> list:
        session = getattr(self.app, "session", None)
        # No answer (the goodbye screen, after the answers are erased): the
        # places nearest to the kiosk itself.
        commune = session.answers.get("commune") if session is not None else None
        found = self.app.config.places_near(self.what, commune)
        if self.kinds is not None:
            found = [p for p in found if p.kind in self.kinds]
        return found[: self.limit]

    def shown(self) -> list:
        """The places this widget shows by address and hours, the desk's included."""
        config = self.app.config
        places = self.places()
        desk = config.desk()
        # Without a place of the file to add, the card's own line about the
        # desk ("L'accueil peut vous aider…, ici") says it all.
        if not places and (desk is None or not self.show_desk):
            return []
        return ([desk] if self.show_desk and desk is not None else []) + places

    def compose(self) -> ComposeResult:
        _ = self._
        config = self.app.config
        places = self.places()
        desk = config.desk()
        if not self.shown():
            return
        if self.show_title:
            yield Para(_("Où aller :"), classes="documents-title")
        if self.show_desk:
            yield Para("• " + _("L'accueil, ici : {place}", place=config.site_name), classes="bullet")
            if desk is not None:
                yield from self.details(desk)
        for place in places:
            # The name as written, in French, in the screen's direction: in
            # Arabic its bullet is on the right like the others, and the name
            # reads left to right as one piece ("CCAS de Lille — Maison des
            # Solidarités", not its two halves swapped around the dash).
            yield Para("• " + isolate(place.name), classes="bullet")
            yield from self.details(place)

    def details(self, place) -> ComposeResult:
        for line in place_lines(place, self.app.lang):
            if line.kind == "address":
                # As written on the source, in French, one piece: "104-108
                # boulevard de Metz, Lille" with its number first.
                yield Para(isolate(line.french), classes="place-line")
            else:
                yield Para(("☎ " if line.kind == "phone" else "") + line.local, classes="place-line")


class DeskDetails(PlacesToGo):
    """The address and hours of this kiosk's own desk, when the site's file lists it."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("all_rights", title=False, desk=False, id=id)

    def shown(self) -> list:
        config = self.app.config
        return [desk] if (desk := config.desk()) is not None else []

    def compose(self) -> ComposeResult:
        for desk in self.shown():
            yield from self.details(desk)
