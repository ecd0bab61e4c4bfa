"""The screening result: the public output contract."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, computed_field

from eligibility.periods import Month


class Status(StrEnum):
    eligible = "eligible"
    not_eligible = "not_eligible"
    unknown = "unknown"
    # A local right whose rules cannot be computed from what we ask: its
    # conditions are pre-screened, a person at the desk checks the rest.
    # Never an amount, never in a total (`ToCheckResult`).
    to_check = "to_check"


class HowToClaim(BaseModel):
    """Where and how to claim, from the benefit catalog (see `benefits/*.yaml`)."""

    model_config = ConfigDict(frozen=True)

    first_step: Literal["online", "phone", "desk", "automatic", "form"]
    information_url: str | None = None
    online_service_url: str | None = None
    form_url: str | None = None
    phone: str | None = None
    documents: tuple[str, ...] = ()


class Figure(BaseModel):
    """One figure the rules used, for the advisor's explanations."""

    id: str
    value: float


class BenefitResult(BaseModel):
    id: str
    status: Status
    amount: float | None = None
    # The amount once every recommended right is paid: claiming one benefit
    # changes others later (the prime d'activité applies its housing flat rate
    # from the quarter after housing aid is paid). Equal to `amount` when
    # nothing changes; None when `amount` is. For the C2S, what is paid then.
    recurring_amount: float | None = None
    per: Literal["month", "year"] = "month"
    received: bool = False
    received_amount: float | None = None
    unclaimed: bool = False
    reasons: list[str] = Field(default_factory=list)
    institution: str
    how_to_claim: HowToClaim
    # Complémentaire santé solidaire only: free, or with a monthly participation
    # (then `amount` is what the person pays each month).
    variant: Literal["free", "with_participation"] | None = None
    figures: list[Figure] = Field(default_factory=list)
    # Paid once (the prime à la naissance), not every month or year: shown so
    # and kept out of the monthly and yearly totals (`paid_once` in the catalog).
    paid_once: bool = False


class ToCheckResult(BaseModel):
    """A right to check at the desk (`eligibility/data/to_check/*.yaml`):
    no amount. The texts are the catalog's French sentences (msgids)."""

    id: str
    status: Literal[Status.to_check] = Status.to_check
    # Pre-screened conditions this household meets.
    matched: list[str] = Field(default_factory=list)
    # Conditions we could not check from the answers (a CAF quotient familial),
    # then those only the institution can check (resources, a situation).
    to_verify: list[str] = Field(default_factory=list)


class Sections(NamedTuple):
    """The results as every reader shows them (kiosk, PDF, advisor, text
    report): what to claim, what is already received (those the rules
    computed first, then those they could not settle), what could not be
    determined. Each in the catalog's order (`Screening.benefits`)."""

    unclaimed: list[BenefitResult]
    received: list[BenefitResult]
    unknown: list[BenefitResult]


class Screening(BaseModel):
    month: Month
    benefits: list[BenefitResult]
    # Monthly benefits only; yearly ones (ARS, chèque énergie, school grants)
    # are added apart in `unclaimed_yearly_total`, never mixed into a monthly sum.
    # The C2S participation is a cost, not an income: in neither total.
    unclaimed_monthly_total: float
    # The same total once every recommended right is paid (see `recurring_amount`).
    recurring_unclaimed_monthly_total: float = 0.0
    unclaimed_yearly_total: float = 0.0
    rules_version: str
    estimated_answers: list[str] = Field(default_factory=list)
    # Screening-wide codes (texts in reasons.yaml), e.g. rules_older_than_today.
    warnings: list[str] = Field(default_factory=list)
    # Rights to check at the desk: apart from the amounts, in no total.
    to_check: list[ToCheckResult] = Field(default_factory=list)

    @computed_field  # in the JSON output too
    @property
    def unclaimed_once_total(self) -> float:
        """Benefits paid once (not in the monthly or yearly totals)."""
        return round(sum(b.amount or 0 for b in self.benefits if b.unclaimed and b.paid_once), 2)

    def benefit(self, benefit_id: str) -> BenefitResult:
        return next(b for b in self.benefits if b.id == benefit_id)

    @property
    def unclaimed(self) -> list[BenefitResult]:
        return [b for b in self.benefits if b.unclaimed]

    def sections(self) -> Sections:
        """The one rule for grouping and ordering results (see `Sections`);
        a result is in one section at most (not eligible and not received:
        in none)."""
        unclaimed = [b for b in self.benefits if b.unclaimed]
        received = [b for b in self.benefits if b.received and not b.unclaimed]
        received.sort(key=lambda b: b.status == Status.unknown)  # stable: catalog order kept
        unknown = [b for b in self.benefits if b.status == Status.unknown and not b.received and not b.unclaimed]
        return Sections(unclaimed, received, unknown)

    def ordered(self) -> list[BenefitResult]:
        """Every result in the order of `sections`, the others after."""
        shown = [b for section in self.sections() for b in section]
        ids = {b.id for b in shown}
        return shown + [b for b in self.benefits if b.id not in ids]
