"""The staff exit: reached by a hidden key or five taps on the site name;
the configured PIN closes the kiosk.

The PIN is known only as a salted scrypt hash (`kiosk.pin`). Wrong PINs are
counted by the app (`KioskApp.pin_throttle`), not by this dialog, so closing
and reopening it gives nothing: after 4 wrong PINs each try waits (1 minute,
then doubling). An empty PIN (Enter held down, a double tap on "Valider")
is not a try."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical

from kiosk.screens.base import KioskModal, focus
from kiosk.widgets import BigButton, NumberPad, Para
from locales import N_

WRONG = N_("Code incorrect.")
LOCKED = N_("Trop d'essais, réessayez dans {n} s.")


class StaffScreen(KioskModal):
    DEFAULT_CSS = """
    StaffScreen #staff-body { height: auto; }
    StaffScreen #staff-side { width: 1fr; height: auto; padding-left: 2; }
    StaffScreen #staff-message { height: auto; min-height: 2; }
    StaffScreen #staff-side BigButton { width: 100%; height: 3; margin-bottom: 1; }
    """
    BINDINGS = [("escape", "close", "")]
    _lock_shown = False

    @property
    def pin_hash(self) -> str | None:
        return self.app.config.staff_pin_hash

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Para(self._("Réservé au personnel"), classes="question-text")
            if self.pin_hash is None:
                yield Para(self._("Aucun code n'est configuré : la sortie est désactivée."))
                with Horizontal(classes="dialog-buttons"):
                    yield BigButton(self._("Annuler"), id="close")
                return
            # The pad beside the message and the buttons: all of it fits
            # on a 80 × 24 screen.
            with Horizontal(id="staff-body"):
                yield NumberPad(decimals=False, mask=True, id="pin")
                with Vertical(id="staff-side"):
                    yield Para(self._("Code du personnel"))
                    yield Para("", id="staff-message")
                    yield BigButton(self._("Valider"), id="ok")
                    yield BigButton(self._("Annuler"), id="close")

    def on_mount(self) -> None:
        focus(self, "#ok" if self.pin_hash is not None else "#close")
        if self.pin_hash is not None:
            self._show_lock()
            self.set_interval(1.0, self._show_lock)

    def _show_lock(self) -> bool:
        """Show the wait, if any; True while tries are not allowed."""
        left = self.app.pin_throttle.seconds_left()
        messages = self.query("#staff-message").results(Para)
        message = next(messages, None)
        if message is None:  # closing
            return left > 0
        if left > 0:
            message.update("⚠ " + self._(LOCKED, n=left))
            self._lock_shown = True
        elif self._lock_shown:
            message.update("")  # the wait is over
            self._lock_shown = False
        return left > 0

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
        if self._dismissed:
            return
        if event.button.id == "close":
            self.dismiss()
        elif event.button.id == "ok":
            self.check()

    def check(self) -> None:
        if self.pin_hash is None:
            return
        from kiosk.pin import verify_pin

        pads = self.query("#pin").results(NumberPad)
        pad = next(pads, None)
        if pad is None:  # closing
            return
        typed = pad.value
        pad.clear()
        if self._show_lock() or not typed:
            return  # waiting, or nothing typed: not a try
        if verify_pin(typed, self.pin_hash):
            self.app.pin_throttle.succeeded()
            self.app.staff_exit()
            return
        if self.app.pin_throttle.failed() == 0:
            for message in self.query("#staff-message").results(Para):
                message.update("⚠ " + self._(WRONG))
        else:
            self._show_lock()
