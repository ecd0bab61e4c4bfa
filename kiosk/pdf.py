"""A one-page printable summary of a screening, for the person to keep.

Each block is written in the person's language with the French text beside
it, so that counter staff can read it. Arabic-script text is shaped and
laid out right to left by HarfBuzz (`uharfbuzz`, through fpdf2's text
shaping); the font is DejaVu Sans, bundled in `kiosk/fonts/` (free license
in `LICENSE-DejaVu.txt`), which has Latin, Cyrillic, Georgian and Arabic
glyphs. Only the glyphs used are embedded.
"""

from __future__ import annotations

from datetime import date
from importlib import resources

from fpdf import FPDF

from eligibility import catalog
from eligibility.household import Household
from eligibility.screening import BenefitResult, Screening
from locales import (
    N_,
    benefit_label,
    document_text,
    format_date,
    format_money,
    format_month,
    gettext,
    institution_name,
    is_rtl,
)

FONT = "dejavu"
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


def _font_path(name: str) -> str:
    return str(resources.files("kiosk") / "fonts" / name)


FALLBACK_FONT = "notoarabic"


def _arabic_fallback_path() -> str:
    return str(resources.files("fontpkg_noto_sans_arabic") / "files" / "NotoSansArabic[wdth,wght].ttf")


class _Summary(FPDF):
    def __init__(self, lang: str, size: float):
        super().__init__(format="A4")
        self.lang = lang
        self.size = size
        self.set_margins(12, 10, 12)
        self.set_auto_page_break(True, margin=10)
        self.add_font(FONT, "", _font_path("DejaVuSans.ttf"))
        self.add_font(FONT, "B", _font_path("DejaVuSans-Bold.ttf"))
        # DejaVu Sans lacks some Pashto letters (ۍ U+06CD): Noto Sans Arabic,
        # installed from PyPI (fontpkg-noto-sans-arabic, OFL), fills the gaps.
        self.add_font(FALLBACK_FONT, "", _arabic_fallback_path())
        self.set_fallback_fonts([FALLBACK_FONT])
        self.set_text_shaping(True)
        self.set_title(gettext(lang, TITLE))
        self.set_creator("Accès aux droits")
        self.add_page()

    @property
    def two_columns(self) -> bool:
        return self.lang != "fr"

    def block(self, msgid: str, values: dict | None = None, *, bold: bool = False, scale: float = 1.0,
              translated: str | None = None, french: str | None = None) -> None:
        """One block: the person's language on the left, French on the right."""
        values = values or {}
        local = translated if translated is not None else gettext(self.lang, msgid).format(**values)
        fr = french if french is not None else msgid.format(**values)
        self.set_font(FONT, "B" if bold else "", self.size * scale)
        line = self.size * scale * 0.45
        top = self.get_y()
        if not self.two_columns:
            self.multi_cell(0, line, fr, new_x="LMARGIN", new_y="NEXT")
            return
        width = (self.epw - 6) / 2
        align = "R" if is_rtl(self.lang) else "L"
        self.set_xy(self.l_margin, top)
        self.multi_cell(width, line, local, align=align, new_x="LMARGIN", new_y="NEXT")
        bottom = self.get_y()
        self.set_xy(self.l_margin + width + 6, top)
        self.set_text_color(70, 70, 70)
        self.multi_cell(width, line, fr, new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.set_y(max(bottom, self.get_y()))

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
            values = {"amount": format_money(amount, lang)}
            french_values = {"amount": format_money(amount, "fr")}
        else:
            french_values = {}
        return gettext(lang, msgid).format(**values), msgid.format(**french_values)

    if result.variant == "free":
        return both(FREE)
    if result.variant == "with_participation":
        return both(PARTICIPATION, result.amount or 0)
    return both(PER_YEAR if result.per == "year" else PER_MONTH, result.amount or 0)


def _render(screening: Screening, household: Household, lang: str, size: float, today: date) -> _Summary:
    pdf = _Summary(lang, size)
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
    pdf.block(ESTIMATE, bold=True)
    pdf.gap()
    pdf.rule()
    pdf.block(TO_CLAIM, bold=True, scale=1.2)
    unclaimed = [b for b in screening.benefits if b.unclaimed]
    if not unclaimed:
        pdf.block(NOTHING)
    documents: list[str] = []
    for result in unclaimed:
        benefit = catalog.benefits()[result.id]
        institution = catalog.institutions()[result.institution]
        pdf.gap(1)
        local_amount, french_amount = _amount(result, lang)
        pdf.block(
            "", bold=True,
            translated=f"{benefit_label(result.id, lang)} : {local_amount}",
            french=f"{benefit.official_name} : {french_amount}",
        )
        pdf.block(
            INSTITUTION,
            translated=gettext(lang, INSTITUTION).format(name=institution_name(result.institution, lang)),
            french=INSTITUTION.format(name=institution.name),
            scale=0.95,
        )
        step = STEPS[result.how_to_claim.first_step]
        website = institution.website.removeprefix("https://").removeprefix("http://")
        pdf.block(step, {"website": website}, scale=0.95)
        if result.how_to_claim.phone and institution.phone_verified:
            pdf.block(PHONE, {"phone": result.how_to_claim.phone}, scale=0.95)
        for code in result.how_to_claim.documents:
            if code not in documents:
                documents.append(code)
    if documents:
        pdf.gap()
        pdf.rule()
        pdf.block(DOCUMENTS, bold=True, scale=1.2)
        for code in documents:
            pdf.block(
                "", translated="– " + document_text(code, lang), french="– " + catalog.documents()[code], scale=0.95
            )
    pdf.gap()
    pdf.rule()
    pdf.block(ESTIMATE, scale=0.85)
    return pdf


def summary_pdf(screening: Screening, household: Household, lang: str, today: date | None = None) -> bytes:
    """The summary as PDF bytes: one A4 page (the text gets smaller when
    there is much to say)."""
    today = today or date.today()
    for size in FONT_SIZES:
        pdf = _render(screening, household, lang, size, today)
        if pdf.pages_count == 1:
            break
    return bytes(pdf.output())
