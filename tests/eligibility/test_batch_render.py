"""The result rows a worker renders are what the csv and json modules would
write cell by cell (`render_rows` writes the caller's ref through the csv
module once per household and the rest directly)."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from eligibility.batch_output import ResultRow, _csv_rows, render_rows

ROWS = [
    ("rsa", "eligible", 607.75, "month", False, True),
    ("af", "not_eligible", 0.0, "month", True, False),
    ("aah", "unknown", None, "month", False, False),
    ("ars", "eligible", 423.48, "year", True, False),
]
refs = st.one_of(st.text(max_size=30), st.integers(min_value=-(10**15), max_value=10**15))


@given(refs)
def test_csv_rows_are_what_the_csv_module_writes(ref):
    assert render_rows(ref, ROWS, "csv") == _csv_rows(ref, ROWS)


@given(refs)
def test_jsonl_rows_are_the_result_rows_as_json(ref):
    expected = "".join(json.dumps(ResultRow(ref, *row)._asdict(), ensure_ascii=False) + "\n" for row in ROWS)
    assert render_rows(ref, ROWS, "jsonl") == expected


def test_hostile_refs_are_quoted_and_neutralised_as_before():
    for ref in ("=cmd|' /C calc'!A0", "a,b", 'say "hi"', "line\nbreak", "\t=1+1", " lead"):
        assert render_rows(ref, ROWS, "csv") == _csv_rows(ref, ROWS)
    assert render_rows("=1+1", ROWS[:1], "csv").startswith("'=1+1,rsa,eligible,607.75,month,false,true\r\n")
