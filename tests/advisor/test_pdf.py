"""The printable summary: one page, the person's language beside French."""

from __future__ import annotations

import io
import unicodedata
from datetime import date

import pytest
from pypdf import PdfReader

from eligibility.labels import benefit_label
from kiosk.pdf import summary_pdf
from locales import format_money, gettext
from tests.households import single_parent

pytestmark = pytest.mark.heavy


# What _text read, by the PDF's bytes less its creation date and id: the same
# summary read by two tests (the module's `in_a_row`), or made again with
# the same bytes but for the date, is read once (pypdf takes about half a
# CPU-second for a page).
_READ: dict[bytes, tuple[int, str]] = {}


def _text(data: bytes) -> tuple[int, str]:
    key = _without_date(data)
    if key not in _READ:
        reader = PdfReader(io.BytesIO(data))
        # Presentation forms (initial, medial, final letters) back to letters.
        _READ[key] = len(reader.pages), unicodedata.normalize("NFKC", reader.pages[0].extract_text())
    return _READ[key]


TODAY = date(2025, 5, 12)


@pytest.fixture(scope="module")
def screening(engine, request):
    household = single_parent(1100.0, single_parent_months=None)
    return engine.screen(household), household


@pytest.fixture(scope="module")
def in_a_row(screening) -> dict[str, bytes]:
    """The family's summary in Arabic, French and Pashto, made one after the
    other in this process (fonts parsed by the first, shared by the next):
    made once, read by several tests (a summary takes about a CPU-second)."""
    result, household = screening
    return {lang: summary_pdf(result, household, lang, today=TODAY) for lang in ("ar", "fr", "ps")}


def test_french_summary(screening, in_a_row):
    result, _household = screening
    data = in_a_row["fr"]
    assert data.startswith(b"%PDF")
    pages, text = _text(data)
    assert pages == 1
    assert "Calcul fait le 12 mai 2025 pour le mois de mai 2025" in text
    assert "openfisca-france" in text
    assert "estimation, pas une décision" in text
    assert "Allocations familiales (AF)" in text
    assert "Caisse d'allocations familiales" in text
    assert "Pièce d'identité" in text
    for benefit in result.unclaimed:
        if benefit.variant is None:
            assert f"{benefit.amount:.2f}".replace(".", ",") in text


def _arabic_words(text: str) -> list[str]:
    return [w for w in text.split() if any("\u0600" <= ch <= "\u06ff" for ch in w)]


def test_arabic_summary(in_a_row):
    pages, text = _text(in_a_row["ar"])
    assert pages == 1
    # French beside the Arabic, for the counter staff.
    assert "Allocations familiales (AF)" in text
    assert "estimation, pas une décision" in text
    # The Arabic name of the benefit: each word is there (in either order
    # of letters, as extraction may give visual order).
    arabic = benefit_label("af", "ar").split(" — ")[0]
    assert arabic != "Allocations familiales"
    for word in _arabic_words(arabic):
        assert word in text or word[::-1] in text, word
    for word in _arabic_words(gettext("ar", "Pièce d'identité (carte d'identité ou passeport)"))[:2]:
        assert word in text or word[::-1] in text, word
    assert len(_arabic_words(text)) > 10


def test_pdf_texts_are_translated():
    # Headings, the "estimate, not a decision" line and every step are
    # written in the person's language: each has a translation in every catalog.
    from kiosk import pdf, summary_texts
    from locales import LANGUAGES

    texts = [
        summary_texts.TITLE,
        pdf.SIMULATED,
        summary_texts.ESTIMATE,
        pdf.TO_CLAIM,
        summary_texts.NOTHING,
        summary_texts.PER_MONTH,
        summary_texts.PER_YEAR,
        summary_texts.FREE,
        summary_texts.FREE_THEN,
        summary_texts.PARTICIPATION,
        summary_texts.SETTLED_MONTH,
        summary_texts.SETTLED_YEAR,
        summary_texts.THEN_NOTHING,
        summary_texts.INSTITUTION,
        summary_texts.DOCUMENTS,
        summary_texts.PHONE,
        pdf.SCENARIO,
        summary_texts.RECEIVED,
        pdf.UNDERPAID,
        pdf.TOTAL_MONTH,
        pdf.TOTAL_BOTH,
        pdf.TOTAL_YEAR,
        pdf.CONTACT,
        summary_texts.HOURS,
        *pdf.STEPS.values(),
    ]
    for lang in LANGUAGES:
        if lang == "fr":
            continue
        for text in texts:
            assert gettext(lang, text) != text, (lang, text)


def test_pashto_letters_missing_from_dejavu_come_from_the_fallback_font(in_a_row):
    reader = PdfReader(io.BytesIO(in_a_row["ps"]))
    fonts = [str(font.get_object()["/BaseFont"]) for font in reader.pages[0]["/Resources"]["/Font"].values()]
    assert any("NotoSansArabic" in name for name in fonts), fonts
    # ۍ (U+06CD) is a Pashto letter DejaVu Sans has no glyph for.
    assert "\u06cd" in reader.pages[0].extract_text()


# Fonts are parsed once per process and shared by the summaries that follow
# (kiosk.pdf_fonts.FONTS); what a summary says must stay its own.


def _font_names(data: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(data))
    return [str(font.get_object()["/BaseFont"]) for font in reader.pages[0]["/Resources"]["/Font"].values()]


def _without_date(data: bytes) -> bytes:
    # The creation date, and the file id made from it, change at each call.
    return b"\n".join(line for line in data.split(b"\n") if not line.startswith((b"/CreationDate", b"/ID")))


def _check_arabic(data: bytes) -> None:
    pages, text = _text(data)
    assert pages == 1
    assert "Allocations familiales (AF)" in text
    for word in _arabic_words(benefit_label("af", "ar").split(" — ")[0]):
        assert word in text or word[::-1] in text, word
    assert not any("NotoSansArabic" in name for name in _font_names(data))


def _check_french(data: bytes) -> None:
    pages, text = _text(data)
    assert pages == 1
    assert "Calcul fait le 12 mai 2025 pour le mois de mai 2025" in text
    assert "Caisse d'allocations familiales" in text
    assert _arabic_words(text) == []
    # Only the fonts it uses: the Arabic fallback is not embedded.
    assert all("DejaVu" in name for name in _font_names(data))


def _check_pashto(data: bytes) -> None:
    pages, text = _text(data)
    assert pages == 1
    assert "Allocations familiales (AF)" in text
    assert "\u06cd" in text
    # Words with ۍ are cut in two by the change of font: the others whole.
    words = [w for w in _arabic_words(benefit_label("af", "ps").split(" — ")[0]) if "\u06cd" not in w]
    assert words
    for word in words:
        assert word in text or word[::-1] in text, word
    assert any("NotoSansArabic" in name for name in _font_names(data))


CHECKS = {"ar": _check_arabic, "fr": _check_french, "ps": _check_pashto}


def test_summaries_in_a_row_in_different_languages(screening, in_a_row, monkeypatch):
    from kiosk import pdf_fonts

    result, household = screening
    made = in_a_row
    for lang in ("ar", "fr", "ps"):
        CHECKS[lang](made[lang])
    # The same bytes as with the fonts parsed afresh, in another order.
    monkeypatch.setattr(pdf_fonts, "FONTS", {})
    for lang in ("ps", "fr", "ar"):
        assert _without_date(summary_pdf(result, household, lang, today=TODAY)) == _without_date(made[lang]), lang


def test_two_summaries_at_once(screening):
    from concurrent.futures import ThreadPoolExecutor

    result, household = screening
    with ThreadPoolExecutor(2) as pool:
        futures = {lang: pool.submit(summary_pdf, result, household, lang, today=TODAY) for lang in ("ps", "ar")}
    for lang, future in futures.items():
        CHECKS[lang](future.result())


def test_nothing_of_the_summary_stays_in_process_wide_caches(screening):
    import gc
    import types

    from fpdf.fonts import SubsetMap
    from fpdf.unicode_script import get_unicode_script

    from kiosk import pdf_fonts

    result, household = screening
    local = max(_arabic_words(benefit_label("af", "ps")), key=len)
    french = next(b for b in result.unclaimed if b.variant is None)
    amount = f"{french.amount:.2f}".replace(".", ",")
    summary_pdf(result, household, "ps", today=TODAY)
    # fpdf2's own caches of the characters met are empty again.
    for cached in (SubsetMap.pick, SubsetMap.get_glyph, get_unicode_script):
        assert cached.cache_info().currsize == 0, cached
    # Only fonts are kept: no string reachable from them holds the texts.
    # (other tests in the same process may have loaded the Georgian font too)
    assert {"dejavu", "dejavuB", "notoarabic"} <= set(pdf_fonts.FONTS) <= {"dejavu", "dejavuB", "notoarabic", "noto"}
    code = (type, types.ModuleType, types.FunctionType, types.BuiltinFunctionType, types.MethodType, types.CodeType)
    seen, todo, found = set(), [pdf_fonts.FONTS], []
    while todo:
        obj = todo.pop()
        if id(obj) in seen or isinstance(obj, code):
            continue
        seen.add(id(obj))
        if isinstance(obj, str):
            if local in obj or amount in obj or "Allocations familiales" in obj:
                found.append(obj)
            continue
        if isinstance(obj, (bytes, int, float)):
            continue
        todo.extend(gc.get_referents(obj))
    assert found == []
    assert len(seen) > 1000  # the walk went through the fonts' tables


# What a family takes home from an appointment: the scenario chosen, what to
# claim and its total, what is received and may be under-paid, the documents
# for this household, the CCAS's contact, on one page.


@pytest.fixture(scope="module")
def received(engine):
    # Less than the rules give for two children: to be declared.
    household = single_parent(1100.0, received={"af": 100.0}, single_parent_months=None)
    return engine.screen(household), household


def _site():
    from kiosk.config import KioskConfig

    # Made-up contact for the test only (a real site writes its own, with its source).
    return KioskConfig.model_validate(
        {
            "site_name": "CCAS test",
            "advisor": {
                "contact_address": "1 place de test",
                "contact_phone": "01 02 03 04 05",
                "contact_hours": "lundi au vendredi, 9 h - 12 h",
            },
        }
    )


def test_the_summary_a_family_takes_home(received):
    from locales import format_money

    result, household = received
    data = summary_pdf(result, household, "fr", today=TODAY, scenario="Karim : emploi 1 400 €", site=_site())
    pages, text = _text(data)
    assert pages == 1
    flat = " ".join(text.split())
    assert "Situation étudiée : Karim : emploi 1 400 €" in flat
    assert "Calcul fait le 12 mai 2025" in flat
    # What to claim, with its total (the screening's own figures).
    monthly = format_money(result.unclaimed_monthly_total, "fr").replace("\u202f", " ").replace("\xa0", " ")
    assert f"Total des aides à demander : {monthly} par mois" in flat.replace("\u202f", " ").replace("\xa0", " ")
    # Already received, and more is due: declare the change.
    af = result.benefit("af")
    assert af.received and af.amount > 100
    assert "Aides que vous recevez déjà" in flat
    assert "Le calcul donne plus que ce que vous recevez (100,00 €)" in flat.replace("\xa0", " ")
    assert "Signalez votre changement de situation à l'organisme (CAF)" in flat
    # The documents of this household: French nationals need no residence permit.
    assert "Pièce d'identité" in flat and "Titre de séjour" not in flat
    # Who helps at the CCAS, as the site wrote it.
    assert "Pour vous aider dans vos demandes :" in flat
    assert "CCAS test — 1 place de test" in flat and "Téléphone : 01 02 03 04 05" in flat
    assert "Horaires : lundi au vendredi, 9 h - 12 h" in flat


@pytest.fixture(scope="module")
def aligned(received) -> tuple[set[str], dict[str, bytes]]:
    """The alignments fpdf2 was asked for while the summary was made in
    French, Ukrainian and Arabic, and those summaries."""
    from fpdf import FPDF

    aligns = []
    original = FPDF.multi_cell

    def recording(self, *args, **kwargs):
        aligns.append(str(kwargs.get("align", "J")))
        return original(self, *args, **kwargs)

    result, household = received
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(FPDF, "multi_cell", recording)
        made = {lang: summary_pdf(result, household, lang, today=TODAY) for lang in ("fr", "uk", "ar")}
    return set(aligns), made


def test_no_justified_lines(aligned):
    # Justified short columns opened wide gaps (fpdf2's multi_cell justifies
    # unless told otherwise): every paragraph is aligned on one side.
    aligns, _made = aligned
    assert aligns and aligns <= {"L", "R"}, aligns


def test_ukrainian_euros_and_full_stops(aligned):
    pages, text = _text(aligned[1]["uk"])
    assert pages == 1
    assert "EUR" not in text and "€" in text
    # "травень 2025 р." ends the sentence: one full stop.
    assert "р.." not in text and "2025 р." in text


@pytest.mark.parametrize("lang", ["ar", "fa", "ps"])
def test_right_to_left_lines_that_start_with_latin(received, lang):
    # "– RIB (…)" in Arabic script: the dash opens the line on the right.
    # Read back in drawing order, the Arabic column's part of the line ends
    # with the dash (it started with it when the line was laid out left to right).
    result, household = received
    pages, text = _text(summary_pdf(result, household, lang, today=TODAY, site=_site()))
    assert pages == 1
    [line] = [line for line in text.splitlines() if "RIB (relevé" in line]
    local = line.split("– RIB (relevé")[0]
    assert "RIB" in local and local.rstrip().endswith("–"), line


def test_the_recurring_amount_is_the_headline(engine):
    # The single tenant earning 800 € of tests/eligibility/test_after_claiming.py:
    # prime d'activité 334,32 € the first months, 259,56 € once housing aid is
    # paid (its flat rate, 12 % of the base amount, CSS R844-3, net of CRDS).
    from tests.households import tenant_earning_800

    household = tenant_earning_800()
    result = engine.screen(household)
    housing = result.benefit("aide_logement").amount
    _pages, text = _text(summary_pdf(result, household, "fr", today=TODAY))
    flat = " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())
    assert "Prime d'activité (PPA) : 259,56 € par mois, 334,32 € les premiers mois" in flat
    after = round(housing + 259.56, 2)
    first = round(housing + 334.32, 2)
    money = lambda x: format_money(x, "fr").replace("\u202f", " ").replace("\xa0", " ")  # noqa: E731
    assert f"Total des aides à demander : {money(after)} par mois" in flat
    assert f"{money(first)} les premiers mois" in flat
    # In the person's language too, the settled amount first.
    _pages, english = _text(summary_pdf(result, household, "en", today=TODAY))
    english = " ".join(english.replace("\u202f", " ").replace("\xa0", " ").split())
    assert english.index("259.56") < english.index("334.32")


def test_each_right_names_where_to_go_the_desk_first(received):
    from eligibility.places import load_places
    from kiosk.config import KioskConfig

    result, household = received
    # eligibility/data/places/lille.yaml, sourced there: the Maison des
    # Solidarités helps with every right of a Lille resident; the France
    # Services nearest to Lille (the ANCT's list) with the rights of the CAF,
    # the Assurance maladie, the Assurance retraite and France Travail.
    places = load_places("lille")
    desk = places.place("ccas-lille-maison-des-solidarites")
    france_services = places.place("france-services-interfaces-lille-faubourg-de-bethune")
    with_desk = KioskConfig.model_validate(
        {"site_name": "CCAS test", "places": "lille", "desk_place": "ccas-lille-maison-des-solidarites"}
    )
    _pages, text = _text(summary_pdf(result, household, "fr", today=TODAY, site=with_desk))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    where = [line for line in lines if line.startswith("Où aller :")]
    assert len(where) == len(result.unclaimed)
    desk_only, with_france_services = f"Où aller : {desk.name}", f"Où aller : {desk.name} ; {france_services.name}"
    assert set(where) <= {desk_only, with_france_services} and with_france_services in where, where
    flat = " ".join(text.split())
    assert f"{desk.name} — {desk.address}, Lille" in flat
    assert "Horaires : lundi 13:30–17:00 ; mardi – vendredi 09:00–17:00" in flat
    assert "Avec ou sans rendez-vous." in flat
    assert f"{france_services.name} — 106 Boulevard de Metz, Lille" in flat
    assert "Horaires : lundi – vendredi 09:00–12:00, 13:30–17:00" in flat
    # Without a desk in the file, the site's own name comes first, then the file's place.
    without = KioskConfig.model_validate({"site_name": "CCAS test", "places": "lille"})
    _pages, text = _text(summary_pdf(result, household, "fr", today=TODAY, site=without))
    where = [" ".join(line.split()) for line in text.splitlines() if line.startswith("Où aller :")]
    assert where and all(line.startswith(f"Où aller : CCAS test ; {desk.name}") for line in where), where
    # In the person's language, on one page.
    arabic = summary_pdf(result, household, "ar", today=TODAY, site=with_desk)
    assert len(PdfReader(io.BytesIO(arabic)).pages) == 1  # (its text is not read here)
