"""The flat CSV layout of caseload screening: one household per row.

The header is read once (`CsvLayout`); each row becomes a household in the
library's JSON format, or a list of located problems. The layout itself is
documented in `eligibility.batch` (`python -m eligibility batch --help`).
"""

from __future__ import annotations

import csv
import re
from typing import Any

from eligibility import catalog
from eligibility.batch_records import InputError, Item, Problem, RawRecord, bad_ref, decode
from eligibility.parsing import NO_WORDS, ParseError, parse_date_text, parse_flag, parse_month_text, parse_number
from eligibility.untrusted import shown

HOUSEHOLD_COLUMNS = ("ref", "month", "commune", "housing_status", "rent", "shared", "estimated", "single_parent_months")
INCOME_FIELDS = ("salary", "self_employment", "unemployment", "pension", "invalidity_pension", "alimony", "other")
PERSON_FIELDS = (
    "id",
    "role",
    "birth_date",
    "activity",
    "school",
    "nationality",
    "residence_permit_years",
    "disability_rate",
    "pregnant",
    "worked_five_of_last_ten_years",
    "rsdae",
    *INCOME_FIELDS,
)
MAX_PEOPLE = 20
# re.ASCII: `\d` would also take Arabic-Indic and other digits, which
# `int()` then reads as if they were 0-9.
_PERSON_COLUMN = re.compile(r"^p(\d{1,2})_([a-z_]+)$", re.ASCII)
_YEAR_COLUMN = re.compile(r"^taxable_income_(\d{4})$", re.ASCII)
# Longer is not an amount (nor a reason to run Babel over it).
MAX_NUMBER_LENGTH = 40
UNKNOWN_AMOUNT = {"yes", "y", "oui", "o", "x", "?", "unknown", "inconnu", "true", "vrai"}


def sniff_delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    return max(counts, key=counts.get) if any(counts.values()) else ","


def split_row(text: str, delimiter: str) -> tuple[list[str] | None, Problem | None]:
    """The cells of one physical line, or why it cannot be read (a code of
    `locales.errors`, written in the run's language). A cell cannot span
    lines (no field of the layout holds a line break), so an unterminated
    quote costs its own row only, never the rows after it."""
    try:
        return next(csv.reader([text], delimiter=delimiter, strict=True), []), None
    except csv.Error as error:
        message = str(error)
        if "field larger than field limit" in message:
            return None, Problem("", "csv_cell_too_long", {"limit": csv.field_size_limit()})
        if "end of data" in message or "expected" in message:
            return None, Problem("", "csv_quote_not_closed", {})
        # Python's own words for what the csv module met: not translated.
        return None, Problem("", "csv_row_unreadable", {"detail": shown(message)})


class CsvLayout:
    """The columns of a flat CSV file, checked once from its header."""

    def __init__(self, header: list[str]):
        names = [name.strip().lower() for name in header]
        benefits = catalog.benefits()
        unknown, seen = [], set()
        self.people: dict[int, dict[str, int]] = {}
        self.household: dict[str, int] = {}
        self.received: dict[str, int] = {}
        self.taxable: dict[str, int] = {}
        for index, name in enumerate(names):
            if name in seen:
                raise InputError(f"line 1: column '{shown(name, 40)}' appears twice")
            seen.add(name)
            person = _PERSON_COLUMN.match(name)
            year = _YEAR_COLUMN.match(name)
            if name in HOUSEHOLD_COLUMNS:
                self.household[name] = index
            elif person and person.group(2) in PERSON_FIELDS and 1 <= int(person.group(1)) <= MAX_PEOPLE:
                self.people.setdefault(int(person.group(1)), {})[person.group(2)] = index
            elif name.startswith("received_") and name[len("received_") :] in benefits:
                self.received[name[len("received_") :]] = index
            elif year:
                self.taxable[year.group(1)] = index
            else:
                unknown.append(shown(name, 40) or f"(empty, column {index + 1})")
        if unknown:
            listed = ", ".join(unknown[:10]) + (f" and {len(unknown) - 10} more" if len(unknown) > 10 else "")
            raise InputError(
                f"line 1: unknown column(s) {listed} (see the CSV layout in "
                "`python -m eligibility batch --help` or examples/batch_template.csv)"
            )
        if "commune" not in self.household:
            raise InputError("line 1: the header has no 'commune' column")
        self.width = len(names)

    def item(self, line: int, row: list[str]) -> Item:
        def cell(index: int | None) -> str:
            return row[index].strip() if index is not None and index < len(row) else ""

        ref_text = cell(self.household.get("ref"))
        ref: Any = line
        if ref_text:
            problem = bad_ref(ref_text)
            if problem:
                return Item(line, line, errors=[problem])
            ref = ref_text
        if len(row) != self.width:
            return Item(line, ref, errors=[Problem("", "csv_row_width", {"fields": len(row), "width": self.width})])
        errors: list[str | Problem] = []
        data: dict[str, Any] = {"commune": cell(self.household["commune"])}
        month = cell(self.household.get("month"))
        if month:
            data["month"] = _month(month, errors)
        housing: dict[str, Any] = {"status": cell(self.household.get("housing_status"))}
        if not housing["status"]:
            errors.append(Problem("housing_status", "missing", {}))
        rent = _number(cell(self.household.get("rent")), "rent", errors)
        if rent is not None:
            housing["rent"] = rent
        shared = _flag(cell(self.household.get("shared")), "shared", errors)
        if shared is not None:
            housing["shared"] = shared
        data["housing"] = housing
        since = _number(cell(self.household.get("single_parent_months")), "single_parent_months", errors)
        if since is not None:
            data["single_parent_months"] = since
        people, prefixes = [], []
        for number in sorted(self.people):
            columns = self.people[number]
            values = {name: cell(index) for name, index in columns.items()}
            if not any(values.values()):
                continue
            prefix = f"p{number}"
            person = _person(prefix, values, errors)
            people.append(person)
            prefixes.append(prefix)
        data["people"] = people
        received: dict[str, Any] = {}
        for benefit, index in self.received.items():
            text = cell(index)
            if not text or text.lower() in NO_WORDS:
                continue
            if text.lower() in UNKNOWN_AMOUNT:
                received[benefit] = None
            else:
                amount = _number(text, f"received_{benefit}", errors)
                if amount is not None:
                    received[benefit] = amount
        if received:
            data["received"] = received
        taxable = {}
        for year, index in self.taxable.items():
            amount = _number(cell(index), f"taxable_income_{year}", errors)
            if amount is not None:
                taxable[year] = amount
        if taxable:
            data["taxable_income"] = taxable
        estimated = cell(self.household.get("estimated"))
        if estimated:
            data["estimated"] = [part for part in re.split(r"[\s,;|]+", estimated) if part]
        if errors:
            return Item(line, ref, errors=errors)
        return Item(line, ref, data, people_columns=prefixes)


def _person(prefix: str, values: dict[str, str], errors: list[str]) -> dict:
    person: dict[str, Any] = {"id": values.get("id") or prefix}
    income = {}
    for name, text in values.items():
        if not text or name == "id":
            continue
        column = f"{prefix}_{name}"
        if name in INCOME_FIELDS:
            amount = _number(text, column, errors)
            if amount is not None:
                income[name] = amount
        elif name in ("residence_permit_years", "disability_rate"):
            percent = name == "disability_rate" and text.endswith("%")
            amount = _number(text.rstrip("%"), column, errors)
            if amount is not None:
                person[name] = amount / 100 if percent else amount
        elif name in ("pregnant", "worked_five_of_last_ten_years", "rsdae"):
            flag = _flag(text, column, errors)
            if flag is not None:
                person[name] = flag
        elif name == "birth_date":
            try:
                person[name] = parse_date_text(text, native_digits=False).isoformat()
            except ParseError as error:
                errors.append(_problem(column, text, error))
        else:
            person[name] = text
    if income:
        person["income"] = income
    return person


# The cells are read by `eligibility.parsing`, as the kiosk and the advisor
# read what people type, except that digits other than 0-9 are refused
# (machine data: float() or int() would read "٣٠٠" as 300).


def _problem(column: str, text: str, error: ParseError) -> Problem:
    return Problem(column, error.code, {**error.context, "value": shown(text, 40)})


def _number(text: str, column: str, errors: list) -> float | None:
    if not text:
        return None
    if len(text) > MAX_NUMBER_LENGTH:
        errors.append(Problem(column, "number_invalid", {"value": shown(text, 40)}))
        return None
    try:
        return float(parse_number(text, currency=True, native_digits=False))
    except ParseError as error:
        errors.append(_problem(column, text, error))
        return None


def _flag(text: str, column: str, errors: list) -> bool | None:
    if not text:
        return None
    try:
        return parse_flag(text)
    except ParseError as error:
        errors.append(_problem(column, text, error))
        return None


def _month(text: str, errors: list) -> str:
    """MM/YYYY or YYYY-MM as YYYY-MM; a month outside the rules' range is
    left for the household model to refuse (its own located message)."""
    try:
        return str(parse_month_text(text, native_digits=False, in_range=False))
    except ParseError as error:
        errors.append(_problem("month", text, error))
        return text


class CsvFormat:
    """Flat CSV rows, read with the layout of the file's header."""

    def __init__(self, layout, delimiter: str, encoding: str = "utf-8"):
        self.layout = layout
        self.delimiter = delimiter
        self.encoding = encoding

    def item(self, record: RawRecord) -> Item:
        line = record.line
        text, problem = decode(record, self.encoding)
        if problem:
            return Item(line, line, errors=(problem,))
        row, problem = split_row(text, self.delimiter)
        if problem:
            return Item(line, line, errors=(problem,))
        return self.layout.item(line, row)
