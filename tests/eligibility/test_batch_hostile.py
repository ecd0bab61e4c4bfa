"""Caseload screening against hostile input: whatever a line holds, it
becomes a reject with its line number and a bounded, escaped reason, and
every other line is screened; spreadsheet-safe CSV; duplicate refs."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eligibility import batch_io
from eligibility.batch import screen_file
from eligibility.batch_csv import CsvFormat
from eligibility.batch_records import JsonlFormat, RawRecord, read_record, validate
from eligibility.batch_sample import households as sample_households
from eligibility.csv_safety import spreadsheet_safe
from eligibility.untrusted import escaped

BENEFIT_COUNT = 17
REASON_LIMIT = 300


def read_csv(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def good(count: int, seed: int = 11) -> list[dict]:
    return list(sample_households(count, seed=seed, month="2025-05"))


def assert_bounded_and_escaped(reasons) -> None:
    assert reasons, "a reject needs a reason"
    for reason in reasons:
        assert len(reason) <= REASON_LIMIT, reason
        assert escaped(reason) == reason, reason
        reason.encode("utf-8")


# -- poison lines, end to end -------------------------------------------------------
def poison_lines(valid: dict) -> dict[str, bytes]:
    """Each a line that aborted a whole run before, or could."""
    nested = b'{"ref": "deep", "commune": ' + b"[" * 50_000 + b"]" * 50_000 + b"}"
    return {
        "deep nesting": nested,
        "nesting that json reads": json.dumps({**valid, "ref": "nest900", "estimated": _nest(900)}).encode(),
        "huge integer": b'{"ref": "int", "month": ' + b"7" * 5000 + b"}",
        "lone surrogate ref": json.dumps({**valid, "ref": "\ud800"}).encode(),
        "surrogate in commune": json.dumps({**valid, "ref": "sur", "commune": "59\udfff"}).encode(),
        "bidi ref": json.dumps({**valid, "ref": "\u202eabc"}).encode(),
        "binary": b"\x89PNG\r\x1a\xff\xfe\x00garbage\x80\x81",
        "long line": b'{"ref": "long", "commune": "' + b"5" * (batch_io.MAX_LINE_BYTES + 10) + b'"}',
        "flag as salary": json.dumps(
            {**valid, "ref": "flag", "people": [{**valid["people"][0], "income": {"salary": True}}]}
        ).encode(),
        "arabic digits month": json.dumps({**valid, "ref": "digits", "month": "٢٠٢٥-٠٥"}).encode(),
        "nul in id": json.dumps({**valid, "ref": "nul", "people": [{**valid["people"][0], "id": "a\x00"}]}).encode(),
        "huge ref": json.dumps({**valid, "ref": "r" * 100_000}).encode(),
        "float ref": json.dumps({**valid, "ref": 1.5}).encode(),
    }


def _nest(depth: int):
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize("workers", [1, 2])
def test_poison_lines_cost_their_line_only(engine, tmp_path, workers):
    households = good(4)
    poisons = poison_lines(households[0])
    lines: list[bytes] = []
    expected_rejects: dict[int, str] = {}
    refs = iter(range(100))
    for name, poison in poisons.items():
        lines.append(json.dumps({"ref": f"g{next(refs)}", **households[len(lines) % 4]}).encode())
        lines.append(poison)
        expected_rejects[len(lines)] = name
    lines.append(json.dumps({"ref": "last", **households[3]}).encode())
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    output, rejects = tmp_path / "out.csv", tmp_path / "rejects.csv"
    summary = screen_file(
        str(source),
        str(output),
        rejects_path=str(rejects),
        workers=workers,
        chunk_size=5,
        progress_stream=io.StringIO(),
    )
    rejected = read_csv(rejects)
    got = {int(r["line"]): r for r in rejected}
    assert sorted(got) == sorted(expected_rejects), {expected_rejects.get(n, n) for n in got}
    for row in got.values():
        assert_bounded_and_escaped([row["reason"]])
        assert escaped(row["ref"]) == row["ref"]
    assert "ref:" in got[_line_of(expected_rejects, "lone surrogate ref")]["reason"]
    assert "\\udfff" in got[_line_of(expected_rejects, "surrogate in commune")]["reason"]
    assert "plus de 1\u202f048\u202f576 octets" in got[_line_of(expected_rejects, "long line")]["reason"]
    assert "plus de 4\u202f300 chiffres" in got[_line_of(expected_rejects, "huge integer")]["reason"]
    assert "salary" in got[_line_of(expected_rejects, "flag as salary")]["reason"]
    assert "month" in got[_line_of(expected_rejects, "arabic digits month")]["reason"]
    assert "p" in got[_line_of(expected_rejects, "nul in id")]["reason"]
    screened = list(dict.fromkeys(r["ref"] for r in read_csv(output)))
    assert screened == [f"g{i}" for i in range(len(poisons))] + ["last"]
    assert (summary.read, summary.screened, summary.rejected) == (len(lines), len(poisons) + 1, len(poisons))


def test_csv_structure_problems_are_written_in_the_runs_language(tmp_path):
    """A row that is not a row (too few cells, an unclosed quote, no housing
    status) is rejected with a reason from the one error table
    (`locales.errors`), in the language of --lang like every other reason."""
    header = "ref,month,commune,housing_status,p1_role,p1_birth_date\n"
    source = tmp_path / "in.csv"
    source.write_text(
        header
        + "short,2025-05,59350\n"  # 2: three cells of six
        + '"open,2025-05,59350,owner,applicant,1980-01-01\n'  # 3: an unclosed quote
        + "nohome,2025-05,59350,,applicant,1980-01-01\n",  # 4: no housing status
        encoding="utf-8",
    )
    reasons = _reasons_in(("fr", "en", "uk"), source, tmp_path)
    assert reasons["fr"] == {
        2: "La ligne a 3 colonnes, l'en-tête en a 6.",
        3: "Un guillemet (\") ouvert sur cette ligne n'est pas fermé, ou un guillemet est mal placé.",
        4: "housing_status: Cette réponse est obligatoire.",
    }
    assert reasons["en"][2] == "The line has 3 columns, the header has 6."
    assert reasons["en"][3] == 'A quote (") opened on this line is not closed, or a quote is misplaced.'
    assert reasons["uk"][2] == "У рядку 3 стовпців, у заголовку — 6."
    assert_bounded_and_escaped([r for each in reasons.values() for r in each.values()])


def test_jsonl_line_problems_are_written_in_the_runs_language(engine, tmp_path):
    """A line that is not a household (not JSON, not an object, not the
    expected encoding, a ref that cannot be one, a ref used twice) is rejected
    with a reason from the one error table, in the language of --lang."""
    household = good(1)[0]
    source = tmp_path / "in.jsonl"
    source.write_bytes(
        b'{"ref": "broken", "commune": \n'  # 1
        + b"[1, 2]\n"  # 2
        + b'{"ref": "caf\xe9"}\n'  # 3: Latin-1, not UTF-8
        + json.dumps({"ref": "", **household}).encode()
        + b"\n"  # 4
        + json.dumps({"ref": "A", **household}).encode()
        + b"\n"  # 5
        + json.dumps({"ref": "A", **household}).encode()
        + b"\n"  # 6
    )
    reasons = _reasons_in(("fr", "en", "uk", "ar"), source, tmp_path)
    assert reasons["fr"] == {
        1: "Cette ligne n'est pas du JSON valide (colonne 30 : Expecting value).",
        2: "Une ligne doit être un objet JSON (un foyer).",
        3: "Cette ligne n'est pas du texte utf-8 (octet 0xE9, colonne 13). Essayez l'option --encoding cp1252.",
        4: "ref: La référence est vide.",
        6: "ref: La référence 'A' est déjà celle de la ligne 5.",
    }
    for lang in ("en", "uk", "ar"):
        assert sorted(reasons[lang]) == [1, 2, 3, 4, 6]
        for line, french in reasons["fr"].items():
            assert reasons[lang][line] != french, (lang, line)
    # What must survive translation: the option to try, the ref, the line.
    assert all("--encoding cp1252" in reasons[lang][3] and "0xE9" in reasons[lang][3] for lang in reasons)
    assert all("'A'" in reasons[lang][6] and "5" in reasons[lang][6] for lang in reasons)
    assert any("\u0400" <= c <= "\u04ff" for c in reasons["uk"][2])
    assert any("\u0600" <= c <= "\u06ff" for c in reasons["ar"][2])
    assert_bounded_and_escaped([r for each in reasons.values() for r in each.values()])


def _reasons_in(languages, source: Path, tmp_path: Path) -> dict[str, dict[int, str]]:
    """The rejects' reasons of one input, by line, in each of `languages` (--lang)."""
    reasons = {}
    for lang in languages:
        rejects = tmp_path / f"rejects-{lang}.csv"
        screen_file(
            str(source), str(tmp_path / "out.csv"), rejects_path=str(rejects), lang=lang, progress_stream=io.StringIO()
        )
        reasons[lang] = {int(r["line"]): r["reason"] for r in read_csv(rejects)}
    return reasons


def _line_of(expected: dict[int, str], name: str) -> int:
    return next(line for line, each in expected.items() if each == name)


def test_csv_hostile_rows_cost_their_row_only(engine, tmp_path):
    header = "ref;month;commune;housing_status;p1_role;p1_birth_date;p1_salary\n"
    row = "{ref};2025-05;59350;tenant_private;applicant;1980-01-01;{salary}\n"
    lines = [
        header,
        row.format(ref="ok1", salary="900"),  # line 2
        row.format(ref='"unterminated', salary="900"),  # 3: an unclosed quote
        row.format(ref="ok2", salary="900"),  # 4: not swallowed by line 3
        row.format(ref="big", salary="9" * 140_000),  # 5: a cell over csv's field limit
        row.format(ref="nul\x00", salary="900"),  # 6
        row.format(ref="arabic", salary="٣٠٠"),  # 7: Arabic-Indic digits
        row.format(ref="ok3", salary="900"),  # 8
        row.format(ref="ok1", salary="1200"),  # 9: the ref of line 2
        row.format(ref="huge", salary="9" * 5000),  # 10
    ]
    source = tmp_path / "in.csv"
    source.write_text("".join(lines), encoding="utf-8")
    rejects = tmp_path / "rejects.csv"
    summary = screen_file(
        str(source), str(tmp_path / "out.csv"), rejects_path=str(rejects), progress_stream=io.StringIO()
    )
    got = {int(r["line"]): r["reason"] for r in read_csv(rejects)}
    assert sorted(got) == [3, 5, 6, 7, 9, 10]
    assert "guillemet" in got[3]  # csv_quote_not_closed, in the run's language (fr)
    assert "plus de 131\u202f072 caractères" in got[5]
    # Files are machine data: digits other than 0-9 are refused (eligibility.parsing).
    assert got[7] == "p1_salary: « ٣٠٠ » n'est pas un nombre. Écrivez seulement des chiffres, par exemple 1200."
    assert "déjà celle de la ligne 2" in got[9]
    assert_bounded_and_escaped(list(got.values()))
    assert (summary.read, summary.screened, summary.rejected, summary.duplicates) == (9, 3, 6, 1)


def test_duplicate_refs_are_rejected_after_the_first(engine, tmp_path):
    data = good(3)
    records = [{"ref": "A", **data[0]}, {"ref": "B", **data[1]}, {"ref": "A", **data[2]}, {**data[1]}]
    # Line 4 has no ref: its line number, 4, is its ref; nothing collides.
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    rejects = tmp_path / "rejects.jsonl"
    summary = screen_file(
        str(source), str(tmp_path / "out.jsonl"), rejects_path=str(rejects), progress_stream=io.StringIO()
    )
    (reject,) = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert reject["line"] == 3 and reject["ref"] == "A"
    assert reject["reasons"] == ["ref: La référence 'A' est déjà celle de la ligne 1."]
    assert (summary.screened, summary.rejected, summary.duplicates) == (3, 1, 1)
    assert "a ref already used on an earlier line: 1" in "\n".join(summary.lines("out", "rejects"))


def test_binary_and_utf16_files_are_refused_as_a_whole(tmp_path):
    for name, content in {"a.jsonl": "{}\n".encode("utf-16"), "b.csv": b"\x00\x01\x02PK\x03\x04"}.items():
        source = tmp_path / name
        source.write_bytes(content)
        with pytest.raises(batch_io.InputError):
            screen_file(str(source), str(tmp_path / "out.csv"), progress_stream=io.StringIO())
        assert not (tmp_path / "out.csv").exists()


# -- fuzzing: any bytes, any JSON value ---------------------------------------------------
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CSV_LAYOUT = batch_io.CsvLayout("ref,month,commune,housing_status,rent,p1_role,p1_birth_date,p1_salary".split(","))


def check_record(fmt, raw: bytes) -> None:
    item = read_record(fmt, RawRecord(7, raw))
    assert item.line == 7
    household, reasons = validate(item, "fr")
    if household is None:
        assert_bounded_and_escaped(reasons)
        assert item.ref == 7 or isinstance(item.ref, int | str)
    # Whatever came out can be written to every kind of file.
    for fmt_name in ("csv", "jsonl"):
        out = io.StringIO()
        batch_io.RejectWriter(out, fmt_name).write(item.line, item.ref, reasons or ["-"])
        out.getvalue().encode("utf-8")


@FUZZ
@given(st.binary(max_size=600))
def test_any_bytes_make_a_record_or_a_bounded_reject(raw):
    check_record(JsonlFormat(), raw)
    check_record(CsvFormat(CSV_LAYOUT, ","), raw)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=300),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=20), children, max_size=4),
    max_leaves=20,
)
FIELDS = [
    ("ref",),
    ("month",),
    ("commune",),
    ("housing",),
    ("housing", "rent"),
    ("people",),
    ("people", 0),
    ("people", 0, "id"),
    ("people", 0, "birth_date"),
    ("people", 0, "income", "salary"),
    ("people", 0, "disability_rate"),
    ("received",),
    ("received", "rsa"),
    ("taxable_income",),
    ("estimated",),
    ("extra",),
]
VALID = next(iter(sample_households(1, seed=1, month="2025-05")))


@FUZZ
@given(st.sampled_from(FIELDS), JSON_VALUES)
def test_any_json_value_anywhere_makes_a_record_or_a_bounded_reject(path, value):
    data = json.loads(json.dumps(VALID))
    data["people"][0].setdefault("income", {})
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    check_record(JsonlFormat(), json.dumps(data).encode())


# -- spreadsheet safety ----------------------------------------------------------------------
FORMULAS = ["=cmd|' /C calc'!A0", "+SUM(1)", "@SUM(1)", "-1+2", '=HYPERLINK("http://x","y")', "\t=1+1", "\r=1+1"]


def test_formula_refs_are_neutralised_in_results_and_rejects(engine, tmp_path):
    data = good(len(FORMULAS), seed=12)
    records = [{"ref": ref, **d} for ref, d in zip(FORMULAS, data)]
    records.append({"ref": "=bad()", "commune": "00000"})
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    output, rejects = tmp_path / "out.csv", tmp_path / "rejects.csv"
    summary = screen_file(str(source), str(output), rejects_path=str(rejects), progress_stream=io.StringIO())
    # The tab and carriage-return refs are refused as refs (control characters).
    assert summary.screened == len(FORMULAS) - 2
    rows = read_csv(output)
    for row in rows:
        assert row["ref"][0] not in "=+-@\t\r", row
        assert row["amount"] == "" or float(row["amount"]) >= 0  # numbers stay numbers
    assert {r["ref"] for r in rows} == {"'" + f for f in FORMULAS[:5]}
    for row in read_csv(rejects):
        assert row["ref"][:1] not in ("=", "+", "-", "@", "\t", "\r") and row["reason"][:1] not in "=+-@\t\r"
    # JSON Lines are written as they are.
    jsonl = tmp_path / "out.jsonl"
    screen_file(str(source), str(jsonl), rejects_path=str(tmp_path / "r.jsonl"), progress_stream=io.StringIO())
    assert {json.loads(line)["ref"] for line in jsonl.read_text().splitlines()} == set(FORMULAS[:5])


def test_csv_template_leading_tab_is_not_trimmed_into_a_formula(engine, tmp_path):
    source = tmp_path / "in.csv"
    source.write_text(
        "ref,month,commune,housing_status,p1_role,p1_birth_date\n\t=1+1,2025-05,59350,owner,applicant,1980-01-01\n",
        encoding="utf-8",
    )
    output = tmp_path / "out.csv"
    screen_file(str(source), str(output), progress_stream=io.StringIO())
    assert {r["ref"] for r in read_csv(output)} == {"'=1+1"}


@pytest.mark.parametrize("cell", [*FORMULAS, "=", "-", "+33 6 12", "@home"])
def test_spreadsheet_safe_prefixes_formula_starts(cell):
    assert spreadsheet_safe(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["DOS-1", "rsa", "", "12.50", "'=already", 12, 3.5, None, "a=b"])
def test_spreadsheet_safe_leaves_the_rest(cell):
    assert spreadsheet_safe(cell) == cell
