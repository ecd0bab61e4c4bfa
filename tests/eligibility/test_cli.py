"""The command line: exit 2 and located lines on bad input, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from eligibility.cli import main

EXAMPLES = Path(__file__).parents[2] / "examples"


def run_cli(*args, stdin: str | None = None):
    return subprocess.run(
        [sys.executable, "-m", "eligibility", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_schema_is_json():
    result = run_cli("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert "people" in schema["properties"]


def test_malformed_json_exits_2(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"commune": "59350",', encoding="utf-8")
    result = run_cli("screen", str(bad))
    assert result.returncode == 2
    assert "malformed JSON" in result.stderr
    assert "Traceback" not in result.stderr


def test_invalid_household_exits_2_with_located_lines():
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
