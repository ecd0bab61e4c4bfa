"""What the batch's shortcuts must not change: rows rendered from the
cache of rows without an amount are the csv module's, cell by cell, in
any order and however often (a negative zero is written 0.00); the
engine's faster bookkeeping gives what it gave; and the chunk size the
batch chooses by itself."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eligibility import batch_output
from eligibility.batch_output import render_rows
from eligibility.batch_records import RawRecord

BENEFITS = ("rsa", "ppa", "aah", "cheque_energie")
rows = st.tuples(
    st.sampled_from(BENEFITS),
    st.sampled_from(("eligible", "not_eligible", "unknown")),
    st.one_of(st.none(), st.just(0.0), st.just(-0.0), st.floats(min_value=0, max_value=10_000)),
    st.sampled_from(("month", "year")),
    st.booleans(),
    st.booleans(),
)


def written_cell_by_cell(ref, rows) -> str:
    """The rows as the csv module writes them, independently of batch_output."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for benefit, status, amount, per, received, unclaimed in rows:
        amount_text = "" if amount is None else f"{abs(amount) if amount == 0 else amount:.2f}"
        writer.writerow((ref, benefit, status, amount_text, per, str(received).lower(), str(unclaimed).lower()))
    return buffer.getvalue()


@given(st.lists(rows, max_size=30), st.text(alphabet='abc," 0123', max_size=8))
def test_cached_rows_are_written_as_the_csv_module_writes_them(household_rows, ref):
    assert render_rows(ref, household_rows, "csv") == written_cell_by_cell(ref, household_rows)


def test_a_negative_zero_is_written_as_zero_even_after_a_positive_one():
    row = ("rsa", "not_eligible", 0.0, "month", False, False)
    negative = ("rsa", "not_eligible", -0.0, "month", False, False)
    assert render_rows("h", [row, negative], "csv") == "h,rsa,not_eligible,0.00,month,false,false\r\n" * 2
    assert render_rows("h", [negative], "csv") == "h,rsa,not_eligible,0.00,month,false,false\r\n"


def test_only_rows_without_an_amount_are_kept_and_the_cache_is_bounded():
    render_rows(
        "h", [("rsa", "eligible", 607.75, "month", False, True), ("af", "unknown", None, "month", True, False)], "csv"
    )
    assert all(not row[2] for row in batch_output._TAILS)
    assert len(batch_output._TAILS) <= batch_output.MAX_TAILS


def declared_past_as_written_before(household):
    """`Engine._declared_past` before its shortcut for households that receive nothing."""
    from eligibility import catalog

    past: dict = {}
    for benefit in catalog.benefits().values():
        if benefit.per != "month":
            continue
        if not benefit.individual:
            if benefit.id in household.received:
                past[benefit.id] = household.received[benefit.id]
            continue
        people = household.received_by(benefit.id)
        if household.received.get(benefit.id, 0.0) is None and len(people) == 1:
            people = {p.id: None for p in household.adults}
        if people:
            past[benefit.id] = people
    return past


def test_declared_past_and_guesses_are_as_before_on_a_varied_sample():
    from eligibility.batch_sample import households
    from eligibility.engine import Engine, _benefits_guessed, _guessing_requirements, _holds
    from eligibility.household import Household

    sample = [Household.model_validate(data) for data in households(400, seed=7, month="2025-05")]
    sample += [
        Household.model_validate(
            {
                "commune": "59350",
                "housing": {"status": "tenant_private", "rent": 500},
                "received": {"aah": None, "rsa": 300},
                "people": [
                    {"id": "a", "role": "applicant", "birth_date": "1980-01-01", "received": {"ass": None}},
                    {"id": "b", "role": "partner", "birth_date": "1981-01-01", "disability_rate": 0.6},
                ],
            }
        )
    ]
    assert any(declared_past_as_written_before(h) for h in sample)
    guessing = _guessing_requirements()
    for household in sample:
        assert list(Engine._declared_past(household).items()) == list(
            declared_past_as_written_before(household).items()
        )
        expected = {b for b, rs in guessing.items() if rs and any(not _holds(r, household) for _, r in rs)}
        assert _benefits_guessed(household, guessing) == expected


@pytest.mark.parametrize(
    ("households", "workers", "expected"),
    [
        (7_000, 2, 3500),  # one chunk per worker: one simulation's fixed cost each
        (6_000, 2, 3000),
        (5_500, 1, 5500),
        (10_000, 2, 5000),
        (11_000, 2, 5500),
        (11_001, 2, 2751),  # more than one round: balanced chunks of at most 3 000
        (14_000, 2, 2334),
        (30_000, 2, 3000),
        (100_000, 2, 2942),
        (200, 2, 100),
    ],
)
def test_the_automatic_chunk_size_is_one_chunk_per_worker_up_to_5500(households, workers, expected):
    from eligibility.batch_run import automatic_size

    line = 420  # bytes per household line, as estimated from the first 200
    assert automatic_size(households * line, 200 * line, 200, workers) == expected


def test_without_the_size_of_the_input_chunks_are_of_3000():
    from eligibility.batch_run import DEFAULT_CHUNK_SIZE, automatic_size

    assert automatic_size(None, 0, 0, 2) == DEFAULT_CHUNK_SIZE == 3000


def test_a_chunk_size_asked_for_is_still_a_maximum(tmp_path):
    from eligibility.batch_run import chunks_of

    class Lines:
        position = 0

    records = [RawRecord(line, b"{}") for line in range(1, 26)]
    assert [len(chunk.records) for chunk in chunks_of(records, Lines(), 10)] == [10, 10, 5]
    assert [len(chunk.records) for chunk in chunks_of(records, Lines(), None)] == [25]


def test_inputs_from_people_seen_in_an_earlier_pass_are_the_inputs_of_those_people(engine):
    """`build_simulation` with the person rows of a larger simulation (the
    passes of one month) declares what it declares without them."""
    from eligibility.batch_sample import households
    from eligibility.household import Household
    from eligibility.situation import build_simulation

    group = [Household.model_validate(data) for data in households(60, seed=11, month="2025-05")]
    month = group[0].month
    ratios = engine.income_ratios(month)
    chosen = group[5:25]
    person_rows: dict = {}
    build_simulation(engine.system, group, month, ratios, [{} for _ in group], person_rows)
    assert len(person_rows) == sum(len(h.people) for h in group)
    remembered, _ = build_simulation(engine.system, chosen, month, ratios, [{} for _ in chosen], person_rows)
    fresh, _ = build_simulation(engine.system, chosen, month, ratios, [{} for _ in chosen])
    for variable, period in (
        ("date_naissance", "ETERNITY"),
        ("salaire_net", "2025-05"),
        ("pensions_invalidite", "2025-02"),
        ("activite", "2025-05"),
        ("rfr", "2023"),
        ("caseP", "2024"),
    ):
        assert (remembered.calculate(variable, period) == fresh.calculate(variable, period)).all(), variable
