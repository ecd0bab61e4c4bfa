"""A one-page printable summary of a screening, for the person to keep.

Each block is written in the person's language with the French text beside
it, so that counter staff can read it. Arabic-script text is shaped and
laid out right to left by HarfBuzz (`uharfbuzz`, through fpdf2's text
shaping); the font is DejaVu Sans, bundled in `kiosk/fonts/` (free license
in `LICENSE-DejaVu.txt`), which has Latin, Cyrillic, Georgian and Arabic
glyphs. Only the glyphs used are embedded.

Speed (the advisor waits for it after ctrl+p): fonts parsed once per
process, shaped texts memoized per summary (`kiosk.pdf_fonts`, the one
module that uses fpdf2's internals). The fallback font is added to a PDF
only when a letter needs it, and a try at a size that already needs a
second page stops there.
"""

from __future__ import annotations

import re
from datetime import date
from functools import partial
from importlib import resources
from math import ceil

from fpdf import FPDF

from eligibility import catalog, to_check
from eligibility.household import Household
from eligibility.labels import benefit_label, document_text, institution_name
from eligibility.screening import BenefitResult, Screening
from kiosk.pdf_fonts import LOCK, add_document_font, before_output, clear_caches, parsed_font
from kiosk.summary_texts import (
    DOCUMENTS,
    ESTIMATE,
    HOURS,
    INSTITUTION,
    NOTHING,
    PHONE,
    RECEIVED,
    TITLE,
    TO_VERIFY,
    amount_texts,
    both,
    place_lines,
)
from locales import (
    N_,
    format_date,
    format_month,
    gettext,
    is_rtl,
    join_number_groups,
)

FONT = "dejavu"
_ONE_STOP = re.compile(r"(?<!\.)\.\.(?!\.)")
FONT_SIZES = (9.5, 8.5, 7.5, 6.5, 5.5)

SIMULATED = N_("Calcul fait le {date} pour le mois de {month}. Règles : {rules}.")
TO_CLAIM = N_("Aides à demander")
STEPS = {
    "online": N_("Faire la demande en ligne sur {website}."),
    "phone": N_("Appeler l'organisme."),
    "desk": N_("Aller à l'accueil de l'organisme."),
    "form": N_("Remplir le formulaire de demande et l'envoyer à l'organisme."),
    "automatic": N_("Versement automatique : en principe, vous n'avez rien à faire."),
}
SCENARIO = N_("Situation étudiée : {name}")
UNDERPAID = N_(
    "Le calcul donne plus que ce que vous recevez ({received}). Signalez votre changement de situation "
    "à l'organisme ({institution}) : l'aide peut augmenter."
)
TOTAL_MONTH = N_("Total des aides à demander : {monthly} par mois.")
TOTAL_BOTH = N_("Total des aides à demander : {monthly} par mois, et {yearly} par an.")
TOTAL_YEAR = N_("Total des aides à demander : {yearly} par an.")
CONTACT = N_("Pour vous aider dans vos demandes :")
# Where to go for a right (the kiosk's texts: kiosk.widgets.places).
WHERE = N_("Où aller :")
# After the recurring total, when the first months' one differs.
FIRST_MONTHS = N_("{amount} les premiers mois")
TOTAL_ONCE = N_("Aides versées en une fois : {amount}.")
# Local rights we cannot compute (eligibility.to_check): no amount, no total.
TO_CHECK = N_("À vérifier avec un agent (sans montant)")


def _font_path(name: str) -> str:
    return str(resources.files("kiosk") / "fonts" / name)


FALLBACK_FONT = "notoarabic"


def _arabic_fallback_path() -> str:
    return str(resources.files("fontpkg_noto_sans_arabic") / "files" / "NotoSansArabic[wdth,wght].ttf")


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
        least_height: bool = False,
    ):
        super().__init__(format=page)
        self.lang = lang
        self.size = size
        self.one_page_only = one_page_only
        # One column, French under the person's language (a receipt is too
        # narrow for two).
        self.stacked = stacked
        # Blocks advance by the least height their text can take instead of
        # being laid out (`least_height_overflows`).
        self.least_height = least_height
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
        add_document_font(self, family, style, path, self._shaped.setdefault(family + style, {}))

    def get_fallback_font(self, char: str, style: str = "") -> str | None:
        # DejaVu Sans lacks some Pashto letters (ۍ U+06CD): Noto Sans Arabic,
        # installed from PyPI (fontpkg-noto-sans-arabic, OFL), fills the gaps.
        # fpdf2 asks here for each letter the current font lacks; the font is
        # added (and embedded) at the first letter it has.
        if FALLBACK_FONT not in self.fonts:
            parsed = parsed_font(self, FALLBACK_FONT, "", _arabic_fallback_path())
            if ord(char) in parsed.template.cmap:
                self._add_font(FALLBACK_FONT, "", _arabic_fallback_path())
                self.set_fallback_fonts([FALLBACK_FONT])
        return super().get_fallback_font(char, style)

    def add_page(self, *args, **kwargs) -> None:
        if self.one_page_only and self.page >= 1:
            raise _Overflow
        super().add_page(*args, **kwargs)

    def output(self, *args, **kwargs):
        before_output(self)
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
            self._text(0, line, fr, align="L")
            return
        if is_rtl(self.lang):
            # A phone number's groups stay in order (locales.join_number_groups).
            local = join_number_groups(local)
        if self.stacked:
            align = "R" if is_rtl(self.lang) else "L"
            self._text(0, line, local, align=align)
            self.set_text_color(70, 70, 70)
            self._text(0, line, fr)
            self.set_text_color(0, 0, 0)
            return
        width = (self.epw - 6) / 2
        rtl = is_rtl(self.lang)
        self.set_xy(self.l_margin, top)
        # The paragraph's direction is the language's, whatever its first
        # letter: an Arabic line that starts with "RIB" keeps its dash on the right.
        self._direction("rtl" if rtl else "ltr")
        self._text(width, line, local, align="R" if rtl else "L")
        bottom = self.get_y()
        self.set_xy(self.l_margin + width + 6, top)
        self.set_text_color(70, 70, 70)
        self._direction("ltr")
        self._text(width, line, fr, align="L")
        self.set_text_color(0, 0, 0)
        self.set_y(max(bottom, self.get_y()))

    def _text(self, width: float, line: float, text: str, align: str = "J") -> None:
        """A paragraph in lines of `line` mm, then the next line at the left
        margin. `align` defaults to fpdf2's own default (justified)."""
        if not self.least_height:
            self.multi_cell(width, line, text, align=align, new_x="LMARGIN", new_y="NEXT")
            return
        # No line holds more than the column's width (`width` counts the
        # cell's margins too), plus the space a break drops: so at least
        # this many lines, whatever the words. 2 % less for the kerning a
        # whole paragraph has across its breaks.
        column = (width or self.w - self.r_margin - self.x) + 2 * self.get_string_width(" ")
        lines = sum(max(1, ceil(0.98 * self.get_string_width(part) / column)) for part in text.split("\n"))
        self.set_xy(self.l_margin, self.get_y() + lines * line)

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


def least_height_overflows(pdf: _Summary) -> bool:
    """Whether a summary drawn with `least_height` already ends below the
    page's last line: then laid out it would need a second page (its last
    block is text, and no line goes below that line on one page)."""
    return pdf.get_y() > pdf.page_break_trigger


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
    local_amount, french_amount = amount_texts(result, lang)
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
    least_height: bool = False,
) -> _Summary:
    pdf = _Summary(lang, size, shaped, one_page_only, least_height=least_height)
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
    unclaimed, received, _unknown = screening.sections()
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
        # Only the totals there are: no "0,00 € par mois" beside a yearly
        # aid, nor above an aid paid once only.
        if monthly or yearly:
            total = TOTAL_BOTH if monthly and yearly else TOTAL_YEAR if yearly else TOTAL_MONTH
            local, french = both(lang, total, monthly=monthly, yearly=yearly)
            pdf.block(total, bold=True, translated=local, french=french)
        if first != monthly:
            local, french = both(lang, FIRST_MONTHS, amount=first)
            pdf.block(FIRST_MONTHS, translated=local, french=french, scale=0.95)
        if screening.unclaimed_once_total:
            local, french = both(lang, TOTAL_ONCE, amount=float(screening.unclaimed_once_total))
            pdf.block(TOTAL_ONCE, bold=True, translated=local, french=french)
    # Received and computed: the rules can say whether more may be due.
    received = [b for b in received if b.status.value == "eligible" and b.amount]
    if received:
        pdf.gap()
        pdf.rule()
        pdf.block(RECEIVED, bold=True, scale=1.2)
        for result in received:
            _claim_lines(pdf, result, lang)
            # The engine's own rule says when more may be due ("may_be_underpaid").
            if "may_be_underpaid" in result.reasons and result.received_amount is not None:
                local, french = both(
                    lang,
                    UNDERPAID,
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
            if msgid:
                pdf.block(msgid, values, scale=0.95)
            else:
                # Already in each column's language (names and addresses as written).
                pdf.block("", translated=values["text"], french=values.get("french", values["text"]), scale=0.95)
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
    """Where to go for a right (config keys `places`, `desk_place`): the desk
    first (its place in the file, else the site's name), then the nearest
    place of the file that helps with it."""
    if site is None:
        return []
    desk = site.desk()
    first = [desk] if desk is not None else ([site.site_name] if getattr(site, "site_name", None) else [])
    return first + site.places_near(benefit_id, commune)[:1]


def _place_lines(place, lang: str) -> list[tuple[str, dict]]:
    """A place of the file: its name, then `place_lines`."""
    first, *rest = place_lines(place, lang)
    text = f"{place.name} — {first.french}"
    return [("", {"text": text, "french": text})] + [("", {"text": line.local, "french": line.french}) for line in rest]


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
    with LOCK:
        shaped: dict = {}  # this summary's texts, shaped: dropped on return
        try:
            for size in FONT_SIZES:
                one_page_only = size != FONT_SIZES[-1]
                render = partial(_render, screening, household, lang, size, today, shaped, scenario=scenario, site=site)
                # A size whose text cannot fit on the page even in its fewest
                # lines is passed without laying the text out (most of the
                # time of a summary with much to say): the size chosen is the
                # same, sooner.
                if one_page_only and least_height_overflows(render(least_height=True)):
                    continue
                try:
                    pdf = render(one_page_only=one_page_only)
                except _Overflow:
                    continue
                if pdf.pages_count == 1:
                    break
            return bytes(pdf.output())
        finally:
            # fpdf2's own process-wide caches of characters met (cleared by
            # output(), but not after a try given up).
            clear_caches()


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

    with LOCK:
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
            clear_caches()
