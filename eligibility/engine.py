"""The engine: owns the OpenFisca tax-benefit system, warms it up once per
process and turns simulations into screenings.

A built tax-benefit system can be neither pickled nor deep-copied safely:
build it once, warm it up (possibly in a background thread), and fork
worker processes after warm-up when more cores are needed.
"""

from __future__ import annotations

import functools
import gc
import importlib.metadata
import logging
import math
import threading
from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import cache

import numpy as np

from eligibility import catalog
from eligibility.catalog import Benefit
from eligibility.conditions import CHECKS
from eligibility.household import Household
from eligibility.parameter_updates import ParameterUpdates, known_until
from eligibility.periods import LAST_MONTH, Month, current_month
from eligibility.screening import BenefitResult, Figure, Screening, Status
from eligibility.situation import IncomeRatios, Layout, build_simulation

log = logging.getLogger(__name__)

# A declared amount is "clearly" below the rules' amount beyond both bounds:
# small gaps come from rounding, dates of revaluation or a late declaration.
UNDERPAID_RATIO = 1.10
UNDERPAID_MARGIN = 10.0
# Gross salary used to read the rules' net/taxable ratios (the ratios are
# constant below the social-security ceiling, where our population is).
CALIBRATION_GROSS_SALARY = 1000.0


@functools.cache
def rules_version() -> str:
    return f"openfisca-france {importlib.metadata.version('openfisca-france')}"


def _round_cents(value: float) -> float:
    return math.floor(value * 100 + 0.5) / 100


class ScreeningStopped(Exception):
    """The caller's `stop` asked to abandon the screening."""


class Engine:
    """Process-wide holder of the rules. Thread-safe: one screening at a time."""

    def __init__(self) -> None:
        self._system = None
        self._lock = threading.RLock()
        self._warm = threading.Event()
        self._ratios: dict[int, IncomeRatios] = {}
        self._stop: Callable[[], bool] | None = None

    # -- life cycle -------------------------------------------------------
    @property
    def system(self):
        with self._lock:
            if self._system is None:
                from openfisca_france import FranceTaxBenefitSystem

                system = ParameterUpdates(FranceTaxBenefitSystem())
                _widen_parameter_cache(system)
                self._system = system
            return self._system

    @property
    def is_warm(self) -> bool:
        return self._warm.is_set()

    def warm_up(self) -> None:
        """Build the rules and fill their parameter caches with one screening.

        Then the objects alive at that point (the rules: about half a million)
        are moved out of the garbage collector's sight with `gc.freeze()`: a
        full collection walked them all, a 275 ms pause in the middle of a
        screening once every few dozen screenings. They live as long as the
        process anyway, and forked batch workers share their pages untouched.
        """
        if self.is_warm:
            return
        from eligibility.examples import warm_up_household

        self.screen(warm_up_household())
        gc.collect()
        gc.freeze()
        self._warm.set()

    def warm_up_in_background(self) -> threading.Thread:
        thread = threading.Thread(target=self.warm_up, name="rules-warm-up", daemon=True)
        thread.start()
        return thread

    def wait_until_warm(self, timeout: float | None = None) -> bool:
        return self._warm.wait(timeout)

    # -- screening --------------------------------------------------------
    def screen(self, household: Household, explain: bool = False) -> Screening:
        return self.screen_many([household], explain=explain)[0]

    def screen_many(
        self, households: Sequence[Household], explain: bool = False, stop: Callable[[], bool] | None = None
    ) -> list[Screening]:
        """Screen many households with one vectorised simulation per month.

        `stop` is asked between two benefits; when it says True the screening
        is abandoned with `ScreeningStopped` (an app whose input changed
        meanwhile starts again rather than finishing a result nobody will see).
        """
        results: list[Screening | None] = [None] * len(households)
        by_month: dict[Month, list[int]] = defaultdict(list)
        for index, household in enumerate(households):
            by_month[household.month].append(index)
        with self._lock:
            # Kept on the engine, not passed down: the lock allows one
            # screening at a time.
            self._stop = stop
            try:
                for month, indexes in by_month.items():
                    group = [households[i] for i in indexes]
                    for i, screening in zip(indexes, self._screen_month(group, month, explain)):
                        results[i] = screening
            finally:
                self._stop = None
        return results  # type: ignore[return-value]

    def _screen_month(self, households: list[Household], month: Month, explain: bool) -> list[Screening]:
        ratios = self.income_ratios(month)
        past = [self._declared_past(h) for h in households]
        unsure = [i for i, amounts in enumerate(past) if None in amounts.values()]
        if unsure:
            # Received at an unknown amount: take the rules' amount for the
            # month screened as what was paid in the past months. Only those
            # households go through this extra simulation.
            unknown = {b for i in unsure for b, a in past[i].items() if a is None}
            estimates = self._simulate(
                [households[i] for i in unsure], month, ratios, [_known(past[i]) for i in unsure], only=unknown
            )
            for position, i in enumerate(unsure):
                past[i] = {b: (_estimate(estimates, b, position) if a is None else a) for b, a in past[i].items()}
        computed = self._simulate(households, month, ratios, past, explain=explain)
        self._after_claiming(households, month, ratios, past, computed, explain)
        return [self._interpret(h, i, computed, month) for i, h in enumerate(households)]

    def _after_claiming(self, households, month, ratios, past, computed, explain) -> None:
        """Recompute the subsidiary benefits (RSA, prime d'activité) as if the
        benefits they come after, when due and unclaimed, were paid: a person
        told to claim both must not be shown both in full. Only the
        households concerned are simulated again; `computed` is updated."""
        dependants = [b for b in catalog.benefits().values() if b.after_claiming]
        firsts = {f for b in dependants for f in b.after_claiming}
        concerned, second_past = [], []
        for index, (household, amounts) in enumerate(zip(households, past)):
            due = {
                first: float(computed[first][index])
                for first in firsts
                if first not in household.received and computed.get(first) is not None and computed[first][index] > 0
            }
            if due:
                concerned.append(index)
                second_past.append({**amounts, **due})
        if not concerned:
            return
        second = self._simulate(
            [households[i] for i in concerned],
            month,
            ratios,
            second_past,
            explain=explain,
            only={b.id for b in dependants},
        )
        for key, values in second.items():
            if values is None:
                computed[key] = None
            elif computed.get(key) is not None:
                updated = np.array(computed[key], dtype=float)
                updated[concerned] = values
                computed[key] = updated

    @staticmethod
    def _declared_past(household: Household) -> dict[str, float | None]:
        return {
            benefit: amount
            for benefit, amount in household.received.items()
            if catalog.benefits()[benefit].per == "month"
        }

    def _simulate(self, households, month: Month, ratios: IncomeRatios, past, explain: bool = False, only=None):
        """Raw amounts per benefit per household; an exception becomes None."""
        simulation, layout = build_simulation(self.system, households, month, ratios, past)
        values: dict[str, list | None] = {}
        for benefit in catalog.benefits().values():
            if only is not None and benefit.id not in only:
                continue
            if self._stop is not None and self._stop():
                raise ScreeningStopped
            try:
                values[benefit.id] = self._amounts(simulation, layout, benefit, month, len(households))
                if benefit.openfisca.free_variable:
                    values[f"{benefit.id}:free"] = self._amounts(
                        simulation, layout, benefit, month, len(households), benefit.openfisca.free_variable
                    )
                if explain:
                    for figure in benefit.figures:
                        values[f"{benefit.id}:{figure}"] = self._amounts(
                            simulation, layout, benefit, month, len(households), figure
                        )
            except Exception:  # one benefit failing never stops the others
                log.exception("computing %s failed", benefit.id)
                values[benefit.id] = None
        return values

    def _amounts(
        self, simulation, layout: Layout, benefit: Benefit, month: Month, count: int, variable: str | None = None
    ):
        source = benefit.openfisca
        if variable is None:
            name, entity = source.paid_variable or source.variable, source.entity
            yearly = source.period == "year" and not source.yearly_from_month
        else:  # a figure: its own entity and period
            definition = self.system.variables[variable]
            name, entity = variable, definition.entity.key
            yearly = definition.definition_period == "year"
        period = str(month.year) if yearly else str(month)
        raw = np.asarray(simulation.calculate(name, period), dtype=float)
        if variable is None and source.crds:
            # get_parameters_at_instant is cached; `parameters(instant)` rebuilds the whole tree.
            crds = self.system.get_parameters_at_instant(f"{month}-01").prelevements_sociaux.contributions_sociales.crds
            raw = raw * (1 - crds)
        members = source.members if variable is None else "adults"
        return _per_household(raw, entity, layout, count, members)

    def income_ratios(self, month: Month) -> IncomeRatios:
        """Net → taxable and net → gross salary ratios read from the rules."""
        if month.year not in self._ratios:
            from openfisca_core.simulation_builder import SimulationBuilder

            period = f"{month.year}-01"
            simulation = SimulationBuilder().build_from_entities(
                self.system,
                {"individus": {"p": {"salaire_de_base": {period: CALIBRATION_GROSS_SALARY}}}},
            )
            net = float(simulation.calculate("salaire_net", period)[0])
            taxable = float(simulation.calculate("salaire_imposable", period)[0])
            deductions = self.system.get_parameters_at_instant(
                f"{period}-01"
            ).impot_revenu.calcul_revenus_imposables.deductions
            self._ratios[month.year] = IncomeRatios(
                salary_taxable=taxable / net,
                salary_gross=CALIBRATION_GROSS_SALARY / net,
                deduction_rate=float(deductions.abatpro.taux),
                pension_deduction_rate=float(deductions.abatpen.taux),
            )
        return self._ratios[month.year]

    # -- interpretation ---------------------------------------------------
    def _interpret(self, household: Household, index: int, computed: dict, month: Month) -> Screening:
        results = [self._result(household, index, benefit, computed, month) for benefit in catalog.benefits().values()]
        monthly, yearly = unclaimed_totals(results)
        warnings = ["rules_older_than_today"] if current_month() > LAST_MONTH else []
        return Screening(
            month=month,
            warnings=warnings,
            benefits=results,
            unclaimed_monthly_total=monthly,
            unclaimed_yearly_total=yearly,
            rules_version=rules_version(),
            estimated_answers=list(household.estimated),
        )

    def _result(
        self, household: Household, index: int, benefit: Benefit, computed: dict, month: Month
    ) -> BenefitResult:
        received = benefit.id in household.received
        base = dict(
            id=benefit.id,
            per=benefit.per,
            received=received,
            received_amount=household.received.get(benefit.id),
            institution=benefit.institution,
            how_to_claim=catalog.how_to_claim(benefit),
        )
        values = computed.get(benefit.id)
        if values is None:
            return _result(status=Status.unknown, reasons=["computation_error"], **base)
        missing = [r for r in benefit.requires if r.unknown and not _holds(r, household)]
        if missing:
            return _result(status=Status.unknown, reasons=[r.reason for r in missing], **base)
        amount = _round_cents(max(float(values[index]), 0.0))
        reasons: list[str] = []
        variant = None
        free = computed.get(f"{benefit.id}:free")
        if free is not None and free[index]:
            variant = "free"
        elif free is not None and amount > 0:
            variant = "with_participation"
        eligible = amount > 0 or variant == "free"
        if not eligible:
            # The first condition not met explains the zero; otherwise the
            # resources are above the ceiling (the rules say no more).
            failing = next((r for r in benefit.requires if not _holds(r, household)), None)
            reasons = [failing.reason if failing else "income_above_ceiling"]
        stale_from = known_until().get(benefit.id)
        if stale_from is not None and month.first_day >= stale_from:
            reasons.append("parameter_may_be_outdated")
        declared = household.received.get(benefit.id)
        if (
            received
            and declared is not None
            and eligible
            and amount > max(declared * UNDERPAID_RATIO, declared + UNDERPAID_MARGIN)
        ):
            reasons.append("may_be_underpaid")
        if eligible and _uses_estimates(household):
            reasons.append("estimated_from_default")
        figures = [
            Figure.model_construct(id=name, value=_round_cents(float(computed[f"{benefit.id}:{name}"][index])))
            for name in benefit.figures
            if computed.get(f"{benefit.id}:{name}") is not None
        ]
        return _result(
            status=Status.eligible if eligible else Status.not_eligible,
            amount=amount,
            unclaimed=eligible and not received,
            reasons=reasons,
            variant=variant,
            figures=figures,
            **base,
        )


# One screening reads the parameters at about 150 instants (five years of
# months); openfisca-core caches 128, so every screening would evict and
# rebuild most of them.
PARAMETER_CACHE_SIZE = 4096


def _widen_parameter_cache(system) -> None:
    for each in (system, system.baseline):
        if each is None:
            continue
        unbound = type(each).get_parameters_at_instant.__wrapped__
        each.get_parameters_at_instant = functools.lru_cache(maxsize=PARAMETER_CACHE_SIZE)(
            functools.partial(unbound, each)
        )


def unclaimed_totals(results: Sequence[BenefitResult]) -> tuple[float, float]:
    """Monthly and yearly money not claimed. The C2S participation is what
    the person pays, so it is in neither total."""
    gains = [r for r in results if r.unclaimed and not catalog.benefits()[r.id].openfisca.amount_is_participation]
    monthly = sum(r.amount or 0 for r in gains if r.per == "month")
    yearly = sum(r.amount or 0 for r in gains if r.per == "year")
    return _round_cents(monthly), _round_cents(yearly)


def _result(**values) -> BenefitResult:
    """Results are built from the catalog and the rules, already checked:
    validating them again would cost a fifth of a batch's time."""
    return BenefitResult.model_construct(**values)


def _uses_estimates(household: Household) -> bool:
    return bool(household.estimated)


def _estimate(estimates: dict, benefit: str, index: int) -> float:
    values = estimates.get(benefit)
    return 0.0 if values is None else float(values[index])


def _known(amounts: dict[str, float | None]) -> dict[str, float]:
    return {b: a for b, a in amounts.items() if a is not None}


def _holds(requirement, household: Household) -> bool:
    check = CHECKS[requirement.check]
    if requirement.unless and CHECKS[requirement.unless](household, None):
        return True
    return check(household, requirement.value)


def _per_household(raw: np.ndarray, entity: str, layout: Layout, count: int, members: str = "adults") -> np.ndarray:
    if entity == "famille" or entity == "foyer_fiscal":
        return raw[layout.family_of_household]
    if entity == "menage":
        return raw[:count]
    # Individual benefits: the applicant's and the partner's (or everyone's), added.
    chosen = layout.adult_in_main_family if members == "adults" else np.ones(layout.person_count, dtype=bool)
    totals = np.zeros(count)
    np.add.at(totals, layout.household_of_person[chosen], raw[chosen])
    return totals


@cache
def default_engine() -> Engine:
    return Engine()


def screen(household: Household) -> Screening:
    """Screen one household with the process-wide engine."""
    return default_engine().screen(household)


def screen_many(households: Sequence[Household]) -> list[Screening]:
    """Screen many households at once, vectorised (same results as `screen`)."""
    return default_engine().screen_many(households)
