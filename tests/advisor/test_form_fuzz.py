"""The advisor's form, fuzzed as a worker types: any text in any field of a
real household's form. What the app runs on each key (the field's own
check, the whole form's parse, the people's summary, the words naming each
error) gives a value or a located French error, never an exception: one
there stopped the app (a "[" in a salary did, in Textual's markup)."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.advisor import form as forms
from kiosk.advisor.compare import person_summary
from tests.households import pensioner_owner, single_parent

FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

FORMS = [
    forms.form_from_household(single_parent(1100.0, received={"af": 151.5}, taxable_income={"2024": 13200.0})),
    forms.form_from_household(pensioner_owner()),
]

# What is typed: anything, and what looks like a number, a date or a month.
TYPED = st.one_of(
    st.text(max_size=30),
    st.from_regex(r"-?[0-9 .,]{0,12}(e[0-9]{1,4})?\s*[€%]?", fullmatch=True),
    st.from_regex(r"[0-9]{0,3}/[0-9]{0,3}/[0-9]{0,6}", fullmatch=True),
    st.sampled_from(["1e9999", "nan", "inf", "-0", "٣٤", "１２００", "12,5%", "31/02/2000", "00/2025", "[/]", "\x00"]),
)


# The fields typed into (the others are lists to choose from).
TYPED_HOUSEHOLD = ("month", "commune", "single_parent_months", "housing.rent")
TYPED_PERSON = ("name", "birth_date", "disability_rate", "residence_permit_years", "income.")


def _text_fields(form: dict) -> list[tuple[forms.FieldRef, str]]:
    """Every field of the form typed as text, with the key of its errors."""
    refs = [forms.FieldRef(key) for key in form if key.startswith(TYPED_HOUSEHOLD)]
    refs += [forms.FieldRef(f"received.{benefit}") for benefit in [*form["received"], "rsa"]]
    refs += [forms.FieldRef(f"taxable_income.{year}") for year in form["taxable_income"]]
    for person in form["people"]:
        refs += [forms.FieldRef(key, person["id"]) for key in person if key.startswith(TYPED_PERSON)]
    return [(ref, forms.error_key(form, ref)) for ref in refs]


@FUZZ
@given(st.data())
def test_any_text_in_any_field(data):
    form = forms.copy_form(data.draw(st.sampled_from(FORMS)))
    for _ in range(data.draw(st.integers(1, 3))):
        ref, key = data.draw(st.sampled_from(_text_fields(form)))
        typed = data.draw(TYPED)
        forms.set_value(form, ref, typed)
        try:
            forms.parse_field(key, typed)
        except forms.FieldError as error:
            assert error.message("fr"), key
        if ref.name == "birth_date":
            forms.age_warning(typed)
    parsed = forms.parse_form(form)
    for key, error in parsed.errors.items():
        assert forms.field_words(form, key) and error.message("fr"), key
    for key in parsed.missing:
        assert forms.field_words(form, key), key
    for index in range(len(form["people"])):
        assert person_summary(form, index)
    if parsed.complete:
        parsed.household()  # a valid household, or a ValueError would say what
    else:
        parsed.households()  # the variants screened with unknowns
