"""Individual benefits (AAH, ASI, ASS) belong to their person, received or
due; the AAH comes after the invalidity pension and the ASI."""

from __future__ import annotations

import pytest
from openfisca_core.simulation_builder import SimulationBuilder
from pydantic import ValidationError

from eligibility import Household
from eligibility.errors import describe

MONTH = "2025-05"
# service-public.fr F12242 (https://www.service-public.fr/particuliers/vosdroits/F12242):
# AAH à taux plein 1 033,32 € par mois au 1er avril 2025.
AAH_FULL_RATE = 1033.32


def couple(partner_received=None, received=None, salary=1400.0) -> Household:
    partner = {
        "id": "partner",
        "role": "partner",
        "birth_date": "1982-06-01",
        "activity": "unable_to_work",
        "disability_rate": 0.8,
    }
    if partner_received is not None:
        partner["received"] = partner_received
    return Household.model_validate(
        {
            "month": MONTH,
            "commune": "59350",
            "housing": {"status": "tenant_social", "rent": 450.0},
            "people": [
                {
                    "id": "me",
                    "role": "applicant",
                    "birth_date": "1980-03-01",
                    "activity": "employed",
                    "income": {"salary": salary},
                },
                partner,
            ],
            "received": received or {},
        }
    )


def plain_ppa_with_partner_aah(engine, salary: float) -> float:
    """Plain OpenFisca: the partner's AAH, at the full rate, paid to the
    partner in the past months; the prime d'activité of the month."""
    system = engine.system
    while getattr(system, "baseline", None) is not None:
        system = system.baseline
    months = [f"2024-{m:02d}" for m in range(1, 13)] + [f"2025-{m:02d}" for m in range(1, 6)]
    past = months[:-1]
    situation = {
        "individus": {
            "me": {
                "date_naissance": {"ETERNITY": "1980-03-01"},
                "salaire_net": {m: salary for m in months},
                "activite": {m: "actif" for m in months},
            },
            "partner": {
                "date_naissance": {"ETERNITY": "1982-06-01"},
                "taux_incapacite": {m: 0.8 for m in months},
                "activite": {m: "inactif" for m in months},
                "aah": {m: AAH_FULL_RATE for m in past},
            },
        },
        "familles": {"f": {"parents": ["me", "partner"], "aide_logement": {m: 0 for m in past}}},
        "foyers_fiscaux": {"ff": {"declarants": ["me", "partner"]}},
        "menages": {
            "m": {
                "personne_de_reference": ["me"],
                "conjoint": ["partner"],
                "loyer": {m: 450.0 for m in months},
                "statut_occupation_logement": {m: "locataire_hlm" for m in months},
                "depcom": {m: "59350" for m in months},
            }
        },
    }
    simulation = SimulationBuilder().build_from_entities(system, situation)
    return float(simulation.calculate("ppa", MONTH)[0])


def test_partner_aah_due_counts_as_the_partners_in_the_ppa(engine):
    screening = engine.screen(couple())
    assert screening.benefit("aah").amount == AAH_FULL_RATE
    expected = plain_ppa_with_partner_aah(engine, 1400.0) * (1 - 0.005)  # paid net of CRDS
    assert screening.benefit("ppa").amount == pytest.approx(expected, abs=1)


def test_partner_aah_received_is_declared_on_the_partner(engine):
    screening = engine.screen(couple(partner_received={"aah": AAH_FULL_RATE}))
    aah = screening.benefit("aah")
    assert aah.received and not aah.unclaimed and aah.received_amount == AAH_FULL_RATE
    expected = plain_ppa_with_partner_aah(engine, 1400.0) * (1 - 0.005)
    assert screening.benefit("ppa").amount == pytest.approx(expected, abs=1)


def test_household_level_aah_of_unknown_amount_goes_to_whom_it_is_due(engine):
    # "I get the AAH" without saying whose: the rules say it is the partner's.
    screening = engine.screen(couple(received={"aah": None}))
    expected = plain_ppa_with_partner_aah(engine, 1400.0) * (1 - 0.005)
    assert screening.benefit("ppa").amount == pytest.approx(expected, abs=1)


def test_household_level_amount_still_means_the_applicant(engine):
    # Backward compatible: {"aah": 900} is the applicant's AAH.
    household = couple(received={"aah": 900.0})
    assert household.received_by("aah") == {"me": 900.0}
    assert couple(partner_received={"aah": 900.0}).received_by("aah") == {"partner": 900.0}


def _errors(data) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        Household.model_validate(data)
    return describe(caught.value, "fr")


def _data(**partner_extra):
    household = couple().model_dump(mode="json")
    household["people"][1].update(partner_extra)
    return household


def test_a_family_benefit_cannot_be_declared_on_a_person():
    lines = _errors(_data(received={"rsa": 500.0}))
    assert any(line.startswith("people[1].received.rsa:") for line in lines), lines


def test_an_unknown_benefit_on_a_person_is_located():
    lines = _errors(_data(received={"bitcoin": 5.0}))
    assert any(line.startswith("people[1].received.bitcoin:") for line in lines), lines


def test_the_same_benefit_declared_twice_for_the_applicant_is_refused():
    data = couple(received={"aah": 900.0}).model_dump(mode="json")
    data["people"][0]["received"] = {"aah": 900.0}
    lines = _errors(data)
    assert any(line.startswith("people[0].received.aah:") for line in lines), lines


def disabled(month=MONTH, **income) -> Household:
    return Household.model_validate(
        {
            "month": month,
            "commune": "59350",
            "housing": {"status": "tenant_social", "rent": 400.0},
            "people": [
                {
                    "id": "me",
                    "role": "applicant",
                    "birth_date": "1975-03-01",
                    "activity": "unable_to_work",
                    "disability_rate": 0.8,
                    "income": income,
                    # Six years of residence permit: no ASI (CSS L816-1), the
                    # AAH alone tops the invalidity pension up.
                    "nationality": "other",
                    "residence_permit_years": 6,
                }
            ],
        }
    )


def test_aah_tops_up_the_invalidity_pension(engine):
    # Code de la sécurité sociale L821-1 and service-public.fr F12242: with a
    # pension d'invalidité below the AAH, the AAH pays the difference:
    # 1 033,32 − 600 = 433,32 €.
    aah = engine.screen(disabled(invalidity_pension=600.0)).benefit("aah")
    assert aah.amount == pytest.approx(AAH_FULL_RATE - 600.0, abs=0.01)


def test_a_pension_below_retirement_age_of_someone_unable_to_work_is_an_invalidity_pension(engine):
    # Until the person says which, a "pension" at 50 of someone unable to work
    # is taken as a pension d'invalidité (README, assumptions).
    taken = engine.screen(disabled(pension=600.0))
    declared = engine.screen(disabled(invalidity_pension=600.0))
    for benefit in ("aah", "asi", "rsa", "css_participation_forfaitaire"):
        assert taken.benefit(benefit).amount == declared.benefit(benefit).amount, benefit
    day = disabled().month.first_day
    person = disabled(pension=600.0).applicant
    assert person.pensions_at(day, retirement_age=64) == (0.0, 600.0)
    # Said apart, or at the retirement age: a retirement pension.
    assert disabled(pension=600.0, invalidity_pension=0.0).applicant.pensions_at(day, 64) == (600.0, 0.0)
    assert person.pensions_at(day, retirement_age=50) == (600.0, 0.0)


def test_aah_comes_after_the_asi(engine):
    # L821-1 CSS: the AAH only tops up the invalidity benefits, the ASI
    # included; the CAF asks to claim the ASI first (answer of the Minister to
    # question QE 23508, JO 20 July 2021, assemblee-nationale.fr). So pension,
    # ASI and AAH together reach the AAH full rate, no more.
    household = Household.model_validate(
        {
            **disabled(invalidity_pension=600.0).model_dump(mode="json"),
            "people": [
                {
                    "id": "me",
                    "role": "applicant",
                    "birth_date": "1975-03-01",
                    "activity": "unable_to_work",
                    "disability_rate": 0.8,
                    "income": {"invalidity_pension": 600.0},
                }
            ],
        }
    )
    screening = engine.screen(household)
    asi = screening.benefit("asi").amount
    aah = screening.benefit("aah").amount
    assert asi > 0
    assert 600.0 + asi + aah == pytest.approx(AAH_FULL_RATE, abs=0.02)
    # The first amount already counts the ASI as paid: claiming it changes nothing later.
    assert screening.benefit("aah").recurring_amount == aah


def test_vectorised_screening_keeps_each_benefit_on_its_person(engine):
    # Several households in one simulation: people sit at different offsets,
    # so a due or received individual benefit must land on the right row.
    households = [
        disabled(invalidity_pension=600.0),
        couple(),
        couple(partner_received={"aah": AAH_FULL_RATE}),
        couple(received={"aah": None}),
        disabled(pension=600.0),
    ]
    together = engine.screen_many(households)
    for household, screening in zip(households, together):
        assert screening.model_dump() == engine.screen(household).model_dump()
