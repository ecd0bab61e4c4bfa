"""Files of caseload screening: streaming readers (JSON Lines, flat CSV),
result and reject writers, and the atomic output file.

The flat CSV layout is documented in `eligibility.batch`. Readers never load
a whole file: they yield one `Item` per household row, with its line number
and the byte position reached (for the progress bar).
"""

from __future__ import annotations

import csv
import json
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from eligibility import catalog

INPUT_FORMATS = ("jsonl", "csv")
OUTPUT_COLUMNS = ("ref", "benefit", "status", "amount", "per", "received", "unclaimed")
REJECT_COLUMNS = ("line", "ref", "reason")

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
_PERSON_COLUMN = re.compile(r"^p(\d{1,2})_([a-z_]+)$")
_YEAR_COLUMN = re.compile(r"^taxable_income_(\d{4})$")
_FRENCH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_FRENCH_MONTH = re.compile(r"^(\d{1,2})/(\d{4})$")
YES = {"yes", "y", "true", "1", "oui", "o", "x", "vrai"}
NO = {"no", "n", "false", "0", "non", "faux"}
UNKNOWN_AMOUNT = {"yes", "y", "oui", "o", "x", "?", "unknown", "inconnu", "true", "vrai"}


class InputError(Exception):
    """The input as a whole cannot be read (exit code 2)."""


@dataclass
class Item:
    """One household row. `data` is in the library's JSON format, or None
    when the row could not even be turned into a household (`errors`)."""

    line: int
    ref: Any
    data: dict | None = None
    errors: list[str] = field(default_factory=list)
    # CSV only: the column prefix (`p1`, `p3`…) of each person in `data`,
    # to write validation errors in terms of the user's columns.
    people_columns: list[str] | None = None

    def as_tuple(self) -> tuple:
        return (self.line, self.ref, self.data, self.errors, self.people_columns)


def detect_format(path: str, given: str | None, what: str) -> str:
    if given:
        return given
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    option = "--input-format" if what == "input" else "--format"
    raise InputError(f"{path}: cannot tell the {what} format from the extension; use {option} csv|jsonl")


# -- reading --------------------------------------------------------------
class _Lines:
    """Text lines of a binary file, counting the bytes consumed."""

    def __init__(self, handle: IO[bytes], encoding: str):
        self.handle = handle
        self.encoding = encoding
        self.position = 0
        self.bad_lines: set[int] = set()
        self.number = 0

    def __iter__(self) -> Iterator[str]:
        first = True
        for raw in self.handle:
            self.position += len(raw)
            self.number += 1
            if first and raw.startswith(b"\xef\xbb\xbf") and self.encoding.replace("-", "").lower() == "utf8":
                raw = raw[3:]
            first = False
            try:
                yield raw.decode(self.encoding)
            except UnicodeDecodeError:
                self.bad_lines.add(self.number)
                yield raw.decode(self.encoding, errors="replace")


def read_items(handle: IO[bytes], fmt: str, encoding: str = "utf-8") -> Iterator[tuple[Item, int]]:
    """(item, byte position after it) for each household row of the file."""
    if fmt == "jsonl":
        yield from _read_jsonl(handle, encoding)
    else:
        yield from _read_csv(handle, encoding)


def _read_jsonl(handle: IO[bytes], encoding: str) -> Iterator[tuple[Item, int]]:
    lines = _Lines(handle, encoding)
    for text in lines:
        number = lines.number
        if not text.strip():
            continue
        if number in lines.bad_lines:
            yield Item(number, number, errors=[f"not {encoding} text"]), lines.position
            continue
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            yield Item(number, number, errors=[f"malformed JSON at column {error.colno}: {error.msg}"]), lines.position
            continue
        if not isinstance(data, dict):
            yield Item(number, number, errors=["a line must be a JSON object (one household)"]), lines.position
            continue
        ref = data.pop("ref", None)
        if ref is None:
            ref = number
        elif isinstance(ref, bool) or not isinstance(ref, (str, int)):
            yield Item(number, number, errors=["ref: must be a string or an integer"]), lines.position
            continue
        yield Item(number, ref, data), lines.position


def _sniff_delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    return max(counts, key=counts.get) if any(counts.values()) else ","


def _read_csv(handle: IO[bytes], encoding: str) -> Iterator[tuple[Item, int]]:
    lines = _Lines(handle, encoding)
    iterator = iter(lines)
    header_text = next(iterator, None)
    while header_text is not None and not header_text.strip():
        header_text = next(iterator, None)
    if header_text is None:
        return
    if lines.bad_lines:
        raise InputError(f"line {lines.number}: the header is not {encoding} text (try --encoding cp1252)")
    delimiter = _sniff_delimiter(header_text)
    header = next(csv.reader([header_text], delimiter=delimiter))
    layout = CsvLayout(header)
    header_lines = lines.number

    def rest():
        yield from iterator

    reader = csv.reader(rest(), delimiter=delimiter)
    start = header_lines + 1
    for row in reader:
        line = start
        start = header_lines + reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if any(n in lines.bad_lines for n in range(line, start)):
            yield Item(line, line, errors=[f"not {encoding} text (try --encoding cp1252)"]), lines.position
            continue
        yield layout.item(line, row), lines.position


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
                raise InputError(f"line 1: column {name!r} appears twice")
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
                unknown.append(name or f"(empty, column {index + 1})")
        if unknown:
            raise InputError(
                "line 1: unknown column(s) "
                + ", ".join(unknown)
                + " (see the CSV layout in `python -m eligibility batch --help` or examples/batch_template.csv)"
            )
        if "commune" not in self.household:
            raise InputError("line 1: the header has no 'commune' column")
        self.width = len(names)

    def item(self, line: int, row: list[str]) -> Item:
        def cell(index: int | None) -> str:
            return row[index].strip() if index is not None and index < len(row) else ""

        ref_text = cell(self.household.get("ref"))
        ref: Any = ref_text or line
        if len(row) != self.width:
            return Item(line, ref, errors=[f"the row has {len(row)} fields, the header has {self.width}"])
        errors: list[str] = []
        data: dict[str, Any] = {"commune": cell(self.household["commune"])}
        month = cell(self.household.get("month"))
        if month:
            match = _FRENCH_MONTH.match(month)
            data["month"] = f"{match.group(2)}-{int(match.group(1)):02d}" if match else month
        housing: dict[str, Any] = {"status": cell(self.household.get("housing_status"))}
        if not housing["status"]:
            errors.append("housing_status: missing")
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
            if not text or text.lower() in NO:
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
            match = _FRENCH_DATE.match(text)
            person[name] = f"{match.group(3)}-{int(match.group(2)):02d}-{int(match.group(1)):02d}" if match else text
        else:
            person[name] = text
    if income:
        person["income"] = income
    return person


def _number(text: str, column: str, errors: list[str]) -> float | None:
    if not text:
        return None
    cleaned = text.replace("\u202f", "").replace("\xa0", "").replace(" ", "").replace("€", "")
    if "," in cleaned:
        if "." in cleaned:
            errors.append(f"{column}: {text!r} is ambiguous, write 1234.50 or 1234,50")
            return None
        cleaned = cleaned.replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        errors.append(f"{column}: {text!r} is not a number")
        return None


def _flag(text: str, column: str, errors: list[str]) -> bool | None:
    if not text:
        return None
    lowered = text.lower()
    if lowered in YES:
        return True
    if lowered in NO:
        return False
    errors.append(f"{column}: {text!r} is not yes or no")
    return None


_LOCATION = re.compile(r"^people\[(\d+)\](?:\.income)?(?:\.(\w+))?")
_RENAMES = {"housing.status": "housing_status", "housing.rent": "rent", "housing.shared": "shared"}


def csv_location(line: str, prefixes: list[str]) -> str:
    """A `describe` line with the location in CSV column names."""
    location, sep, message = line.partition(": ")
    match = _LOCATION.match(location)
    if match and int(match.group(1)) < len(prefixes):
        prefix = prefixes[int(match.group(1))]
        renamed = f"{prefix}_{match.group(2)}" if match.group(2) else prefix
        return f"{renamed}{location[match.end() :]}{sep}{message}"
    if location in _RENAMES:
        return f"{_RENAMES[location]}{sep}{message}"
    for group in ("received", "taxable_income"):
        if location.startswith(f"{group}."):
            return f"{group}_{location[len(group) + 1 :]}{sep}{message}"
    return line


# -- writing --------------------------------------------------------------
class AtomicFile:
    """A text file that appears at `path` only when complete.

    Written to a temporary file in the same directory (so personal data
    never lands in a shared temporary directory, and the final rename is
    atomic), renamed over `path` on success, removed on any failure."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self.handle: IO[str] | None = None
        self._temp: str | None = None

    def __enter__(self) -> IO[str]:
        directory = self.path.parent
        fd, self._temp = tempfile.mkstemp(dir=directory, prefix=f".{self.path.name}.", suffix=".part")
        self.handle = open(fd, "w", encoding="utf-8", newline="")
        return self.handle

    def __exit__(self, kind, value, traceback) -> None:
        assert self.handle is not None and self._temp is not None
        try:
            if kind is None:
                self.handle.flush()
                os.fsync(self.handle.fileno())
            self.handle.close()
            if kind is None:
                os.chmod(self._temp, _default_mode())
                os.replace(self._temp, self.path)
                self._temp = None
        finally:
            if self._temp is not None:
                try:
                    os.unlink(self._temp)
                except FileNotFoundError:
                    pass


def _default_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


class ResultWriter:
    def __init__(self, handle: IO[str], fmt: str):
        self.fmt = fmt
        self.handle = handle
        if fmt == "csv":
            self.csv = csv.writer(handle)
            self.csv.writerow(OUTPUT_COLUMNS)

    def write(self, rows: list[tuple]) -> None:
        if self.fmt == "csv":
            self.csv.writerows(
                (
                    ref,
                    benefit,
                    status,
                    "" if amount is None else f"{amount:.2f}",
                    per,
                    "true" if received else "false",
                    "true" if unclaimed else "false",
                )
                for ref, benefit, status, amount, per, received, unclaimed in rows
            )
        else:
            write = self.handle.write
            for row in rows:
                write(json.dumps(dict(zip(OUTPUT_COLUMNS, row)), ensure_ascii=False))
                write("\n")


class RejectWriter:
    def __init__(self, handle: IO[str], fmt: str):
        self.fmt = fmt
        self.handle = handle
        if fmt == "csv":
            self.csv = csv.writer(handle)
            self.csv.writerow(REJECT_COLUMNS)

    def write(self, line: int, ref: Any, reasons: list[str]) -> None:
        if self.fmt == "csv":
            self.csv.writerow((line, ref, "; ".join(reasons)))
        else:
            self.handle.write(json.dumps({"line": line, "ref": ref, "reasons": reasons}, ensure_ascii=False) + "\n")
