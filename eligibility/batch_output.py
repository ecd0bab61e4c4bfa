"""What a caseload run writes: result rows (CSV or JSON Lines) and rejects.

Result rows are rendered in the workers (`render_rows`), so the main
process only appends text; every CSV cell that came from the input goes
through `eligibility.csv_safety.spreadsheet_safe`.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
from typing import IO, Any, NamedTuple

from eligibility.csv_safety import spreadsheet_safe

OUTPUT_FORMATS = ("csv", "jsonl")
REJECT_COLUMNS = ("line", "ref", "reason")


class ResultRow(NamedTuple):
    ref: Any
    benefit: str
    status: str
    amount: float | None
    per: str
    received: bool
    unclaimed: bool


OUTPUT_COLUMNS = ResultRow._fields


def output_header(fmt: str) -> str:
    if fmt != "csv":
        return ""
    buffer = io.StringIO()
    csv.writer(buffer).writerow(OUTPUT_COLUMNS)
    return buffer.getvalue()


def render_rows(ref: Any, rows: list[tuple], fmt: str) -> str:
    """One household's rows as they appear in the output file: `rows` are
    `ResultRow`s without the ref, `(benefit, status, amount, per, received,
    unclaimed)` as `Engine.screen_rows` gives them."""
    if fmt == "csv":
        # Only the caller's reference is text from the input; the amount is
        # a number we format, never a formula. The ref's cell is written by
        # the csv module once per household (its quoting); the other cells
        # are catalog ids and words that never need quoting (`_plain`).
        cell = _csv_cell(spreadsheet_safe(ref))
        parts = []
        for row in rows:
            # Most rows are "nothing due" (amount 0 or unknown): their text
            # after the ref is the same in every household, made once.
            tail = _TAILS.get(row)
            if tail is None:
                benefit, status, amount, per, received, unclaimed = row
                if not _plain(benefit) or not _plain(per) or not _plain(status):
                    return _csv_rows(ref, rows)
                amount_text = _amount_text(amount)
                tail = (
                    f",{benefit},{status},{amount_text},{per},"
                    f"{'true' if received else 'false'},{'true' if unclaimed else 'false'}\r\n"
                )
                if not amount and len(_TAILS) < MAX_TAILS:
                    _TAILS[row] = tail
            parts.append(cell)
            parts.append(tail)
        return "".join(parts)
    return "".join(json.dumps(dict(zip(OUTPUT_COLUMNS, (ref, *row))), ensure_ascii=False) + "\n" for row in rows)


def _amount_text(amount: float | None) -> str:
    # + 0.0: a negative zero is written 0.00, as the positive zero it equals
    # (and shares a cached row with, `_TAILS`).
    return "" if amount is None else f"{amount + 0.0:.2f}"


# Rendered rows without their ref, for rows without an amount (bounded:
# benefits × statuses × per × received).
_TAILS: dict[tuple, str] = {}
MAX_TAILS = 4096


def _csv_rows(ref: Any, rows: list[tuple]) -> str:
    """`render_rows` through the csv module for every cell."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(
        (
            spreadsheet_safe(ref),
            benefit,
            status,
            _amount_text(amount),
            per,
            "true" if received else "false",
            "true" if unclaimed else "false",
        )
        for benefit, status, amount, per, received, unclaimed in rows
    )
    return buffer.getvalue()


def _csv_cell(value: Any) -> str:
    """One cell as the csv module writes it in a row of several cells."""
    if type(value) is str and _QUOTED.search(value) is None:
        return value  # what the csv module writes for text without these characters
    buffer = io.StringIO()
    csv.writer(buffer).writerow((value, ""))
    return buffer.getvalue()[: -len(",\r\n")]


# The characters that make the csv module quote a cell (the delimiter, the
# quote and the line terminator's).
_QUOTED = re.compile(r'[,"\r\n]')


@functools.cache
def _plain(text: str) -> bool:
    """Text the csv module writes as it is (no quoting) in a row of several cells."""
    return bool(text) and not any(c in text for c in ',"\r\n') and _csv_cell(text) == text


class ResultWriter:
    """The output file: its header, then each household's rendered rows."""

    def __init__(self, handle: IO[str], fmt: str):
        self.fmt = fmt
        self.handle = handle
        handle.write(output_header(fmt))

    def write(self, rendered: str) -> None:
        self.handle.write(rendered)


class RejectWriter:
    def __init__(self, handle: IO[str], fmt: str):
        self.fmt = fmt
        self.handle = handle
        if fmt == "csv":
            self.csv = csv.writer(handle)
            self.csv.writerow(REJECT_COLUMNS)

    def write(self, line: int, ref: Any, reasons: list[str]) -> None:
        if self.fmt == "csv":
            self.csv.writerow((line, spreadsheet_safe(ref), spreadsheet_safe("; ".join(reasons))))
        else:
            self.handle.write(json.dumps({"line": line, "ref": ref, "reasons": reasons}, ensure_ascii=False) + "\n")
