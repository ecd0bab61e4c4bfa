"""A screen can be closed while it mounts (a double tap, a burst of keys, the
idle timeout): its widgets are gone when its mount handler runs. Each
handler that looks for its widgets then does nothing, instead of raising
(NoMatches), which erased the person's session behind the calm error
screen (seen once under random taps, test_random_taps.py).

Here each handler runs on its screen with no widgets, as it would after
the screen was closed, inside the running kiosk."""

from __future__ import annotations

import pytest
from kiosk_helpers import SIZE

from kiosk.screens.handover import HandoverScreen
from kiosk.screens.language import LanguagePicker, LanguageScreen
from kiosk.screens.procedures import ProceduresScreen
from kiosk.screens.staff import StaffScreen
from kiosk.widgets.letterpad import LetterPad


@pytest.mark.parametrize(
    ("screen", "handlers"),
    [
        (LanguageScreen, ["on_mount"]),
        (LanguagePicker, ["on_mount"]),
        (ProceduresScreen, ["on_mount"]),
        (HandoverScreen, ["on_mount", "after_relabel"]),
        (StaffScreen, ["on_mount"]),
    ],
)
async def test_a_mount_handler_without_its_widgets_does_nothing(make_app, screen, handlers):
    app = make_app()
    async with app.run_test(size=SIZE):
        closed = screen()
        assert not closed.query("*"), "the screen was composed: not the case tested"
        for handler in handlers:
            getattr(closed, handler)()
        assert app.focused is None or app.focused.screen is not closed
        assert app.error_count == 0


async def test_the_letter_pad_mounting_without_its_keys_does_nothing(make_app):
    # The commune question's pad, its keys gone (removed with its screen).
    app = make_app()
    async with app.run_test(size=SIZE):
        pad = LetterPad("59")
        assert not pad.query("*")
        pad.on_mount()
        pad.show_digits(False)
        assert app.error_count == 0
