"""Places files: validated when loaded, every entry sourced, nearest first,
a commune's own CCAS only for its residents."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest
import yaml

from eligibility.places import ONLINE_PROCEDURES, PlacesError, load_places, places_for, places_path

PLACES = Path(__file__).parents[2] / "eligibility" / "data" / "places"

GOOD = {
    "id": "a-place",
    "name": "Un lieu",
    "kind": "caf",
    "address": "1 rue Exemple",
    "commune": "59512",
    "helps_with": ["caf"],
    "source": "https://example.org/page",
    "checked": "2026-12-01",
}


def write(tmp_path, *places, site="Test") -> Path:
    path = tmp_path / "site.yaml"
    path.write_text(yaml.safe_dump({"site": site, "places": list(places)}, allow_unicode=True), encoding="utf-8")
    return path


def test_every_shipped_file_loads_and_every_place_cites_its_source():
    files = sorted(PLACES.glob("*.yaml"))
    assert {f.stem for f in files} >= {"example", "lille"}
    for path in files:
        site = load_places(path)
        for place in site.places:
            assert place.source.scheme == "https" and place.checked.year >= 2024, place.id


def test_the_example_file_states_the_rule_and_ships_no_place():
    text = (PLACES / "example.yaml").read_text(encoding="utf-8")
    assert "never invent an address" in text and "LEFT OUT" in text
    assert load_places("example").places == []


def test_lille_ccas_as_its_source_gives_it():
    # udccas59.fr, "CCAS de Lille : ouverture de la Maison des Solidarités":
    # 104-108 boulevard de Metz; Monday 13:30-17:00, Tuesday to Friday 9:00-17:00.
    place = load_places("lille").place("ccas-lille-maison-des-solidarites")
    assert place.address == "104-108 boulevard de Metz" and place.commune == "59350"
    assert [(o.days, o.opens, o.closes) for o in place.hours] == [
        (["mon"], time(13, 30), time(17, 0)),
        (["tue", "wed", "thu", "fri"], time(9, 0), time(17, 0)),
    ]
    assert place.phone is None  # the source gives none: none is shown
    assert "udccas59.fr" in str(place.source)


def test_places_for_a_right_nearest_first_and_a_ccas_only_for_its_commune(tmp_path):
    path = write(
        tmp_path,
        {**GOOD, "id": "caf-roubaix", "name": "CAF Roubaix", "commune": "59512"},
        {**GOOD, "id": "caf-lille", "name": "CAF Lille", "commune": "59350"},
        {**GOOD, "id": "caf-dunkerque", "name": "CAF Dunkerque", "commune": "59183"},
        {**GOOD, "id": "ccas-roubaix", "name": "CCAS Roubaix", "kind": "ccas", "helps_with": ["all_rights"],
         "serves": ["59512"]},
        {**GOOD, "id": "numerique", "name": "Atelier", "kind": "digital_inclusion",
         "helps_with": ["online_procedures"]},
    )  # fmt: skip
    # The RSA is paid by the CAF: CAF places and the CCAS (any right), Roubaix first,
    # then the Métropole (Lille), then Dunkerque.
    assert [p.id for p in places_for("rsa", "59512", path)] == [
        "caf-roubaix", "ccas-roubaix", "caf-lille", "caf-dunkerque",
    ]  # fmt: skip
    # A Lille resident is not sent to Roubaix's CCAS.
    assert [p.id for p in places_for("rsa", "59350", path)] == ["caf-lille", "caf-roubaix", "caf-dunkerque"]
    # The C2S is the Assurance maladie's: no CAF.
    assert [p.id for p in places_for("css_participation_forfaitaire", "59512", path)] == ["ccas-roubaix"]
    assert [p.id for p in places_for(ONLINE_PROCEDURES, "59512", path)] == ["numerique"]
    assert [p.id for p in places_for("caf", "59350", path)] == ["caf-lille", "caf-roubaix", "caf-dunkerque"]


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"source": None}, "places[0].source"),
        ({"checked": None}, "places[0].checked"),
        ({"commune": "99999"}, "unknown INSEE commune code '99999'"),
        ({"hours": [{"days": ["mon"], "opens": "17:00", "closes": "09:00"}]}, "closes"),
        ({"hours": [{"days": ["lundi"], "opens": "09:00", "closes": "12:00"}]}, "places[0].hours[0].days[0]"),
        ({"helps_with": ["rsa", "loto"]}, "helps_with: unknown loto"),
        ({"languages": ["xx"]}, "languages: unknown xx"),
        ({"kind": "mairie"}, "places[0].kind"),
        ({"adress": "typo"}, "unknown key"),
    ],
)
def test_a_wrong_entry_is_refused_with_the_file_and_the_field(tmp_path, change, fragment):
    entry = {k: v for k, v in {**GOOD, **change}.items() if v is not None}
    path = write(tmp_path, entry)
    with pytest.raises(PlacesError) as error:
        load_places(path)
    assert str(path) in str(error.value) and fragment in str(error.value)


def test_twice_the_same_id_and_a_missing_file_are_refused(tmp_path):
    with pytest.raises(PlacesError, match="listed twice: a-place"):
        load_places(write(tmp_path, GOOD, GOOD))
    with pytest.raises(PlacesError, match="places file not found"):
        load_places("no-such-site")
    assert places_path("lille").name == "lille.yaml" and places_path("x/y.yaml") == Path("x/y.yaml")


def test_lille_france_services_as_the_anct_list_gives_them():
    # anct-carto/france_services @ e1016fd, data/liste-fs-20240801.csv (the ANCT's
    # "Liste des structures France services"), rows 59350 and 59512:
    # "106 Boulevard de Metz", 03 20 38 24 68, Monday to Friday
    # "09:00 - 12:00 / 13:30 - 17:00"; "71 Avenue de verdun", 03 20 99 10 28,
    # Monday to Friday the same morning and afternoon "08:30 - 12:00 / 13:30 - 17:00",
    # Saturday "08:30 - 12:00".
    site = load_places("lille")
    lille = site.place("france-services-interfaces-lille-faubourg-de-bethune")
    assert (lille.kind, lille.address, lille.commune, lille.phone) == (
        "france_services", "106 Boulevard de Metz", "59350", "03 20 38 24 68"
    )  # fmt: skip
    assert [(o.days, o.opens, o.closes) for o in lille.hours] == [
        (["mon", "tue", "wed", "thu", "fri"], time(9, 0), time(12, 0)),
        (["mon", "tue", "wed", "thu", "fri"], time(13, 30), time(17, 0)),
    ]
    roubaix = site.place("france-services-mairie-de-roubaix-quartier-des-3-ponts")
    assert (roubaix.address, roubaix.commune, roubaix.phone) == ("71 Avenue de verdun", "59512", "03 20 99 10 28")
    assert [(o.days, o.opens, o.closes) for o in roubaix.hours] == [
        (["mon", "tue", "wed", "thu", "fri", "sat"], time(8, 30), time(12, 0)),
        (["mon", "tue", "wed", "thu", "fri"], time(13, 30), time(17, 0)),
    ]
    services = [p for p in site.places if p.kind == "france_services"]
    assert len(services) == 11 and all("liste-fs-20240801.csv" in str(p.source) for p in services)
    # Help with online procedures and the partners' rights; nearest first.
    assert [p.id for p in places_for(ONLINE_PROCEDURES, "59512", site)][:2] == [
        "france-services-la-poste-de-roubaix-epeule",
        "france-services-mairie-de-roubaix-quartier-des-3-ponts",
    ]
    assert "france-services-la-poste-de-tourcoing" == places_for("rsa", "59599", site)[0].id
    # The CCAS of Lille stays first for a Lille resident (its own commune, its name).
    assert places_for("rsa", "59350", site)[0].id == "ccas-lille-maison-des-solidarites"


def test_opening_hours_sharing_their_days_are_written_once():
    from eligibility.places import opening_hours_text

    site = load_places("lille")
    assert (
        opening_hours_text(site.place("france-services-interfaces-lille-faubourg-de-bethune").hours, "fr")
        == "lundi – vendredi 09:00–12:00, 13:30–17:00"
    )
    assert (
        opening_hours_text(site.place("france-services-la-poste-de-lille-bois-blancs").hours, "fr")
        == "mardi 09:00–12:00, 15:00–16:30 ; mercredi – samedi 09:00–12:30 ; mercredi – vendredi 13:30–16:30"
    )


def test_opening_hours_use_the_punctuation_of_the_language():
    from eligibility.places import opening_hours_text

    hours = load_places("lille").place("france-services-la-poste-de-lille-bois-blancs").hours
    english = opening_hours_text(hours, "en")
    assert english.startswith("Tuesday 9:00\u202fAM–12:00\u202fPM, 3:00\u202fPM–4:30\u202fPM; Wednesday")
    for lang in ("ar", "fa", "ps"):
        text = opening_hours_text(hours, lang)
        # Arabic script's own comma and semicolon (U+060C, U+061B), no Latin ones.
        assert text.count("\u060c ") == 1 and text.count("\u061b ") == 2, (lang, text)
        assert "," not in text and ";" not in text, (lang, text)


def test_the_france_services_script_reads_the_anct_list(tmp_path, capsys):
    import importlib.util

    script = Path(__file__).parents[2] / "scripts" / "france_services_places.py"
    spec = importlib.util.spec_from_file_location("france_services_places", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    header = (
        '"id_fs","insee_dep","lib_fs","adresse","complement_adresse","insee_com","code_postal","lib_com",'
        '"latitude","longitude","mail","telephone","h_lundi","h_mardi","h_mercredi","h_jeudi","h_vendredi",'
        '"h_samedi","prise_rdv","commentaire","type_fs","format_fs","groupe_fs","labellisation_fs"\n'
    )
    rows = (
        '"1","59","France services Essai","1 rue Essai",,"59512","59100","Roubaix",0,0,,"03 00 00 00 00",'
        '"09:00 - 12:00 / 13:30 - 17:00","09:00 - 12:00",,,,"09:00 - 12:00","Oui",,"Principal","Fixe",,\n'
        '"2","59","Bus France services Essai","2 rue Essai",,"59512","59100","Roubaix",0,0,,,'
        '"09:00 - 12:00",,,,,,"Non",,"Principal","Bus_équivalent",,\n'
        '"3","59","France services Dunkerque","3 rue Essai",,"59183","59140","Dunkerque",0,0,,,'
        '"09:00 - 12:00",,,,,,"Non",,"Principal","Fixe",,\n'
    )
    path = tmp_path / "liste.csv"
    path.write_text(header + rows, encoding="utf-8")
    assert module.main([str(path), "https://example.org/liste.csv", "2024-08-01"]) == 0
    out = capsys.readouterr().out
    # Only the fixed place of the MEL; the bus and Dunkerque are left out.
    data = yaml.safe_load("places:\n" + out)["places"]
    assert [p["name"] for p in data] == ["France services Essai"]
    assert data[0]["hours"] == [
        {"days": ["mon", "tue", "sat"], "opens": "09:00", "closes": "12:00"},
        {"days": ["mon"], "opens": "13:30", "closes": "17:00"},
    ]
    load_places(write(tmp_path, *data))  # a valid entry of a places file
    with pytest.raises(ValueError, match="unexpected hours"):
        module.spans("9h - 12h")
