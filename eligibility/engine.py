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

from eligibility import catalog, to_check
from eligibility.catalog import Benefit
from eligibility.conditions import ANSWERS_SCREENED_BOTH_WAYS, CHECKS, with_unfavourable_answers
from eligibility.css_reference_period import CssHousingAidOverReferencePeriod
from eligibility.declared_income import DeclaredTaxableIncome
from eligibility.household import Household
from eligibility.local_rules import LocalRules
from eligibility.openfisca_compat import (
    RecordedCalls,
    deduplicate_vectorial_lookups,
    france_system,
    lazy_parameter_trees,
    memoize_entity_checks,
    memoize_group_lookups,
    memoize_instant_offsets,
    memoize_roles,
    pass_periods_through,
    record_calls,
    release_arrays,
    seed_arrays,
    widen_parameter_cache,
)
from eligibility.parameter_updates import ParameterUpdates, known_until
from eligibility.periods import LAST_MONTH, Month, current_month
from eligibility.screening import BenefitResult, Figure, Screening, Status
from eligibility.situation import PAST_BENEFITS, IncomeRatios, Layout, build_simulation, past_months, rows_of
from eligibility.upstream_fixes import UpstreamFixes

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
        self._rows_only = False
        # Each person's inputs, kept across the simulations of one month's
        # screening (`build_simulation`'s person_rows; None between screenings).
        self._person_rows: dict | None = None

    # -- life cycle -------------------------------------------------------
    @property
    def system(self):
        with self._lock:
            if self._system is None:
                lazy_parameter_trees()

                system = LocalRules(
                    CssHousingAidOverReferencePeriod(
                        DeclaredTaxableIncome(UpstreamFixes(ParameterUpdates(france_system())))
                    )
                )
                widen_parameter_cache(system, PARAMETER_CACHE_SIZE)
                memoize_instant_offsets()
                memoize_roles()
                memoize_group_lookups()
                memoize_entity_checks()
                pass_periods_through()
                deduplicate_vectorial_lookups()
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
        self,
        households: Sequence[Household],
        explain: bool = False,
        stop: Callable[[], bool] | None = None,
        settle: bool = True,
    ) -> list[Screening]:
        """Screen many households with one vectorised simulation per month.

        `stop` is asked between two benefits; when it says True the screening
        is abandoned with `ScreeningStopped` (an app whose input changed
        meanwhile starts again rather than finishing a result nobody will see).
        `settle=False` skips the amounts after claiming (one simulation less;
        `recurring_amount` is then left equal to `amount`), for callers that
        do not show them (the caseload CSV).
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
                    # The passes of one month see the same people again.
                    self._person_rows = {}
                    for i, screening in zip(indexes, self._screen_month(group, month, explain, settle)):
                        results[i] = screening
            finally:
                self._stop = None
                self._person_rows = None
        return results  # type: ignore[return-value]

    def screen_rows(self, households: Sequence[Household]) -> list[list[tuple]]:
        """What a caseload run writes, without building `Screening` objects
        (building them was a third of a batch's time): per household, one
        `(id, status, amount, per, received, unclaimed)` per benefit, the
        same as `screen_many` gives (tested on a varied sample)."""
        with self._lock:
            self._rows_only = True
            try:
                return self.screen_many(households)  # type: ignore[return-value]
            finally:
                self._rows_only = False

    def _screen_month(
        self, households: list[Household], month: Month, explain: bool, settle: bool = True
    ) -> list[Screening]:
        ratios = self.income_ratios(month)
        past = [self._declared_past(h) for h in households]
        unsure = [i for i, amounts in enumerate(past) if any(_unknown(a) for a in amounts.values())]
        # Every household whose unasked answers might matter is screened a
        # second time with those answers unfavourable (`_without_guesses`).
        # Its twin goes into the same simulation: households never interact
        # in a simulation, and one simulation instead of two (and their
        # passes after claiming) halves OpenFisca's fixed cost per call.
        guessing = _guessing_requirements()
        guessed = [_benefits_guessed(h, guessing) for h in households]
        candidates = [i for i, benefits in enumerate(guessed) if benefits]
        twins = [with_unfavourable_answers(households[i]) for i in candidates]
        everyone = [*households, *twins]
        # Where each row of `everyone` takes its past from: its household's.
        origin = [*range(len(households)), *candidates]
        # Received at an unknown amount: the rules' amount for the month
        # screened is taken as what was paid in the past months. The joint
        # simulation gives it, run with the amounts known only; then those
        # households (and their twins) are simulated again with the
        # estimates, seeded (`_simulate_again`): a simulation of its own for
        # the estimates cost its fixed cost again. Those whose estimates are
        # all 0 (the rules pay nothing) are given the same inputs: their rows
        # of the joint simulation are already what it would give.
        known = {i: _known(past[i]) for i in unsure}
        everyone_past = [known.get(i, past[i]) for i in origin]
        joint, kept = self._run(everyone, month, ratios, everyone_past, explain=explain, keep=True)
        if unsure:
            for i in unsure:
                past[i] = {b: _estimated(a, joint, b, i) for b, a in past[i].items()}
            everyone_past = [past[i] for i in origin]
            changed = {i for i in unsure if not _declared_alike(past[i], known[i])}
            again = [row for row, i in enumerate(origin) if i in changed]
            if again:
                self._simulate_again(everyone, month, ratios, everyone_past, joint, explain, kept, again)
        self._after_claiming(everyone, month, ratios, everyone_past, joint, explain, kept)
        count = len(households)
        computed = _rows_of(joint, range(count))
        second = _rows_of(joint, range(count, len(everyone)))
        settled = self._without_guesses(households, candidates, twins, computed, second, guessed)
        if self._rows_only:  # the batch: rows without recurring amounts
            release_arrays(kept.simulation)  # nothing more is read from it
            return self._rows(households, computed)
        screenings = [self._interpret(h, i, computed, month) for i, h in enumerate(households)]
        if settle:
            # Where each household settled sits in the joint simulation (a twin after the households).
            twin_rows = {id(twin): count + position for position, twin in enumerate(twins)}
            rows = [twin_rows.get(id(h), index) for index, h in enumerate(settled)]
            self._settle(settled, month, ratios, past, computed, screenings, kept, rows)
        release_arrays(kept.simulation)
        return screenings

    def _without_guesses(self, households, candidates, twins, computed, twins_computed, guessed) -> list[Household]:
        """The households where a benefit is due only if an unasked answer is
        favourable (`conditions.ANSWERS_SCREENED_BOTH_WAYS`), against their
        `twins` screened with those answers unfavourable (`twins_computed`: one row
        per twin; `candidates`: the index of each twin's household). A benefit
        that needs one of those answers keeps its amount when both screenings
        agree and is marked uncertain otherwise (`:uncertain` in `computed`);
        every other benefit takes the second screening's amount, so that a
        benefit due only on a guess counts in no one else's resources (an ASS
        not yet known does not reduce the partner's ASI, CSS L815-24) and a
        partner's certain AAH is still paid before the RSA (CASF L262-10).
        `guessed`: per household, its benefits due only on a guess (`_benefits_guessed`).
        Returns the households as they are screened in the end (for `_settle`)."""
        benefits = list(catalog.benefits().values())
        concerned, needs, positions = [], [], []
        for position, index in enumerate(candidates):
            need = guessed[index]
            if any(computed.get(b) is not None and computed[b][index] > 0 for b in need):
                concerned.append(index)
                needs.append(need)
                positions.append(position)
        if not concerned:
            return list(households)
        twins = [twins[p] for p in positions]
        again = _rows_of(twins_computed, positions)
        uncertain: list[set[str]] = [set() for _ in households]
        for benefit in benefits:
            first, second = computed.get(benefit.id), again.get(benefit.id)
            rows = []  # (index in the screening, position in the second one)
            for position, index in enumerate(concerned):
                if benefit.id not in needs[position]:
                    rows.append((index, position))
                elif first is not None and second is not None:
                    if abs(float(first[index]) - float(second[position])) > AMOUNTS_AGREE:
                        uncertain[index].add(benefit.id)
            if rows:
                for key in _keys_of(benefit.id, computed, again):
                    # A key only one screening has (the amount before claiming,
                    # when nothing was claimed there) is the benefit's amount there.
                    computed[key] = _with_rows(computed.get(key, first), again.get(key, second), rows)
        computed[UNCERTAIN] = uncertain
        screened = list(households)
        for position, index in enumerate(concerned):
            screened[index] = twins[position]
        return screened

    def _settle(self, households, month, ratios, past, computed, screenings, kept=None, rows=None) -> None:
        """The amounts once every recommended right is paid (`recurring_amount`).

        The first amounts take the past as it was: a benefit never claimed was
        not paid. Once claimed, it is paid in the past months too, and other
        rules read it there: the prime d'activité applies its housing flat rate
        from the quarter after housing aid is paid (CSS R844-3), the C2S counts
        housing aid received during its reference year (CSS L861-2). One more
        simulation of the benefits that read a recommended right in the past
        (`reads_past` in the catalog) and are due now, for the households
        concerned."""
        readers = {b.id: set(b.reads_past) for b in catalog.benefits().values() if b.reads_past}
        concerned, settled_past, again, changes = [], [], set(), []
        for index, screening in enumerate(screenings):
            claimed = {
                r.id: self._claimed_amount(r.id, index, past[index], computed)
                for r in screening.benefits
                if r.unclaimed and r.per == "month" and r.id in PAST_BENEFITS
            }
            # Payments received only add resources: a benefit refused now stays refused.
            eligible = {r.id for r in screening.benefits if r.status == Status.eligible}
            changed = {reader for reader, reads in readers.items() if reader in eligible and reads & claimed.keys()}
            if changed:
                concerned.append(index)
                settled_past.append({**past[index], **claimed})
                changes.append(changed)
                again |= changed
        if not concerned:
            return
        seed = kept.seeding([rows[i] for i in concerned]) if kept is not None else None
        settled = self._simulate([households[i] for i in concerned], month, ratios, settled_past, only=again, seed=seed)
        for position, index in enumerate(concerned):
            screening = screenings[index]
            for result in screening.benefits:
                if result.id not in changes[position]:
                    continue  # the same screening alone or among others
                values = settled.get(result.id)
                if result.amount is None or result.status != Status.eligible or values is None:
                    continue
                recurring = _round_cents(max(float(values[position]), 0.0))
                free = settled.get(f"{result.id}:free")
                if result.variant == "free" and free is not None and free[position]:
                    recurring = result.amount  # still free
                result.recurring_amount = recurring
            screening.recurring_unclaimed_monthly_total = unclaimed_totals(screening.benefits, recurring=True)[0]

    @staticmethod
    def _claimed_amount(benefit: str, index: int, past: dict, computed: dict):
        """What a claimed benefit pays: one amount for a family benefit,
        `{person id: amount}` for an individual one (on the person it is due to)."""
        if not catalog.benefits()[benefit].individual or computed.get(f"{benefit}{PEOPLE}") is None:
            return float(computed[benefit][index])
        return _due_per_person(computed, benefit, index, past.get(benefit) or {})

    def _simulate_again(self, households, month, ratios, past, computed, explain, kept, rows) -> None:
        """Simulate the households at `rows` again with `past`, every benefit,
        seeded with what `kept` computed that does not depend on past
        benefits; `computed` is updated at those rows."""
        again = self._simulate(
            [households[i] for i in rows],
            month,
            ratios,
            [past[i] for i in rows],
            explain=explain,
            seed=kept.seeding(rows),
        )
        pairs = [(index, position) for position, index in enumerate(rows)]
        for key, values in again.items():
            computed[key] = None if values is None else _with_rows(computed.get(key), values, pairs)

    def _after_claiming(self, households, month, ratios, past, computed, explain, kept=None) -> None:
        """Recompute the benefits that come after others as if those, when due
        and unclaimed, were paid: a person told to claim both must not be
        shown both in full. The RSA and prime d'activité come after the AAH,
        ASPA, ASI and ASS (CASF L262-10), the AAH after the ASI (CSS L821-1):
        level by level, so the RSA sees the AAH as reduced by the ASI. A due
        individual benefit is declared on the person it is due to. Only the
        households concerned are simulated again; `computed` is updated."""
        for dependants in _after_claiming_levels():
            firsts = {f for b in dependants for f in b.after_claiming if computed.get(f) is not None}
            concerned, second_past = [], []
            benefits = catalog.benefits()
            for index, amounts in enumerate(past):
                due = {}
                for first in firsts:
                    if benefits[first].individual:
                        if not computed[f"{first}{PEOPLE}"].anyone_due(index):
                            continue  # nobody is due it, so nobody not yet paid
                        declared = amounts.get(first) or {}
                        people = _due_per_person(computed, first, index, declared)
                        if not people.keys() - declared.keys():  # nobody not yet paid is due it
                            continue
                        paid = people
                    elif first not in amounts and computed[first][index] > 0:
                        paid = float(computed[first][index])
                    else:
                        continue
                    # Due only on an answer not given yet (assumed favourable): not
                    # claimed on that guess (asked last: most households are due nothing).
                    if _missing_answers(benefits[first], households[index]):
                        continue
                    due[first] = paid
                if due:
                    concerned.append(index)
                    second_past.append({**amounts, **due})
            if not concerned:
                continue
            for benefit in dependants:
                # Kept to tell "another benefit comes first" from "income too high".
                if computed.get(benefit.id) is not None:
                    computed[f"{benefit.id}:before_claiming"] = computed[benefit.id]
            second = self._simulate(
                [households[i] for i in concerned],
                month,
                ratios,
                second_past,
                explain=explain,
                only={b.id for b in dependants},
                seed=kept.seeding(concerned) if kept is not None else None,
            )
            pairs = [(index, position) for position, index in enumerate(concerned)]
            for key, values in second.items():
                if values is None:
                    computed[key] = None
                elif computed.get(key) is not None:
                    computed[key] = _with_rows(computed[key], values, pairs)

    @staticmethod
    def _declared_past(household: Household) -> dict[str, float | None | dict[str, float | None]]:
        """Monthly benefits received: an amount (or None) for a family
        benefit, `{person id: amount or None}` for an individual one."""
        received = household.received
        anyone = any(p.received for p in household.people)
        if not received and not anyone:  # most households: nothing received
            return {}
        past: dict = {}
        for benefit, individual in _monthly_benefits():
            if not individual:
                if benefit in received:
                    past[benefit] = received[benefit]
                continue
            if not anyone and benefit not in received:
                continue
            people = household.received_by(benefit)
            if received.get(benefit, 0.0) is None and len(people) == 1:
                # "We get it", amount and person unknown: the adults it is
                # due to, as the rules say (an estimate each, 0 when not due).
                people = {p.id: None for p in household.adults}
            if people:
                past[benefit] = people
        return past

    def _simulate(
        self, households, month: Month, ratios: IncomeRatios, past, explain: bool = False, only=None, seed=None
    ):
        """Raw amounts per benefit per household; an exception becomes None.
        `seed`: a `KeptSimulation.seeding`, what need not be computed again."""
        return self._run(households, month, ratios, past, explain, only, seed)[0]

    def _run(self, households, month, ratios, past, explain=False, only=None, seed=None, keep=False):
        """`_simulate`, and with `keep` the simulation kept to seed the passes
        after claiming (`KeptSimulation`; otherwise None)."""
        simulation, layout = build_simulation(self.system, households, month, ratios, past, self._person_rows)
        if seed is not None:
            seed(simulation)
        kept = KeptSimulation(simulation, layout, record_calls(simulation), month) if keep else None
        values: dict[str, list | None] = {}
        for benefit in catalog.benefits().values():
            if only is not None and benefit.id not in only:
                continue
            if self._stop is not None and self._stop():
                raise ScreeningStopped
            try:
                values[benefit.id] = self._amounts(simulation, layout, benefit, month, len(households))
                if benefit.individual:
                    values[f"{benefit.id}{PEOPLE}"] = self._person_amounts(
                        simulation, households, layout, benefit, month
                    )
                if benefit.openfisca.free_variable:
                    values[f"{benefit.id}:free"] = self._amounts(
                        simulation, layout, benefit, month, len(households), benefit.openfisca.free_variable
                    )
                for condition in benefit.rule_conditions:
                    values[f"{benefit.id}:rule:{condition.variable}"] = self._amounts(
                        simulation, layout, benefit, month, len(households), condition.variable
                    )
                if explain:
                    for figure in benefit.figures:
                        values[f"{benefit.id}:{figure}"] = self._amounts(
                            simulation, layout, benefit, month, len(households), figure
                        )
            except Exception:  # one benefit failing never stops the others
                log.exception("computing %s failed", benefit.id)
                values[benefit.id] = None
        if only is None and not self._rows_only:  # a caseload's rows hold no rights to check
            values.update(self._to_check_rules(simulation, layout, month, len(households)))
        if kept is None:
            release_arrays(simulation)  # read: its memory is free for the next pass
        return values, kept

    def _to_check_rules(self, simulation, layout: Layout, month: Month, count: int) -> dict:
        """The booleans the rights to check read from the rules (`check: rules`
        in eligibility/data/to_check), per household; None when they fail."""
        values: dict[str, np.ndarray | None] = {}
        for variable in to_check.rule_variables():
            try:
                entity = self.system.variables[variable].entity.key
                raw = np.asarray(simulation.calculate(variable, str(month)), dtype=float)
                values[f"{to_check.RULES}{variable}"] = _per_household(raw, entity, layout, count)
            except Exception:  # a right to check failing never stops the screening
                log.exception("computing %s failed", variable)
                values[f"{to_check.RULES}{variable}"] = None
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

    def _person_amounts(self, simulation, households, layout: Layout, benefit: Benefit, month: Month) -> PersonAmounts:
        """An individual benefit per household and person: `{person id: amount}`."""
        raw = np.asarray(
            simulation.calculate(benefit.openfisca.paid_variable or benefit.openfisca.variable, str(month))
        )
        return PersonAmounts.of(raw, households, layout)

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
    @staticmethod
    def _rows(households: Sequence[Household], computed: dict) -> list[list[tuple]]:
        """For `screen_rows`, per household and benefit `(id, status, amount,
        per, received, unclaimed)`: the same decision as `_result`
        (`_decision`), without the reasons and the models a caseload file
        does not hold. Benefit by benefit over the whole chunk: the amounts
        are rounded as arrays, and only the answers a benefit may need are
        checked, household by household."""
        receiving = [h.received_benefits() for h in households]
        uncertain = computed.get(UNCERTAIN)
        columns = []
        for benefit in catalog.benefits().values():
            values = computed.get(benefit.id)
            id_, per = benefit.id, benefit.per
            unknown = {False: (id_, "unknown", None, per, False, False), True: (id_, "unknown", None, per, True, False)}
            received = np.array([id_ in r for r in receiving], dtype=bool)
            if values is None:
                columns.append([unknown[r] for r in received.tolist()])
                continue
            unknown_answers = [r for r in benefit.requires if r.unknown]
            amounts = _cents(values)
            free = computed.get(f"{benefit.id}:free")
            free = None if free is None else np.asarray(free, dtype=bool)
            # The commonest row, nothing due and nothing received: one tuple
            # for all, given at once to every household where no answer can
            # change that (an answer asked only when something is due, or
            # screened both ways and agreed); the others are decided one by one.
            nothing = (id_, "not_eligible", 0.0, per, False, False)
            column = [nothing] * len(households)
            settled = (np.asarray(amounts) == 0.0) & ~received
            if free is not None:
                settled &= ~free
            if any(not r.only_if_due for r in unknown_answers):
                settled[:] = False
            elif uncertain is not None and any(r.check in ANSWERS_SCREENED_BOTH_WAYS for r in unknown_answers):
                settled &= np.array([id_ not in u for u in uncertain], dtype=bool)
            for index in np.flatnonzero(~settled).tolist():
                household = households[index]
                amount = amounts[index]
                is_received = bool(received[index])
                # Whether the answer may change the amount is asked first: it
                # is cheaper than the check, and mostly no (nothing due).
                missing = False
                for r in unknown_answers:
                    if (not r.only_if_due or _may_change(r, benefit, amount, index, computed)) and not _holds(
                        r, household
                    ):
                        missing = True
                        break
                if missing:
                    column[index] = unknown[is_received]
                    continue
                eligible = amount > 0 or (free is not None and bool(free[index]))
                if not eligible and not is_received and amount == 0.0:
                    continue  # nothing
                status = "eligible" if eligible else "not_eligible"
                column[index] = (id_, status, amount, per, is_received, eligible and not is_received)
            columns.append(column)
        return [list(row) for row in zip(*columns, strict=True)]

    def _interpret(self, household: Household, index: int, computed: dict, month: Month) -> Screening:
        results = [self._result(household, index, benefit, computed, month) for benefit in catalog.benefits().values()]
        monthly, yearly = unclaimed_totals(results)
        warnings = ["rules_older_than_today"] if current_month() > LAST_MONTH else []
        return Screening(
            month=month,
            warnings=warnings,
            benefits=results,
            unclaimed_monthly_total=monthly,
            recurring_unclaimed_monthly_total=monthly,
            unclaimed_yearly_total=yearly,
            rules_version=rules_version(),
            estimated_answers=list(household.estimated),
            to_check=to_check.pre_screen(household, to_check.rule_values(computed, index)),
        )

    def _result(
        self, household: Household, index: int, benefit: Benefit, computed: dict, month: Month
    ) -> BenefitResult:
        received = household.receives(benefit.id)
        declared = household.received_amount(benefit.id) if received else None
        base = dict(
            id=benefit.id,
            per=benefit.per,
            received=received,
            received_amount=declared,
            paid_once=benefit.paid_once,
            institution=benefit.institution,
            how_to_claim=catalog.how_to_claim(benefit),
        )
        status, amount, variant, missing = _decision(household, index, benefit, computed)
        if status == Status.unknown:
            reasons = [r.reason for r in missing] if missing else ["computation_error"]
            return _result(status=Status.unknown, reasons=reasons, recurring_amount=None, **base)
        eligible = status == Status.eligible
        reasons: list[str] = []
        if not eligible:
            # The first condition not met explains the zero; otherwise the
            # resources are above the ceiling (the rules say no more).
            failing = next((r for r in benefit.requires if not r.unknown and not _holds(r, household)), None)
            before = computed.get(f"{benefit.id}:before_claiming")
            broken = next(
                (
                    c
                    for c in benefit.rule_conditions
                    if computed.get(f"{benefit.id}:rule:{c.variable}") is not None
                    and not computed[f"{benefit.id}:rule:{c.variable}"][index]
                ),
                None,
            )
            if failing:
                reasons = [failing.reason]
            elif broken:
                reasons = [broken.reason]
            elif before is not None and before[index] > 0:
                # Due on its own, nothing once the benefits it comes after are paid (CASF L262-10).
                reasons = ["other_benefit_comes_first"]
            else:
                reasons = [benefit.refusal]
        stale_from = known_until().get(benefit.id)
        if stale_from is not None and month.first_day >= stale_from:
            reasons.append("parameter_may_be_outdated")
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
            recurring_amount=amount,
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


def unclaimed_totals(results: Sequence[BenefitResult], recurring: bool = False) -> tuple[float, float]:
    """Monthly and yearly money not claimed (the first amounts, or with
    `recurring` the amounts once every recommended right is paid). The C2S
    participation is what the person pays, so it is in neither total."""
    # Benefits paid once are in neither total (`Screening.unclaimed_once_total`).
    gains = [
        r
        for r in results
        if r.unclaimed and not r.paid_once and not catalog.benefits()[r.id].openfisca.amount_is_participation
    ]

    def amount(r: BenefitResult) -> float:
        value = r.recurring_amount if recurring and r.recurring_amount is not None else r.amount
        return value or 0

    monthly = sum(amount(r) for r in gains if r.per == "month")
    yearly = sum(amount(r) for r in gains if r.per == "year")
    return _round_cents(monthly), _round_cents(yearly)


def _result(**values) -> BenefitResult:
    """Results are built from the catalog and the rules, already checked:
    validating them again would cost a fifth of a batch's time."""
    return BenefitResult.model_construct(**values)


@cache
def _guessing_requirements() -> dict[str, list]:
    """Per benefit screened both ways on an unasked answer, those answers,
    each with the key of its check (`_benefits_guessed`)."""
    found = {}
    for b in catalog.benefits().values():
        requirements = [r for r in b.requires if r.unknown and r.only_if_due and r.check in ANSWERS_SCREENED_BOTH_WAYS]
        if requirements:
            found[b.id] = [((r.check, r.unless, repr(r.value)), r) for r in requirements]
    return found


@cache
def _monthly_benefits() -> tuple[tuple[str, bool], ...]:
    """(id, individual) of each monthly benefit, in the catalog's order."""
    return tuple((b.id, b.individual) for b in catalog.benefits().values() if b.per == "month")


def _benefits_guessed(household: Household, guessing: dict[str, list]) -> set[str]:
    """The benefits due, for this household, only on a favourable guess of an unasked answer."""
    # The RSA and the prime d'activité ask the same answer: checked once.
    holds: dict[tuple, bool] = {}
    guessed = set()
    for benefit, requirements in guessing.items():
        for key, r in requirements:
            if key not in holds:
                holds[key] = _holds(r, household)
            if not holds[key]:
                guessed.add(benefit)
                break
    return guessed


def _rows_of(computed: dict, rows) -> dict:
    """`computed` restricted to some households (arrays, or lists per person)."""
    rows = list(rows)
    index = np.array(rows, dtype=np.intp)  # once, not once per key
    taken = {}
    for key, values in computed.items():
        if values is None:
            taken[key] = None
        elif isinstance(values, PersonAmounts):
            taken[key] = values.taken(rows)
        elif isinstance(values, list):
            taken[key] = [values[i] for i in rows]
        else:
            taken[key] = np.asarray(values)[index]
    return taken


def _cents(values) -> list[float]:
    """`_round_cents(max(value, 0))` of each value, as an array (the same
    floats: the floor of a float is exact, and dividing it by 100 is
    rounded the same way as Python's integer division); a value that is
    not finite goes through `_round_cents`, which refuses it as before."""
    scaled = np.maximum(np.asarray(values, dtype=float), 0.0) * 100 + 0.5
    if not np.isfinite(scaled).all():
        return [_round_cents(max(float(v), 0.0)) for v in values]
    return (np.floor(scaled) / 100).tolist()


def _decision(household: Household, index: int, benefit: Benefit, computed: dict):
    """`(status, amount, variant, missing answers)` of one benefit for the
    household at `index`: unknown when the rules failed (no missing answer)
    or an answer not given can change the amount (amount None), otherwise
    eligible when the rules pay something or the C2S is free."""
    values = computed.get(benefit.id)
    if values is None:
        return Status.unknown, None, None, []
    amount = _round_cents(max(float(values[index]), 0.0))
    missing = [
        r
        for r in _missing_answers(benefit, household)
        if not r.only_if_due or _may_change(r, benefit, amount, index, computed)
    ]
    if missing:
        return Status.unknown, None, None, missing
    variant = None
    free = computed.get(f"{benefit.id}:free")
    if free is not None and free[index]:
        variant = "free"
    elif free is not None and amount > 0:
        variant = "with_participation"
    eligible = amount > 0 or variant == "free"
    return (Status.eligible if eligible else Status.not_eligible), amount, variant, missing


def _uses_estimates(household: Household) -> bool:
    return bool(household.estimated)


# Key suffix of an individual benefit's amounts per person in `computed`.
PEOPLE = ":people"


class KeptSimulation:
    """A simulation kept to seed the passes after claiming: those simulate
    some of its households again with other past benefits (`PAST_BENEFITS`),
    and everything that does not depend on those is the same. Its formulas'
    calls (`record_calls`) say what depends on them: what asks, directly or
    not, for a past benefit in the months declared. The rest that those
    formulas, or the engine, ask for is given to the new simulation already
    computed (`seed_arrays`), so only what changes runs again."""

    def __init__(self, simulation, layout: Layout, calls: RecordedCalls, month: Month) -> None:
        self.simulation = simulation
        self.layout = layout
        self.calls = calls
        self.month = month
        self._unchanged_calculations: set | None = None

    def seeding(self, households: list[int]) -> Callable:
        """What seeds a simulation of the households at `households` (indexes here), in that order."""
        rows = rows_of(self.layout, households)
        return lambda target: seed_arrays(self.simulation, target, self._unchanged(), rows)

    def _unchanged(self) -> set:
        """The calculations that do not depend on past benefits and that one
        that does (or the engine) asks for: what a new simulation is given."""
        if self._unchanged_calculations is None:
            self._unchanged_calculations = self._find_unchanged()
        return self._unchanged_calculations

    def _find_unchanged(self) -> set:
        asked_by: dict = defaultdict(set)
        calls = self.calls.by_caller()
        for caller, called in calls.items():
            for calculation in called:
                asked_by[calculation].add(caller)
        changed = {(benefit, period) for benefit in PAST_BENEFITS for period in past_months(self.month)}
        waiting = [c for c in changed if c in asked_by]
        changed = set(waiting)
        while waiting:
            for caller in asked_by[waiting.pop()]:
                if caller is not None and caller not in changed:
                    changed.add(caller)
                    waiting.append(caller)
        unchanged = {c for c in calls.get(None, ()) if c not in changed}
        for calculation in changed:
            unchanged.update(c for c in calls.get(calculation, ()) if c not in changed)
        return unchanged


class PersonAmounts(Sequence):
    """An individual benefit per household and person, `{person id: amount}`
    (the value under `PEOPLE` in `computed`). The dicts are built only for the
    households read: building one per household and benefit was a twentieth
    of a batch, and most are never read (nothing is due to anyone there).
    Households given another screening's amounts (`replaced`) read them there
    when asked, for the same reason."""

    def __init__(self, values: list[float], households, starts: list[int], due: np.ndarray, replaced: dict) -> None:
        self._values = values  # per person, all the simulation's people in order
        self._households = households
        self._starts = starts  # per household, the index of its first person in `_values`
        self._due = due  # per household, whether the rules pay it to anyone there
        # {household index: (another screening's amounts, its position there)} put in afterwards
        self._replaced = replaced

    @classmethod
    def of(cls, raw: np.ndarray, households, layout: Layout) -> PersonAmounts:
        count = len(households)
        people = np.bincount(layout.household_of_person, minlength=count)
        starts = np.concatenate(([0], np.cumsum(people)[:-1])).tolist()
        due = np.bincount(layout.household_of_person, weights=raw > 0, minlength=count) > 0
        return cls(raw.tolist(), list(households), starts, due, {})

    def __len__(self) -> int:
        return len(self._households)

    def __getitem__(self, index: int) -> dict[str, float]:
        if index in self._replaced:
            source, position = self._replaced[index]
            return source[position]
        people, start = self._households[index].people, self._starts[index]
        return dict(zip([p.id for p in people], self._values[start : start + len(people)]))

    def __iter__(self):
        return (self[index] for index in range(len(self)))

    def anyone_due(self, index: int) -> bool:
        """Whether any person of the household at `index` is paid more than 0."""
        if index in self._replaced:
            source, position = self._replaced[index]
            if isinstance(source, PersonAmounts):
                return source.anyone_due(position)
            return any(amount > 0 for amount in source[position].values())
        return bool(self._due[index])

    def taken(self, rows: list[int]) -> PersonAmounts:
        """The households at `rows`, in that order."""
        replaced = {position: self._replaced[index] for position, index in enumerate(rows) if index in self._replaced}
        starts = [self._starts[i] for i in rows]
        return PersonAmounts(self._values, [self._households[i] for i in rows], starts, self._due[rows], replaced)

    def replaced(self, source: Sequence[dict[str, float]], rows: list[tuple[int, int]]) -> PersonAmounts:
        """A copy where, for each `(index, position)` of `rows`, the household
        at `index` has the amounts of `source[position]`."""
        replaced = {**self._replaced, **{index: (source, position) for index, position in rows}}
        return PersonAmounts(self._values, self._households, self._starts, self._due, replaced)


def _due_per_person(computed: dict, benefit: str, index: int, declared: dict) -> dict:
    """An individual benefit once claimed, `{person id: amount}`: the people
    the rules find it due to, with what is declared as received kept as it is."""
    due = {person: amount for person, amount in computed[f"{benefit}{PEOPLE}"][index].items() if amount > 0}
    return {**due, **declared}


def _after_claiming_levels() -> list[list[Benefit]]:
    """Benefits that come after others, by level: a benefit comes after
    everything its `after_claiming` lists (the AAH after the ASI, then the
    RSA after the AAH)."""
    benefits = catalog.benefits()
    depth: dict[str, int] = {}

    def level(benefit: Benefit) -> int:
        if benefit.id not in depth:
            firsts = [benefits[f] for f in benefit.after_claiming if f in benefits]
            depth[benefit.id] = 1 + max(map(level, firsts)) if firsts else 0
        return depth[benefit.id]

    for benefit in benefits.values():
        level(benefit)
    deepest = max(depth.values(), default=0)
    return [[b for b in benefits.values() if depth[b.id] == n] for n in range(1, deepest + 1)]


def _unknown(amount) -> bool:
    return amount is None or (isinstance(amount, dict) and None in amount.values())


def _estimated(amount, estimates: dict, benefit: str, index: int):
    """Unknown amounts replaced by the rules' amounts for the month."""
    if isinstance(amount, dict):
        people = estimates.get(f"{benefit}{PEOPLE}")
        return {
            person: (value if value is not None else (0.0 if people is None else people[index].get(person, 0.0)))
            for person, value in amount.items()
        }
    if amount is not None:
        return amount
    values = estimates.get(benefit)
    return 0.0 if values is None else float(values[index])


def _declared_alike(past: dict, other: dict) -> bool:
    """Whether two pasts give a simulation the same inputs: an amount of 0
    is declared as no amount (`situation._declare_past_benefits`)."""
    return all(_as_declared(past.get(b)) == _as_declared(other.get(b)) for b in past.keys() | other.keys())


def _as_declared(amount):
    if isinstance(amount, dict):
        return {person: value for person, value in amount.items() if not _plain_zero(value)} or None
    return None if _plain_zero(amount) else amount


def _plain_zero(value) -> bool:
    # Not -0.0, which the rules could tell apart (a division by it).
    return value is None or (value == 0 and math.copysign(1.0, value) > 0)


def _known(amounts: dict) -> dict:
    known = {}
    for benefit, amount in amounts.items():
        if isinstance(amount, dict):
            amount = {person: value for person, value in amount.items() if value is not None} or None
        if amount is not None:
            known[benefit] = amount
    return known


# Two screenings of the same household whose amounts differ by less agree.
AMOUNTS_AGREE = 0.005
# Key in `computed`: per household, the benefits an unasked answer can change.
UNCERTAIN = ":uncertain"


def _may_change(requirement, benefit: Benefit, amount: float, index: int, computed: dict) -> bool:
    """Whether the unasked answer `requirement` can change this amount: by the
    second screening for ANSWERS_SCREENED_BOTH_WAYS, otherwise whenever the
    rules pay something on the favourable answer."""
    if requirement.check in ANSWERS_SCREENED_BOTH_WAYS:
        uncertain = computed.get(UNCERTAIN)
        return uncertain is not None and benefit.id in uncertain[index]
    return amount > 0


def _keys_of(benefit: str, *computed: dict) -> set[str]:
    """The keys of one benefit in `computed` (its amounts, per person, free, figures...)."""
    return {k for values in computed for k in values if k == benefit or k.startswith(f"{benefit}:")}


def _with_rows(values, other, rows: list[tuple[int, int]]):
    """`values` with each row `index` taken from `other[position]`."""
    if values is None or other is None:
        return values
    if isinstance(values, PersonAmounts):
        return values.replaced(other, rows)
    if isinstance(values, list):  # amounts per person
        updated = list(values)
        for index, position in rows:
            updated[index] = other[position]
        return updated
    updated = np.array(values, copy=True)
    indexes, positions = map(list, zip(*rows))
    updated[indexes] = np.asarray(other)[positions]
    return updated


def _missing_answers(benefit: Benefit, household: Household) -> list:
    """The answers the benefit needs that this household has not given."""
    return [r for r in benefit.requires if r.unknown and not _holds(r, household)]


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
