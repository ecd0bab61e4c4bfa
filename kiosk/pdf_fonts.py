"""The one place where `kiosk.pdf` reaches into fpdf2 (and fontTools): fonts
parsed once per process and shared by the PDFs that follow.

Why: the advisor waits for the summary after ctrl+p, and fpdf2, through its
public API (`add_font`, `set_text_shaping`), parses each font file again
for each PDF and shapes each line again at each character added, at each
size tried and to draw it. Here the fonts are read, parsed and given a
HarfBuzz font once per process (`FONTS`, fonts only); each PDF gets its own
light copy of them (its own glyph subset, widths and descriptor) and, just
before `output()`, its own parse of the font bytes to subset, since
fontTools subsets a font in place. What HarfBuzz makes of a text is
memoized for one summary only and dropped with it: no text outlives the
call. What the PDF shows is the same as without these shortcuts.

fpdf2 internals used, each checked by tests/advisor/test_pdf_fonts.py (run
it after upgrading fpdf2 or fontTools): `TTFFont.__slots__` and the
attributes copied from them; `TTFFont.perform_harfbuzz_shaping`,
`get_text_width`, `_map_symbol_text` and the rounding of
`shaped_text_width`; `SubsetMap(font)`; the process-wide caches
`SubsetMap.pick`, `SubsetMap.get_glyph`, `get_unicode_script`; `FPDF.fonts`.
"""

from __future__ import annotations

import copy
import threading
from io import BytesIO
from pathlib import Path

from fontTools import ttLib
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont
from fpdf.unicode_script import get_unicode_script


class ParsedFont:
    """A font file read and parsed once per process: its bytes, and a TTFFont
    (cmap, widths, glyph ids, descriptor, HarfBuzz font) that PDFs copy."""

    def __init__(self, pdf: FPDF, family: str, style: str, path: str):
        self.path = path
        self.data = Path(path).read_bytes()
        self.template = TTFFont(pdf, Path(path), f"{family}{style}", style)
        assert self.template.color_font is None and not self.template.is_compressed
        _ = self.template.hbfont  # the HarfBuzz face and font, made now and shared
        # Tables read later (glyph names and widths, in TTFFont.shape_text),
        # loaded now: the shared TTFont is then only read, never loaded into.
        self.template.ttfont.getGlyphOrder()
        self.template.ttfont["hmtx"]
        # The outlines (read by TTFFont to check for '.notdef') are not used
        # again but in output(), read afresh from the bytes: not kept (MBs).
        self.template.ttfont.tables.pop("glyf", None)
        # HarfBuzz uses the size (ptem) only for AAT tracking ('trak').
        self.sized = "trak" in self.template.ttfont
        self.tables = _Tables(self.template.ttfont)


class _Tables:
    """The shared TTFont as PDFs read it while laying text out: TTFFont.shape_text()
    looks 'hmtx' up for each glyph drawn, and TTFont.__getitem__ is slow."""

    def __init__(self, ttfont: ttLib.TTFont):
        self.ttfont = ttfont
        self.tables: dict = {}

    def __getitem__(self, tag: str):
        table = self.tables.get(tag)
        if table is None:
            table = self.tables[tag] = self.ttfont[tag]
        return table

    def __contains__(self, tag: str) -> bool:
        return tag in self.ttfont

    def __getattr__(self, name: str):
        return getattr(self.ttfont, name)


# Process-wide, fonts only (never text). LOCK makes one PDF at a time: the
# HarfBuzz font (its size is set before each shaping) and the TTFont are
# shared, and fpdf2 clears its own glyph caches process-wide in output().
FONTS: dict[str, ParsedFont] = {}
LOCK = threading.Lock()


def parsed_font(pdf: FPDF, family: str, style: str, path: str) -> ParsedFont:
    parsed = FONTS.get(family + style)
    if parsed is None or parsed.path != path:
        parsed = FONTS[family + style] = ParsedFont(pdf, family, style, path)
    return parsed


class DocumentFont(TTFFont):
    """One PDF's use of a parsed font: what fpdf2 changes while writing (glyph
    subset, missing glyphs, widths met, descriptor) is this PDF's own; the
    parsed tables and the HarfBuzz font are shared, read only."""

    __slots__ = ("parsed", "shaped")

    def __init__(self, pdf: FPDF, parsed: ParsedFont, shaped: dict):
        # No TTFFont.__init__: it would parse the font file again.
        template = parsed.template
        for name in TTFFont.__slots__:
            if hasattr(template, name):
                setattr(self, name, getattr(template, name))
        self.i = len(pdf.fonts) + 1
        self.biggest_size_pt = 0
        self.missing_glyphs = []
        self.cw = template.cw.copy()
        self.desc = copy.copy(template.desc)
        self.subset = SubsetMap(self)
        self.ttfont = parsed.tables
        self.parsed = parsed
        self.shaped = shaped

    def _shaped(self, text: str, font_size_pt: float, params: dict) -> list:
        """HarfBuzz's glyphs and positions for a text, memoized for this
        summary only: fpdf2 shapes each line so far as it adds a character,
        at each size tried, then again to draw it. Positions are in font
        units, the size matters only to fonts with a 'trak' table."""
        features = params.get("features")
        key = (
            text,
            params.get("fragment_direction"),
            params.get("script"),
            params.get("language"),
            tuple(sorted(features.items())) if features else None,
            font_size_pt if self.parsed.sized else None,
        )
        shaped = self.shaped.get(key)
        if shaped is None:
            infos, positions = super().perform_harfbuzz_shaping(text, font_size_pt, params)
            shaped = self.shaped[key] = [infos, positions, {}]
        return shaped

    def perform_harfbuzz_shaping(self, text, font_size_pt, text_shaping_params):
        if text_shaping_params is None:
            return super().perform_harfbuzz_shaping(text, font_size_pt, text_shaping_params)
        infos, positions, _ = self._shaped(self._map_symbol_text(text), font_size_pt, text_shaping_params)
        return infos, positions

    def get_text_width(self, text, font_size_pt, text_shaping_params):
        if not text_shaping_params:
            return super().get_text_width(text, font_size_pt, text_shaping_params)
        if font_size_pt > self.biggest_size_pt:
            self.biggest_size_pt = font_size_pt
        _, positions, widths = self._shaped(self._map_symbol_text(text), font_size_pt, text_shaping_params)
        width = widths.get(font_size_pt)
        if width is None:
            # As TTFFont.shaped_text_width(), with the same float operations.
            if positions is None:
                width = widths[font_size_pt] = (0, 0)
            else:
                total: float = 0
                for pos in positions:
                    total += round(self.scale * pos.x_advance + 0.001) * font_size_pt * 0.001
                width = widths[font_size_pt] = (len(positions), total)
        return width

    def fresh_tables(self) -> None:
        """Before output(): fpdf2 subsets `ttfont` in place, so it gets a
        TTFont of its own, parsed (lazily) from the bytes read once."""
        ttfont = ttLib.TTFont(
            BytesIO(self.parsed.data), recalcTimestamp=False, fontNumber=self.collection_font_number, lazy=True
        )
        # Tables already parsed, that the subsetter changes only by giving
        # their attributes new values: shallow copies instead of a new parse.
        parsed = self.parsed.template.ttfont
        ttfont.setGlyphOrder(list(parsed.getGlyphOrder()))
        for tag in ("hmtx", "post"):
            ttfont[tag] = copy.copy(parsed[tag])
        ttfont["cmap"] = copy.copy(parsed["cmap"])
        ttfont["cmap"].tables = [copy.copy(table) for table in parsed["cmap"].tables]
        # Tables fpdf2 has the subsetter drop, which fontTools would first
        # read in full (to check their formats): dropped before. 'kern' goes
        # with them, as the subsetter drops it when there is a 'GPOS'.
        if "GPOS" in ttfont and "kern" in ttfont:
            del ttfont["kern"]
        for tag in ("GSUB", "GPOS", "GDEF"):
            if tag in ttfont:
                del ttfont[tag]
        self.ttfont = ttfont


def add_document_font(pdf: FPDF, family: str, style: str, path: str, shaped: dict) -> DocumentFont:
    """`pdf.add_font(family, style, path)`, with the font parsed once per
    process; `shaped`: this document's memo of shaped texts (dropped with it)."""
    font = pdf.fonts[family + style] = DocumentFont(pdf, parsed_font(pdf, family, style, path), shaped)
    return font


def before_output(pdf: FPDF) -> None:
    """To call just before `pdf.output()` (which subsets the fonts in place)."""
    for font in pdf.fonts.values():
        if isinstance(font, DocumentFont):
            font.fresh_tables()


def clear_caches() -> None:
    """fpdf2's own process-wide caches of the characters met: cleared by
    output(), but not after a try given up; cleared after each PDF so that
    no text stays in the process."""
    SubsetMap.pick.cache_clear()
    SubsetMap.get_glyph.cache_clear()
    get_unicode_script.cache_clear()
