"""A one-page printable summary of a screening, for the person to keep.

Each block is written in the person's language with the French text beside
it, so that counter staff can read it. Arabic-script text is shaped and
laid out right to left by HarfBuzz (`uharfbuzz`, through fpdf2's text
shaping); the font is DejaVu Sans, bundled in `kiosk/fonts/` (free license
in `LICENSE-DejaVu.txt`), which has Latin, Cyrillic, Georgian and Arabic
glyphs. Only the glyphs used are embedded.

Speed (the advisor waits for it after ctrl+p): the fonts are read, parsed
and given a HarfBuzz font once per process (`_FONTS`, fonts only); each PDF
gets its own light copy of them (its own glyph subset, widths and
descriptor) and, just before `output()`, its own parse of the font bytes to
subset, since fontTools subsets a font in place. What HarfBuzz makes of a
text is memoized for one summary only (fpdf2 shapes each line again at each
character added, at each size tried, and to draw it) and dropped with it:
no text outlives the call. The fallback font is added to a PDF only when a
letter needs it, and a try at a size that already needs a second page stops
there. What the PDF shows is the same as without these shortcuts.
"""

from __future__ import annotations

import copy
import re
import threading
from datetime import date
from importlib import resources
from io import BytesIO
from pathlib import Path

from fontTools import ttLib
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont
from fpdf.unicode_script import get_unicode_script

from eligibility import catalog, to_check
from eligibility.household import Household
from eligibility.labels import benefit_label, document_text, institution_name
from eligibility.screening import BenefitResult, Screening
from locales import (
    N_,
    format_date,
    format_money,
    format_month,
    gettext,
    is_rtl,
)

FONT = "dejavu"
_ONE_STOP = re.compile(r"(?<!\.)\.\.(?!\.)")
FONT_SIZES = (9.5, 8.5, 7.5, 6.5, 5.5)

TITLE = N_("Aides que vous pouvez probablement demander")
SIMULATED = N_("Calcul fait le {date} pour le mois de {month}. Règles : {rules}.")
ESTIMATE = N_("Ceci est une estimation, pas une décision : seul l'organisme qui verse l'aide décide.")
TO_CLAIM = N_("Aides à demander")
NOTHING = N_("Aucune aide à demander n'a été trouvée.")
PER_MONTH = N_("{amount} par mois")
PER_YEAR = N_("{amount} par an")
FREE = N_("Vous ne payez rien.")
PARTICIPATION = N_("Vous payez au maximum {amount} par mois")
INSTITUTION = N_("Organisme : {name}")
DOCUMENTS = N_("Documents à apporter")
STEPS = {
    "online": N_("Faire la demande en ligne sur {website}."),
    "phone": N_("Appeler l'organisme."),
    "desk": N_("Aller à l'accueil de l'organisme."),
    "form": N_("Remplir le formulaire de demande et l'envoyer à l'organisme."),
    "automatic": N_("Versement automatique : en principe, vous n'avez rien à faire."),
}
PHONE = N_("Téléphone : {phone}")
SCENARIO = N_("Situation étudiée : {name}")
RECEIVED = N_("Aides que vous recevez déjà")
UNDERPAID = N_(
    "Le calcul donne plus que ce que vous recevez ({received}). Signalez votre changement de situation "
    "à l'organisme ({institution}) : l'aide peut augmenter."
)
TOTAL_MONTH = N_("Total des aides à demander : {monthly} par mois.")
TOTAL_BOTH = N_("Total des aides à demander : {monthly} par mois, et {yearly} par an.")
TOTAL_YEAR = N_("Total des aides à demander : {yearly} par an.")
CONTACT = N_("Pour vous aider dans vos demandes :")
HOURS = N_("Horaires : {hours}")
# Where to go for a right (the kiosk's texts: kiosk.widgets.places).
WHERE = N_("Où aller :")
BY_APPOINTMENT = {
    "only": N_("Sur rendez-vous seulement."),
    "with_or_without": N_("Avec ou sans rendez-vous."),
    "without": N_("Sans rendez-vous."),
}
# After the recurring amount, when the first months' one differs.
FIRST_MONTHS = N_("{amount} les premiers mois")
# Benefits paid once (the prime à la naissance): never "par an".
ONCE = N_("{amount}, en une fois")
TOTAL_ONCE = N_("Aides versées en une fois : {amount}.")
# Local rights we cannot compute (eligibility.to_check): no amount, no total.
TO_CHECK = N_("À vérifier avec un agent (sans montant)")
TO_VERIFY = N_("À vérifier :")


def _font_path(name: str) -> str:
    return str(resources.files("kiosk") / "fonts" / name)


FALLBACK_FONT = "notoarabic"


def _arabic_fallback_path() -> str:
    return str(resources.files("fontpkg_noto_sans_arabic") / "files" / "NotoSansArabic[wdth,wght].ttf")


class _ParsedFont:
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


# Process-wide, fonts only (never text). _LOCK makes one PDF at a time: the
# HarfBuzz font (its size is set before each shaping) and the TTFont are
# shared, and fpdf2 clears its own glyph caches process-wide in output().
_FONTS: dict[str, _ParsedFont] = {}
_LOCK = threading.Lock()


def _parsed_font(pdf: FPDF, family: str, style: str, path: str) -> _ParsedFont:
    parsed = _FONTS.get(family + style)
    if parsed is None or parsed.path != path:
        parsed = _FONTS[family + style] = _ParsedFont(pdf, family, style, path)
    return parsed


class _DocumentFont(TTFFont):
    """One PDF's use of a parsed font: what fpdf2 changes while writing (glyph
    subset, missing glyphs, widths met, descriptor) is this PDF's own; the
    parsed tables and the HarfBuzz font are shared, read only."""

    __slots__ = ("parsed", "shaped")

    def __init__(self, pdf: FPDF, parsed: _ParsedFont, shaped: dict):
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


class _Overflow(Exception):
    """A try at one size needs a second page: the next size is tried."""


class _Summary(FPDF):
    def __init__(
        self,
        lang: str,
        size: float,
        shaped: dict | None = None,
        one_page_only: bool = False,
        page: str | tuple[float, float] = "A4",
        stacked: bool = False,
    ):
        super().__init__(format=page)
        self.lang = lang
        self.size = size
        self.one_page_only = one_page_only
        # One column, French under the person's language (a receipt is too
        # narrow for two).
        self.stacked = stacked
        self._shaped = shaped if shaped is not None else {}
        margin = 4 if stacked else 12
        self.set_margins(margin, 10 if not stacked else 4, margin)
        self.set_auto_page_break(True, margin=10 if not stacked else 4)
        self._add_font(FONT, "", _font_path("DejaVuSans.ttf"))
        self._add_font(FONT, "B", _font_path("DejaVuSans-Bold.ttf"))
        self.set_text_shaping(True)
        self._paragraph_direction: str | None = None
        self.set_title(gettext(lang, TITLE))
        self.set_creator("Accès aux droits")
        self.add_page()

    def _add_font(self, family: str, style: str, path: str) -> None:
        parsed = _parsed_font(self, family, style, path)
        self.fonts[family + style] = _DocumentFont(self, parsed, self._shaped.setdefault(family + style, {}))

    def get_fallback_font(self, char: str, style: str = "") -> str | None:
        # DejaVu Sans lacks some Pashto letters (ۍ U+06CD): Noto Sans Arabic,
        # installed from PyPI (fontpkg-noto-sans-arabic, OFL), fills the gaps.
        # fpdf2 asks here for each letter the current font lacks; the font is
        # added (and embedded) at the first letter it has.
        if FALLBACK_FONT not in self.fonts:
            parsed = _parsed_font(self, FALLBACK_FONT, "", _arabic_fallback_path())
            if ord(char) in parsed.template.cmap:
                self._add_font(FALLBACK_FONT, "", _arabic_fallback_path())
                self.set_fallback_fonts([FALLBACK_FONT])
        return super().get_fallback_font(char, style)

    def add_page(self, *args, **kwargs) -> None:
        if self.one_page_only and self.page >= 1:
            raise _Overflow
        super().add_page(*args, **kwargs)

    def output(self, *args, **kwargs):
        for font in self.fonts.values():
            if isinstance(font, _DocumentFont):
                font.fresh_tables()
        return super().output(*args, **kwargs)

    @property
    def two_columns(self) -> bool:
        return self.lang != "fr"

    def block(
        self,
        msgid: str,
        values: dict | None = None,
        *,
        bold: bool = False,
        scale: float = 1.0,
        translated: str | None = None,
        french: str | None = None,
    ) -> None:
        """One block: the person's language on the left, French on the right."""
        values = values or {}
        local = translated if translated is not None else gettext(self.lang, msgid).format(**values)
        fr = french if french is not None else msgid.format(**values)
        # A value that ends a sentence with its own full stop ("травень
        # 2025 р.") before the message's: one full stop.
        local, fr = _ONE_STOP.sub(".", local), _ONE_STOP.sub(".", fr)
        self.set_font(FONT, "B" if bold else "", self.size * scale)
        line = self.size * scale * 0.45
        top = self.get_y()
        # Left-aligned, never justified (justified short columns open wide gaps).
        if not self.two_columns:
            self._direction("ltr")
            self.multi_cell(0, line, fr, align="L", new_x="LMARGIN", new_y="NEXT")
            return
        if self.stacked:
            align = "R" if is_rtl(self.lang) else "L"
            self.multi_cell(0, line, local, align=align, new_x="LMARGIN", new_y="NEXT")
            self.set_text_color(70, 70, 70)
            self.multi_cell(0, line, fr, new_x="LMARGIN", new_y="NEXT")
            self.set_text_color(0, 0, 0)
            return
        width = (self.epw - 6) / 2
        rtl = is_rtl(self.lang)
        self.set_xy(self.l_margin, top)
        # The paragraph's direction is the language's, whatever its first
        # letter: an Arabic line that starts with "RIB" keeps its dash on the right.
        self._direction("rtl" if rtl else "ltr")
        self.multi_cell(width, line, local, align="R" if rtl else "L", new_x="LMARGIN", new_y="NEXT")
        bottom = self.get_y()
        self.set_xy(self.l_margin + width + 6, top)
        self.set_text_color(70, 70, 70)
        self._direction("ltr")
        self.multi_cell(width, line, fr, align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.set_y(max(bottom, self.get_y()))

    def _direction(self, direction: str) -> None:
        if self._paragraph_direction != direction:
            self._paragraph_direction = direction
            self.set_text_shaping(True, direction=direction)

    def gap(self, height: float = 1.5) -> None:
        self.ln(height)

    def rule(self) -> None:
        self.set_draw_color(160, 160, 160)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(1.5)


def _amount(result: BenefitResult, lang: str) -> tuple[str, str]:
    def both(msgid: str, amount: float | None = None) -> tuple[str, str]:
        values = {}
        if amount is not None:
            values = {"amount": money(amount, lang)}
            french_values = {"amount": money(amount, "fr")}
        else:
            french_values = {}
        return gettext(lang, msgid).format(**values), msgid.format(**french_values)

    if result.variant == "free":
        return both(FREE)
    if result.variant == "with_participation":
        return both(PARTICIPATION, result.amount or 0)
    if result.paid_once:
        return both(ONCE, result.amount or 0)
    per = PER_YEAR if result.per == "year" else PER_MONTH
    recurring = result.recurring_amount
    if recurring is None or recurring == result.amount:
        return both(per, result.amount or 0)
    # The amount it settles at is the headline; the first months after it.
    local, french = both(per, recurring)
    first_local, first_french = both(FIRST_MONTHS, result.amount or 0)
    return f"{local}, {first_local}", f"{french}, {first_french}"


def money(amount: float, lang: str) -> str:
    """Euros as the person reads them on paper: the sign "€", never the ISO
    code some locales use (CLDR's Ukrainian writes "EUR")."""
    return format_money(amount, lang).replace("EUR", "€")


def _both(msgid: str, lang: str, **values) -> tuple[str, str]:
    """A message in the person's language and in French; money values are
    formatted for each (numbers given as floats)."""

    def fill(target: str) -> dict:
        return {k: money(v, target) if isinstance(v, float) else v for k, v in values.items()}

    return gettext(lang, msgid).format(**fill(lang)), msgid.format(**fill("fr"))


def household_documents(codes: list[str], household: Household) -> list[str]:
    """The documents that concern this household: no residence permit for a
    household of French nationals."""
    if all(p.nationality.value == "fr" for p in household.people):
        codes = [c for c in codes if c != "residence_permit"]
    return codes


def _claim_lines(pdf: _Summary, result: BenefitResult, lang: str) -> list[str]:
    """Name and amount, institution, first step, phone; the documents."""
    benefit = catalog.benefits()[result.id]
    institution = catalog.institutions()[result.institution]
    pdf.gap(1)
    local_amount, french_amount = _amount(result, lang)
    pdf.block(
        "",
        bold=True,
        translated=f"{benefit_label(result.id, lang)} : {local_amount}",
        french=f"{benefit.official_name} : {french_amount}",
    )
    pdf.block(
        INSTITUTION,
        translated=gettext(lang, INSTITUTION).format(name=institution_name(result.institution, lang)),
        french=INSTITUTION.format(name=institution.name),
        scale=0.95,
    )
    return list(result.how_to_claim.documents)


def _render(
    screening: Screening,
    household: Household,
    lang: str,
    size: float,
    today: date,
    shaped: dict | None = None,
    one_page_only: bool = False,
    scenario: str | None = None,
    site=None,
) -> _Summary:
    pdf = _Summary(lang, size, shaped, one_page_only)
    pdf.block(TITLE, bold=True, scale=1.5)
    pdf.gap()
    values = dict(rules=screening.rules_version)
    pdf.block(
        SIMULATED,
        translated=gettext(lang, SIMULATED).format(
            date=format_date(today, lang), month=format_month(screening.month, lang), **values
        ),
        french=SIMULATED.format(date=format_date(today, "fr"), month=format_month(screening.month, "fr"), **values),
    )
    if scenario:
        # The worker's own name for the scenario, as typed (in French).
        pdf.block(SCENARIO, {"name": scenario})
    pdf.block(ESTIMATE, bold=True)
    pdf.gap()
    pdf.rule()
    pdf.block(TO_CLAIM, bold=True, scale=1.2)
    unclaimed = [b for b in screening.benefits if b.unclaimed]
    if not unclaimed:
        pdf.block(NOTHING)
    documents: list[str] = []
    named: list = []  # the places named, detailed once at the end
    for result in unclaimed:
        institution = catalog.institutions()[result.institution]
        codes = _claim_lines(pdf, result, lang)
        where = _places(site, result.id, household.commune)
        if where:
            names = " ; ".join(p.name if hasattr(p, "name") else p for p in where)
            local = f"{gettext(lang, WHERE)} {names}"
            pdf.block(WHERE, translated=local, french=f"{WHERE} {names}", scale=0.95)
            named += [p for p in where if hasattr(p, "name") and p not in named]
        step = STEPS[result.how_to_claim.first_step]
        website = institution.website.removeprefix("https://").removeprefix("http://")
        pdf.block(step, {"website": website}, scale=0.95)
        if result.how_to_claim.phone and institution.phone_verified:
            pdf.block(PHONE, {"phone": result.how_to_claim.phone}, scale=0.95)
        for code in codes:
            if code not in documents:
                documents.append(code)
    if unclaimed:
        pdf.gap(1)
        first = float(screening.unclaimed_monthly_total)
        # A screening made without the amounts after claiming has no
        # recurring amounts (and a recurring total of 0): its first total stands.
        settled = any(b.recurring_amount is not None for b in unclaimed)
        monthly = float(screening.recurring_unclaimed_monthly_total) if settled else first
        yearly = float(screening.unclaimed_yearly_total)
        # Only the totals there are: no "0,00 € par mois" beside a yearly aid.
        total = TOTAL_BOTH if monthly and yearly else TOTAL_YEAR if yearly else TOTAL_MONTH
        local, french = _both(total, lang, monthly=monthly, yearly=yearly)
        pdf.block(total, bold=True, translated=local, french=french)
        if first != monthly:
            local, french = _both(FIRST_MONTHS, lang, amount=first)
            pdf.block(FIRST_MONTHS, translated=local, french=french, scale=0.95)
        if screening.unclaimed_once_total:
            local, french = _both(TOTAL_ONCE, lang, amount=float(screening.unclaimed_once_total))
            pdf.block(TOTAL_ONCE, bold=True, translated=local, french=french)
    received = [b for b in screening.benefits if b.received and b.status.value == "eligible" and b.amount]
    if received:
        pdf.gap()
        pdf.rule()
        pdf.block(RECEIVED, bold=True, scale=1.2)
        for result in received:
            _claim_lines(pdf, result, lang)
            # The engine's own rule says when more may be due ("may_be_underpaid").
            if "may_be_underpaid" in result.reasons and result.received_amount is not None:
                local, french = _both(
                    UNDERPAID,
                    lang,
                    received=float(result.received_amount),
                    institution=catalog.institutions()[result.institution].short,
                )
                pdf.block(UNDERPAID, bold=True, translated=local, french=french, scale=0.95)
    _to_check(pdf, screening, lang)
    documents = household_documents(documents, household)
    if documents:
        pdf.gap()
        pdf.rule()
        pdf.block(DOCUMENTS, bold=True, scale=1.2)
        for code in documents:
            pdf.block(
                "", translated="– " + document_text(code, lang), french="– " + catalog.documents()[code], scale=0.95
            )
    contact = _contact(site)
    for place in named:
        contact += _place_lines(place, lang)
    if contact:
        pdf.gap()
        pdf.rule()
        pdf.block(CONTACT, bold=True)
        for msgid, values in contact:
            if "hours_fr" in values:
                # Days and times of a place: in each column's language.
                local = gettext(lang, msgid).format(hours=values["hours"])
                pdf.block(msgid, translated=local, french=msgid.format(hours=values["hours_fr"]), scale=0.95)
            elif msgid:
                pdf.block(msgid, values, scale=0.95)
            else:
                # Names and addresses stay as they are written.
                pdf.block("", translated=values["text"], french=values["text"], scale=0.95)
    pdf.gap()
    pdf.rule()
    pdf.block(ESTIMATE, scale=0.85)
    return pdf


def _to_check(pdf: _Summary, screening: Screening, lang: str) -> None:
    """The rights to check with an agent: name, who decides, what is left to
    check. Never an amount."""
    if not screening.to_check:
        return
    pdf.gap()
    pdf.rule()
    pdf.block(TO_CHECK, bold=True, scale=1.2)
    for result in screening.to_check:
        item = to_check.catalog()[result.id]
        pdf.gap(1)
        pdf.block(
            "",
            bold=True,
            translated=f"{to_check.label(result.id, lang)} — {item.institution}",
            french=f"{item.official_name} — {item.institution}",
        )
        if result.to_verify:
            pdf.block(
                TO_VERIFY,
                translated=f"{gettext(lang, TO_VERIFY)} "
                + " ; ".join(to_check.text(t, lang) for t in result.to_verify),
                french=f"{TO_VERIFY} " + " ; ".join(result.to_verify),
                scale=0.9,
            )


def _places(site, benefit_id: str, commune: str) -> list:
    """Where to go for a right, from the site's places file (config keys
    `places`, `desk_place`): the desk first (its place in the file, else the
    site's name), then the nearest place of the file that helps with it."""
    if site is None:
        return []
    found = site.site_places()
    desk = found.place(site.desk_place) if found is not None and site.desk_place else None
    first = [desk] if desk is not None else ([site.site_name] if getattr(site, "site_name", None) else [])
    if found is None:
        return first
    others = [p for p in found.places_for(benefit_id, commune) if desk is None or p.id != desk.id]
    return first + others[:1]


def _place_lines(place, lang: str) -> list[tuple[str, dict]]:
    """A place of the file: name and address, hours, appointments, phone,
    each as its source gives it."""
    from eligibility.communes import commune
    from eligibility.places import opening_hours_text

    found = commune(place.commune)
    lines: list[tuple[str, dict]] = [
        ("", {"text": f"{place.name} — {place.address}, {found.name if found else place.commune}"})
    ]
    if place.hours:
        lines.append(
            (HOURS, {"hours": opening_hours_text(place.hours, lang), "hours_fr": opening_hours_text(place.hours, "fr")})
        )
    if place.appointment in BY_APPOINTMENT:
        lines.append((BY_APPOINTMENT[place.appointment], {}))
    if place.phone:
        lines.append((PHONE, {"phone": place.phone}))
    return lines


def _contact(site) -> list[tuple[str, dict]]:
    """The CCAS's name, address, phone and hours from the site's
    configuration ([advisor] contact_*): only what the site wrote."""
    if site is None:
        return []
    advisor = getattr(site, "advisor", None)
    lines: list[tuple[str, dict]] = []
    name = getattr(site, "site_name", None)
    address = getattr(advisor, "contact_address", None)
    if name and address:
        lines.append(("", {"text": f"{name} — {address}"}))
    elif address:
        lines.append(("", {"text": address}))
    if getattr(advisor, "contact_phone", None):
        lines.append((PHONE, {"phone": advisor.contact_phone}))
    if getattr(advisor, "contact_hours", None):
        lines.append((HOURS, {"hours": advisor.contact_hours}))
    if lines and name and not address:
        lines.insert(0, ("", {"text": name}))
    return lines


def summary_pdf(
    screening: Screening,
    household: Household,
    lang: str,
    today: date | None = None,
    *,
    scenario: str | None = None,
    site=None,
) -> bytes:
    """The summary as PDF bytes: one A4 page (the text gets smaller when
    there is much to say). `scenario`: the advisor's name for the situation
    studied; `site`: the kiosk configuration, for the CCAS's contact."""
    today = today or date.today()
    with _LOCK:
        shaped: dict = {}  # this summary's texts, shaped: dropped on return
        try:
            for size in FONT_SIZES:
                try:
                    pdf = _render(
                        screening,
                        household,
                        lang,
                        size,
                        today,
                        shaped,
                        one_page_only=size != FONT_SIZES[-1],
                        scenario=scenario,
                        site=site,
                    )
                except _Overflow:
                    continue
                if pdf.pages_count == 1:
                    break
            return bytes(pdf.output())
        finally:
            # fpdf2's own process-wide caches of characters met (cleared by
            # output(), but not after a try given up).
            SubsetMap.pick.cache_clear()
            SubsetMap.get_glyph.cache_clear()
            get_unicode_script.cache_clear()


#: Receipt paper: the longest roll page; the page is then cut to the text.
RECEIPT_MAX_LENGTH = 1000.0
TAKEAWAY_SIZES = {"title": 1.3, "right": 1.0, "place": 1.0, "heading": 1.1, "detail": 0.95, "item": 0.95, "note": 0.85}
TAKEAWAY_BOLD = {"title", "right", "place", "heading"}


def takeaway_pdf(lines, lang: str, receipt_width: int | None = None) -> bytes:
    """A resident's take-away summary (kiosk/takeaway.py `Line`s), in their
    language and in French: one A4 page (two columns), or, with
    `receipt_width` in millimetres, a receipt as long as the text (French
    under each line). Holds the summary's lines and nothing else."""

    def render(page, size, one_page_only):
        pdf = _Summary(lang, size, shaped, one_page_only, page=page, stacked=receipt_width is not None)
        for line in lines:
            if line.kind in ("title", "heading"):
                pdf.gap(1)
            pdf.block(
                "",
                bold=line.kind in TAKEAWAY_BOLD,
                scale=TAKEAWAY_SIZES[line.kind],
                translated=line.local,
                french=line.french,
            )
        return pdf

    with _LOCK:
        shaped: dict = {}
        try:
            if receipt_width is None:
                for size in FONT_SIZES:
                    try:
                        pdf = render("A4", size, size != FONT_SIZES[-1])
                    except _Overflow:
                        continue
                    if pdf.pages_count == 1:
                        break
            else:
                # Laid out once on a long page to measure, then on a page cut
                # just below the text (a receipt printer feeds what it is given).
                size = 8.5
                length = render((receipt_width, RECEIPT_MAX_LENGTH), size, False).get_y() + 6
                pdf = render((receipt_width, min(length, RECEIPT_MAX_LENGTH)), size, False)
            return bytes(pdf.output())
        finally:
            SubsetMap.pick.cache_clear()
            SubsetMap.get_glyph.cache_clear()
            get_unicode_script.cache_clear()
