"""An independent translation of a household into plain OpenFisca-France.

Written for the differential test from OpenFisca-France's own variable
definitions and from the law, WITHOUT reading `eligibility/situation.py` or the
private parts of `eligibility/engine.py`: only the public household format
(`eligibility/household.py`), the catalog and the README's semantics. The two
translations are compared benefit by benefit in `test_differential.py`.

Semantics (README, "How non-take-up is computed"), and where the law decides:

- Incomes are net per month and stable: every month from January of year N-2
  to the month screened carries them, so no rule recomputes a past income.
- Salaries: the gross and taxable figures come from the rules' own employee
  contributions (one reference salary simulated each January, ratio applied).
  Pensions and unemployment benefit are taken as exempt from CSG (net =
  taxable = gross), as the README states.
- A `pension` is a retirement pension, except for a person below the legal
  retirement age whose activity is `unable_to_work`: then it is an invalidity
  pension (issue 10, item 3; a retirement pension cannot be paid before the
  legal age outside special schemes, art. L161-17-2 CSS), unless the format
  says it apart (`income.invalidity_pension`, added by issue 10).
- The past as it was: every benefit the rules read in past months (12 months
  back, the longest window: the C2S rolling year) is declared as received, 0
  when not claimed. Amounts declared as received are paid amounts: benefits
  subject to the CRDS are grossed up (ordonnance 96-50, art. 19).
- The present as if claimed: for the month screened everything is computed.
- Subsidiarity (CASF L262-10; L821-1 CSS for the AAH after the ASI): the ASI
  and ASPA are computed first; the AAH then counts the ASI due; the RSA and the
  prime d'activité count the AAH, ASI (each on ITS person) and ASPA due, over
  the three months of reference and the month itself. The C2S's rolling year
  stays the past as it was (benefits not received count 0).
- ASPA / ASI nationality condition, L816-1 CSS: French and EEA/Swiss nationals
  (right of residence), other nationals holding a residence permit allowing
  work for at least 10 years. Declared directly (`asi_aspa_condition_nationalite`)
  because the pinned rules drop the permit test (numpy.logical_or with three
  arguments).
- Revenu fiscal de référence of each tax household (applicant + partner +
  children; every "other" adult alone), when not declared: salaries and
  unemployment benefit less the 10 % deduction (art. 83-3° CGI, min/max),
  pensions (retirement, invalidity, alimony) less the 10 % deduction
  (art. 158-5-a CGI, min per pensioner, max per tax household), less the
  deduction of art. 157 bis CGI for each declarant aged 65 or more on 31
  December of the income year or holding an invalidity card (disability rate
  ≥ 80 %, boxes P/F). Partners are taken as one tax household (married or
  PACS): the household format does not say otherwise.
- A declared `taxable_income` for year N-2 is that year's revenu fiscal de
  référence and replaces the N-2 base of the family benefits
  (`prestations_familiales_base_ressources`, read by AF modulation, CF, ARS,
  PAJE); school grants and chèque énergie read the rfr directly.
- Answers issue 10 adds (`rsdae`, `worked_five_of_last_ten_years`,
  `single_parent_months`), read when the format has them: not asked means the
  favourable answer, and the benefit is undeterminable (`None`) only where
  that answer makes a payment (the AAH at 50-79 %, L821-2 CSS; the ASS, R5423-1
  Code du travail; the increase of the RSA and prime d'activité for a parent
  alone, CASF R262-2 — each household screened twice in one simulation). An
  undeterminable benefit is not assumed paid before the RSA.
- C2S: the rolling year is the past as it was; the housing aid counts (up to
  its flat rate, R861-7 CSS) only when it was received.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cache

import numpy as np
from openfisca_core.simulation_builder import SimulationBuilder

from eligibility.household import Household, Person

# What each monthly family benefit of the catalog pays, in plain OpenFisca
# terms: (variable, whether we deduct the CRDS ourselves).
MONTHLY_FAMILY = {
    "rsa": ("rsa", False),
    "ppa": ("ppa_nette_crds", False),
    "aide_logement": ("aide_logement", False),
    "af": ("af_nettes_crds", False),
    "cf": ("cf_net_crds", False),
    "asf": ("asf_nette_crds", False),
    "paje_base": ("paje_base", True),
    "aeeh": ("aeeh", True),
    "aspa": ("aspa", False),
}
# Past benefits the rules read (RSA, PPA, C2S, ASPA, AAH windows), declared as
# received; those subject to the CRDS are declared gross (received / (1 - CRDS)).
PAST_FAMILY = ("rsa", "ppa", "aide_logement", "af", "cf", "asf", "paje_base", "aeeh", "aspa")
CRDS_ON = {"ppa", "af", "cf", "asf", "paje_base", "aeeh"}
PAST_INDIVIDUAL = ("aah", "asi", "ass", "caah")

NATIONALITY_CODE = {"fr": "FR", "eu": "PT", "other": "DZ"}
HOUSING = {
    "tenant_private": "locataire_vide",
    "tenant_social": "locataire_hlm",
    "owner": "proprietaire",
    "hosted_free": "loge_gratuitement",
    "homeless": "sans_domicile",
}
ACTIVITY = {
    "employed": "actif",
    "self_employed": "actif",
    "unemployed": "chomeur",
    "student": "etudiant",
    "retired": "retraite",
    "unable_to_work": "inactif",
    "inactive": "inactif",
    None: "inactif",
}
SCHOOL = {
    None: "inconnue",
    "none": "inconnue",
    "primary": "primaire",
    "college": "college",
    "lycee": "lycee",
    "higher": "enseignement_superieur",
}
EEA_PERMIT_YEARS = 99.0  # an EEA national resident here: right of residence (L262-6 CASF)
ASPA_PERMIT_YEARS = 10  # L816-1 CSS


@dataclass
class Expected:
    """One benefit as the independent translation sees it. amount None: undeterminable."""

    amount: float | None
    per: str = "month"
    variant: str | None = None  # C2S: free | with_participation
    # An individual benefit of which one person's part is undeterminable while
    # another's is known: `amount` is at least what is due (e.g. the AAH of a
    # partner at 80 % when the applicant is at 50-79 %).
    at_least: bool = False


@cache
def system():
    from openfisca_france import FranceTaxBenefitSystem

    from eligibility.parameter_updates import ParameterUpdates

    # The C2S ceiling from 1 April 2025 is an official value the pinned rules
    # lack (eligibility/parameter_updates.yaml cites it): a parameter, not a
    # translation, so both sides use it.
    return ParameterUpdates(FranceTaxBenefitSystem())


def _months(first: str, last: str) -> list[str]:
    y, m = map(int, first.split("-"))
    ly, lm = map(int, last.split("-"))
    out = []
    while (y, m) <= (ly, lm):
        out.append(f"{y:04d}-{m:02d}")
        m += 1
        if m == 13:
            y, m = y + 1, 1
    return out


def _shift(month: str, delta: int) -> str:
    y, m = map(int, month.split("-"))
    index = y * 12 + (m - 1) + delta
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _age(person: Person, day: date) -> int:
    return person.age_at(day)


@cache
def _salary_ratio(year: int) -> tuple[float, float]:
    """(gross/net, taxable/net) of a private-sector employee in `year`, from the
    rules' own contributions on a reference salary in January (employee rates
    change on 1 January)."""
    reference = 2000.0
    month = f"{year}-01"
    sim = SimulationBuilder().build_from_entities(
        system(),
        {
            "individus": {"p": {"date_naissance": {"ETERNITY": "1985-01-01"}, "salaire_de_base": {month: reference}}},
            "familles": {"f": {"parents": ["p"]}},
            "foyers_fiscaux": {"ff": {"declarants": ["p"]}},
            "menages": {"m": {"personne_de_reference": ["p"], "depcom": {month: "59350"}}},
        },
    )
    net = float(sim.calculate("salaire_net", month)[0])
    taxable = float(sim.calculate("salaire_imposable", month)[0])
    return reference / net, taxable / net


def _pensions(person: Person, day: date, retirement_age: float) -> tuple[float, float]:
    """(retirement pension, invalidity pension) per month.

    `income.invalidity_pension` (issue 10; absent from the format before it,
    hence getattr) says it apart when given. Otherwise a `pension` below the
    legal retirement age of someone unable to work is an invalidity pension: a
    retirement pension is not paid before that age in the general scheme, and
    an invalidity pension becomes a retirement pension at it (L341-15 CSS)."""
    said = getattr(person.income, "invalidity_pension", None)
    if said is not None:
        return person.income.pension, said
    if person.activity == "unable_to_work" and _age(person, day) < retirement_age:
        return 0.0, person.income.pension
    return person.income.pension, 0.0


@cache
def _tax_parameters(year: int):
    return system().parameters(f"{year}-01-01").impot_revenu.calcul_revenus_imposables


def _rfr(members: list[Person], declarants: list[Person], year: int, invalidity: dict[str, bool]) -> float:
    """Revenu fiscal de référence of one tax household for `year`, incomes stable (x 12)."""
    p = _tax_parameters(year)
    taxable_ratio = _salary_ratio(year)[1]
    pro = 0.0
    pension_deductions = 0.0
    pensions = 0.0
    for person in members:
        taxable_salary = 0.0
        if person.income.salary:
            taxable_salary = 12 * person.income.salary * taxable_ratio
        wages = taxable_salary + 12 * person.income.unemployment
        if wages > 0:
            deduction = min(max(p.deductions.abatpro.taux * wages, p.deductions.abatpro.min), p.deductions.abatpro.max)
            pro += max(0.0, wages - min(deduction, wages))
        # Retirement and invalidity pensions and alimony: one category (art. 158-5-a CGI).
        said_apart = getattr(person.income, "invalidity_pension", None) or 0.0
        person_pensions = 12 * (person.income.pension + said_apart + person.income.alimony)
        if person_pensions > 0:
            pensions += person_pensions
            pension_deductions += min(
                max(p.deductions.abatpen.taux * person_pensions, p.deductions.abatpen.min), person_pensions
            )
    net_pensions = pensions - min(pension_deductions, p.deductions.abatpen.max)
    rng = pro + net_pensions
    eligible = sum(
        1 for d in declarants if _age(d, date(year, 12, 31)) >= 65 or invalidity[d.id]
    )  # art. 157 bis CGI: 65 on 31 December of the income year, or invalidity card
    scale = p.abat_rni.contribuable_age_invalide
    deduction = eligible * float(scale.calc(np.array([rng]))[0])
    return max(0.0, rng - min(deduction, rng))


class _Builder:
    """Builds the entities dict of many households for one month screened."""

    def __init__(self, households: list[Household], month: str, without_increase: frozenset[int] = frozenset()):
        self.households = households
        # Households (by index) computed without the increase for a parent alone.
        self.without_increase = without_increase
        self.month = month
        self.year = int(month[:4])
        self.day = date(self.year, int(month[5:]), 1)
        self.all_months = _months(f"{self.year - 2}-01", month)
        self.past12 = _months(_shift(month, -12), _shift(month, -1))
        self.ratios = {m: _salary_ratio(int(m[:4])) for m in self.all_months}
        self.retirement_age = (
            system().parameters(month).prestations_sociales.prestations_etat_de_sante.invalidite.aah.age_legal_retraite
        )
        self.crds = system().parameters(month).prelevements_sociaux.contributions_sociales.crds

    def pid(self, h: int, person: Person) -> str:
        return f"h{h}_{person.id}"

    def owner_of(self, household: Household, benefit: str) -> Person:
        """Whose is an individual benefit declared on the household (before issue 10
        the format could not say; a person's own `received` says it since)."""
        adults = household.adults
        if benefit == "aah":
            candidates = [p for p in adults if (p.disability_rate or 0) >= 0.5]
        elif benefit == "asi":
            candidates = [p for p in adults if _pensions(p, self.day, self.retirement_age)[1] > 0]
        elif benefit == "ass":
            candidates = [p for p in adults if p.activity == "unemployed"]
        else:
            candidates = []
        return (candidates or [household.applicant])[0]

    def overrides(self, due: dict) -> dict:
        """`due`: {("famille", h) or ("individu", pid): {variable: amount}}, set for the
        month screened and its three months of reference (subsidiarity: the RSA
        reads the ASPA in the month itself, the prime d'activité over the three
        months); the RSA due, read by the C2S, for the month only."""
        sub_months = _months(_shift(self.month, -3), self.month)
        out: dict = {"familles": {}, "individus": {}}
        for (kind, key), variables in due.items():
            if kind == "famille":
                months = {
                    "rsa": [self.month],
                    "aide_logement": [self.month],
                    "prestations_familiales_base_ressources": _months(f"{self.year}-01", f"{self.year}-12"),
                }
                out["familles"][f"f{key}"] = {
                    v: dict.fromkeys(months.get(v, sub_months), amount) for v, amount in variables.items()
                }
            else:
                out["individus"][key] = {v: dict.fromkeys(sub_months, amount) for v, amount in variables.items()}
        return out

    def entities(self) -> dict:
        individus, familles, foyers, menages = {}, {}, {}, {}
        for h, household in enumerate(self.households):
            applicant_family = f"f{h}"
            family = {"parents": [], "enfants": []}
            foyer = {"declarants": [], "personnes_a_charge": []}
            menage = {"personne_de_reference": [], "conjoint": [], "enfants": [], "autres": []}
            invalidity = {p.id: (p.disability_rate or 0) >= 0.8 for p in household.people}
            for person in household.people:
                pid = self.pid(h, person)
                individus[pid] = self.person(household, person)
                if person.role == "applicant":
                    family["parents"].insert(0, pid)
                    foyer["declarants"].insert(0, pid)
                    menage["personne_de_reference"].append(pid)
                elif person.role == "partner":
                    family["parents"].append(pid)
                    foyer["declarants"].append(pid)
                    menage["conjoint"].append(pid)
                elif person.role == "child":
                    family["enfants"].append(pid)
                    foyer["personnes_a_charge"].append(pid)
                    menage["enfants"].append(pid)
                else:  # another adult of the dwelling: own family, own tax household
                    familles[f"{applicant_family}_{person.id}"] = {
                        "parents": [pid],
                        **self.past_family(household, own=False),
                    }
                    foyers[f"ff{h}_{person.id}"] = {
                        "declarants": [pid],
                        "rfr": self.rfr_values(household, [person], [person], invalidity, declared=False),
                        **self.boxes_p_f(person, None, invalidity),
                    }
                    menage["autres"].append(pid)
            family.update(self.past_family(household, own=True))
            # Increase for a parent alone (CASF R262-2: 12 payments within 18 months
            # of the event); not asked: the favourable answer.
            months_alone = getattr(household, "single_parent_months", None)
            recent = (months_alone is None or months_alone < 18) and h not in self.without_increase
            family["rsa_isolement_recent"] = dict.fromkeys(self.all_months, recent)
            familles[applicant_family] = family
            members = [p for p in household.people if p.role != "other"]
            foyer["rfr"] = self.rfr_values(household, members, household.adults, invalidity, declared=True)
            foyer.update(self.boxes_p_f(household.applicant, household.partner, invalidity))
            foyers[f"ff{h}"] = foyer
            menage.update(self.menage(household))
            menages[f"m{h}"] = menage
        return {"individus": individus, "familles": familles, "foyers_fiscaux": foyers, "menages": menages}

    def boxes_p_f(self, declarant: Person, partner: Person | None, invalidity: dict) -> dict:
        """Boxes P and F of the tax return (invalidity card of the declarant, of the
        partner): the rules' own special deductions read them (art. 157 bis CGI),
        e.g. in the housing aid's base of resources (`aide_logement_base_ressources`)."""
        years = [str(y) for y in (self.year - 2, self.year - 1, self.year)]
        return {
            "caseP": dict.fromkeys(years, invalidity[declarant.id]),
            "caseF": dict.fromkeys(years, bool(partner and invalidity[partner.id])),
        }

    def rfr_values(self, household, members, declarants, invalidity, declared: bool) -> dict:
        values = {}
        for year in (self.year - 2, self.year - 1):
            given = household.taxable_income.get(str(year)) if declared else None
            values[str(year)] = given if given is not None else _rfr(members, declarants, year, invalidity)
        return values

    def person(self, household: Household, person: Person) -> dict:
        months = self.all_months
        income = person.income
        if income.self_employment or income.other:
            raise NotImplementedError("self-employment and other incomes are not generated")
        retirement_pension, invalidity_pension = _pensions(person, self.day, self.retirement_age)
        rate = person.disability_rate or 0.0
        if person.nationality is None:
            raise NotImplementedError("a nationality not asked is not generated")
        if person.nationality == "other":
            permit = person.residence_permit_years or 0.0
            aspa_nationality = permit >= ASPA_PERMIT_YEARS
        else:
            permit = person.residence_permit_years if person.residence_permit_years is not None else EEA_PERMIT_YEARS
            aspa_nationality = True
        # Answers issue 10 adds (absent from the format before it, hence getattr);
        # not asked (None): the favourable answer, the result is then unknown
        # wherever that answer makes a payment (see _compute_month).
        rsdae = getattr(person, "rsdae", None)
        worked = getattr(person, "worked_five_of_last_ten_years", None)
        data = {
            "date_naissance": {"ETERNITY": person.birth_date.isoformat()},
            "aah_restriction_substantielle_durable_acces_emploi": dict.fromkeys(months, rsdae is not False),
            "ass_precondition_remplie": dict.fromkeys(months, worked is not False and person.activity == "unemployed"),
            "activite": dict.fromkeys(months, ACTIVITY[person.activity]),
            "nationalite": dict.fromkeys(months, NATIONALITY_CODE[person.nationality]),
            "duree_possession_titre_sejour": dict.fromkeys(months, permit),
            "asi_aspa_condition_nationalite": dict.fromkeys(months, aspa_nationality),
            "taux_incapacite": dict.fromkeys(months, rate),
            "handicap": dict.fromkeys(months, rate >= 0.5),
            "enceinte": {self.month: person.pregnant},
            "salaire_net": dict.fromkeys(months, income.salary),
            "salaire_de_base": {m: income.salary * self.ratios[m][0] for m in months},
            "salaire_imposable": {m: income.salary * self.ratios[m][1] for m in months},
            "chomage_net": dict.fromkeys(months, income.unemployment),
            "chomage_imposable": dict.fromkeys(months, income.unemployment),
            "chomage_brut": dict.fromkeys(months, income.unemployment),
            "pensions_alimentaires_percues": dict.fromkeys(months, income.alimony),
        }
        data["pensions_invalidite"] = dict.fromkeys(months, invalidity_pension)
        for v in ("retraite_nette", "retraite_imposable", "retraite_brute"):
            data[v] = dict.fromkeys(months, retirement_pension)
        if person.role == "child":
            data["scolarite"] = dict.fromkeys(months, SCHOOL[person.school])
        # Past individual benefits as received (0 when not claimed), on their owner.
        own = getattr(person, "received", {})  # a person's own received benefits (issue 10)
        for benefit in PAST_INDIVIDUAL:
            received = household.received.get(benefit)
            mine = received is not None and self.owner_of(household, benefit).id == person.id
            amount = own[benefit] if own.get(benefit) is not None else (received if mine else 0.0)
            data[benefit] = dict.fromkeys(self.past12, amount)
        return data

    def past_family(self, household: Household, own: bool) -> dict:
        data = {}
        for benefit in PAST_FAMILY:
            received = household.received.get(benefit) if own else None
            amount = received or 0.0
            if benefit in CRDS_ON:
                amount = amount / (1 - self.crds)
            data[benefit] = dict.fromkeys(self.past12, amount)
        return data

    def menage(self, household: Household) -> dict:
        housing = household.housing
        months = self.all_months
        data = {
            "depcom": dict.fromkeys(months, household.commune),
            "statut_occupation_logement": dict.fromkeys(months, HOUSING[housing.status]),
            "coloc": dict.fromkeys(months, housing.shared),
            "logement_conventionne": dict.fromkeys(months, housing.status == "tenant_social"),
        }
        if housing.rent is not None and housing.status in ("tenant_private", "tenant_social"):
            data["loyer"] = dict.fromkeys(months, housing.rent)
        return data


ROLE_KEYS = {
    "individus": set(),
    "familles": {"parents", "enfants"},
    "foyers_fiscaux": {"declarants", "personnes_a_charge"},
    "menages": {"personne_de_reference", "conjoint", "enfants", "autres"},
}


def _simulation(entities: dict, overrides: dict | None = None):
    """One vectorised simulation: the structure from the dict, then every input
    as one array per variable and period (far faster than a dict of values)."""
    overrides = overrides or {}
    structure = {
        plural: {iid: {k: v for k, v in data.items() if k in ROLE_KEYS[plural]} for iid, data in instances.items()}
        for plural, instances in entities.items()
    }
    sim = SimulationBuilder().build_from_entities(system(), structure)
    for plural, instances in entities.items():
        ids = list(instances)
        extra = overrides.get(plural, {})
        columns: dict[str, dict[str, dict[int, object]]] = defaultdict(lambda: defaultdict(dict))
        for index, iid in enumerate(ids):
            for variable, values in instances[iid].items():
                if variable in ROLE_KEYS[plural]:
                    continue
                for period, value in values.items():
                    columns[variable][period][index] = value
            for variable, values in extra.get(iid, {}).items():
                for period, value in values.items():
                    columns[variable][period][index] = value
        for variable, by_period in columns.items():
            definition = system().variables[variable]
            default = definition.default_value
            if definition.value_type.__name__ == "Enum":
                default = default.name
            for period, values in by_period.items():
                array = [values.get(i, default) for i in range(len(ids))]
                if variable == "date_naissance":
                    array = np.array(array, dtype="datetime64[D]")
                elif definition.value_type is str:
                    array = np.array(array, dtype=object)
                sim.set_input(variable, period.lower() if period == "ETERNITY" else period, array)
    return sim


def _not_asked(person: Person, field: str) -> bool:
    return getattr(person, field, None) is None


def _aah_unasked(person: Person) -> bool:
    # 50-79 %: the restriction substantielle et durable d'accès à l'emploi (L821-2 CSS).
    return 0.5 <= (person.disability_rate or 0) < 0.8 and _not_asked(person, "rsdae")


def _ass_unasked(person: Person) -> bool:
    # 5 years of work in the last 10 (R5423-1 Code du travail).
    return _not_asked(person, "worked_five_of_last_ten_years")


def _single_parent_unasked(household: Household) -> bool:
    return (
        household.partner is None
        and bool(household.children)
        and getattr(household, "single_parent_months", None) is None
    )


def compute(households: list[Household]) -> list[dict[str, Expected]]:
    """Expected results of every catalog benefit, one dict per household."""
    results: list[dict[str, Expected] | None] = [None] * len(households)
    by_month: dict[str, list[int]] = defaultdict(list)
    for index, household in enumerate(households):
        by_month[str(household.month)].append(index)
    for month, indexes in by_month.items():
        group = [households[i] for i in indexes]
        for i, result in zip(indexes, _compute_month(group, month), strict=True):
            results[i] = result
    return results  # type: ignore[return-value]


def _compute_month(screened: list[Household], month: str) -> list[dict[str, Expected]]:
    # A parent alone not asked since when is screened twice in the same
    # simulation: with the increase (the favourable answer) and, as an extra
    # household, without it; where the RSA or the prime d'activité differ, unknown.
    unasked_parents = [h for h, household in enumerate(screened) if _single_parent_unasked(household)]
    twin = {h: len(screened) + i for i, h in enumerate(unasked_parents)}
    households = screened + [screened[h] for h in unasked_parents]
    builder = _Builder(households, month, frozenset(twin.values()))
    adult_ids = [[builder.pid(h, p) for p in household.adults] for h, household in enumerate(households)]

    def per_person(sim, variable: str) -> dict[str, float]:
        ids = sim.persons.ids
        values = sim.calculate(variable, month)
        return {pid: float(v) for pid, v in zip(ids, values, strict=True)}

    def per_family(sim, variable: str, period: str | None = None) -> list[float]:
        ids = list(sim.populations["famille"].ids)
        values = sim.calculate(variable, period or month)
        index = {fid: i for i, fid in enumerate(ids)}
        return [float(values[index[f"f{h}"]]) for h in range(len(households))]

    # Pass 1: ASPA and ASI (nothing comes before them; an ASS not yet
    # determined does not count in their resources).
    entities = builder.entities()
    no_ass = {("individu", builder.pid(h, p)): {"ass": 0.0} for h, hh in enumerate(households) for p in hh.adults}
    sim = _simulation(entities, builder.overrides(no_ass))
    asi = per_person(sim, "asi")
    aspa = per_family(sim, "aspa")
    # The N-2 base of the family benefits: a declared revenu fiscal de référence
    # of N-2 replaces the one the rules derive from the incomes. Set for every
    # family (an input set for some entities only would zero the others).
    family_base = per_family(sim, "prestations_familiales_base_ressources")
    for h, household in enumerate(households):
        declared = household.taxable_income.get(str(builder.year - 2))
        if declared is not None:
            family_base[h] = declared

    # Pass 2: the AAH (L821-1 CSS) and the ASS after the ASI due.
    due: dict = {}
    for h in range(len(households)):
        due[("famille", h)] = {"aspa": aspa[h], "prestations_familiales_base_ressources": family_base[h]}
        for pid in adult_ids[h]:
            due[("individu", pid)] = {"asi": asi[pid]}
    sim = _simulation(entities, builder.overrides(due))
    aah = per_person(sim, "aah")
    ass = per_person(sim, "ass")
    # Due only on the favourable answer to a question not asked: unknown, and
    # not assumed paid before the RSA.
    unknown_part = {
        (h, benefit): [
            p
            for p in household.adults
            if (aah if benefit == "aah" else ass)[builder.pid(h, p)] > 0
            and (_aah_unasked(p) if benefit == "aah" else _ass_unasked(p))
        ]
        for h, household in enumerate(households)
        for benefit in ("aah", "ass")
    }

    # Pass 3: everything else after the AAH, ASI, ASS and ASPA due (CASF L262-10).
    for h, household in enumerate(households):
        for person in household.adults:
            pid = builder.pid(h, person)
            due[("individu", pid)] = {
                "asi": asi[pid],
                "aah": 0.0 if person in unknown_part[(h, "aah")] else aah[pid],
                "ass": 0.0 if person in unknown_part[(h, "ass")] else ass[pid],
            }
    sim = _simulation(entities, builder.overrides(due))
    year = month[:4]
    monthly = {
        benefit: per_family(sim, variable) for benefit, (variable, _) in MONTHLY_FAMILY.items() if benefit != "aspa"
    }
    ars = per_family(sim, "ars_nette_crds", year)
    college = per_family(sim, "bourse_college")
    lycee = per_family(sim, "bourse_lycee")
    menage_ids = list(sim.populations["menage"].ids)
    cheque = sim.calculate("cheque_energie", year)
    cheque_by_menage = {mid: float(v) for mid, v in zip(menage_ids, cheque, strict=True)}

    # Pass 4: the C2S. Its rolling year of resources is the past as it was (the
    # benefits not received count 0, L861-2 CSS: resources actually received;
    # the housing aid's flat rate, R861-7, only if housing aid was received);
    # in the month itself it reads the RSA due (a person on RSA gets it free).
    c2s_due = {
        ("famille", h): {
            "rsa": monthly["rsa"][h],
            "aide_logement": household.received.get("aide_logement") or 0.0,
            "prestations_familiales_base_ressources": family_base[h],
        }
        for h, household in enumerate(households)
    }
    sim = _simulation(entities, builder.overrides(c2s_due))
    cmu_c = per_family(sim, "cmu_c")
    participation = per_family(sim, "css_participation_forfaitaire")

    out = []
    for h in range(len(screened)):
        result: dict[str, Expected] = {}
        for benefit, (_, crds) in MONTHLY_FAMILY.items():
            amount = aspa[h] if benefit == "aspa" else monthly[benefit][h]
            if crds:
                amount *= 1 - builder.crds
            result[benefit] = Expected(round(amount, 2))
            if benefit in ("rsa", "ppa") and h in twin and abs(monthly[benefit][twin[h]] - monthly[benefit][h]) > 0.005:
                result[benefit] = Expected(None)
        result["asi"] = Expected(round(sum(asi[pid] for pid in adult_ids[h]), 2))
        for benefit, values in (("aah", aah), ("ass", ass)):
            unknown = unknown_part[(h, benefit)]
            known = sum(values[builder.pid(h, p)] for p in households[h].adults if p not in unknown)
            if not unknown:
                result[benefit] = Expected(round(known, 2))
            elif known > 0:
                result[benefit] = Expected(round(known, 2), at_least=True)
            else:
                result[benefit] = Expected(None)
        result["ars"] = Expected(round(ars[h], 2), per="year")
        result["cheque_energie"] = Expected(round(cheque_by_menage[f"m{h}"], 2), per="year")
        result["bourse_college"] = Expected(round(college[h], 2), per="year")
        result["bourse_lycee"] = Expected(round(lycee[h], 2), per="year")
        if cmu_c[h]:
            result["css_participation_forfaitaire"] = Expected(0.0, variant="free")
        elif participation[h] > 0:
            result["css_participation_forfaitaire"] = Expected(round(participation[h], 2), variant="with_participation")
        else:
            result["css_participation_forfaitaire"] = Expected(0.0)
        out.append(result)
    return out
