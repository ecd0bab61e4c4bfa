"""What a caseload run writes: result rows (CSV or JSON Lines) and rejects.

Result rows are rendered in the workers (`render_rows`), so the main
process only appends text; every CSV cell that came from the input goes
through `eligibility.csv_safety.spreadsheet_safe`.
"""

from __future__ import annotations

import csv
import io
import json
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


def render_rows(rows: list[ResultRow], fmt: str) -> str:
    """One household's rows as they appear in the output file."""
    if fmt == "csv":
        buffer = io.StringIO()
        # Only the caller's reference is text from the input; the amount is
        # a number we format, never a formula.
        csv.writer(buffer).writerows(
            (
                spreadsheet_safe(ref),
                benefit,
                status,
                "" if amount is None else f"{amount:.2f}",
                per,
                "true" if received else "false",
                "true" if unclaimed else "false",
            )
            for ref, benefit, status, amount, per, received, unclaimed in rows
        )
        return buffer.getvalue()
    return "".join(json.dumps(row._asdict(), ensure_ascii=False) + "\n" for row in rows)


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
