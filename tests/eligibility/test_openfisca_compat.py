"""Contracts of `eligibility.openfisca_compat` with the installed openfisca.

Each function of the compat module leans on an internal of openfisca-core or
openfisca-france. These tests exercise each one against the real installed
packages, so a rules upgrade that moves an internal fails here by name
(`OpenFiscaInternalsChanged` says which function to update), not as a wrong
amount somewhere else. The last tests keep every other module off openfisca's
private names."""

from __future__ import annotations

import ast
import csv
from importlib.util import find_spec
from pathlib import Path

import numpy as np
import pytest
from openfisca_core import periods
from openfisca_core.simulation_builder import SimulationBuilder

from eligibility import openfisca_compat
from eligibility.openfisca_compat import (
    OpenFiscaInternalsChanged,
    deduplicate_vectorial_lookups,
    group_ids,
    housing_aid_zoning_csv,
    lazy_parameter_trees,
    memoize_entity_checks,
    memoize_group_lookups,
    memoize_instant_offsets,
    memoize_roles,
    parameter_trees_are_lazy,
    pass_periods_through,
    record_calls,
    release_arrays,
    seed_arrays,
    store_input,
    widen_parameter_cache,
)

ROOT = Path(__file__).resolve().parents[2]


def _simulation(system, people: int = 1):
    return SimulationBuilder().build_from_entities(system, {"individus": {f"p{i}": {} for i in range(people)}})


# -- memoize_instant_offsets ----------------------------------------------


def test_memoized_instant_offsets_give_what_openfisca_gives(engine):
    engine.system  # noqa: B018 (builds the rules, which memoizes the offsets)
    memoized = periods.Instant.offset
    assert hasattr(memoized, "cache_info"), "the engine no longer memoizes Instant.offset"
    original = memoized.__wrapped__
    units = [periods.DateUnit.YEAR, periods.DateUnit.MONTH, periods.DateUnit.DAY]
    instants = [
        periods.Instant((y, m, d))
        for y in (2019, 2020, 2024)
        for m in (1, 2, 12)
        for d in (1, 28, 29, 31)
        if not (m == 2 and d > 29) and not (m == 2 and d == 29 and y % 4)
    ]
    for instant in instants:
        for unit in units:
            for offset in ("first-of", "last-of", -60, -13, -12, -1, 0, 1, 11, 12):
                expected = original(instant, offset, unit)
                assert memoized(instant, offset, unit) == expected, (instant, offset, unit)
                assert memoized(instant, offset, unit) == expected  # from the cache
                assert type(memoized(instant, offset, unit)) is type(expected)
    # Periods built on it move as before (a month back, the last three months).
    month = periods.period("2025-03")
    assert str(month.offset(-1)) == "2025-02"
    assert str(month.last_3_months) == "month:2024-12:3"
    memoize_instant_offsets()  # a second call keeps the same cache
    assert periods.Instant.offset is memoized


# -- widen_parameter_cache ------------------------------------------------


def test_the_parameter_cache_is_widened_on_the_system_and_its_baselines(engine):
    """The engine's system went through `widen_parameter_cache` (4096
    instants) on every level of its reforms, and the cache answers the same
    object for the same instant."""
    each, levels = engine.system, 0
    while each is not None:
        info = each.get_parameters_at_instant.cache_info()
        assert info.maxsize == 4096, type(each).__name__
        first = each.get_parameters_at_instant("2025-05-01")
        assert each.get_parameters_at_instant("2025-05-01") is first
        each, levels = getattr(each, "baseline", None), levels + 1
    assert levels >= 2  # our reforms over FranceTaxBenefitSystem


def test_the_widened_cache_gives_the_values_of_the_original_method(engine):
    system = engine.system.baseline
    while system.baseline is not None:
        system = system.baseline
    original = type(system).get_parameters_at_instant.__wrapped__(system, "2024-04-01")
    widened = system.get_parameters_at_instant("2024-04-01")
    path = "prestations_sociales.solidarite_insertion.minima_sociaux.rsa.rsa_m.montant_de_base_du_rsa"
    read = lambda node: float(eval("node." + path))  # noqa: E731
    assert (
        read(widened) == read(original) == pytest.approx(635.71)
    )  # RSA base amount from 1 April 2024 (decree 2024-280)


def test_widening_a_method_that_is_no_longer_an_lru_cache_fails_by_name():
    class Upgraded:
        baseline = None

        def get_parameters_at_instant(self, instant):
            return instant

    with pytest.raises(OpenFiscaInternalsChanged, match="widen_parameter_cache"):
        widen_parameter_cache(Upgraded(), 16)


# -- pass_periods_through ---------------------------------------------------


def test_periods_passed_through_are_what_openfisca_gives(engine):
    import datetime

    engine.system  # noqa: B018 (builds the rules, which installs the pass-through)
    fast = periods.period
    assert getattr(fast, "passes_periods", False), "the engine no longer passes periods through"
    original = fast.original
    month = periods.period("2025-05")
    assert fast(month) is month and original(month) is month
    values = ["2025-05", "2025", "month:2025-03:3", "year:2020:2", "ETERNITY", 2024, datetime.date(2025, 5, 1)]
    values += [periods.Instant((2025, 5, 1)), periods.period("2024").offset(-1), month.last_3_months]
    for value in values:
        assert fast(value) == original(value), value
        assert type(fast(value)) is type(original(value)), value
    for bad in ("2025-13", None, 3.5):
        with pytest.raises(Exception) as expected:
            original(bad)
        with pytest.raises(expected.type):
            fast(bad)
    assert fast.register is original.register  # registering a type still reaches openfisca's function


def test_passing_periods_through_a_function_that_converts_them_fails_by_name(monkeypatch):
    def period(value):  # what an upgrade might leave: a Period is rebuilt, not given back
        return periods.Period(tuple(value))

    period.registry = {}
    monkeypatch.setattr(periods, "period", period)
    with pytest.raises(OpenFiscaInternalsChanged, match="pass_periods_through"):
        pass_periods_through()


# -- memoize_roles ----------------------------------------------------------


def _families(system):
    """Two families (a couple with two children; a parent alone with one
    child) and a lodger in a family of their own."""
    return SimulationBuilder().build_from_entities(
        system,
        {
            "individus": {name: {} for name in ("a", "b", "c", "d", "e", "f", "g")},
            "familles": {
                "f1": {"parents": ["a", "b"], "enfants": ["c", "d"]},
                "f2": {"parents": ["e"], "enfants": ["f"]},
                "f3": {"parents": ["g"]},
            },
            "foyers_fiscaux": {
                "t1": {"declarants": ["a", "b"], "personnes_a_charge": ["c", "d"]},
                "t2": {"declarants": ["e"], "personnes_a_charge": ["f"]},
                "t3": {"declarants": ["g"]},
            },
            "menages": {
                "m1": {"personne_de_reference": ["a"], "conjoint": ["b"], "enfants": ["c", "d"]},
                "m2": {"personne_de_reference": ["e"], "enfants": ["f"], "autres": ["g"]},
            },
        },
    )


def test_memoized_roles_are_what_openfisca_says(engine):
    from openfisca_core.populations import Population

    engine.system  # noqa: B018 (builds the rules, which memoizes the roles)
    memoized = Population.has_role
    assert getattr(memoized, "memoized", False), "the engine no longer memoizes Population.has_role"
    assert memoized.projectable  # the projectors forward `famille.demandeur.has_role(...)`
    original = memoized.original
    simulation = _families(engine.system)
    persons = simulation.persons
    roles = [role for entity in engine.system.entities if not entity.is_person for role in entity.flattened_roles]
    roles += [role for entity in engine.system.entities if not entity.is_person for role in entity.roles]
    assert len(roles) > 8
    for role in roles:
        expected = original(persons, role)
        for _ in range(2):  # computed, then remembered
            answer = persons.has_role(role)
            np.testing.assert_array_equal(answer, expected)
            answer[:] = ~answer  # a caller changing its copy changes nothing remembered
    # Projected through a group, as the formulas ask it.
    np.testing.assert_array_equal(
        simulation.populations["famille"].members.has_role(engine.system.get_variable("af").entity.DEMANDEUR),
        [True, False, False, False, True, False, True],
    )
    # Roles given again (a simulation rebuilt in place): answered anew.
    famille = simulation.populations["famille"]
    parent = engine.system.get_variable("af").entity.PARENT
    before = persons.has_role(parent).copy()
    famille.members_role = [famille.members_role[0]] * len(famille.members_role)
    assert not np.array_equal(persons.has_role(parent), before)
    np.testing.assert_array_equal(persons.has_role(parent), original(persons, parent))


def test_memoizing_roles_on_a_method_that_is_not_projectable_fails_by_name(monkeypatch):
    from openfisca_core.populations import Population

    def has_role(self, role):  # what an upgrade might leave: no `projectable` mark
        return None

    monkeypatch.setattr(Population, "has_role", has_role)
    with pytest.raises(OpenFiscaInternalsChanged, match="memoize_roles"):
        memoize_roles()


# -- memoize_group_lookups --------------------------------------------------


def _person_arrays(simulation, count: int) -> list:
    """Arrays over the persons as formulas pass them: floats, booleans,
    integers, an enum (EnumArray) and dates."""
    rng = np.random.default_rng(7)
    enum = simulation.persons("activite", "2025-05")  # an EnumArray, all "inactif"
    enum = type(enum)(rng.integers(0, 3, count).astype(enum.dtype), enum.possible_values)
    return [
        rng.normal(1000, 300, count),
        rng.random(count) > 0.5,
        rng.integers(-5, 50, count),
        enum,
        np.array("2000-01-01", dtype="datetime64[D]") + rng.integers(0, 9000, count),
    ]


def _scrambled_families(system):
    """Families whose members are not listed together: openfisca-core sorts
    them by group (`ordered_members_map`) before picking the one asked for."""
    return SimulationBuilder().build_from_entities(
        system,
        {
            "individus": {name: {} for name in ("a", "b", "c", "d", "e", "f", "g")},
            "familles": {
                "f1": {"parents": ["e", "b"], "enfants": ["g"]},
                "f2": {"parents": ["a"], "enfants": ["d", "c"]},
                "f3": {"parents": ["f"]},
            },
            "foyers_fiscaux": {
                "t1": {"declarants": ["e", "b"], "personnes_a_charge": ["g"]},
                "t2": {"declarants": ["a"], "personnes_a_charge": ["d", "c"]},
                "t3": {"declarants": ["f"]},
            },
            "menages": {
                "m1": {"personne_de_reference": ["g"], "enfants": ["d", "c"], "autres": ["a"]},
                "m2": {"personne_de_reference": ["e"], "conjoint": ["b"], "autres": ["f"]},
            },
        },
    )


def test_memoized_group_lookups_are_what_openfisca_gives(engine):
    from openfisca_core.indexed_enums import EnumArray
    from openfisca_core.populations import GroupPopulation

    engine.system  # noqa: B018 (builds the rules, which memoizes the lookups)
    methods = {name: getattr(GroupPopulation, name) for name in ("value_from_person", "sum", "value_nth_person")}
    for name, method in methods.items():
        assert getattr(method, "memoized", False), f"the engine no longer memoizes GroupPopulation.{name}"
        assert method.projectable  # `famille.demandeur.sum(...)`, `menage.personne_de_reference(...)`
    simulation = _scrambled_families(engine.system)
    arrays = _person_arrays(simulation, simulation.persons.count)
    checked = 0
    for key in ("famille", "foyer_fiscal", "menage"):
        group = simulation.populations[key]
        roles = [*group.entity.flattened_roles, *group.entity.roles]
        for array in arrays:
            for _ in range(2):  # computed, then remembered
                for role in roles:
                    if role.max == 1:
                        for default in (0, 7):
                            expected = methods["value_from_person"].original(group, array, role, default)
                            answer = group.value_from_person(array, role, default)
                            assert type(answer) is type(expected)
                            np.testing.assert_array_equal(answer, expected)
                            checked += 1
                    if array.dtype.kind in "fbi" and not isinstance(array, EnumArray):
                        np.testing.assert_array_equal(
                            group.sum(array, role), methods["sum"].original(group, array, role)
                        )
                        np.testing.assert_array_equal(group.sum(array), methods["sum"].original(group, array))
                for n in range(5):
                    expected = methods["value_nth_person"].original(group, n, array, -1)
                    answer = group.value_nth_person(n, array, -1)
                    assert type(answer) is type(expected)
                    np.testing.assert_array_equal(answer, expected)
    assert checked > 50
    # A role held by several members is refused, as openfisca-core refuses it.
    famille = simulation.populations["famille"]
    parent = engine.system.get_variable("af").entity.PARENT
    with pytest.raises(Exception) as refused:
        methods["value_from_person"].original(famille, arrays[0], parent)
    with pytest.raises(refused.type, match=str(refused.value)):
        famille.value_from_person(arrays[0], parent)
    # By hand: the applicants of the three families are e, a and f.
    demandeur = engine.system.get_variable("af").entity.DEMANDEUR
    np.testing.assert_array_equal(famille.value_from_person(arrays[0], demandeur), arrays[0][[4, 0, 5]])
    np.testing.assert_array_equal(famille.sum(arrays[0], role=demandeur), arrays[0][[4, 0, 5]])
    # The second member of each family, in the order of the persons: e, c, none.
    np.testing.assert_array_equal(famille.value_nth_person(1, arrays[2], -1), [arrays[2][4], arrays[2][2], -1])
    # Roles given again (a simulation rebuilt in place): answered anew.
    conjoint = engine.system.get_variable("af").entity.CONJOINT
    before = famille.value_from_person(arrays[0], conjoint).copy()
    roles = list(famille.members_role)
    roles[1], roles[4] = roles[4], roles[1]  # b and e swap conjoint and demandeur
    famille.members_role = roles
    after = famille.value_from_person(arrays[0], conjoint)
    assert not np.array_equal(after, before)
    np.testing.assert_array_equal(after, methods["value_from_person"].original(famille, arrays[0], conjoint))


def test_memoizing_group_lookups_on_methods_that_are_not_projectable_fails_by_name(monkeypatch):
    from openfisca_core.populations import GroupPopulation

    def value_from_person(self, array, role, default=0):  # what an upgrade might leave: no `projectable` mark
        return None

    monkeypatch.setattr(GroupPopulation, "value_from_person", value_from_person)
    with pytest.raises(OpenFiscaInternalsChanged, match="memoize_group_lookups"):
        memoize_group_lookups()


# -- memoize_entity_checks -------------------------------------------------


def test_memoized_entity_checks_say_what_openfisca_says(engine, monkeypatch):
    from openfisca_core.entities import SingleEntity

    engine.system  # noqa: B018 (builds the rules, which memoizes the checks)
    memoized = SingleEntity.check_variable_defined_for_entity
    assert getattr(memoized, "memoized", False), "the engine no longer memoizes the entity checks"
    original = memoized.original
    system = engine.system
    simulation = _families(system)
    individu, famille = simulation.persons.entity, simulation.populations["famille"].entity

    def outcome(check, entity, name):
        try:
            check(entity, name)
        except Exception as error:
            return type(error)
        return None

    cases = [(individu, "salaire_net"), (famille, "af"), (individu, "af"), (famille, "salaire_net")]
    cases += [(individu, "no_such_variable"), (famille, "no_such_variable")]
    for entity, name in cases:
        expected = outcome(original, entity, name)
        for _ in range(2):  # checked, then remembered
            assert outcome(memoized, entity, name) == expected, (entity.key, name)
    assert outcome(original, individu, "salaire_net") is None
    assert outcome(original, individu, "af") is ValueError  # the cases do fail where they must
    # The system's variable of that name replaced by one of another entity
    # (what a reform may do): checked anew, and refused.
    monkeypatch.setitem(system.variables, "salaire_net", system.variables["af"])
    assert outcome(memoized, individu, "salaire_net") is ValueError


def test_memoizing_entity_checks_without_the_method_fails_by_name(monkeypatch):
    from openfisca_core.entities import SingleEntity

    owner = next(c for c in SingleEntity.__mro__ if "get_variable" in vars(c))

    def check_variable_defined_for_entity(self, variable_name):  # as before memoizing
        return None

    # What an upgrade might leave: the entities find their variables some other way.
    monkeypatch.setattr(owner, "check_variable_defined_for_entity", check_variable_defined_for_entity)
    monkeypatch.delattr(owner, "get_variable")
    with pytest.raises(OpenFiscaInternalsChanged, match="memoize_entity_checks"):
        memoize_entity_checks()


# -- deduplicate_vectorial_lookups -------------------------------------------


def _vectorisable_nodes(node, found, depth=0):
    """Every node of the parameter tree that openfisca accepts to index by an array."""
    from openfisca_core.parameters import ParameterNodeAtInstant, VectorialParameterNodeAtInstant

    children = dict(node._children.items())
    if len(children) >= 2:
        try:
            VectorialParameterNodeAtInstant.check_node_vectorisable(node)
            found.append(node)
        except (ValueError, NotImplementedError, IndexError):  # IndexError: an empty child node
            pass
    if depth < 8:
        for child in children.values():
            if isinstance(child, ParameterNodeAtInstant):
                _vectorisable_nodes(child, found, depth + 1)
    return found


def _same(fast, slow, depth=0):
    """The two results give the same values, down every child name."""
    if isinstance(slow, np.ndarray):
        assert isinstance(fast, np.ndarray)
        assert fast.dtype == slow.dtype
        np.testing.assert_array_equal(fast, slow)
        return 1
    assert len(fast.vector) == len(slow.vector)
    names = list(slow.vector[0]._children)
    return sum(_same(fast[name], slow[name], depth + 1) for name in names)


def test_deduplicated_vectorial_lookups_give_what_openfisca_gives(engine):
    from openfisca_core.parameters import VectorialParameterNodeAtInstant

    engine.system  # noqa: B018 (builds the rules, which installs the deduplication)
    fast = VectorialParameterNodeAtInstant.build_from_node_name
    assert getattr(fast, "deduplicated", False), "the engine no longer deduplicates vectorial lookups"
    slow = fast.original
    rng = np.random.default_rng(2026)
    compared = integers = 0
    for instant in ("2025-05-01", "2021-01-01"):
        nodes = _vectorisable_nodes(engine.system.get_parameters_at_instant(instant), [])
        assert len(nodes) > 20
        for node in nodes:
            names = np.array(list(node._children))
            keys = rng.choice(names, size=50)
            compared += _same(fast(node, keys), slow(node, keys))
            # Through the node's own indexing, as the formulas write it.
            compared += _same(node[keys], slow(node, keys))
            if all(name.isdigit() for name in names):  # zones, ages: indexed by integers too
                numbers = keys.astype(int)
                compared += _same(fast(node, numbers), slow(node, numbers))
                integers += 1
    assert compared > 100
    assert integers > 0


def test_deduplicating_lookups_without_the_helpers_fails_by_name(monkeypatch):
    from openfisca_core.parameters import VectorialParameterNodeAtInstant

    monkeypatch.setattr(VectorialParameterNodeAtInstant, "build_from_node_name", staticmethod(lambda node, key: None))
    monkeypatch.delattr(VectorialParameterNodeAtInstant, "_get_appropriate_subnode_function")
    with pytest.raises(OpenFiscaInternalsChanged, match="deduplicate_vectorial_lookups"):
        deduplicate_vectorial_lookups()


# -- lazy_parameter_trees ----------------------------------------------------


def _flattened(node, path: str = "") -> dict:
    """Every node's children (in order) and every value's repr, read through
    iteration and attributes as formulas and the vectorial lookups read them."""
    from openfisca_core.parameters import ParameterNodeAtInstant

    if not isinstance(node, ParameterNodeAtInstant):
        return {path: repr(node)}
    flat = {path: list(node._children)}
    for name in node:
        assert name in node._children
        flat.update(_flattened(getattr(node, name), f"{path}.{name}"))
    return flat


def test_lazy_parameter_trees_are_the_trees_openfisca_builds(engine, monkeypatch):
    from openfisca_core.errors import ParameterNotFoundError
    from openfisca_core.parameters import ParameterNode

    parameters = engine.system.parameters  # builds the rules, which makes the trees lazy
    lazy = ParameterNode._get_at_instant
    assert parameter_trees_are_lazy(), "the engine no longer builds parameter trees lazily"
    for instant in ("2025-05-01", "2019-01-01"):
        fresh = lazy(parameters, instant)
        path = "prestations_sociales.solidarite_insertion.minima_sociaux.rsa.rsa_m.montant_de_base_du_rsa"
        assert float(eval("fresh." + path)) > 0
        # Only the branch read was built.
        assert "prestations_sociales" in vars(fresh) and "marche_travail" not in vars(fresh)
        with pytest.raises(ParameterNotFoundError):
            fresh.no_such_parameter  # noqa: B018
        with pytest.raises(ParameterNotFoundError):
            fresh["no_such_parameter"]
        assert "no_such_parameter" not in fresh._children
        read_lazily = _flattened(lazy(parameters, instant))
        with monkeypatch.context() as eager:
            eager.setattr(ParameterNode, "_get_at_instant", lazy.original)
            built_whole = _flattened(lazy.original(parameters, instant))
        assert len(read_lazily) > 1000
        assert read_lazily == built_whole


def test_lazy_trees_over_a_method_that_is_gone_fail_by_name(monkeypatch):
    from openfisca_core.parameters import ParameterNode

    monkeypatch.setattr(ParameterNode, "_get_at_instant", None)
    with pytest.raises(OpenFiscaInternalsChanged, match="lazy_parameter_trees"):
        lazy_parameter_trees()


# -- store_input -----------------------------------------------------------


def test_stored_inputs_are_what_set_input_would_store_and_what_formulas_read(engine):
    """The same array stored for several months reads back for each month,
    encoded like `set_input` would (an enum, a float), and a formula reading
    it sees it."""
    system = engine.system
    months = [periods.period(m) for m in ("2025-03", "2025-04", "2025-05")]
    ours, reference = _simulation(system, 3), _simulation(system, 3)
    salaries = np.array([1000.0, 0.0, 1523.5])
    activities = np.array(["actif", "chomeur", "retraite"])
    store_input(ours, "salaire_net", months, salaries)
    store_input(ours, "activite", months, activities)
    for month in months:
        reference.set_input("salaire_net", month, salaries)
        reference.set_input("activite", month, activities)
        for variable in ("salaire_net", "activite"):
            stored = ours.get_holder(variable).get_array(month)
            assert stored is not None, f"{variable} {month} not stored"
            np.testing.assert_array_equal(stored, reference.get_holder(variable).get_array(month))
            assert not stored.flags.writeable
    # A formula sees the stored values: the quarterly sum the minima sociaux read.
    total = ours.calculate_add("salaire_net", periods.period("month:2025-03:3"))
    np.testing.assert_allclose(total, 3 * salaries)


def test_stored_inputs_are_checked_for_length_like_set_input(engine):
    simulation = _simulation(engine.system, 2)
    with pytest.raises(ValueError, match="length"):
        store_input(simulation, "salaire_net", [periods.period("2025-05")], np.zeros(3))


def test_storing_without_the_holder_internals_fails_by_name():
    class Holder:  # what an upgrade might leave: no _to_array, no _memory_storage
        pass

    class Simulation:
        def get_holder(self, variable):
            return Holder()

    with pytest.raises(OpenFiscaInternalsChanged, match="store_input"):
        store_input(Simulation(), "salaire_net", [], np.zeros(1))


# -- record_calls, seed_arrays -----------------------------------------------


def _three_salaries(system):
    simulation = _simulation(system, 3)
    store_input(simulation, "salaire_net", [periods.period("2025-05")], np.array([1000.0, 0.0, 1523.5]))
    return simulation


def _tree_calls(node, caller, found) -> None:
    found.setdefault(caller, set()).add((node.name, node.period))
    for child in node.children:
        _tree_calls(child, (node.name, node.period), found)


def test_recorded_calls_are_the_calls_openfisca_traces(engine):
    """The calls noted are those openfisca's own full tracer shows, caller by
    caller, for a calculation that goes through several formulas."""
    ours, traced = _three_salaries(engine.system), _three_salaries(engine.system)
    calls = record_calls(ours)
    traced.trace = True
    month = periods.period("2025-05")
    np.testing.assert_array_equal(
        ours.calculate("rsa_revenu_activite_individu", month), traced.calculate("rsa_revenu_activite_individu", month)
    )
    expected: dict = {}
    for tree in traced.tracer.trees:
        _tree_calls(tree, None, expected)
    assert len(expected) > 3  # formulas asked for others
    assert calls.by_caller() == expected


def test_recording_calls_on_a_traced_simulation_fails_by_name(engine):
    simulation = _simulation(engine.system)
    simulation.trace = True  # a FullTracer: not the tracer record_calls replaces
    with pytest.raises(OpenFiscaInternalsChanged, match="record_calls"):
        record_calls(simulation)


def test_seeded_arrays_are_the_source_rows_and_formulas_read_them(engine):
    """People 2 and 0 of a computed simulation seed a two-person one: it
    holds their values, in that order, and its formulas read those (a
    seeded value that differs from what the formula gives shows it is read
    rather than computed again); a value it already holds stays."""
    system = engine.system
    month = periods.period("2025-05")
    source = _three_salaries(system)
    source.calculate("rsa_revenu_activite_individu", month)
    target = _simulation(system, 2)
    store_input(target, "salaire_net", [month], np.array([1.0, 2.0]))
    marked = source.get_holder("revenus_stage_formation_pro").get_array(month)
    assert marked is not None
    source.get_holder("revenus_stage_formation_pro").delete_arrays(month)
    source.set_input("revenus_stage_formation_pro", month, np.array([10.0, 20.0, 30.0]))
    computed = {("revenus_stage_formation_pro", month), ("salaire_net", month)}
    seed_arrays(source, target, computed, {"individu": np.array([2, 0])})
    np.testing.assert_array_equal(target.calculate("revenus_stage_formation_pro", month), [30.0, 10.0])
    np.testing.assert_array_equal(target.calculate("salaire_net", month), [1.0, 2.0])
    reference = _simulation(system, 2)
    store_input(reference, "salaire_net", [month], np.array([1.0, 2.0]))
    reference.set_input("revenus_stage_formation_pro", month, np.array([30.0, 10.0]))
    np.testing.assert_array_equal(
        target.calculate("rsa_revenu_activite_individu", month),
        reference.calculate("rsa_revenu_activite_individu", month),
    )


def test_seeding_without_the_holder_storage_fails_by_name(engine):
    class Holder:  # what an upgrade might leave: no _memory_storage
        def get_array(self, period):
            return None

    class Target:
        def get_holder(self, variable):
            return Holder()

    source = _three_salaries(engine.system)
    with pytest.raises(OpenFiscaInternalsChanged, match="seed_arrays"):
        seed_arrays(source, Target(), {("salaire_net", periods.period("2025-05"))}, {"individu": np.array([0])})


# -- release_arrays ------------------------------------------------------------


def test_released_simulations_hold_no_array_and_compute_again(engine):
    system = engine.system
    simulation = _three_salaries(system)
    month = periods.period("2025-05")
    before = simulation.calculate("rsa_revenu_activite_individu", month).copy()
    assert simulation.get_holder("salaire_net").get_known_periods()
    release_arrays(simulation)
    for population in simulation.populations.values():
        assert all(not holder.get_known_periods() for holder in population._holders.values())
    store_input(simulation, "salaire_net", [month], np.array([1000.0, 0.0, 1523.5]))  # as _three_salaries
    np.testing.assert_array_equal(simulation.calculate("rsa_revenu_activite_individu", month), before)


def test_releasing_without_the_populations_holders_fails_by_name():
    class Population:  # what an upgrade might leave: no _holders
        pass

    class Simulation:
        populations = {"individu": Population()}

    with pytest.raises(OpenFiscaInternalsChanged, match="release_arrays"):
        release_arrays(Simulation())


# -- group_ids ---------------------------------------------------------------


def test_group_ids_keep_our_order_when_openfisca_matches_members(engine):
    """Twelve families of one person each, person i in family i: with the
    padded ids, the simulation's family of each person is the one we gave.
    Unpadded ids (`famille10` sorts before `famille2`) would not be."""
    system = engine.system
    count = 12
    builder = SimulationBuilder()
    builder.create_entities(system)
    builder.declare_person_entity("individu", [f"p{i}" for i in range(count)])
    for key in ("famille", "foyer_fiscal", "menage"):
        entity = builder.declare_entity(key, group_ids(key, count))
        roles = {"famille": "demandeur", "foyer_fiscal": "declarant_principal", "menage": "personne_de_reference"}
        builder.join_with_persons(entity, np.arange(count), np.array([roles[key]] * count))
    simulation = builder.build(system)
    # Each person's rent reaches their own household: read back through the household entity.
    rents = np.arange(count, dtype=float) * 100
    simulation.set_input("loyer", "2025-05", rents)
    menage = simulation.populations["menage"]
    np.testing.assert_array_equal(menage.members_entity_id, np.arange(count))
    np.testing.assert_array_equal(simulation.calculate("loyer", "2025-05"), rents)
    assert group_ids("famille", 12) == sorted(group_ids("famille", 12))


# -- france_system ------------------------------------------------------------


def _described(system) -> list[tuple]:
    return [
        (name, v.value_type, v.entity.key, v.definition_period, list(v.formulas), v.label, v.reference, v.set_input)
        for name, v in system.variables.items()
    ]


def test_the_rules_loaded_without_parsing_their_source_are_the_rules_openfisca_loads(engine):
    """Every variable of openfisca-france, in the same order, with the same
    type, entity, period, formulas (by start date), label, references and
    input rule, as openfisca-core's own `add_variables_from_file` loads them."""
    import os

    import openfisca_france
    from openfisca_core.taxbenefitsystems import TaxBenefitSystem
    from openfisca_france.entities import entities

    root = engine.system
    while getattr(root, "baseline", None) is not None:
        root = root.baseline
    assert type(root).__name__ == "FranceWithoutSourceIntrospection"
    plain = TaxBenefitSystem(entities)
    plain.add_variables_from_directory(os.path.join(os.path.dirname(openfisca_france.__file__), "model"))
    ours = _described(root)
    assert len(ours) > 3_000
    assert ours == _described(plain)
    # The same formulas, not only the same dates: compiled from the same lines.
    for name in ("rsa", "ppa", "aide_logement", "asi_aspa_condition_nationalite"):
        mine, theirs = root.variables[name].formulas, plain.variables[name].formulas
        assert [f.__code__.co_code for f in mine.values()] == [f.__code__.co_code for f in theirs.values()]
    # What the skipped parsing fed: read by openfisca's web API only.
    assert root.variables["rsa"].introspection_data is None
    assert plain.variables["rsa"].introspection_data is not None


def test_a_system_that_loads_its_variables_its_own_way_fails_by_name(monkeypatch):
    from openfisca_france import FranceTaxBenefitSystem

    monkeypatch.setattr(FranceTaxBenefitSystem, "add_variables_from_file", lambda self, path: None, raising=False)
    with pytest.raises(OpenFiscaInternalsChanged, match="france_system"):
        openfisca_compat.france_system()


# -- housing_aid_zoning_csv ---------------------------------------------------


def test_the_zoning_file_is_where_the_rules_read_it_with_the_columns_we_read():
    path = housing_aid_zoning_csv()
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle)
        header = next(rows)
        for column in ("CODGEO", "LIBCOM_2014", "DEP"):
            assert column in header, f"column {column} missing from {path}"
        code, name = header.index("CODGEO"), header.index("LIBCOM_2014")
        names = {row[code]: row[name] for row in rows}
    assert names["59350"] == "Lille"  # INSEE code of Lille
    assert len(names) > 30_000  # every commune of France


def test_the_zoning_file_is_found_without_loading_the_rules():
    """`eligibility.communes` validates a commune without building the rules:
    locating the file must not import openfisca_france's model."""
    import subprocess
    import sys

    code = (
        "import sys; from eligibility.openfisca_compat import housing_aid_zoning_csv; "
        "housing_aid_zoning_csv(); print('openfisca_france' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == "False"


# -- nothing else uses openfisca's private names --------------------------


def _openfisca_private_names() -> set[str]:
    """Every `_name` openfisca-core defines: functions, methods, attributes
    assigned on `self`, module-level names."""
    folder = Path(next(iter(find_spec("openfisca_core").submodule_search_locations)))
    names: set[str] = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
    return {n for n in names if n.startswith("_") and not n.startswith("__")}


def _our_modules():
    for package in ("eligibility", "questionnaires", "kiosk", "locales", "benchmarks"):
        for path in sorted((ROOT / package).rglob("*.py")):
            if path.name != "openfisca_compat.py":
                yield path, ast.parse(path.read_text(encoding="utf-8"))


def _names_we_define(trees) -> set[str]:
    names = set()
    for _, tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
    return names


def test_no_module_but_the_compat_one_uses_openfisca_private_names():
    """Outside `eligibility/openfisca_compat.py`: no attribute named like a
    private of openfisca-core (unless it is one of ours, defined in our own
    code), no `__wrapped__`, no private name imported from openfisca, no path
    into openfisca's package folder."""
    trees = list(_our_modules())
    private = _openfisca_private_names() - _names_we_define(trees)
    assert {"_to_array", "_memory_storage"} <= private  # the scan sees what it must forbid
    found = []
    for path, tree in trees:
        where = path.relative_to(ROOT)
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and (node.attr in private or node.attr == "__wrapped__"):
                found.append(f"{where}:{node.lineno} .{node.attr}")
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("openfisca"):
                parts = node.module.split(".") + [a.name for a in node.names]
                if any(p.startswith("_") for p in parts):
                    found.append(f"{where}:{node.lineno} from {node.module} import …")
            elif isinstance(node, ast.Constant) and node.value in ("openfisca_core", "openfisca_france"):
                found.append(f"{where}:{node.lineno} {node.value!r} (a path into the package?)")
    assert not found, "openfisca internals outside eligibility/openfisca_compat.py:\n" + "\n".join(found)


def test_the_compat_module_documents_why_for_each_function():
    for name in (
        "memoize_roles",
        "memoize_group_lookups",
        "memoize_entity_checks",
        "widen_parameter_cache",
        "lazy_parameter_trees",
        "store_input",
        "record_calls",
        "seed_arrays",
        "release_arrays",
        "group_ids",
        "housing_aid_zoning_csv",
    ):
        doc = getattr(openfisca_compat, name).__doc__ or ""
        assert "Why:" in doc, name
