"""The benefit catalog: one YAML file per benefit, plus institutions,
documents and reason codes. Data, read once by this small module."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from eligibility.screening import HowToClaim

_HERE = resources.files("eligibility")


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OpenFiscaSource(_Data):
    variable: str
    entity: Literal["individu", "famille", "menage", "foyer_fiscal"]
    period: Literal["month", "year"]
    # The variable people are actually paid (net of CRDS) when it differs.
    paid_variable: str | None = None
    # No net variable in the rules: apply the rules' CRDS rate.
    crds: bool = False
    # Complémentaire santé solidaire: the boolean saying it is free.
    free_variable: str | None = None
    # The amount is what the person pays (a participation), not what they get:
    # it never counts in the unclaimed totals.
    amount_is_participation: bool = False
    # A monthly OpenFisca variable whose value is a yearly grant (school grants).
    yearly_from_month: bool = False
    # Individual benefits: whose amounts are added up for the household — the
    # applicant's and the partner's (the default), or everyone's, children
    # included (the Pass'Sport is for teenagers).
    members: Literal["adults", "everyone"] = "adults"


class Requirement(_Data):
    check: str
    reason: str
    value: Any = None
    unless: str | None = None
    # A failing check makes the result `unknown` (a missing answer), not `not_eligible`.
    unknown: bool = False
    # With `unknown`: the situation assumes the favourable answer, so the
    # answer only matters when it would change what the rules pay (the
    # household is screened both ways, `conditions.ANSWERS_SCREENED_BOTH_WAYS`;
    # otherwise: when the rules pay something). An amount both answers give stands.
    only_if_due: bool = False


class RuleCondition(_Data):
    """A condition the rules compute themselves (an OpenFisca boolean): when
    it is false, `reason` explains a zero that no household check explains."""

    variable: str
    reason: str


class Benefit(_Data):
    id: str
    name: str
    short: str
    summary: str
    openfisca: OpenFiscaSource
    institution: str
    how_to_claim: dict[str, Any]
    documents: list[str] = Field(default_factory=list)
    requires: list[Requirement] = Field(default_factory=list)
    rule_conditions: list[RuleCondition] = Field(default_factory=list)
    # Benefits this one is subsidiary to (RSA: CASF L262-10): it is computed
    # as if those, when due, were already paid in the past months.
    after_claiming: list[str] = Field(default_factory=list)
    # Benefits whose past payments this one reads: once they are claimed, it
    # settles at another amount (`recurring_amount`). A benefit it comes after
    # is not listed: `after_claiming` already counts it as paid in the first amount.
    reads_past: list[str] = Field(default_factory=list)
    # The reason given when the rules pay nothing and no condition above says
    # why: income for means-tested benefits; a benefit whose rules read more
    # than we ask (a profile, a programme joined) says so plainly instead.
    refusal: str = "income_above_ceiling"
    # OpenFisca variables shown to advisors as "the figures the rules used".
    figures: list[str] = Field(default_factory=list)
    # Paid once (aides-jeunes' "ponctuelle"), whatever the rules' period: the
    # displays say so, and it is in neither the monthly nor the yearly total.
    paid_once: bool = False

    @property
    def individual(self) -> bool:
        """Paid to one person (AAH, ASI, ASS), not to the family."""
        return self.openfisca.entity == "individu"

    @property
    def per(self) -> Literal["month", "year"]:
        return self.openfisca.period

    @property
    def official_name(self) -> str:
        """What to say at the counter: the French name and its acronym."""
        return self.name if self.short == self.name else f"{self.name} ({self.short})"


class Institution(_Data):
    name: str
    short: str
    website: str
    phone: str | None
    phone_verified: bool


class CatalogError(ValueError):
    pass


def _load_yaml(name: str) -> Any:
    return yaml.safe_load((_HERE / name).read_text(encoding="utf-8"))


@cache
def institutions() -> dict[str, Institution]:
    return {k: Institution(**v) for k, v in _load_yaml("institutions.yaml").items()}


@cache
def documents() -> dict[str, str]:
    return dict(_load_yaml("documents.yaml"))


@cache
def reasons() -> dict[str, str]:
    return dict(_load_yaml("reasons.yaml"))


def reason_text(code: str) -> str:
    """French text of a reason code. `missing_input:<field>` has its own text
    when reasons.yaml names that field, otherwise the shared `missing_input` one."""
    found = reasons().get(code)
    return found if found is not None else reasons()[code.split(":", 1)[0]]


@cache
def benefits() -> dict[str, Benefit]:
    # The names of `requires` checks are validated by eligibility.conditions,
    # which knows them: the catalog stays data, below the household model.
    found: dict[str, Benefit] = {}
    folder = _HERE / "benefits"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        try:
            benefit = Benefit(**yaml.safe_load(entry.read_text(encoding="utf-8")))
        except (ValidationError, TypeError) as error:
            raise CatalogError(f"benefits/{entry.name}: {error}") from None
        if entry.name != f"{benefit.id}.yaml":
            raise CatalogError(f"benefits/{entry.name}: id {benefit.id!r} does not match the file name")
        if benefit.institution not in institutions():
            raise CatalogError(f"benefits/{entry.name}: unknown institution {benefit.institution!r}")
        for doc in benefit.documents:
            if doc not in documents():
                raise CatalogError(f"benefits/{entry.name}: unknown document {doc!r}")
        for req in benefit.requires:
            if req.reason.split(":", 1)[0] not in reasons():
                raise CatalogError(f"benefits/{entry.name}: unknown reason {req.reason!r}")
        for condition in benefit.rule_conditions:
            if condition.reason not in reasons():
                raise CatalogError(f"benefits/{entry.name}: unknown reason {condition.reason!r}")
        if benefit.refusal not in reasons():
            raise CatalogError(f"benefits/{entry.name}: unknown reason {benefit.refusal!r}")
        found[benefit.id] = benefit
    return found


def how_to_claim(benefit: Benefit) -> HowToClaim:
    """One frozen instance per benefit, shared by every result."""
    found = _how_to_claim.get(benefit.id)
    if found is None:
        found = _how_to_claim[benefit.id] = _build_how_to_claim(benefit)
    return found


_how_to_claim: dict[str, HowToClaim] = {}


def _build_how_to_claim(benefit: Benefit) -> HowToClaim:
    institution = institutions()[benefit.institution]
    return HowToClaim(
        **benefit.how_to_claim,
        phone=institution.phone,
        documents=tuple(benefit.documents),
    )


# Documents asked only of some households: the others would be sent to look
# for a paper they do not have (a French citizen has no residence permit).
# Keyed by the codes of documents.yaml; a household missing a fact keeps the
# document (better one paper too many than a claim sent back).
def _someone_foreign(household) -> bool:
    return any(p.nationality not in ("fr", "eu") for p in household.people if p.role in ("applicant", "partner"))


DOCUMENT_CONDITIONS = {"residence_permit": _someone_foreign}


def documents_for(codes, household) -> list[str]:
    """The documents of a benefit (`HowToClaim.documents`) that `household` needs."""
    return [code for code in codes if DOCUMENT_CONDITIONS.get(code, lambda _h: True)(household)]
