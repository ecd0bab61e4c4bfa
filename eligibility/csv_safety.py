"""Cells that a spreadsheet will not run: one function for every CSV we
write (batch results and rejects, the advisor's exports).

Spreadsheets (Excel, LibreOffice, Google Sheets) read a cell that starts
with `=`, `+`, `-` or `@` as a formula, and some also after a leading tab
or carriage return: a caseload reference such as `=HYPERLINK(…)` or
`=cmd|' /C calc'!A0` would run when the results are opened (CSV or formula
injection). Following OWASP's advice, such a cell is written with a leading
apostrophe (`'=1+1`), which spreadsheets show as text and hide. The
apostrophe is in the file: a program reading the CSV back gets `'=1+1`.
Numbers we write ourselves (amounts) are not text and stay numbers; JSON
Lines output is never changed.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell):
    """`cell` as written in a CSV: text that a spreadsheet would take for a
    formula gets a leading apostrophe; anything else is returned as is."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def spreadsheet_safe_row(row) -> list:
    return [spreadsheet_safe(cell) for cell in row]
