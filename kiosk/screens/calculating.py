"""'Calculating…': the screening runs in a worker thread, so the screen never
freezes, even when the rules engine is still warming up."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import LoadingIndicator

from kiosk.screens.base import KioskScreen
from kiosk.widgets import Para


class CalculatingScreen(KioskScreen):
    def body(self) -> ComposeResult:
        with Vertical(id="calculating"):
            yield Para(self._("Nous calculons vos aides…"), align="center", classes="question-text")
            yield Para(self._("Cela peut prendre quelques secondes."), align="center")
            yield LoadingIndicator()

    def on_mount(self) -> None:
        self.calculate()

    @work(thread=True, exclusive=True, group="screening")
    def calculate(self) -> None:
        from kiosk.app import release_worker_thread

        app = self.app
        try:
            session = app.session
            if session is None:
                return
            household = session.household()
            app.wait_for_engine()
            screening = app.engine.screen(household)
            # Before handing over: the callback runs in a copy of this context.
            release_worker_thread()
            app.call_from_thread(self._show, session, screening)
        finally:
            release_worker_thread()

    def _show(self, session, screening) -> None:
        from kiosk.screens.results import ResultsScreen

        app = self.app
        # The person may have pressed "Back", "Start again" or been timed out meanwhile.
        if app.session is not session or not self.is_current:
            return
        app.screening = screening
        app.show(ResultsScreen())
