"""What a resident takes home: a short plain-text summary of their results.

One summary, two ways to carry it: shown as QR codes on the results screen
(a phone camera shows the text; nothing is sent or stored), or printed on
the site's printer, bilingual. The summary is a list of sections, each a
list of lines, in the order that matters to the person — which is also the
order in which the phone text is cut when it does not fit (see
`code_texts`):

1. ``rights``: each right to claim, its name in the person's language with
   the official French name beside it, and its amount;
2. ``place``: where to go — the site's desk, and its address, hours,
   appointments and phone when the site's places file lists it;
3. ``documents``: the documents to bring, each once (short names on a phone);
4. ``contacts``: who pays each right and their phone number (from the
   catalog's institutions, never made up);
5. ``note``: this is an estimate, not a decision.

A new section is one more `Section` in `summary`, placed by its priority.
Nothing here keeps a summary: every function returns a new value, and the
screens that show or print it drop it with the session.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from eligibility import catalog
from eligibility.labels import document_text
from eligibility.screening import BenefitResult, Screening
from kiosk.summary_texts import (
    DOCUMENTS,
    ESTIMATE,
    NOTHING,
    PHONE_UNCERTAIN,
    TITLE,
    amount_texts,
    both,
    place_lines,
)
from locales import N_, gettext

# The messages the paper and the results screen say too: kiosk.summary_texts.
WHERE = N_("Où aller : {place}")
# The last line of a phone text that had to be cut.
MORE = N_("La suite est à l'accueil : demandez la liste complète.")
MORE_ON_PAPER = N_("La suite est sur papier (touchez « Imprimer ») ou à l'accueil.")

#: The largest QR version a code may use: 69 × 69 modules, 77 with the quiet
#: zone, which is what the code's area holds at 120 × 40 (one module a
#: column, two a row: modules are never shrunk). Measured with
#: `benchmarks/takeaway_codes.py`: decoded as drawn, then through a
#: simulated phone camera, at 120 × 40 and 160 × 50.
MAX_VERSION = 13
#: Error correction "L" (7 % of the code may be lost): what the measurement
#: says is enough for modules this large (8 camera pixels or more at 50 cm),
#: and what lets a summary fit in two codes; segno raises it when the
#: version has room to spare.
ERROR = "L"
#: At most this many codes, one per screen page ("1/2", "2/2"); what does
#: not fit is cut in the sections' order and ends with `MORE`.
MAX_CODES = 2


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


Kind = Literal["title", "right", "place", "detail", "heading", "item", "note"]


@dataclass(frozen=True)
class Line:
    """One line of the summary: in the person's language, and in French."""

    local: str
    french: str
    kind: Kind = "detail"
    # The line on a phone when it is shorter there (a document's short name).
    phone: str | None = None
    # A right by its official French name only: on a phone, when the rights
    # in full would not all fit in the codes.
    compact: str | None = None
    # A right's worth a month (a yearly amount counts a twelfth; health cover,
    # which has no amount, counts as the most): the smallest are left for
    # the desk first when rights must be cut.
    worth: float = 0.0

    @property
    def on_phone(self) -> str:
        return self.local if self.phone is None else self.phone


@dataclass(frozen=True)
class Section:
    name: str
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Summary:
    """The sections, most important first. Iterating gives every line (the
    paper prints them all)."""

    sections: tuple[Section, ...]

    def __iter__(self) -> Iterator[Line]:
        for section in self.sections:
            yield from section.lines

    def __len__(self) -> int:
        return sum(len(section.lines) for section in self.sections)

    def section(self, name: str) -> Section | None:
        return next((s for s in self.sections if s.name == name), None)


def amount_of(result: BenefitResult) -> float:
    """What the person can expect: the amount once every recommended right is
    paid (`recurring_amount`) when the screening gives it, else `amount`."""
    if result.recurring_amount is not None:
        return float(result.recurring_amount)
    return float(result.amount or 0)


def _name(benefit_id: str, lang: str) -> tuple[str, str]:
    """The benefit's name: translated with the official French name beside it."""
    benefit = catalog.benefits()[benefit_id]
    official = benefit.official_name
    translated = gettext(lang, benefit.name)
    if lang == "fr" or translated == benefit.name:
        return official, official
    return f"{translated} / {official}", official


def short_document(text: str) -> str:
    """A document's name without its explanation in brackets ("RIB
    (relevé d'identité bancaire)" → "RIB"): what a phone shows."""
    head, bracket, _rest = text.partition(" (")
    return head if bracket and head.strip() else text


def summary(
    screening: Screening, lang: str, *, site_name: str, desk: str | None = None, place=None, household=None
) -> Summary:
    """The take-away summary of `screening` in `lang` (with French beside).
    `place` is the site's desk in its places file (`eligibility.places.Place`),
    when listed: its address, hours and phone are added. With `household`,
    only the documents it needs are listed (no residence permit for a French
    national: `catalog.documents_for`)."""
    unclaimed = [b for b in screening.benefits if b.unclaimed]
    sections = [
        Section("rights", tuple(_rights(unclaimed, lang))),
        Section("place", tuple(_place(site_name, desk, place, lang)) if unclaimed else ()),
        Section("documents", tuple(_documents(unclaimed, lang, household))),
        Section("contacts", tuple(_contacts(unclaimed, lang))),
        Section("note", (Line(*both(lang, ESTIMATE), kind="note"),)),
    ]
    return Summary(tuple(s for s in sections if s.lines))


def _rights(unclaimed: list[BenefitResult], lang: str) -> Iterator[Line]:
    yield Line(*both(lang, TITLE), kind="title")
    if not unclaimed:
        yield Line(*both(lang, NOTHING), kind="note")
    for result in unclaimed:
        local_name, french_name = _name(result.id, lang)
        # The phone says what is paid once every right is; the paper and the
        # screen add the first months.
        local_amount, french_amount = amount_texts(result, lang, brief=True)
        yield Line(
            f"• {local_name} : {local_amount}",
            f"• {french_name} : {french_amount}",
            kind="right",
            compact=f"• {french_name} : {local_amount}",
            worth=_worth(result),
        )


def _worth(result: BenefitResult) -> float:
    if result.variant in ("free", "with_participation"):
        return float("inf")
    # A right that pays only its first months (nothing once the others are
    # paid) is worth what it pays then: never cut first for a "0".
    return (amount_of(result) or float(result.amount or 0)) / (12 if result.per == "year" else 1)


def _place(site_name: str, desk: str | None, place, lang: str) -> Iterator[Line]:
    """The desk, then — when the places file lists it — its address, hours,
    appointments and phone (`place_lines`)."""
    name = site_name if not desk else f"{site_name}, {desk}"
    yield Line(*both(lang, WHERE, place=name), kind="place")
    if place is not None:
        for line in place_lines(place, lang):
            yield Line(line.local, line.french)


def _documents(unclaimed: list[BenefitResult], lang: str, household) -> Iterator[Line]:
    codes: list[str] = []
    for result in unclaimed:
        needed = result.how_to_claim.documents
        if household is not None:
            needed = catalog.documents_for(needed, household)
        codes += [code for code in needed if code not in codes]
    if codes:
        yield Line(*both(lang, DOCUMENTS), kind="heading")
    for code in codes:
        local = document_text(code, lang)
        yield Line(f"– {local}", f"– {catalog.documents()[code]}", kind="item", phone=f"– {short_document(local)}")


def _contacts(unclaimed: list[BenefitResult], lang: str) -> Iterator[Line]:
    """Who pays, by the name on their letters (CAF, CPAM…), and their phone
    number: only the one the catalog holds, said uncertain when it is."""
    institutions = catalog.institutions()
    seen: set[tuple[str, str]] = set()
    for result in unclaimed:
        phone = result.how_to_claim.phone
        institution = institutions[result.institution]
        if not phone or (institution.short, phone) in seen:
            continue
        seen.add((institution.short, phone))
        if institution.phone_verified:
            yield Line(f"☎ {institution.short} : {phone}", f"☎ {institution.short} : {phone}")
        else:
            local, french = both(lang, PHONE_UNCERTAIN, phone=phone)
            yield Line(f"☎ {institution.short}, {local}", f"☎ {institution.short}, {french}")


def plain_text(lines) -> str:
    """The summary (or any lines) as the phone shows it: the person's
    language only (the French names are inside it)."""
    return "\n".join(line.on_phone for line in lines)


# ------------------------------------------------------------------ codes
def _encode(text: str):
    import segno

    # Byte mode, UTF-8 (Arabic, Cyrillic, Georgian…); segno raises the
    # error correction when the version has room to spare.
    return segno.make_qr(text, mode="byte", encoding="utf-8", error=ERROR, boost_error=True)


@cache
def capacity() -> int:
    """Bytes one code of version `MAX_VERSION` at `ERROR` holds (one byte
    segment: a text fits exactly when its UTF-8 bytes are no more)."""
    import segno

    low, high = 1, 3000
    while low < high:
        middle = (low + high + 1) // 2
        try:
            segno.make_qr(bytes(middle), mode="byte", error=ERROR, version=MAX_VERSION)
            low = middle
        except segno.DataOverflowError:
            high = middle - 1
    return low


def fits_one_code(text: str) -> bool:
    return len(text.encode("utf-8")) <= capacity()


def code_texts(summary: Summary, lang: str, *, on_paper: bool = False) -> list[str]:
    """The phone text of `summary` in at most `MAX_CODES` codes, cut at line
    ends and numbered "(1/2)", "(2/2)" when there are two.

    When the whole text does not fit, lines are given up from the end, in
    the reverse of the sections' order: the note, the contacts, the
    documents from the last (their heading with the last of them), the
    place's details. When the rights alone are still too long (Georgian takes
    3 bytes a letter), they are named by their official French name only
    (the translation stays on the screen and the paper) and the same cuts
    are made again, then the rights worth least a month — never the title
    nor the place's name. A cut text ends with `MORE` (`MORE_ON_PAPER` when the site
    has a printer): nothing is cut silently."""
    full = [line.on_phone for line in summary]
    packed = _pack(full)
    if packed is not None:
        return packed
    more = gettext(lang, MORE_ON_PAPER if on_paper else MORE)
    compact = [line.compact or line.on_phone for line in summary]
    for lines, cut_rights in ((full, False), (compact, True)):
        dropped: set[int] = set()
        for unit in _drop_order(summary, cut_rights):
            dropped.update(unit)
            packed = _pack([line for index, line in enumerate(lines) if index not in dropped] + [more])
            if packed is not None:
                return packed
    raise ValueError("the title and the place do not fit a code")  # two short lines: never


def _drop_order(summary: Summary, cut_rights: bool) -> list[list[int]]:
    """Indices of the summary's lines, in groups given up together, first given up first."""
    spans = []
    start = 0
    for section in summary.sections:
        spans.append((section, list(range(start, start + len(section.lines)))))
        start += len(section.lines)
    order: list[list[int]] = []
    for section, indices in reversed(spans):
        if section.name == "rights" and not cut_rights:
            continue
        if section.name in ("rights", "place"):
            indices = indices[1:]  # the title, the place's name: kept
        if section.name == "rights":
            # The smallest first (of two alike, the later), whatever the order shown.
            worth = {index: line.worth for index, line in zip(indices, section.lines[1:])}
            indices = sorted(indices, key=lambda index: (-worth[index], index))
        units = [[index] for index in indices]
        if len(units) > 1 and section.lines[0].kind == "heading":
            units[1:2] = [[units[0][0], units[1][0]]]  # a heading goes with its last line
            units = units[1:]
        order += reversed(units)
    return order


def _pack(lines: list[str]) -> list[str] | None:
    """`lines` in one code, or cut at line ends into numbered codes, at most
    `MAX_CODES`; None when they do not fit."""
    whole = "\n".join(lines)
    if fits_one_code(whole):
        return [whole]
    number = "(9/9)"  # as long as any number written
    codes: list[list[str]] = []
    pending = list(lines)
    while pending:
        if len(codes) == MAX_CODES:
            return None
        chunk: list[str] = []
        while pending and fits_one_code("\n".join([number, *chunk, pending[0]])):
            chunk.append(pending.pop(0))
        if not chunk:
            return None  # one line longer than a whole code
        codes.append(chunk)
    return ["\n".join([f"({i}/{len(codes)})", *chunk]) for i, chunk in enumerate(codes, 1)]


def code_matrix(text: str) -> list[list[bool]]:
    """The code of `text`, dark modules True, without the quiet zone."""
    return [[bool(module) for module in row] for row in _encode(text).matrix]
