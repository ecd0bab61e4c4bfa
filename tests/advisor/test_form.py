"""The form as data: parsing, field errors, placeholders, import/export."""

from __future__ import annotations

import json

import pytest

from eligibility.screening import Status
from kiosk.advisor import files
from kiosk.advisor import form as forms
from kiosk.advisor.screening import screen_forms


def test_form_round_trip_is_exact(family):
    family.people[0].disability_rate = 0.335
    family.people[0].income.other = 12.34
    family.housing.rent = 612.07
    parsed = forms.parse_form(forms.form_from_household(family))
    assert parsed.complete
    assert parsed.household().model_dump(mode="json") == family.model_dump(mode="json")


def test_round_trip_keeps_invalidity_pension_and_a_persons_own_benefits(family):
    # Unsaid (None) and said (0) invalidity pensions differ for the rules;
    # a person's own AAH is kept even though the form has no field for it.
    family.people[0].income.invalidity_pension = 0.0
    family.people[0].received = {"aah": 500.0}
    data = family.model_dump(mode="json")
    data["people"][1]["income"] = {"pension": 0.0}
    parsed = forms.parse_form(forms.form_from_household(family))
    assert parsed.household().model_dump(mode="json") == family.model_dump(mode="json")
    assert parsed.household().people[1].income.invalidity_pension is None
    partial = forms.parse_form(forms.form_from_partial(data))
    assert partial.household().people[0].received == {"aah": 500.0}


@pytest.mark.parametrize("answer", [True, False, None])
def test_round_trip_keeps_the_rule_inputs(family, answer):
    # Each answer that may be "not asked" (None) stays what it was, in both
    # the household and the kiosk-session paths.
    family.people[0].worked_five_of_last_ten_years = answer
    family.people[0].rsdae = None if answer is None else not answer
    family.people[0].nationality = None if answer is None else family.people[0].nationality
    family.single_parent_months = None if answer is None else (7 if answer else 0)
    expected = family.model_dump(mode="json")
    assert forms.parse_form(forms.form_from_household(family)).household().model_dump(mode="json") == expected
    assert forms.parse_form(forms.form_from_partial(expected)).household().model_dump(mode="json") == expected


def test_single_parent_months_refuses_what_is_not_a_number_of_months():
    for text in ("six", "-2", "1,5", "5000"):
        with pytest.raises(forms.FieldError) as caught:
            forms.parse_field("single_parent_months", text)
        assert caught.value.message("fr") == "Écrivez un nombre entier de mois, par exemple 6."
    form = forms.empty_form()
    form["single_parent_months"] = "six"
    parsed = forms.parse_form(form)
    assert "single_parent_months" in parsed.errors
    assert forms.field_words(form, "single_parent_months") == "le nombre de mois depuis lequel le parent est seul"
    # The rules' own missing_input:people.<field> names no person.
    assert forms.field_words(form, "people.rsdae") == "la RSDAE reconnue par la MDPH (une personne du foyer)"


@pytest.mark.parametrize(
    ("key", "text", "expected"),
    [
        # The same messages as the kiosk's (one parsing module, one table).
        (
            "people[0].birth_date",
            "31/02/1980",
            "« 31/02/1980 » n'est pas une date. Écrivez-la comme ceci : 25/12/1980.",
        ),
        ("people[0].birth_date", "01/01/2999", "La date de naissance ne peut pas être dans le futur."),
        ("people[0].birth_date", "hier", "« hier » n'est pas une date. Écrivez-la comme ceci : 25/12/1980."),
        ("people[0].birth_date", "3/4/80", "Écrivez l'année avec 4 chiffres, par exemple 1980."),
        ("housing.rent", "-3", "Un montant ne peut pas être négatif."),
        ("housing.rent", "douze", "« douze » n'est pas un nombre. Écrivez seulement des chiffres, par exemple 1200."),
        (
            "housing.rent",
            "1.200",
            "« 1.200 » peut se lire 1,2 ou 1\u202f200. Écrivez le nombre sans point ni espace, par exemple 1200.",
        ),
        ("month", "13/2025", "Écrivez le mois comme ceci : 04/2025."),
        ("people[0].disability_rate", "150", "Le taux d'incapacité doit être entre 0 et 100 %."),
        ("commune", "99999", "Cette commune n'est pas connue de l'outil (code 99999). Vérifiez la commune."),
    ],
)
def test_field_errors(key, text, expected):
    with pytest.raises(forms.FieldError) as caught:
        forms.parse_field(key, text)
    assert caught.value.message("fr") == expected


def test_cross_field_error_is_located(family):
    f = forms.form_from_household(family)
    f["people"][1]["birth_date"] = "01/01/1980"  # a "child" of 45
    parsed = forms.parse_form(f)
    assert "people[1].birth_date" in parsed.errors
    assert "25 ans" in parsed.messages()["people[1].birth_date"]
    assert len(parsed.households()) == 3  # still screened, with placeholders


def test_half_filled_form_screens_with_unknowns(engine):
    f = forms.empty_form("59350", forms.parse_month("05/2025"))
    f["people"][0]["birth_date"] = "14/03/1991"
    [screening] = screen_forms(engine, [f])
    by_id = {b.id: b for b in screening.benefits}
    # Housing status missing: housing aid depends on it, the AAH does not.
    assert by_id["aide_logement"].status == Status.unknown
    assert by_id["aide_logement"].reasons == ["missing_input:housing.status"]
    assert by_id["aah"].status == Status.not_eligible


def test_export_import_round_trip(tmp_path, family):
    path = files.save(family, tmp_path / "foyer.json")
    assert json.loads(path.read_text()) == family.model_dump(mode="json")
    assert files.load(path).household == family


def test_kiosk_session_import(family):
    from questionnaires import Session, load_flow

    # Unfinished sessions are picked up (tests/advisor/test_files.py); one
    # with no answer at all has nothing to give and is refused.
    session = Session(load_flow("resident"), lang="ar", site_commune="59350")
    with pytest.raises(files.ImportRefused) as caught:
        files.loads(json.dumps(session.to_dict()))
    assert caught.value.code == "session_empty"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"{" * 5000 + b"}" * 5000, "too_deep"),
        (b" " * (files.MAX_BYTES + 1), "too_big"),
        (b"\xff\xfe", "not_json"),
        (b"[1, 2]", "not_object"),
        (b'{"commune": 59350}', "invalid_household"),
        (
            b'{"commune": "59350", "housing": {"status": "tenant_private"}, "people": [], "admin": true}',
            "invalid_household",
        ),
        (b'{"format": 1, "answers": {"x": [1]}, "flow": "../../etc/passwd"}', "session_invalid"),
    ],
)
def test_hostile_imports_are_refused(data, code):
    with pytest.raises(files.ImportRefused) as caught:
        files.loads(data)
    assert caught.value.code == code
    assert caught.value.message()


def test_unknown_field_is_named(family):
    data = family.model_dump(mode="json") | {"salaire_cache": 3}
    with pytest.raises(files.ImportRefused) as caught:
        files.loads(json.dumps(data))
    assert "salaire_cache : champ inconnu" in caught.value.message()


def test_half_filled_totals_leave_out_the_c2s_participation(engine):
    # The commune is missing (so the form is screened with placeholder
    # communes) and the C2S comes with a participation whatever the commune:
    # that amount is what the person pays, never part of the benefits' total.
    f = forms.empty_form("", forms.parse_month("05/2025"))
    f["people"][0]["birth_date"] = "14/03/1991"
    f["people"][0]["income.salary"] = "900"
    f["housing.status"] = "owner"
    assert forms.parse_form(f).missing == ["commune"]
    [screening] = screen_forms(engine, [f])
    css = next(b for b in screening.benefits if b.id == "css_participation_forfaitaire")
    assert css.unclaimed and css.amount > 0
    gains = [
        b for b in screening.benefits if b.unclaimed and b.per == "month" and b.id != "css_participation_forfaitaire"
    ]
    assert screening.unclaimed_monthly_total == pytest.approx(sum(b.amount for b in gains), abs=0.01)


def test_an_age_of_120_is_never_silent():
    from eligibility.periods import Month

    assert forms.age_warning("01/01/1906", Month(2026, 12)) == "120 ans : vérifiez la date de naissance."
    assert forms.age_warning("01/01/1990", Month(2026, 12)) is None
    # Older than the household accepts: refused, with a message.
    with pytest.raises(forms.FieldError):
        forms.parse_field("people[0].birth_date", "01/01/1850")


def test_fields_in_words(family):
    f = forms.form_from_household(family)
    f["people"][1]["name"] = "Léa"
    assert forms.field_words(f, "people[1].birth_date") == "la date de naissance de Léa (personne 2)"
    assert forms.field_words(f, "people[0].income.salary") == "les salaires nets du demandeur (personne 1)"
    # Without a name, the role in the sentence ("de Enfant 1" read badly).
    f["people"][1]["name"] = ""
    assert forms.field_words(f, "people[1].birth_date") == "la date de naissance de l'enfant 1 (personne 2)"
    f["people"][1]["role"] = "partner"
    assert forms.field_words(f, "people[1].birth_date") == "la date de naissance du conjoint (personne 2)"
    assert forms.field_words(f, "housing.status") == "la situation de logement"
    assert (
        forms.field_words(f, "received.af")
        == "le montant déjà reçu de l'aide «\u00a0Allocations familiales (AF)\u00a0»"
    )


def test_commune_by_insee_code_postal_code_or_name():
    # An INSEE code stays one (59350 is Lille); a postal code that is not an INSEE
    # code is read as one (59000: Lille); a former commune's name finds Lille.
    assert forms.parse_field("commune", "59350") == "59350"
    assert forms.parse_field("commune", "59000") == "59350"
    assert forms.parse_field("commune", "Lomme") == "59350"
    assert forms.parse_field("commune", "Roubaix") == "59512"
    with pytest.raises(forms.FieldError) as caught:
        forms.parse_field("commune", "59830")
    message = caught.value.message("fr")
    assert "59830" in message and "Bouvines" in message and "Wannehain" in message
