"""What a resident takes home: a short plain-text summary of their results.

One summary, two ways to carry it: shown as QR codes on the results screen
(a phone camera shows the text; nothing is sent or stored), or printed on
the site's printer, bilingual. The summary holds, in the person's language
with the official French names kept: each right to claim with its amount,
who pays it and their phone number (from the catalog's institutions, never
made up), the documents to bring and the place to go (the site's name and
desk, from the configuration).

Nothing here keeps a summary: every function returns a new value, and the
screens that show or print it drop it with the session.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from eligibility import catalog
from eligibility.labels import document_text
from eligibility.screening import BenefitResult, Screening
from locales import N_, format_money, gettext

# Messages shared with the PDF summary (kiosk/pdf.py): same French, same
# translations.
TITLE = N_("Aides que vous pouvez probablement demander")
NOTHING = N_("Aucune aide à demander n'a été trouvée.")
PER_MONTH = N_("{amount} par mois")
PER_YEAR = N_("{amount} par an")
FREE = N_("Vous ne payez rien.")
PARTICIPATION = N_("Vous payez au maximum {amount} par mois")
DOCUMENTS = N_("Documents à apporter")
PHONE_UNCERTAIN = N_("Téléphone (ce numéro a peut-être changé) : {phone}")
ESTIMATE = N_("Ceci est une estimation, pas une décision : seul l'organisme qui verse l'aide décide.")
ONCE = N_("{amount}, en une fois")
# New messages.
WHERE = N_("Où aller : {place}")
# The local rights to check (eligibility.to_check) are not on the phone: the
# codes are already full (up to four), and they are on the screen and on paper.
MORE = N_("La suite est à l'accueil : demandez la liste complète.")

#: The largest QR version a code may use. Version 10 is 57 × 57 modules:
#: 65 × 33 character cells with the quiet zone, one module a column, which
#: fits a 120 × 40 kiosk beside its text with modules big enough for a phone
#: at arm's length (measured in tests/kiosk/test_takeaway.py by decoding the
#: code as drawn). Longer summaries go to a second code, never to smaller
#: modules or a denser version.
MAX_VERSION = 13
#: At most this many codes (a phone reads them one after the other); what
#: does not fit ends with `MORE`.
MAX_CODES = 4


class TakeawayConfig(BaseModel):
    """`[takeaway]` in the kiosk's TOML file."""

    model_config = ConfigDict(extra="forbid")

    # "Take it on my phone": the summary as QR codes on the results screen.
    phone: bool = True
    # Where the resident goes to claim, after the site name: "accueil, rez-de-chaussée".
    desk: str | None = Field(default=None, min_length=1, max_length=80)
    # CUPS queue for "Print" (`lp -d NAME`, as `lpstat -p` lists it). Unset:
    # no "Print" button (a resident's kiosk never guesses a printer).
    printer: str | None = Field(default=None, pattern=r"^[^\s/#]{1,127}$")
    # "a4", or "receipt" for a roll printer of `receipt_width` millimetres.
    paper: Literal["a4", "receipt"] = "a4"
    receipt_width: int = Field(default=80, ge=48, le=120)


@dataclass(frozen=True)
class Line:
    """One line of the summary: in the person's language, and in French."""

    local: str
    french: str
    kind: Literal["title", "right", "place", "detail", "heading", "item", "note"] = "detail"
    # A right's line with the official French name only (no translated
    # name): used on the phone when the full lines need too many codes.
    compact: str | None = None


def _both(lang: str, msgid: str, **values: object) -> tuple[str, str]:
    """`msgid` in `lang` and in French; money is formatted in each language."""
    local = {k: format_money(v, lang) if isinstance(v, float) else v for k, v in values.items()}
    french = {k: format_money(v, "fr") if isinstance(v, float) else v for k, v in values.items()}
    return gettext(lang, msgid).format(**local), msgid.format(**french)


def amount_of(result: BenefitResult) -> float:
    """What the person can expect: the amount once every recommended right is
    paid (`recurring_amount`) when the screening gives it, else `amount`."""
    if result.recurring_amount is not None:
        return float(result.recurring_amount)
    return float(result.amount or 0)


def _amount(result: BenefitResult, lang: str) -> tuple[str, str]:
    if result.variant == "free":
        return _both(lang, FREE)
    if result.variant == "with_participation":
        return _both(lang, PARTICIPATION, amount=amount_of(result))
    if result.paid_once:
        return _both(lang, ONCE, amount=float(result.amount or 0))
    return _both(lang, PER_YEAR if result.per == "year" else PER_MONTH, amount=amount_of(result))


def _name(benefit_id: str, lang: str) -> tuple[str, str]:
    """The benefit's name: translated with the official French name beside it."""
    benefit = catalog.benefits()[benefit_id]
    official = benefit.official_name
    translated = gettext(lang, benefit.name)
    if lang == "fr" or translated == benefit.name:
        return official, official
    return f"{translated} / {official}", official


def summary(screening: Screening, lang: str, *, site_name: str, desk: str | None = None) -> list[Line]:
    """The take-away summary of `screening`, most important first (a code
    too small for all of it keeps the rights and their phone numbers)."""
    lines = [Line(*_both(lang, TITLE), kind="title")]
    unclaimed = [b for b in screening.benefits if b.unclaimed]
    if not unclaimed:
        lines.append(Line(*_both(lang, NOTHING), kind="note"))
    documents: list[str] = []
    institutions = catalog.institutions()
    for result in unclaimed:
        local_name, french_name = _name(result.id, lang)
        local_amount, french_amount = _amount(result, lang)
        # Who pays, by the name on their letters (CAF, CPAM…), and their
        # phone number: only the one the catalog holds, said uncertain when
        # it is. On the right's own line: a phone shows it whole.
        institution = institutions[result.institution]
        who = institution.short
        phone = result.how_to_claim.phone
        if phone and institution.phone_verified:
            who_local = who_french = f"{who} ☎ {phone}"
        elif phone:
            who_local, who_french = _both(lang, PHONE_UNCERTAIN, phone=phone)
            who_local, who_french = f"{who}, {who_local}", f"{who}, {who_french}"
        else:
            who_local = who_french = who
        lines.append(
            Line(
                f"• {local_name} : {local_amount} — {who_local}",
                f"• {french_name} : {french_amount} — {who_french}",
                kind="right",
                compact=f"• {french_name} : {local_amount} — {who_local}",
            )
        )
        for code in result.how_to_claim.documents:
            if code not in documents:
                documents.append(code)
    place = site_name if not desk else f"{site_name}, {desk}"
    if unclaimed:
        lines.append(Line(*_both(lang, WHERE, place=place), kind="place"))
    lines.append(Line(*_both(lang, ESTIMATE), kind="note"))
    if documents:
        lines.append(Line(*_both(lang, DOCUMENTS), kind="heading"))
        for code in documents:
            lines.append(Line(f"– {document_text(code, lang)}", f"– {catalog.documents()[code]}", kind="item"))
    return lines


def plain_text(lines: list[Line]) -> str:
    """The summary as the phone shows it: the person's language only (the
    French names are inside it)."""
    return "\n".join(line.local for line in lines)


# ------------------------------------------------------------------ codes
def _encode(text: str):
    import segno

    # Byte mode, UTF-8 (Arabic, Cyrillic, Georgian…), error correction "L"
    # raised by segno when the version has room to spare.
    return segno.make_qr(text, mode="byte", encoding="utf-8", error="L", boost_error=True)


def fits_one_code(text: str) -> bool:
    import segno

    try:
        return _encode(text).version <= MAX_VERSION
    except segno.DataOverflowError:
        return False


def code_texts(lines: list[Line], lang: str) -> list[str]:
    """The codes of the summary: its lines as they are, or, when a right
    would not fit in `MAX_CODES` codes (Georgian takes 3 bytes a letter),
    the rights named by their official French name only."""
    texts = _pack([line.local for line in lines], lang)
    rights = [line.local for line in lines if line.kind == "right"]
    if all(any(right in text.split("\n") for text in texts) for right in rights):
        return texts
    return _pack([line.compact or line.local for line in lines], lang)


def _pack(texts: list[str], lang: str) -> list[str]:
    """The summary cut, at line ends, into at most `MAX_CODES` texts that
    each fit one code of version `MAX_VERSION` or less. Two or more codes
    are numbered "(1/3)", "(2/3)"… Lines that fit nowhere are replaced by
    `MORE` at the end of the last code (the rights come first, so what is
    cut is the end of the list of documents)."""
    whole = "\n".join(texts)
    if fits_one_code(whole):
        return [whole]
    more = gettext(lang, MORE)
    number = "(9/9)"  # as long as any number written below
    codes: list[list[str]] = []
    pending = list(texts)
    while pending and len(codes) < MAX_CODES:
        last = len(codes) == MAX_CODES - 1
        chunk = [number]
        while pending:
            tail = [more] if last and len(pending) > 1 else []
            if not fits_one_code("\n".join([*chunk, pending[0], *tail])):
                break
            chunk.append(pending.pop(0))
        if len(chunk) == 1:
            # One line longer than a whole code: cut it.
            line = pending.pop(0)
            tail = [more] if last and pending else []
            while line and not fits_one_code("\n".join([number, line + "…", *tail])):
                line = line[:-1]
            chunk.append(line + "…")
        codes.append(chunk)
    if pending:
        codes[-1].append(more)
    return ["\n".join([f"({i}/{len(codes)})", *chunk[1:]]) for i, chunk in enumerate(codes, 1)]


def code_matrix(text: str) -> list[list[bool]]:
    """The code of `text`, dark modules True, without the quiet zone."""
    return [[bool(module) for module in row] for row in _encode(text).matrix]
