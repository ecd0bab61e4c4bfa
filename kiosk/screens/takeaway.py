"""'Take it on my phone' and 'Print': the results summary, taken home.

`TakeawayScreen` shows the summary (kiosk/takeaway.py) as a QR code that a
phone camera shows as text: nothing is sent or stored. A summary too long
for one code is split in two (1/2, 2/2), shown one after the other with a
"Next code" button, rather than a denser code. The codes are made when the
screen opens, kept only by its widget, and gone with the screen ("Back",
"Finish", the idle timeout).

`print_summary` sends the same summary, bilingual, to the site's printer and
keeps nothing.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Container, Vertical, VerticalScroll

from kiosk.screens.base import KioskModal, KioskScreen, focus, handled
from kiosk.takeaway import code_matrix, code_texts, summary
from kiosk.widgets import BigButton, Para, back_arrow, next_arrow
from kiosk.widgets.qrcode import HALF_BLOCKS, QUIET_ZONE, QRCode
from locales import N_

PHONE_BUTTON = N_("Emporter sur mon téléphone")
PRINT_BUTTON = N_("Imprimer")
TITLE = N_("Emporter sur mon téléphone")
EXPLANATION = N_("Ouvrez l'appareil photo de votre téléphone et visez ce code : le texte s'affiche. Rien n'est envoyé.")
SECOND = N_("Ce n'est pas fini : touchez « Code suivant ».")
NEXT = N_("Code suivant")
PREVIOUS = N_("Code précédent")
TOO_SMALL = N_("L'écran est trop petit pour afficher ce code en entier. Demandez de l'aide à l'accueil.")
PRINTING = N_("Impression en cours…")
PRINTED = N_("C'est imprimé. Prenez votre feuille à l'imprimante.")
NOT_PRINTED = N_("L'impression n'a pas marché. Demandez de l'aide à l'accueil.")

SIDE_WIDTH = 40


def half_block_lines(matrix: list[list[bool]]) -> list[str]:
    """A matrix of modules as half-block rows, with the quiet zone (as
    kiosk/widgets/qrcode.py draws the hand-over code)."""
    size = len(matrix[0]) + 2 * QUIET_ZONE
    blank = [False] * size
    rows = [blank] * QUIET_ZONE
    rows += [[False] * QUIET_ZONE + list(row) + [False] * QUIET_ZONE for row in matrix]
    rows += [blank] * QUIET_ZONE
    if len(rows) % 2:
        rows.append(blank)
    return [
        "".join(HALF_BLOCKS[top, bottom] for top, bottom in zip(upper, lower))
        for upper, lower in zip(rows[0::2], rows[1::2])
    ]


class SummaryCode(QRCode):
    """A QR code of any text (UTF-8 byte mode), drawn as the hand-over code."""

    def __init__(self, text: str, *, message: str, id: str | None = None) -> None:
        super().__init__("0", message=message, id=id)
        self._lines = half_block_lines(code_matrix(text))


def can_take_away(app) -> bool:
    return bool(app.config.takeaway.phone and getattr(app, "screening", None) is not None)


def can_print(app) -> bool:
    return bool(app.config.takeaway.printer and getattr(app, "screening", None) is not None)


def summary_lines(app):
    config = app.config
    place = config.site_places().place(config.desk_place) if config.desk_place else None
    session = getattr(app, "session", None)
    household = session.household() if session is not None and session.is_complete else None
    return summary(
        app.screening,
        app.lang,
        site_name=config.site_name,
        desk=config.takeaway.desk,
        place=place,
        household=household,
    )


def phone_codes(app) -> list[str]:
    """The texts of the codes, one per screen page."""
    return code_texts(summary_lines(app), app.lang, on_paper=can_print(app))


def print_summary(app) -> str:
    """Print the summary on the site's printer; the sentence to show. Nothing
    is kept: the PDF lives in memory until `lp` has it."""
    from kiosk.advisor.printing import print_pdf
    from kiosk.pdf import takeaway_pdf

    config = app.config.takeaway
    width = config.receipt_width if config.paper == "receipt" else None
    data = takeaway_pdf(summary_lines(app), app.lang, receipt_width=width)
    error = print_pdf(data, config.printer)
    del data
    return app._(NOT_PRINTED) if error else app._(PRINTED)


def takeaway_buttons(app) -> ComposeResult:
    """The results screen's take-away buttons, as this site offers them."""
    if can_take_away(app):
        yield BigButton(app._(PHONE_BUTTON), id="takeaway-phone")
    if can_print(app):
        yield BigButton("🖶 " + app._(PRINT_BUTTON), id="takeaway-print")


def on_takeaway_button(screen, event: BigButton.Pressed) -> bool:
    """Handle a take-away button of `screen`; False when it is not one."""
    if event.button.id == "takeaway-phone":
        screen.app.push_screen(TakeawayScreen())
        return True
    if event.button.id == "takeaway-print":
        screen.app.push_screen(PrintNotice())
        return True
    return False


class PrintNotice(KioskModal):
    """Printing, then what became of it; "OK" (or Escape) closes it. The
    print job runs in a thread: the screen never waits for `lp`."""

    BINDINGS = [("escape", "dismiss", "")]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Para(self._(PRINTING), classes="question-text", id="print-status")
            yield BigButton(self._("Fermer"), id="print-ok")

    def on_mount(self) -> None:
        focus(self, "#print-ok")
        self.run_worker(self._print, thread=True, exclusive=True)

    def _print(self) -> None:
        message = print_summary(self.app)
        self.app.call_from_thread(self._done, message)

    def _done(self, message: str) -> None:
        for status in self.query("#print-status").results(Para):  # none once the dialog is closed
            status.update(message)

    def on_big_button_pressed(self, event: BigButton.Pressed) -> None:
        handled(event)
        self.dismiss()


class TakeawayScreen(KioskScreen):
    """Pushed over the results; "Back" (or Escape) pops it."""

    NAVIGATION = False
    BINDINGS = [("escape", "back", "")]
    DEFAULT_CSS = """
    #takeaway { height: 1fr; }
    #takeaway-side { dock: left; width: 40; height: 1fr; padding: 1 0; }
    TakeawayScreen.-rtl #takeaway-side { dock: right; }
    #takeaway-side Para { padding: 0 2 1 2; }
    #takeaway-code { width: 1fr; height: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.codes = phone_codes(self.app)
        self.index = 0

    def compose(self) -> ComposeResult:
        _ = self._
        count = len(self.codes)
        with Container(id="takeaway"):
            with VerticalScroll(id="takeaway-side"):
                title = _(TITLE) + (f" ({self.index + 1}/{count})" if count > 1 else "")
                yield Para(title, classes="screen-title", id="takeaway-title")
                yield Para(_(EXPLANATION), id="takeaway-text")
                if count > 1:
                    if self.index + 1 < count:
                        yield Para(_(SECOND), id="takeaway-second")
                        yield BigButton(_(NEXT) + " " + next_arrow(self.app.lang), id="next-code")
                    else:
                        yield BigButton(back_arrow(self.app.lang) + " " + _(PREVIOUS), id="previous-code")
                yield BigButton(back_arrow(self.app.lang) + " " + _("Retour"), id="back", classes="nav")
            yield SummaryCode(self.codes[self.index], message=_(TOO_SMALL), id="takeaway-code")

    def on_mount(self) -> None:
        from kiosk.widgets.listen import speaker_of

        speaker_of(self.app).stop()  # the results are no longer what is shown
        self._focus_first()

    def after_relabel(self) -> None:
        self.codes = phone_codes(self.app)
        self.index = min(self.index, len(self.codes) - 1)
        self._focus_first()

    def _focus_first(self) -> None:
        for selector in ("#next-code", "#previous-code", "#back"):
            found = self.query(selector)
            if found:
                found.first().focus()
                return

    def on_resize(self, event: events.Resize) -> None:
        self.refresh()

    async def show(self, index: int) -> None:
        self.index = index
        await self.recompose()
        self._focus_first()

    def action_back(self) -> None:
        self.close_over()

    def on_unmount(self) -> None:
        # Back, Finish, Start again or the idle timeout: the summary goes.
        self.codes = []

    async def on_big_button_pressed(self, event: BigButton.Pressed) -> None:
        handled(event)
        if event.button.id == "back":
            self.action_back()
        elif event.button.id == "next-code":
            await self.show(self.index + 1)
        elif event.button.id == "previous-code":
            await self.show(self.index - 1)
