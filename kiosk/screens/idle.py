"""'Are you still there?' with a countdown; at zero everything is erased."""

from __future__ import annotations

import math
import time

from textual.app import ComposeResult
from textual.containers import Vertical

from kiosk.screens.base import KioskModal, focus
from kiosk.widgets import BigButton, Para


class IdleScreen(KioskModal):
    def __init__(self, countdown: float) -> None:
        super().__init__()
        self.countdown = countdown
        self._deadline = time.monotonic() + countdown

    @property
    def seconds_left(self) -> int:
        return max(0, math.ceil(self._deadline - time.monotonic()))

    def _countdown_text(self) -> str:
        from locales import ngettext

        n = self.seconds_left
        # fmt: off
        return ngettext(
            self.app.lang,
            "Vos réponses seront effacées dans {n} seconde.",
            "Vos réponses seront effacées dans {n} secondes.",
            n  # no trailing comma: Babel would count a fifth argument and skip the call
        ).format(n=n)
        # fmt: on

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Para(self._("Êtes-vous toujours là ?"), classes="question-text")
            yield Para(self._countdown_text(), id="countdown")
            yield BigButton(self._("Oui, je continue"), id="still-here")

    def on_mount(self) -> None:
        focus(self, "#still-here")
        self.set_interval(min(0.25, self.countdown / 4), self._tick)

    def _tick(self) -> None:
        if self._dismissed:
            return
        if self.seconds_left <= 0 and time.monotonic() >= self._deadline:
            self._dismissed = True  # erased once, whatever tick comes next
            self.app.erase()
            return
        for countdown in self.query("#countdown").results(Para):
            countdown.update(self._countdown_text())

    def on_big_button_pressed(self, event: BigButton.Pressed) -> None:
        event.stop()
        if self._dismissed:  # a second tap
            return
        self.app.idle_prompt_open = False
        self.app.touch()
        self.dismiss()
