"""'Show my answers to a staff member': the session as a QR code.

The kiosk writes nothing to disk and sends nothing: a resident who wants a
staff member to carry on with what they answered shows this code; the
advisor mode imports it (a 2D barcode scanner types it into the import box).
The code is `questionnaires.handover.encode(session)`, made when the screen
opens, kept only by the screen's `QRCode` widget, and gone with the screen:
"Back", "Finish", "Start again" and the idle timeout all remove it.

One idea on the screen: a title, one sentence, the code (and the same code
as text, in groups of four, for a worker without a scanner), and "Back". There
is no header: a parent of two needs a code of 77 × 39 characters, which
leaves room for the text beside it on a 120 × 40 screen, or above it on a
tall narrow one. A code that does not fit whole is replaced by a plain
sentence (a cut code cannot be read). The code itself is never passed
through the right-to-left display path; the sentences are.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Container, Vertical
from textual.widgets import Static

from kiosk.screens.base import KioskScreen, focus, handled
from kiosk.widgets import BigButton, Para, back_arrow
from kiosk.widgets.qrcode import QRCode
from locales import N_

TITLE = N_("Montrer mes réponses à un agent")
EXPLANATION = N_("Montrez ce code à un agent : il contient vos réponses. Il sera effacé quand vous terminerez.")
TOO_SMALL = N_("L'écran est trop petit pour afficher ce code en entier. Demandez de l'aide à l'accueil.")

#: The code as text, for a worker without a scanner: groups of 4 to read
#: aloud or type (the advisor ignores the spaces and line breaks).
GROUP = 4
GROUPS_PER_LINE = 6

#: Width of the text column beside the code (as `#handover-side` in kiosk.tcss).
SIDE_WIDTH = 40
#: Rows the text and the button need above the code, when they go above it.
STACKED_ROWS = 14


def grouped(code: str) -> str:
    """ "AAD1KQ3F…" as "AAD1 KQ3F …", six groups a line."""
    groups = [code[i : i + GROUP] for i in range(0, len(code), GROUP)]
    lines = [" ".join(groups[i : i + GROUPS_PER_LINE]) for i in range(0, len(groups), GROUPS_PER_LINE)]
    return "\n".join(lines)


class TypedCode(Static):
    """The code in letters and digits, under "Back" (which keeps its place
    on every screen): never through the right-to-left path (it is read left
    to right in every language)."""

    DEFAULT_CSS = """
    TypedCode { padding: 1 2 0 2; text-style: bold; width: auto; }
    """


def can_hand_over(app) -> bool:
    """Is there something to show, and does this site use hand-over codes?"""
    session = getattr(app, "session", None)
    return bool(app.config.handover and session is not None and session.answers)


class HandoverScreen(KioskScreen):
    """Pushed over the results or a question; "Back" pops it."""

    NAVIGATION = False
    BINDINGS = [("escape", "back", "")]

    def compose(self) -> ComposeResult:
        from questionnaires import handover

        session = self.app.session
        code = handover.encode(session).upper() if session is not None else ""
        with Container(id="handover"):
            with Vertical(id="handover-side"):
                yield Para(self._(TITLE), classes="screen-title", id="handover-title")
                yield Para(self._(EXPLANATION), id="handover-text")
                yield BigButton(back_arrow(self.app.lang) + " " + self._("Retour"), id="back", classes="nav")
                yield TypedCode(grouped(code), id="handover-typed", markup=False)
            yield QRCode(code, message=self._(TOO_SMALL), id="handover-code")

    def on_mount(self) -> None:
        self._arrange()
        focus(self, "#back")

    def after_relabel(self) -> None:
        self._arrange()
        focus(self, "#back")

    def on_resize(self, event: events.Resize) -> None:
        self._arrange()

    def _arrange(self) -> None:
        """Text beside the code (on the reading side) when there is room for
        both, above it on a narrow, tall screen."""
        codes, typed_codes = self.query(QRCode), self.query(TypedCode)
        if not codes or not typed_codes:
            return  # closed while it mounts (see base.focus)
        code = codes.first().code_size
        typed = typed_codes.first()
        if code is None:
            self.set_class(False, "-stacked")
            typed.display = True
            return
        width, height = self.size
        columns, rows = code
        stacked = width < columns + SIDE_WIDTH and width >= columns and height >= rows + STACKED_ROWS
        self.set_class(stacked, "-stacked")
        # Above a code on a narrow screen there is no room for the text too.
        typed.display = not stacked

    def action_back(self) -> None:
        self.close_over()

    def on_big_button_pressed(self, event: BigButton.Pressed) -> None:
        handled(event)
        if event.button.id == "back":
            self.action_back()
