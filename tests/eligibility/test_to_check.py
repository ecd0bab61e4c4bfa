"""Rights to check at the desk (`eligibility.to_check`) and benefits paid once.

The expected conditions come from the sources each catalog file cites
(aides-jeunes `data/benefits`, read at commit 8843e65): territory, ages,
housing, children. The screening never gives them an amount and never adds
them to a total.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
import yaml

from eligibility import Household, to_check
from eligibility.cli import main
from eligibility.communes import commune
from eligibility.report import text_report
from eligibility.screening import Status

MEL = "200093201"  # SIREN of the Métropole Européenne de Lille (DGCL list)


def household(commune="59350", status="tenant_private", people=None, month="2025-10"):
    return Household.model_validate(
        {
            "month": month,
            "commune": commune,
            "housing": {"status": status, "rent": 500} if status.startswith("tenant") else {"status": status},
            "people": people
            or [{"id": "me", "role": "applicant", "birth_date": "1985-01-01", "activity": "employed",
                 "income": {"salary": 1100.0}}],
        }
    )  # fmt: skip


def ids(h):
    return [r.id for r in to_check.pre_screen(h)]


def test_every_catalog_entry_cites_a_source_and_a_checked_date():
    for item in to_check.catalog().values():
        assert item.source and all(url.startswith("https://") for url in item.source), item.id
        assert item.information_url.startswith("https://"), item.id
        assert item.checked <= date.today()
        # Never an amount in a resident's sentence that the rules did not compute.
        for sentence in [item.summary, *item.to_verify]:
            assert "€" not in sentence, (item.id, sentence)


def test_the_catalog_has_the_rights_of_issue_15():
    assert set(to_check.catalog()) == {
        "fsl_mel",
        "pret_equipement_caf_nord",
        "vacaf_caf_nord",
        "apa_nord",
        "parcours_permis_lille",
        "pass_permis_roubaix",
        "logement_social",
    }


def test_fsl_of_the_mel_only_in_its_communes_and_not_for_hosted_or_homeless_people():
    # aides-jeunes fsl.ts: the MEL's FSL for EPCI 200093201; hosted for free
    # and homeless people excluded.
    assert commune("59512").epci == MEL and commune("59350").epci == MEL
    assert "fsl_mel" in ids(household("59512"))
    assert "fsl_mel" in ids(household("59350", status="owner"))
    assert "fsl_mel" not in ids(household("59350", status="hosted_free"))
    assert "fsl_mel" not in ids(household("59350", status="homeless"))
    # Dunkerque (59183) is in the Nord but not in the MEL.
    assert commune("59183").epci != MEL
    assert "fsl_mel" not in ids(household("59183"))


def test_caf_du_nord_loan_needs_a_child_under_20_or_a_pregnancy_in_the_nord():
    parent = {"id": "me", "role": "applicant", "birth_date": "1985-01-01", "activity": "employed"}
    child_19 = {"id": "k", "role": "child", "birth_date": "2006-06-01"}
    child_21 = {"id": "k", "role": "child", "birth_date": "2004-06-01"}
    assert "pret_equipement_caf_nord" in ids(household(people=[parent, child_19]))
    assert "pret_equipement_caf_nord" not in ids(household(people=[parent, child_21]))
    assert "pret_equipement_caf_nord" in ids(household(people=[{**parent, "pregnant": True}]))
    assert "pret_equipement_caf_nord" not in ids(household(people=[parent]))
    # Outside the Nord (Arras, Pas-de-Calais): not shown.
    assert "pret_equipement_caf_nord" not in ids(household("62041", people=[parent, child_19]))
    # The quotient familial is not asked: it stays to check, first in the list.
    result = next(r for r in to_check.pre_screen(household(people=[parent, child_19])) if r.id.startswith("pret"))
    assert result.to_verify[0] == "Votre quotient familial CAF est de 850 € ou moins."
    assert "Vous habitez dans le Nord." in result.matched


def test_apa_of_the_nord_from_60():
    old = {"id": "me", "role": "applicant", "birth_date": "1965-09-01", "activity": "retired"}
    young = {**old, "birth_date": "1966-01-01"}
    assert "apa_nord" in ids(household(people=[old]))  # 60 in September 2025
    assert "apa_nord" not in ids(household(people=[young]))  # 59 in October 2025


@pytest.mark.parametrize(
    "birth, lille, roubaix",
    [("2007-09-01", True, True), ("1999-11-01", True, True), ("1999-09-01", True, False),
     ("1995-01-01", True, False), ("1994-09-01", False, False), ("2008-01-01", False, False)],
)  # fmt: skip
def test_driving_licence_aids_by_commune_and_age(birth, lille, roubaix):
    # Lille: 18 to 25, up to 30 in some cases (pre-screened 18–30);
    # Roubaix: 18 to 25. Ages on 1 October 2025.
    person = [{"id": "me", "role": "applicant", "birth_date": birth, "activity": "unemployed"}]
    age_ok_roubaix = "pass_permis_roubaix" in ids(household("59512", people=person))
    assert age_ok_roubaix == roubaix
    assert ("parcours_permis_lille" in ids(household("59350", people=person))) == lille
    # Never in the other town.
    assert "parcours_permis_lille" not in ids(household("59512", people=person))
    assert "pass_permis_roubaix" not in ids(household("59350", people=person))


def test_social_housing_not_for_those_already_in_it():
    assert "logement_social" in ids(household(status="tenant_private"))
    assert "logement_social" in ids(household(status="homeless"))
    assert "logement_social" not in ids(household(status="tenant_social"))


def test_screening_returns_them_apart_with_status_and_no_amount(engine):
    parent = {"id": "me", "role": "applicant", "birth_date": "1990-01-01", "activity": "unemployed"}
    child = {"id": "k", "role": "child", "birth_date": "2015-01-01", "school": "primary"}
    screening = engine.screen(household("59350", people=[parent, child]))
    found = {r.id: r for r in screening.to_check}
    assert {"fsl_mel", "pret_equipement_caf_nord", "vacaf_caf_nord", "logement_social"} <= set(found)
    assert all(r.status == Status.to_check for r in found.values())
    assert not hasattr(found["fsl_mel"], "amount")
    # Never among the benefits with amounts, so never in a total.
    assert not {b.id for b in screening.benefits} & set(found)
    dumped = screening.model_dump(mode="json")
    assert dumped["to_check"][0]["status"] == "to_check"
    assert "amount" not in dumped["to_check"][0]


def test_text_report_lists_them_after_the_totals_without_amount(engine):
    screening = engine.screen(household("59512", status="tenant_social"))
    text = text_report(screening, "fr")
    part = text.split("À vérifier avec un agent (sans montant)")[1]
    assert "Fonds de solidarité pour le logement (FSL) — Métropole Européenne de Lille" in part
    assert "✓ Vous habitez une commune de la Métropole Européenne de Lille." in part
    assert "Logement social" not in part  # already in social housing
    assert "€" not in part.split("Estimation selon")[0]
    # English: translated, the French short name kept.
    english = text_report(screening, "en").split("To check with an agent (no amount)")[1]
    assert "Housing solidarity fund — FSL" in english


def test_cli_json_has_the_rights_to_check(engine, capsys, tmp_path):
    path = tmp_path / "h.json"
    path.write_text(household("59512").model_dump_json(), encoding="utf-8")
    assert main(["screen", str(path), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    fsl = next(r for r in out["to_check"] if r["id"] == "fsl_mel")
    assert fsl["status"] == "to_check" and "amount" not in fsl
    assert out["unclaimed_once_total"] == 0


def test_prime_a_la_naissance_is_paid_once_and_in_no_yearly_total(engine):
    # One payment during the 7th month of pregnancy (art. D531-2 CSS;
    # service-public.fr F2550); aides-jeunes marks it "ponctuelle".
    me = {"id": "me", "role": "applicant", "birth_date": "1990-01-01", "activity": "unemployed", "pregnant": True}
    screening = engine.screen(household("59350", status="homeless", people=[me]))
    prime = screening.benefit("paje_naissance")
    assert prime.unclaimed and prime.paid_once
    yearly = sum(b.amount for b in screening.benefits if b.unclaimed and b.per == "year" and not b.paid_once)
    assert screening.unclaimed_yearly_total == pytest.approx(yearly, abs=0.01)
    assert screening.unclaimed_once_total == pytest.approx(prime.amount, abs=0.01)
    text = text_report(screening, "fr")
    line = next(line for line in text.splitlines() if "Prime à la naissance" in line)
    assert line.endswith("€ en une fois") and "par an" not in line


def test_paid_once_is_catalog_data():
    from eligibility.catalog import benefits

    once = {b.id for b in benefits().values() if b.paid_once}
    assert once == {"paje_naissance", "pass_sport", "hauts_de_france_aide_permis"}
    from importlib import resources

    raw = yaml.safe_load((resources.files("eligibility") / "benefits" / "paje_naissance.yaml").read_text("utf-8"))
    assert raw["paid_once"] is True


def test_the_readme_lists_exactly_the_rights_to_check():
    import re
    from pathlib import Path

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    paragraph = readme.split("Rights to check at the desk (status `to_check`):", 1)[1].split("\n(", 1)[0]
    listed = {name.strip() for group in re.findall(r"`([^`]+)`", paragraph) for name in group.split(",")}
    assert listed == set(to_check.catalog())
