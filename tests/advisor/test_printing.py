"""Printing the summary on the queue the configuration names.

The printer is a stand-in `lp` on PATH that keeps what it is sent: the test
checks the queue and the PDF that would reach CUPS, not CUPS itself."""

from __future__ import annotations

import json

import pytest

from kiosk.advisor.printing import configured_printer, print_pdf
from kiosk.config import ConfigError, KioskConfig, load_config
from tests.advisor.advisor_helpers import SIZE, settle, wait_until


def test_printer_name_is_checked_in_the_configuration(tmp_path):
    bad = tmp_path / "kiosk.toml"
    bad.write_text('[advisor]\nprinter = "two words"\n')
    with pytest.raises(ConfigError, match=r"advisor\.printer"):
        load_config(bad)
    good = tmp_path / "good.toml"
    good.write_text('[advisor]\nprinter = "accueil-2"\n')
    assert load_config(good).advisor.printer == "accueil-2"


def test_configured_printer_wins_and_printing_can_be_turned_off(fake_lp):
    named = KioskConfig.model_validate({"advisor": {"printer": "accueil-2"}})
    assert configured_printer(named) == "accueil-2"
    off = KioskConfig.model_validate({"advisor": {"printer": "accueil-2", "use_printer": False}})
    assert configured_printer(off) is None


def test_lp_error_is_returned_in_words(fake_lp):
    assert print_pdf(b"%PDF-1.4", "accueil-2") is None
    assert (fake_lp / "args").read_text().split("\n")[:2] == ["-d", "accueil-2"]
    assert "does not exist" in print_pdf(b"%PDF-1.4", "missing")


async def test_ctrl_p_prints_on_the_configured_queue(engine, family, fake_lp, tmp_path):
    from kiosk.advisor import AdvisorApp

    config = KioskConfig.model_validate({"site_commune": "59350", "advisor": {"printer": "accueil-2"}})
    app = AdvisorApp(config, engine=engine)  # printer taken from the configuration
    path = tmp_path / "f.json"
    path.write_text(json.dumps(family.model_dump(mode="json")))
    async with app.run_test(size=SIZE) as pilot:
        assert app.import_path(str(path)) is None
        await settle(pilot, app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        button = app.screen.query_one("#print")
        assert "accueil-2" in str(button.label)
        await pilot.press("shift+tab")  # from the path to the print button
        assert app.screen.focused is button
        await pilot.press("enter")
        await wait_until(pilot, lambda: (fake_lp / "data").exists() and (fake_lp / "data").stat().st_size > 0, 10)
    assert (fake_lp / "args").read_text().split("\n")[:2] == ["-d", "accueil-2"]
    assert (fake_lp / "data").read_bytes().startswith(b"%PDF")
