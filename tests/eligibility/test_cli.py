"""The command line: exit 2 and located lines on bad input, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from eligibility.cli import main
from tests.forked import ForkedMain, run_main

EXAMPLES = Path(__file__).parents[2] / "examples"


def run_cli(*args, stdin: str | None = None):
    """The command in a child forked from this warm process (tests/forked.py)."""
    return run_main(*args, stdin=stdin)


def test_schema_is_json():
    # The one cold start of the entry point: a fresh `python -m eligibility`.
    result = subprocess.run(
        [sys.executable, "-m", "eligibility", "schema"],
        capture_output=True,
        text=True,
        cwd=EXAMPLES.parent,
        env={**os.environ, "PYTHONPATH": str(EXAMPLES.parent)},
        timeout=110,
    )
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert "people" in schema["properties"]


def test_malformed_json_exits_2(engine, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"commune": "59350",', encoding="utf-8")
    result = run_cli("screen", str(bad))
    assert result.returncode == 2
    assert (
        "bad.json:1:21: Ce n'est pas du JSON valide (Expecting property name enclosed in double quotes)."
        in result.stderr
    )
    assert "Traceback" not in result.stderr


def test_invalid_household_exits_2_with_located_lines(engine):
    data = json.loads((EXAMPLES / "single_parent_two_children_lille.json").read_text())
    data["people"][1]["birth_date"] = "2099-01-01"
    data["commune"] = "00000"
    result = run_cli("screen", "-", stdin=json.dumps(data))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert any(": commune:" in line for line in lines)
    assert any("people[1].birth_date:" in line for line in lines)


def test_screen_json_follows_the_contract(engine, capsys):
    assert main(["screen", str(EXAMPLES / "single_hosted_no_income.json"), "--format", "json"]) == 0
    output = json.loads(capsys.readouterr().out)
    assert output["month"] == "2025-05"
    assert output["rules_version"] == "openfisca-france 176.1.8"
    rsa = next(b for b in output["benefits"] if b["id"] == "rsa")
    assert set(rsa) >= {
        "id",
        "status",
        "amount",
        "per",
        "received",
        "unclaimed",
        "reasons",
        "institution",
        "how_to_claim",
    }
    assert output["unclaimed_monthly_total"] == pytest.approx(
        sum(
            b["amount"]
            for b in output["benefits"]
            if b["unclaimed"] and b["per"] == "month" and b["id"] != "css_participation_forfaitaire"
        ),
        abs=0.01,
    )


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.json")))
def test_every_example_screens_as_text(engine, capsys, example):
    assert main(["screen", str(EXAMPLES / example), "--format", "text"]) == 0
    assert "openfisca-france" in capsys.readouterr().out


# -- hostile input: exit 2, one bounded, escaped line, no traceback -------------------
def _household(**changes) -> dict:
    data = json.loads((EXAMPLES / "single_hosted_no_income.json").read_text())
    data.update(changes)
    return data


HOSTILE_FILES = {
    "utf16": ('{"commune": "59350"}'.encode("utf-16"), "UTF-16"),
    "latin1": ('{"commune": "Lille é"}'.encode("latin-1"), "1:20: Ce n'est pas du texte UTF-8 (octet 0xE9)"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "pas du texte UTF-8"),
    "nul": (b'{"commune": "59350\x00"}', "données binaires"),
    "deep": (b'{"people": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "imbriqué trop profondément"),
    "huge_integer": (b'{"month": ' + b"9" * 5000 + b"}", "plus de 4\u202f300 chiffres"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_FILES))
def test_unreadable_files_exit_2_with_one_line(tmp_path, capsys, case):
    content, expected = HOSTILE_FILES[case]
    path = tmp_path / "in.json"
    path.write_bytes(content)
    with pytest.raises(SystemExit) as exit_info:
        main(["screen", str(path)])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"{path}"), err
    assert expected in err


def test_a_file_that_is_not_a_household_is_told_in_the_language_asked(tmp_path, capsys):
    """The whole-file problems come from the one error table too, in --lang
    (the household's own errors already did)."""
    path = tmp_path / "in.json"
    path.write_bytes('{"commune": "Lille é"}'.encode("latin-1"))
    said = {}
    for lang in ("fr", "en", "uk", "ar"):
        with pytest.raises(SystemExit) as exit_info:
            main(["screen", str(path), "--lang", lang])
        assert exit_info.value.code == 2
        said[lang] = capsys.readouterr().err
    assert said["fr"] == f"{path}:1:20: Ce n'est pas du texte UTF-8 (octet 0xE9) : enregistrez le fichier en UTF-8.\n"
    for lang in ("en", "uk", "ar"):
        assert said[lang] != said["fr"] and said[lang].startswith(f"{path}:1:20: "), lang
        assert "UTF-8" in said[lang] and "0xE9" in said[lang], lang
    with pytest.raises(SystemExit):
        main(["screen", str(tmp_path)])
    assert capsys.readouterr().err == f"{tmp_path}: C'est un dossier, pas un fichier.\n"


def test_echoed_input_is_escaped_and_bounded(tmp_path, capsys):
    # A right-to-left override would reverse the rest of the line on a
    # terminal; a 200 000-character commune would be a 200 000-character line.
    data = _household(commune="\u202e" + "9" * 200_000, month="2025-05\n\x1b[2J")
    path = tmp_path / "in.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["screen", str(path), "--lang", "en"])
    assert exit_info.value.code == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2
    commune = next(line for line in lines if ": commune:" in line)
    month = next(line for line in lines if ": month:" in line)
    assert "\\u202e" in commune and "\u202e" not in commune
    assert "\\x0a\\x1b[2J" in month and "\x1b" not in month
    assert commune.count("9") <= 120
    for line in lines:
        assert len(line) - len(str(path)) <= 240, line


@pytest.mark.parametrize(
    ("changes", "location"),
    [
        ({"income": {"salary": True}}, "people[0].income.salary"),
        ({"disability_rate": True}, "people[0].disability_rate"),
        ({"id": "me\x00"}, "people[0].id"),
        ({"birth_date": 0}, "people[0].birth_date"),
    ],
)
def test_flags_nul_and_timestamps_are_refused(capsys, changes, location):
    data = _household()
    data["people"][0].update(changes)
    with pytest.raises(SystemExit) as exit_info:
        _screen_text(json.dumps(data))
    assert exit_info.value.code == 2
    assert f": {location}:" in capsys.readouterr().err


def test_non_ascii_digits_are_not_a_month(capsys):
    with pytest.raises(SystemExit):
        _screen_text(json.dumps(_household(month="٢٠٢٥-٠٥")))
    assert ": month:" in capsys.readouterr().err


def _screen_text(text: str):
    import io

    real = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(text.encode("utf-8")))
    try:
        return main(["screen", "-"])
    finally:
        sys.stdin = real


def test_oversized_input_is_refused_before_reading(engine, tmp_path):
    big = tmp_path / "big.json"
    with open(big, "wb") as handle:
        handle.truncate(11 * 1024 * 1024)  # sparse: nothing to read
    result = run_cli("screen", str(big))
    assert result.returncode == 2 and "big.json: Ce fichier fait plus de 10 Mo" in result.stderr
    # A device without end is read up to the limit, not further.
    result = run_cli("screen", "/dev/zero")
    assert result.returncode == 2 and "/dev/zero: Ce fichier fait plus de 10 Mo" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_language_is_refused_before_screening(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["screen", str(EXAMPLES / "single_hosted_no_income.json"), "--lang", "xx"])
    assert exit_info.value.code == 2
    assert "--lang xx: unknown language" in capsys.readouterr().err


def test_batch_checks_its_language_and_encoding_first(tmp_path, capsys):
    output = tmp_path / "out.csv"
    assert main(["batch", str(EXAMPLES / "caseload.jsonl"), str(output), "--lang", "xx"]) == 2
    assert "--lang xx: unknown language" in capsys.readouterr().err
    assert main(["batch", str(EXAMPLES / "caseload.jsonl"), str(output), "--encoding", "utf-16"]) == 2
    assert "--encoding utf-16: not supported" in capsys.readouterr().err
    assert main(["batch", "/dev/zero", str(output), "--input-format", "jsonl"]) == 2
    assert "not a regular file" in capsys.readouterr().err
    assert not output.exists()


def test_a_reader_that_stops_early_gets_no_traceback():
    """`python -m eligibility schema | head`: the reader closes the pipe
    before the output is written; the command exits quietly with 141 (as a
    Unix tool killed by SIGPIPE), nothing on standard error. A real
    interpreter: its own flush at exit is what would complain."""
    read, write = os.pipe()
    os.close(read)  # nobody will read: every write gets EPIPE
    try:
        done = subprocess.run(
            [sys.executable, "-m", "eligibility", "schema"],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            cwd=EXAMPLES.parent,
            env={**os.environ, "PYTHONPATH": str(EXAMPLES.parent)},
            check=False,
            timeout=110,
        )
    finally:
        os.close(write)
    assert done.stderr == ""
    assert done.returncode == 141


def test_a_reader_that_stops_early_gets_no_traceback_after_screening(engine):
    """The same after a screening (forked from this warm process): the
    child flushes standard output as the interpreter does at exit, and
    reports a failed flush on standard error as it would."""
    read, write = os.pipe()
    os.close(read)
    try:
        child = ForkedMain(
            ["screen", "--format", "json", str(EXAMPLES / "retiree_70_small_pension.json")], stdout_fd=write
        )
        _, err = child.communicate(timeout=110)
    finally:
        os.close(write)
    assert err == ""
    assert child.returncode == 141
