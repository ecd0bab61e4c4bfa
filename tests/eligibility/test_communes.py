"""Communes and postal codes (data/communes.tsv, from @etalab/decoupage-administratif
6.0.0). Expected figures were counted in the npm package's own JSON files
(data/communes.json, data/epci.json), not with the code under test."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from eligibility.communes import (
    METROPOLE_EUROPEENNE_DE_LILLE,
    by_postal_code,
    communes,
    directory,
    in_metropole,
    lookup,
)
from tests.forked import run_main

ROOT = Path(__file__).parents[2]
DATA = ROOT / "eligibility" / "data" / "communes.tsv"


def test_the_file_names_its_source_version_and_licence_and_stays_small():
    header = [line for line in DATA.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    text = "\n".join(header)
    assert "@etalab/decoupage-administratif 6.0.0" in text
    assert "Licence Ouverte 2.0" in text
    assert "La Poste" in text and "scripts/build_communes.py" in text
    assert DATA.stat().st_size < 1_500_000


def test_postal_code_59350_is_saint_andre_and_insee_code_59350_is_lille():
    assert [c.name for c in by_postal_code("59350")] == ["Saint-André-lez-Lille"]
    assert directory()["59350"].name == "Lille"
    assert [(m.commune.code, m.matched) for m in lookup("59350")] == [
        ("59527", "postal_code"),
        ("59350", "insee_code"),
    ]
    assert [(m.commune.name, m.matched) for m in lookup("59491")] == [
        ("Villeneuve-d'Ascq", "postal_code"),
        ("Raismes", "insee_code"),
    ]


def test_lille_has_its_five_postal_codes_and_its_associated_communes():
    lille = directory()["59350"]
    assert lille.postal_codes == ("59000", "59160", "59260", "59777", "59800")
    assert set(lille.former_names) == {"Lomme", "Hellemmes-Lille"}
    assert [m.commune.code for m in lookup("lomme")] == ["59350"]
    assert [m.commune.code for m in lookup("SAINT ANDRE LEZ LILLE")] == ["59527"]


def test_the_nord_has_647_communes_all_known_to_the_rules():
    nord = directory("59")
    assert len(nord) == 647
    assert all(code in communes() for code in nord)
    assert all(c.postal_codes for c in nord.values())


def test_the_metropole_has_95_communes_and_19_of_its_67_postal_codes_are_shared():
    members = [c for c in directory().values() if c.epci == METROPOLE_EUROPEENNE_DE_LILLE]
    assert len(members) == 95
    assert in_metropole("59350") and in_metropole("59512") and not in_metropole("59491")
    codes = {p for c in members for p in c.postal_codes}
    assert len(codes) == 67
    shared = {p for p in codes if sum(p in c.postal_codes for c in members) > 1}
    assert len(shared) == 19
    # A postal code may cross the Métropole's border: 59830 serves Bouvines and the Pévèle.
    assert [c.name for c in by_postal_code("59830")] == [
        "Bachy", "Bourghelles", "Bouvines", "Cobrieux", "Cysoing", "Louvil", "Wannehain",
    ]  # fmt: skip


def test_unknown_text_finds_nothing():
    assert lookup("") == [] and lookup("99999") == [] and lookup("Atlantide") == []


def test_command_line_prints_the_communes_as_json():
    # In a child forked from this process (tests/forked.py): the cold start of
    # `python -m eligibility` is tested once, in test_cli.test_schema_is_json.
    result = run_main("commune", "59491")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert [(c["name"], c["matched"], c["metropole_europeenne_de_lille"]) for c in found] == [
        ("Villeneuve-d'Ascq", "postal_code", True),
        ("Raismes", "insee_code", False),
    ]
    assert found[0]["postal_codes"] == ["59491", "59493", "59650"] and found[0]["known_to_rules"] is True
    missing = run_main("commune", "Atlantide")
    assert missing.returncode == 1 and json.loads(missing.stdout) == [] and "Traceback" not in missing.stderr


def test_the_build_script_reduces_the_package_json(tmp_path):
    spec = importlib.util.spec_from_file_location("build_communes", ROOT / "scripts" / "build_communes.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    data = tmp_path / "data"
    data.mkdir()
    communes_json = [
        {"code": "59350", "nom": "Lille", "type": "commune-actuelle", "codesPostaux": ["59800", "59000"]},
        {"code": "59355", "nom": "Lomme", "type": "commune-associee", "chefLieu": "59350"},
        {"code": "59527", "nom": "Saint-André-lez-Lille", "type": "commune-actuelle", "codesPostaux": ["59350"]},
        {"code": "13201", "nom": "Marseille 1er", "type": "arrondissement-municipal", "codesPostaux": ["13001"]},
    ]
    epci_json = [{"code": "200093201", "membres": [{"code": "59350"}, {"code": "59527"}]}]
    (data / "communes.json").write_text(json.dumps(communes_json), encoding="utf-8")
    (data / "epci.json").write_text(json.dumps(epci_json), encoding="utf-8")
    rows = [line for line in build.build(tmp_path).splitlines() if not line.startswith("#")]
    assert rows == [
        "59350\tLille\t59000 59800\t200093201\tLomme",
        "59527\tSaint-André-lez-Lille\t59350\t200093201",
    ]
