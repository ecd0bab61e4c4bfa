"""'Print': the take-away summary on the site's printer, bilingual, on A4 or
a receipt roll. The printer is a stand-in `lp` on PATH that keeps what it
is sent (as tests/advisor/test_printing.py); the layout is read back from
the PDF with pypdf."""

from __future__ import annotations

import io

import pypdf
import pytest
from kiosk_helpers import click, on_results, press_button, screen_text, wait_until

from eligibility import catalog
from kiosk.screens.results import ResultsScreen
from kiosk.screens.takeaway import NOT_PRINTED, PRINTED, PrintNotice
from kiosk.widgets import BigButton
from locales import gettext

MM = 72 / 25.4  # PDF points in a millimetre


async def print_from_results(pilot, app, mode: str) -> str:
    await press_button(pilot, app, app.screen.query_one("#takeaway-print", BigButton), mode)
    await pilot.pause()
    assert isinstance(app.screen, PrintNotice)
    status = app.screen.query_one("#print-status")
    assert await wait_until(pilot, lambda: status.text != app._("Impression en cours…")), "printing never ended"
    return status.text


def pages(data: bytes) -> list:
    return pypdf.PdfReader(io.BytesIO(data)).pages


@pytest.mark.parametrize(("lang", "mode", "paper"), [("ar", "keys", "a4"), ("uk", "click", "receipt")])
async def test_prints_bilingual_summary(make_app, fake_lp, lang, mode, paper):
    app = make_app(takeaway={"printer": "accueil-1", "paper": paper, "receipt_width": 80})
    async with on_results(app, lang=lang) as pilot:
        screening = app.screening
        status = await print_from_results(pilot, app, mode)
        assert status == gettext(lang, PRINTED)
        assert gettext(lang, PRINTED).split()[0] in screen_text(app) or lang == "ar"
        # Closing the notice returns to the same results.
        if mode == "keys":
            await pilot.press("enter")
        else:
            await click(pilot, app.screen.query_one("#print-ok"))
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen) and app.screening is screening
    args = (fake_lp / "args").read_text().split("\n")
    assert args[:2] == ["-d", "accueil-1"]
    data = (fake_lp / "data").read_bytes()
    assert data.startswith(b"%PDF")
    printed = pages(data)
    width, height = float(printed[0].mediabox.width), float(printed[0].mediabox.height)
    if paper == "a4":
        assert len(printed) == 1
        assert (round(width / MM), round(height / MM)) == (210, 297)
    else:
        # A receipt as wide as the roll, cut below the text.
        assert round(width / MM) == 80
        assert len(printed) == 1 and 50 < height / MM < 1000
    text = " ".join(" ".join(page.extract_text().split()) for page in printed)
    # French beside the person's language: each right by its official name
    # with the French amount, who pays it and the catalog's phone number.
    for benefit in (b for b in screening.benefits if b.unclaimed):
        official = catalog.benefits()[benefit.id].official_name
        assert official in text
        institution = catalog.institutions()[benefit.institution]
        if institution.phone:
            assert institution.phone in text
    assert "Où aller : CCAS de Lille" in text
    assert "Documents à apporter" in text
    if lang == "uk":  # pypdf reads Cyrillic back; Arabic comes back shaped
        assert gettext("uk", "Documents à apporter") in text
    # Nothing but the summary: no answer of the person (the salary, the rent).
    assert "1 100" not in text and "1100" not in text and "600,00" not in text


async def test_a_printer_error_is_said_plainly(make_app, fake_lp):
    app = make_app(takeaway={"printer": "missing"})
    async with on_results(app) as pilot:
        assert await print_from_results(pilot, app, "click") == gettext("fr", NOT_PRINTED)
        assert "lp:" not in screen_text(app)


def test_receipt_layout_is_one_column(engine):
    """On a receipt each French line is under its translation, inside the
    80 mm: read from the PDF's text positions."""
    import json
    from pathlib import Path

    from eligibility.household import Household
    from kiosk.pdf import takeaway_pdf
    from kiosk.takeaway import TITLE, summary

    example = Path(__file__).resolve().parents[2] / "examples" / "single_parent_two_children_lille.json"
    screening = engine.screen(Household.model_validate(json.loads(example.read_text())))
    lines = summary(screening, "es", site_name="CCAS de Lille")
    page = pages(takeaway_pdf(lines, "es", receipt_width=80))[0]
    spans: list[tuple[float, float, str]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            spans.append((tm[4], tm[5], text.strip()))

    page.extract_text(visitor_text=visit)
    assert spans
    assert all(0 <= x < 80 * MM for x, _, _ in spans)
    # Spanish title first, the French title under it (lower on the page).
    # (A title may wrap on 80 mm: its first words are looked for.)
    title_es = next(y for _, y, t in spans if t.startswith(gettext("es", TITLE)[:12]))
    title_fr = next(y for _, y, t in spans if t.startswith(TITLE[:12]))
    assert title_fr < title_es
