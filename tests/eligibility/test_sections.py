"""The one rule that groups and orders results for every reader (kiosk
results, PDF, advisor comparison, text report): `Screening.sections`."""

from __future__ import annotations

from eligibility.periods import Month
from eligibility.screening import BenefitResult, HowToClaim, Screening, Status


def result(id: str, status: Status, *, received: bool = False, amount: float | None = None) -> BenefitResult:
    return BenefitResult(
        id=id,
        status=status,
        amount=amount,
        received=received,
        unclaimed=status == Status.eligible and not received,
        institution="caf",
        how_to_claim=HowToClaim(first_step="online"),
    )


def screening(*results: BenefitResult) -> Screening:
    return Screening(month=Month(2025, 5), benefits=list(results), unclaimed_monthly_total=0, rules_version="x")


def test_each_result_in_one_section_in_catalog_order():
    s = screening(
        result("rsa", Status.unknown, received=True),
        result("ppa", Status.eligible, amount=200),
        result("af", Status.eligible, received=True, amount=150),
        result("aah", Status.not_eligible),
        result("aspa", Status.unknown),
        result("css", Status.eligible, amount=0),
        result("ars", Status.not_eligible, received=True),
    )
    unclaimed, received, unknown = s.sections()
    assert [b.id for b in unclaimed] == ["ppa", "css"]
    # Received: those the rules computed first, then those left unknown.
    assert [b.id for b in received] == ["af", "ars", "rsa"]
    # A received benefit the rules cannot settle is said once, with the received.
    assert [b.id for b in unknown] == ["aspa"]
    assert [b.id for b in s.ordered()] == ["ppa", "css", "af", "ars", "rsa", "aspa", "aah"]


def test_nothing_to_show():
    s = screening(result("aah", Status.not_eligible))
    assert s.sections() == ([], [], [])
    assert [b.id for b in s.ordered()] == ["aah"]
