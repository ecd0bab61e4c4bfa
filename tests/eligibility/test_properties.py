"""Generated valid households: screening never raises, every amount is
finite and not negative, and the totals add up."""

from __future__ import annotations

import math
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eligibility import Household, catalog

money = st.one_of(st.just(0.0), st.floats(min_value=0, max_value=6000, allow_nan=False, allow_infinity=False))
COMMUNES = ["59350", "59512", "59599", "59009", "62041", "75056"]


@st.composite
def households(draw):
    month = draw(st.sampled_from(["2023-03", "2024-09", "2025-05", "2026-02"]))
    year = int(month[:4])
    status = draw(st.sampled_from(["tenant_private", "tenant_social", "owner", "hosted_free", "homeless"]))
    housing = {"status": status}
    if status.startswith("tenant") and draw(st.booleans()):
        housing["rent"] = draw(st.floats(min_value=0, max_value=2500))

    def adult(pid, role):
        return {
            "id": pid,
            "role": role,
            "birth_date": date(year - draw(st.integers(18, 95)), draw(st.integers(1, 12)), 1).isoformat(),
            "activity": draw(
                st.sampled_from(
                    ["employed", "self_employed", "unemployed", "student", "retired", "unable_to_work", "inactive"]
                )
            ),
            "income": {
                k: draw(money) for k in ("salary", "self_employment", "unemployment", "pension", "alimony", "other")
            },
            "disability_rate": draw(st.one_of(st.none(), st.floats(0, 1))),
            "nationality": draw(st.sampled_from(["fr", "eu", "other"])),
        }

    people = [adult("a", "applicant")]
    if draw(st.booleans()):
        people.append(adult("b", "partner"))
    for k in range(draw(st.integers(0, 4))):
        people.append(
            {
                "id": f"c{k}",
                "role": "child",
                "birth_date": date(year - 1 - draw(st.integers(0, 20)), draw(st.integers(1, 12)), 1).isoformat(),
                "school": draw(st.sampled_from(["none", "primary", "college", "lycee", "higher"])),
                "disability_rate": draw(st.one_of(st.none(), st.floats(0, 1))),
            }
        )
    if draw(st.booleans()):
        people.append(adult("o", "other"))
    received = draw(
        st.dictionaries(st.sampled_from(sorted(catalog.benefits())), st.one_of(st.none(), money), max_size=3)
    )
    return Household.model_validate(
        {
            "month": month,
            "commune": draw(st.sampled_from(COMMUNES)),
            "housing": housing,
            "people": people,
            "received": received,
        }
    )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(households())
def test_screening_never_raises_and_amounts_are_sane(engine, household):
    screening = engine.screen(household)
    assert {b.id for b in screening.benefits} == set(catalog.benefits())
    for result in screening.benefits:
        assert "computation_error" not in result.reasons, result.id
        if result.amount is not None:
            assert math.isfinite(result.amount) and result.amount >= 0
        if result.status == "eligible":
            assert result.amount is not None
        if result.received:
            assert not result.unclaimed
    assert math.isfinite(screening.unclaimed_monthly_total) and screening.unclaimed_monthly_total >= 0
