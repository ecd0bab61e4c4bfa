"""What changes between scenarios, in plain French with the people's names:
no field path, no raw code."""

from __future__ import annotations

import re

from eligibility.household import Household
from eligibility.periods import Month
from kiosk.advisor import form as forms
from kiosk.advisor import presets
from kiosk.advisor.compare import comparison_rows, describe_changes, person_summary
from locales import format_money


def _couple(family: Household) -> Household:
    data = family.model_dump(mode="json")
    data["people"][0]["activity"] = "unemployed"
    data["people"][0]["income"] = {"unemployment": 950.0}
    data["people"].insert(
        1,
        {
            "id": "partner",
            "role": "partner",
            "birth_date": "1990-06-01",
            "activity": "employed",
            "income": {"salary": 1250.0},
        },
    )
    return Household.model_validate(data)


RAW = re.compile(r"unemployed|employed|child\d|applicant|partner|people\[|\d{4}-\d{2}")


def test_received_benefits_in_neutral_words(family):
    other = family.model_copy(update={"received": {"rsa": 300.0}})
    lines = describe_changes(family, other)
    assert "AF plus perçue" in lines
    assert "RSA perçue" in lines


def test_a_job_in_words_with_the_name(family):
    couple = _couple(family)
    job = presets.takes_job(couple, 1400, person_id="applicant")
    lines = describe_changes(couple, job, {"applicant": "M.", "partner": "Mme"})
    assert lines == [
        f"M. : au chômage → salarié {format_money(1400, 'fr')}, ARE {format_money(950, 'fr')} → {format_money(0, 'fr')}"
    ]
    assert not any(RAW.search(line) for line in lines)


def test_birth_departure_and_month_in_words(family):
    couple = _couple(family)
    born = presets.child_is_born(couple)
    assert describe_changes(couple, born) == ["Naissance d'un enfant (mai 2025)"]
    alone = presets.partner_moves_out(couple)
    assert describe_changes(couple, alone, {"partner": "Sarah"}) == ["Départ de Sarah (conjoint)"]
    assert describe_changes(couple, alone, {"partner": "Conjoint"}) == ["Départ du conjoint"]
    later = couple.model_copy(update={"month": type(couple.month).parse("2025-12")})
    assert describe_changes(couple, later) == ["Mois étudié : mai 2025 → décembre 2025"]


def test_comparison_rows_use_short_labels_and_amounts(engine, family):
    screening = engine.screen(family)
    rows = comparison_rows([screening, screening], [family, None])
    labels = [r.label for r in rows]
    assert "AF *" in labels  # already received
    assert all(len(label) <= 18 for label in labels), labels
    af = next(r for r in rows if r.key == "af")
    assert af.cells == [format_money(screening.benefit("af").amount, "fr")] * 2
    total = next(r for r in rows if r.key == "total:benefits")
    assert total.cells[1] == "?"  # no household: no total


def test_the_rule_inputs_in_words(family):
    other = family.model_copy(deep=True)
    other.single_parent_months = 4
    other.people[0].worked_five_of_last_ten_years = True
    other.people[0].rsdae = False
    other.people[0].nationality = None
    lines = describe_changes(family, other, {"applicant": "Karim"})
    assert lines == [
        "Parent seul depuis : non demandé → 4 mois",
        "Karim : nationalité française → non précisée, 5 ans de travail sur 10 (ASS) : non demandé → oui, "
        "RSDAE reconnue par la MDPH : non demandé → non",
    ]


def test_the_person_line_says_an_age_a_person_would_say():
    """The advisor's list of people ("2. Ali (conjoint) : 35 ans"): a child
    of one is "1 an", a birth during the month screened "moins d'un an",
    and a date after that month (the field's error says so) no age at all
    (it was "-5 ans")."""
    form = forms.empty_form(month=Month(2025, 5))
    births = {"applicant": "14/03/1991", "one": "10/04/2024", "may": "20/05/2025", "later": "02/02/2030"}
    for person_id, birth in births.items():
        if person_id != "applicant":
            form["people"].append(forms.empty_person("child", person_id, person_id))
        form["people"][-1]["birth_date"] = birth
    lines = [person_summary(form, index) for index in range(len(births))]
    assert lines[0] == "Demandeur : 34 ans"
    assert lines[1] == "one (enfant) : 1 an"
    assert lines[2] == "may (enfant) : moins d'un an"
    assert lines[3] == "later (enfant)"
    assert not any(re.search(r"-\d|\b1 ans\b", line) for line in lines)
