"""Contract tests of the fpdf2 internals `kiosk.pdf_fonts` relies on: after
an upgrade of fpdf2 or fontTools, these fail first and say which internal
moved (the PDF tests would fail later, less clearly)."""

from __future__ import annotations

import inspect

import pytest
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont
from fpdf.unicode_script import get_unicode_script

from kiosk import pdf_fonts
from kiosk.pdf import _arabic_fallback_path, _font_path

# What DocumentFont copies from a parsed TTFFont, or sets itself.
COPIED = {"cmap", "scale", "_hbfont", "collection_font_number", "color_font", "is_compressed", "fontkey", "name"}
SET = {"i", "biggest_size_pt", "missing_glyphs", "cw", "desc", "subset", "ttfont"}


def test_ttffont_slots_hold_what_is_copied_and_set():
    assert (COPIED | SET) <= set(TTFFont.__slots__), (COPIED | SET) - set(TTFFont.__slots__)
    # The HarfBuzz font, made once per parsed font and shared: made on first use.
    assert isinstance(TTFFont.hbfont, property)


@pytest.mark.parametrize(
    ("method", "parameters"),
    [
        ("perform_harfbuzz_shaping", ["self", "text", "font_size_pt", "text_shaping_params"]),
        ("get_text_width", ["self", "text", "font_size_pt", "text_shaping_params"]),
        ("shaped_text_width", ["self", "text", "font_size_pt", "text_shaping_params"]),
        ("_map_symbol_text", ["self", "text"]),
    ],
)
def test_ttffont_methods_overridden_or_called_keep_their_signature(method, parameters):
    assert list(inspect.signature(getattr(TTFFont, method)).parameters) == parameters


def test_process_wide_caches_can_be_cleared():
    for cached in (SubsetMap.pick, SubsetMap.get_glyph, get_unicode_script):
        assert callable(cached.cache_clear) and cached.cache_info() is not None
    assert list(inspect.signature(SubsetMap.__init__).parameters)[:2] == ["self", "font"]


@pytest.mark.parametrize(
    "text",
    ["Allocations familiales (AF) : 148,52 €", "كمك هزينه مسكن — Aide au logement", "د کورنۍ مرستې", "Ქართული ტექსტი"],
)
@pytest.mark.parametrize("size", [5.5, 9.5, 12])
def test_document_font_measures_text_as_fpdf2_does(text, size):
    """The memoized width is fpdf2's own (same glyphs, same rounding):
    a line breaks at the same place with and without the shortcut."""
    plain = FPDF()
    plain.add_font("dejavu", "", _font_path("DejaVuSans.ttf"))
    plain.add_font("noto", "", _arabic_fallback_path())
    shared = FPDF()
    pdf_fonts.add_document_font(shared, "dejavu", "", _font_path("DejaVuSans.ttf"), {})
    pdf_fonts.add_document_font(shared, "noto", "", _arabic_fallback_path(), {})
    for pdf in (plain, shared):
        pdf.set_text_shaping(True)
    for family in ("dejavu", "noto"):
        params = plain.text_shaping
        expected = plain.fonts[family].get_text_width(text, size, params)
        assert shared.fonts[family].get_text_width(text, size, params) == expected
        # Twice: the second answer comes from the memo.
        assert shared.fonts[family].get_text_width(text, size, params) == expected
        infos, positions = plain.fonts[family].perform_harfbuzz_shaping(text, size, params)
        got_infos, got_positions = shared.fonts[family].perform_harfbuzz_shaping(text, size, params)
        assert [i.codepoint for i in got_infos] == [i.codepoint for i in infos]
        assert [p.x_advance for p in got_positions] == [p.x_advance for p in positions]


def test_a_document_font_writes_a_pdf_fpdf2_can_read_back():
    from io import BytesIO

    from pypdf import PdfReader

    pdf = FPDF()
    pdf_fonts.add_document_font(pdf, "dejavu", "", _font_path("DejaVuSans.ttf"), {})
    pdf.set_text_shaping(True)
    pdf.add_page()
    pdf.set_font("dejavu", size=12)
    pdf.cell(text="Prime d'activité 259,56 €")
    pdf_fonts.before_output(pdf)
    data = bytes(pdf.output())
    pdf_fonts.clear_caches()
    assert "Prime d'activité 259,56 €" in PdfReader(BytesIO(data)).pages[0].extract_text()
