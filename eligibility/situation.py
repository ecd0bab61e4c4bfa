"""Households → one OpenFisca simulation. The only module that knows
OpenFisca's entities, variables and periods.

Why this is more than a direct mapping: the rules look back on up to five
years (resources of the three past months, of the past twelve months, of
year N-2, taxable incomes, past benefits). Left alone, OpenFisca recomputes
every one of those months from scratch, including benefits the person never
claimed — so a non-claimant's "past RSA" becomes a simulated amount that
then lowers other benefits (openfisca-france issue 587). We declare instead
what really happened: incomes as stable over the look-back window, past
benefits as actually received (0 when not claimed), and the revenu fiscal
de référence of past years. It is both faster and closer to reality.

Many households go into one simulation (vectorised): `screen_many` and
`screen` share this code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from openfisca_core import periods as openfisca_periods
from openfisca_core.simulation_builder import SimulationBuilder

from eligibility.household import (
    ADULT_ROLES,
    APPLICANT,
    CHILD,
    OTHER,
    PARTNER,
    TENANT_STATUSES,
    UNEMPLOYED,
    Activity,
    Household,
    HousingStatus,
    Nationality,
    School,
)
from eligibility.openfisca_compat import group_ids, store_input
from eligibility.periods import Month

# How far back the declared past reaches: the AAH looks at year N-3, the
# tax chain at N-5. Months after the screened one, within the year, are
# read by yearly benefits (ARS in August, chèque énergie).
LOOKBACK_MONTHS = 72
LOOKAHEAD_MONTHS = 12
LOOKBACK_YEARS = 6

ACTIVITY = {
    Activity.employed: "actif",
    Activity.self_employed: "actif",
    Activity.unemployed: "chomeur",
    Activity.student: "etudiant",
    Activity.retired: "retraite",
    Activity.unable_to_work: "inactif",
    Activity.inactive: "inactif",
}
SCHOOL = {
    School.none: "inconnue",
    School.primary: "primaire",
    School.college: "college",
    School.lycee: "lycee",
    School.higher: "enseignement_superieur",
}
HOUSING = {
    HousingStatus.tenant_private: "locataire_vide",
    HousingStatus.tenant_social: "locataire_hlm",
    HousingStatus.owner: "proprietaire",
    HousingStatus.hosted_free: "loge_gratuitement",
    HousingStatus.homeless: "sans_domicile",
}
# A disability is "recognised" for the rules from this rate on (AAH, AEEH).
DISABILITY_RECOGNISED_RATE = 0.5

# Benefits the rules read in past months, with the entity they live on.
# Past values are declared as received (0 when not claimed).
PAST_BENEFITS = {
    "rsa": "famille",
    "ppa": "famille",
    "aide_logement": "famille",
    "af": "famille",
    "cf": "famille",
    "asf": "famille",
    "paje_base": "famille",
    "aeeh": "famille",
    "aspa": "famille",
    "aah": "individu",
    "asi": "individu",
    "ass": "individu",
}
# Benefits the rules also read in the past, which this project does not
# screen: declared 0 (nobody in our population gets them without saying so).
PAST_ZERO = {
    "famille": ["paje_clca", "paje_prepare", "apl", "als", "alf"],
    "individu": [
        "caah",
        "mva",
        "allocation_securisation_professionnelle",
        "prime_forfaitaire_mensuelle_reprise_activite",
    ],
}


# Monthly incomes of a person that the household model does not have, and
# that the rules compute from inputs we never declare (so their formulas
# give 0): declared 0, their formulas are not run. Each, with its inputs:
# a tenth of a screening's OpenFisca time went into these zeros.
# `tests/eligibility/test_not_in_the_model.py` checks that the rules give 0
# too on varied households, so an upgrade that makes one read an input we
# declare fails there.
NOT_IN_THE_MODEL = {
    # Accident-at-work pension: nothing below an incapacity rate of 10 % (CSS
    # L434-2), and `taux_accident_travail` is never declared (0).
    "rente_accident_travail": "taux_accident_travail",
    # Capital income: tax boxes 2xx of the declaration, never declared.
    "revenus_capital": "revenus_capitaux_prelevement_bareme, _liberatoire, _forfaitaire_unique_ir",
    # Rental income: tax boxes 4xx (revenu_categoriel_foncier), never declared.
    "revenus_locatifs": "revenu_categoriel_foncier",
    # The RSA's income from savings and property: Livret A, other savings,
    # the two above, property not let, capital gains; none declared.
    "rsa_base_ressources_patrimoine_individu": "livret_a, epargne_revenus_non_imposables, valeur_locative_*",
    # An apprentice's pay: nobody is an apprentice (`apprenti`) without an
    # apprenticeship contract start date, `apprentissage_contrat_debut`, never declared.
    "remuneration_apprenti": "apprenti, apprentissage_contrat_debut",
}


@dataclass(frozen=True)
class IncomeRatios:
    """Net → taxable and net → gross salary ratios, computed from the rules
    themselves for the year (see `Engine._income_ratios`)."""

    salary_taxable: float
    salary_gross: float
    deduction_rate: float
    pension_deduction_rate: float


@dataclass
class Layout:
    """Where each household's people and groups sit in the simulation arrays."""

    household_of_person: np.ndarray
    family_of_household: np.ndarray  # index of the applicant's family
    applicant_of_household: np.ndarray
    adult_in_main_family: np.ndarray  # applicant or partner
    foyer_of_person: np.ndarray  # tax household of each person
    person_count: int
    family_count: int


# Each role's sub-role in the family, the tax household and the dwelling:
# sub-roles, not roles, since the rules read the family's "demandeur" and
# the tax household's "declarant_principal". An "other" adult heads a family
# and a tax household of their own.
_GROUP_ROLES = {
    APPLICANT: ("demandeur", "declarant_principal", "personne_de_reference"),
    PARTNER: ("conjoint", "conjoint", "conjoint"),
    CHILD: ("enfant", "personne_a_charge", "enfant"),
    OTHER: ("demandeur", "declarant_principal", "autre"),
}


def _person_groups(households: Sequence[Household]):
    """Assign each person to a family, a tax household and a dwelling.

    The applicant, partner and children form one family and one tax
    household; an "other" adult (a grandparent, a lodger) has their own,
    but shares the dwelling. Tax households are numbered like families.
    """
    person_ids, families, group_roles, roles = [], [], [], []
    family_of_household, applicant_of_household = [], []
    family_count = 0
    for h_index, household in enumerate(households):
        main_family = family_count
        family_count += 1
        family_of_household.append(main_family)
        for person in household.people:
            role = person.role
            if role == OTHER:
                families.append(family_count)
                family_count += 1
            else:
                if role == APPLICANT:
                    applicant_of_household.append(len(person_ids))
                families.append(main_family)
            person_ids.append(f"{h_index}:{person.id}")
            group_roles.append(_GROUP_ROLES[role])
            roles.append(role)
    family_roles, foyer_roles, menage_roles = zip(*group_roles, strict=True) if group_roles else ((), (), ())
    sizes = [len(h.people) for h in households]
    household_of_person = np.repeat(np.arange(len(households)), sizes)
    families_array = np.array(families)
    adult_in_main_family = np.array([role in ADULT_ROLES for role in roles], dtype=bool)
    # One array each: openfisca keeps them in its populations.
    return {
        "person_ids": person_ids,
        "families": (families_array, np.array(family_roles)),
        "foyers": (families_array.copy(), np.array(foyer_roles)),
        "menages": (household_of_person.copy(), np.array(menage_roles)),
        "layout": Layout(
            household_of_person=household_of_person,
            family_of_household=np.array(family_of_household),
            applicant_of_household=np.array(applicant_of_household),
            adult_in_main_family=adult_in_main_family,
            foyer_of_person=families_array.copy(),
            person_count=len(person_ids),
            family_count=family_count,
        ),
    }


def rows_of(layout: Layout, households: Sequence[int]) -> dict[str, np.ndarray]:
    """Per entity, the indexes in a simulation laid out as `layout` of the
    people and groups of the households at `households`, in that order: the
    rows a simulation of those households alone has (`_person_groups` lays
    out each household's people, then its families and tax households, one
    household after the other; tax households are numbered like families)."""
    chosen = np.asarray(households, dtype=int)
    people = np.searchsorted(layout.household_of_person, np.arange(len(layout.family_of_household) + 1))
    families = np.append(layout.family_of_household, layout.family_count)
    family_rows = _ranges(families[chosen], families[chosen + 1])
    return {
        "individu": _ranges(people[chosen], people[chosen + 1]),
        "famille": family_rows,
        "foyer_fiscal": family_rows,
        "menage": chosen,
    }


def _ranges(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """`starts[0]..ends[0]-1`, then `starts[1]..ends[1]-1`, ... in one array."""
    lengths = ends - starts
    offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
    return offsets + np.arange(int(lengths.sum()))


def build_simulation(
    tax_benefit_system,
    households: Sequence[Household],
    month: Month,
    ratios: IncomeRatios,
    past_amounts: Sequence[dict[str, float]],
    person_rows: dict | None = None,
):
    """One simulation for households that are all screened for `month`.

    `past_amounts` gives, per household, the monthly amount of each benefit
    received in past months (a benefit not listed was not received: 0).
    `person_rows`: a dict kept by the caller across the simulations of one
    month's screening (its passes see the same people again), for each
    person's inputs by `id` (`_person_row`); the people must outlive it."""
    groups = _person_groups(households)
    layout: Layout = groups["layout"]
    builder = SimulationBuilder()
    builder.create_entities(tax_benefit_system)
    builder.declare_person_entity("individu", groups["person_ids"])
    for key, (assignment, roles) in (
        ("famille", groups["families"]),
        ("foyer_fiscal", groups["foyers"]),
        ("menage", groups["menages"]),
    ):
        count = int(assignment.max()) + 1
        entity = builder.declare_entity(key, group_ids(key, count))
        builder.join_with_persons(entity, assignment, roles)
    simulation = builder.build(tax_benefit_system)
    _set_inputs(simulation, households, layout, month, ratios, {} if person_rows is None else person_rows)
    _declare_past_benefits(simulation, households, layout, past_months(month), past_amounts)
    return simulation, layout


@cache
def _months(month: Month) -> tuple:
    return tuple(openfisca_periods.period(str(month.shift(k))) for k in range(-LOOKBACK_MONTHS, LOOKAHEAD_MONTHS))


@cache
def _years(month: Month) -> tuple:
    """(year, its openfisca period) of each year whose taxable income is
    declared: a `Period` is taken as it is, a string parsed again at every
    `set_input`."""
    return tuple(
        (year, openfisca_periods.period(str(year))) for year in range(month.year - LOOKBACK_YEARS, month.year + 1)
    )


@cache
def past_months(month: Month) -> tuple:
    """The months before `month` whose benefits received are declared (`PAST_BENEFITS`)."""
    return tuple(openfisca_periods.period(str(month.shift(-k))) for k in range(1, LOOKBACK_MONTHS + 1))


def _person_row(p, month: Month, retirement_age) -> tuple:
    """One person's inputs, in the order `_set_inputs` reads them, then
    what `_declare_taxable_income` reads besides (`_PERSON_ROW_TAX`)."""
    income = p.income
    retirement, invalidity = p.pensions_at(month.first_day, retirement_age)
    activity = ACTIVITY.get(p.activity) if p.activity is not None else None
    return (
        p.birth_date.isoformat(),
        income.salary,
        income.unemployment,
        retirement,
        invalidity,
        income.alimony,
        income.self_employment,
        income.other,
        activity if activity is not None else _default_activity(p),
        SCHOOL.get(p.school, "inconnue"),
        p.disability_rate or 0.0,
        p.pregnant,
        # An unknown nationality (null) is taken as French: the screening says
        # `unknown` where the answer would matter (eligibility/conditions.py).
        "ZZ" if p.nationality in (Nationality.eu, Nationality.other) else "FR",
        p.nationality != Nationality.other,
        # An unknown permit duration is not held against the person: the
        # questionnaire marks it as estimated instead.
        99.0 if p.residence_permit_years is None else p.residence_permit_years,
        # Answers not given yet are assumed favourable, so that a zero is final;
        # the screening says `unknown` when the answer would change a payment.
        # ASS: five years of work in the last ten (Code du travail R5423-1), for a
        # job seeker whose unemployment benefit has ended (the rules would
        # otherwise open the ASS to anyone without work income).
        p.activity == UNEMPLOYED and not income.unemployment and p.worked_five_of_last_ten_years is not False,
        # AAH at 50-79 %: restriction substantielle et durable d'accès à l'emploi (CSS L821-2).
        p.rsdae is not False,
        # For the taxable incomes: the pensions as declared, and not a child.
        income.pension,
        income.invalidity_pension or 0.0,
        p.role != CHILD,
        p.role == PARTNER,
    )


_PERSON_ROW_TAX = 17  # where `_person_row`'s columns for the taxable incomes start


def _set_inputs(
    simulation, households: Sequence[Household], layout: Layout, month: Month, ratios: IncomeRatios, person_rows: dict
):
    people = [p for h in households for p in h.people]
    # The applicant and the partner of a household that has a partner: its
    # main family then has two adults (one applicant, at most one partner).
    adults = np.bincount(layout.household_of_person, weights=layout.adult_in_main_family, minlength=len(households))
    in_couple = layout.adult_in_main_family & (adults[layout.household_of_person] == 2)
    months = _months(month)

    def set_everywhere(variable: str, values) -> None:
        store_input(simulation, variable, months, values)

    # The rules' legal retirement age: below it, an undeclared pension of
    # someone unable to work is an invalidity pension (`Person.pensions_at`).
    retirement_age = simulation.tax_benefit_system.get_parameters_at_instant(
        month.first_day.isoformat()
    ).prestations_sociales.prestations_etat_de_sante.invalidite.aah.age_legal_retraite
    # Every person's inputs in one pass over the people (a pass per input,
    # through pydantic attributes, was a tenth of a batch's CPU), then one
    # array per column.
    rows = []
    for p in people:
        row = person_rows.get(id(p))
        if row is None:
            row = person_rows[id(p)] = _person_row(p, month, retirement_age)
        rows.append(row)
    columns = list(zip(*rows, strict=True))
    (birth, salary, unemployment, pension, invalidity_pension, alimony, self_employment, other) = (
        np.array(column, dtype=float) if index else np.array(column, dtype="datetime64[D]")
        for index, column in enumerate(columns[:8])
    )
    activity, school, rate, pregnant, nationality, eea, permit, ass, rsdae = columns[8:_PERSON_ROW_TAX]
    simulation.set_input("date_naissance", "ETERNITY", birth)

    set_everywhere("salaire_net", salary)
    set_everywhere("salaire_imposable", salary * ratios.salary_taxable)
    set_everywhere("salaire_de_base", salary * ratios.salary_gross)
    # Unemployment benefit and pensions of the low incomes screened here are
    # exempt from CSG (the exemption threshold is above the ASPA and RSA
    # ceilings), so net, taxable and gross coincide.
    for variable in ("chomage_net", "chomage_imposable", "chomage_brut"):
        set_everywhere(variable, unemployment)
    for variable in ("retraite_nette", "retraite_imposable", "retraite_brute"):
        set_everywhere(variable, pension)
    # Taxable like a pension; the AAH tops it up (CSS L821-1), the ASI needs it.
    set_everywhere("pensions_invalidite", invalidity_pension)
    set_everywhere("pensions_alimentaires_percues", alimony)
    set_everywhere("rpns_auto_entrepreneur_benefice", self_employment)
    # Other regular income counts in full for the minimum benefits, like
    # daily sickness allowances, which is how the rules count it.
    set_everywhere("indemnites_journalieres_maladie", other)

    set_everywhere("activite", np.array(activity))
    set_everywhere("scolarite", np.array(school))
    rate = np.array(rate, dtype=float)
    set_everywhere("taux_incapacite", rate)
    set_everywhere("handicap", rate >= DISABILITY_RECOGNISED_RATE)
    set_everywhere("enceinte", np.array(pregnant, dtype=bool))
    set_everywhere("nationalite", np.array(nationality))
    set_everywhere("ressortissant_eee", np.array(eea, dtype=bool))
    set_everywhere("duree_possession_titre_sejour", np.array(permit, dtype=float))
    set_everywhere("ass_precondition_remplie", np.array(ass, dtype=bool))
    set_everywhere("aah_restriction_substantielle_durable_acces_emploi", np.array(rsdae, dtype=bool))
    set_everywhere(
        "statut_marital",
        np.where(in_couple, "marie", "celibataire"),
    )
    # Incomes the household model does not have: their formulas add up
    # inputs never declared, so they are 0 (`NOT_IN_THE_MODEL`).
    for variable in NOT_IN_THE_MODEL:
        set_everywhere(variable, np.zeros(layout.person_count))

    status = np.array([HOUSING[h.housing.status] for h in households])
    rent = np.array([h.housing.rent or 0.0 for h in households])
    set_everywhere("statut_occupation_logement", status)
    set_everywhere("loyer", np.where([h.housing.status in TENANT_STATUSES for h in households], rent, 0.0))
    set_everywhere("depcom", np.array([h.commune for h in households]))
    set_everywhere("coloc", np.array([h.housing.shared for h in households], dtype=bool))

    # The household model has no capital income: the rules would otherwise
    # add up some twenty empty tax boxes for each of the 84 months, the
    # costliest part of the C2S resources (0.8 s of a 1.4 s C2S, profiled).
    store_input(simulation, "revenus_capitaux_prelevement_forfaitaire_unique_ir", months, np.zeros(layout.family_count))
    _declare_single_parent(simulation, households, layout, months)
    incomes = _person_incomes(columns, birth, salary, unemployment, alimony, self_employment, rate, ratios)
    _declare_taxable_income(simulation, households, layout, month, incomes)


# The increase for a parent alone is paid 12 times within 18 months of the
# event that left them alone (CASF L262-9, R262-2); the rules read it as
# `rsa_isolement_recent`, "alone for less than 18 months".
SINGLE_PARENT_RECENT_MONTHS = 18


def _declare_single_parent(simulation, households, layout: Layout, months) -> None:
    values = np.zeros(layout.family_count, dtype=bool)
    for h_index, household in enumerate(households):
        since = household.single_parent_months
        # Not asked: assumed recent (favourable); the screening says `unknown` if it matters.
        values[layout.family_of_household[h_index]] = since is None or since < SINGLE_PARENT_RECENT_MONTHS
    store_input(simulation, "rsa_isolement_recent", months, values)


def _default_activity(person) -> str:
    return "etudiant" if person.role == CHILD else "inactif"


def _declare_past_benefits(simulation, households, layout: Layout, past_months, past_amounts) -> None:
    """`past_amounts[h][benefit]`: one amount for a family benefit; for an
    individual one, `{person id: amount}` (one amount: the applicant's)."""
    family_count = layout.family_count
    person_count = layout.person_count
    first_person = np.cumsum([0] + [len(h.people) for h in households])
    for benefit, entity in PAST_BENEFITS.items():
        size = family_count if entity == "famille" else person_count
        values = np.zeros(size)
        for h_index, amounts in enumerate(past_amounts):
            if benefit not in amounts:
                continue
            amount = amounts[benefit]
            if entity == "famille":
                values[layout.family_of_household[h_index]] = amount
            elif isinstance(amount, dict):
                for position, person in enumerate(households[h_index].people):
                    if person.id in amount:
                        values[first_person[h_index] + position] = amount[person.id]
            else:
                values[layout.applicant_of_household[h_index]] = amount
        store_input(simulation, benefit, past_months, values)
    for entity, variables in PAST_ZERO.items():
        size = family_count if entity == "famille" else person_count
        for variable in variables:
            store_input(simulation, variable, past_months, np.zeros(size))


# Art. 157 bis CGI: a deduction from the revenu net global for people aged 65
# or more on 31 December of the income year, and for holders of the
# invalidity card (art. 195 CGI; the "carte mobilité inclusion" marked
# invalidité is granted from an 80 % rate, CASF L241-3): boxes P and F.
TAX_ELDERLY_AGE = 65
INVALIDITY_CARD_RATE = 0.8


def _taxable_incomes(incomes: tuple, layout: Layout, year: int, tax, ranks: list[np.ndarray]) -> np.ndarray:
    """Revenu fiscal de référence of every tax household for `year`
    (`layout.foyer_of_person`), estimated from today's incomes (`_person_incomes`) with that
    year's tax rules (`tax`: OpenFisca's impot_revenu.calcul_revenus_imposables):
    yearly taxable incomes less the 10 % deductions with their minimums and
    maximums (CGI art. 83 and 158; OpenFisca's
    revenu_assimile_*_apres_abattements and indu_plaf_abat_pen), then the
    art. 157 bis deduction for people aged 65 or more and invalidity-card
    holders. Used for every past year not declared. Vectorised over every
    person of the simulation; the sums of a tax household are taken person
    by person in their order (`ranks`: `_ranks_in_group` of the tax
    households), so the figures are the same to the last bit as adding them
    one after the other."""
    wages, pensions, self_employment, birth_year, card, adult, _ = incomes
    abatpro, abatpen = tax.deductions.abatpro, tax.deductions.abatpen
    flat = np.round(np.minimum(np.maximum(abatpro.taux * wages, abatpro.min), abatpro.max))
    wage_part = np.where(wages > 0, np.maximum(0.0, wages - flat), 0.0)
    pension_deduction = np.where(
        pensions > 0, np.minimum(pensions, np.round(np.maximum(abatpen.taux * pensions, abatpen.min))), 0.0
    )
    foyer = layout.foyer_of_person
    total = np.zeros(layout.family_count)
    deduction = np.zeros(layout.family_count)
    for rank in ranks:
        group = foyer[rank]
        total[group] += wage_part[rank]
        total[group] += pensions[rank]
        # Self-employment income counts in full (no micro-enterprise allowance): conservative.
        total[group] += self_employment[rank]
        deduction[group] += pension_deduction[rank]
    # The pension deduction has a ceiling per tax household.
    net = np.maximum(0.0, total - np.minimum(deduction, abatpen.max))
    # Aged 65 on 31 December of the year: born in year - 65 or before.
    entitled_person = adult & ((year - birth_year >= TAX_ELDERLY_AGE) | card)
    entitled = np.bincount(foyer, weights=entitled_person, minlength=layout.family_count)
    special = np.minimum(net, entitled * tax.abat_rni.contribuable_age_invalide.calc(net))
    return np.maximum(0.0, net - special)


def _person_incomes(columns, birth, salary, unemployment, alimony, self_employment, rate, ratios: IncomeRatios):
    """Per person: yearly wages and pensions as taxed, yearly self-employment
    income, birth year, invalidity card, not a child, a partner (from the columns of
    `_person_row` and the arrays `_set_inputs` made of them: the same
    floats as person by person)."""
    pension, invalidity, adult, partner = columns[_PERSON_ROW_TAX:]
    wages = 12 * (salary * ratios.salary_taxable + unemployment)
    pensions = 12 * (np.array(pension, dtype=float) + np.array(invalidity, dtype=float) + alimony)
    birth_year = birth.astype("datetime64[Y]").astype(int) + 1970
    card = np.asarray(rate, dtype=float) >= INVALIDITY_CARD_RATE
    adult, partner = np.array(adult, dtype=bool), np.array(partner, dtype=bool)
    return wages, pensions, 12 * self_employment, birth_year, card, adult, partner


def _ranks_in_group(group: np.ndarray) -> list[np.ndarray]:
    """Indexes of the first member of each group, then of the second...:
    each holds at most one person per group, in the persons' order."""
    order = np.argsort(group, kind="stable")
    sorted_groups = group[order]
    starts = np.r_[0, np.flatnonzero(np.diff(sorted_groups)) + 1]
    rank = np.arange(len(group)) - np.repeat(starts, np.diff(np.r_[starts, len(group)]))
    return [order[rank == r] for r in range(int(rank.max()) + 1)] if len(group) else []


def _declare_taxable_income(simulation, households, layout: Layout, month: Month, incomes: tuple) -> None:
    """Revenu fiscal de référence of every tax household, "other" adults'
    included (the chèque énergie adds those of the whole dwelling), and the
    invalidity boxes P and F for the rules that read them."""
    foyer_count = layout.family_count  # one tax household per family
    system = simulation.tax_benefit_system
    foyer = layout.foyer_of_person
    card, adult, partner = incomes[4:]
    declarant = adult & ~partner  # neither a partner nor a child
    box_p = np.zeros(foyer_count, dtype=bool)
    box_f = np.zeros(foyer_count, dtype=bool)
    box_p[foyer[card & declarant]] = True
    box_f[foyer[card & partner]] = True
    main = layout.family_of_household
    declaring = [(h_index, h.taxable_income) for h_index, h in enumerate(households) if h.taxable_income]
    ranks = _ranks_in_group(foyer)
    for year, period in _years(month):
        tax = system.get_parameters_at_instant(f"{year}-01-01").impot_revenu.calcul_revenus_imposables
        values = _taxable_incomes(incomes, layout, year, tax, ranks)
        declared_flags = np.zeros(foyer_count, dtype=bool)
        for h_index, taxable_income in declaring:
            declared = taxable_income.get(str(year))
            if declared is not None:
                values[main[h_index]] = declared
                declared_flags[main[h_index]] = True
        simulation.set_input("rfr", period, values)
        simulation.set_input("rfr_declare_par_le_menage", period, declared_flags)
        simulation.set_input("caseP", period, box_p)
        simulation.set_input("caseF", period, box_f)
