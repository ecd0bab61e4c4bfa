"""Every use of openfisca-core's and openfisca-france's internals, in one place.

The rules are upgraded every year (new amounts every April). The public API
of openfisca-core does not cover a few things this project needs for speed
or data; each is wrapped here in one small function saying why, and
`tests/eligibility/test_openfisca_compat.py` checks each against the
installed version, so an upgrade that changes an internal fails there,
loudly and by name, instead of somewhere in a screening. No other module
uses a private name of openfisca (`tests/eligibility/test_openfisca_compat.py`
walks the code to keep it so).

This module imports openfisca lazily: `eligibility.communes` uses it to find
a data file without loading the rules.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from importlib.util import find_spec
from pathlib import Path


class OpenFiscaInternalsChanged(RuntimeError):
    """An internal of openfisca this project relies on is not where it was:
    the installed version differs from the one `openfisca_compat` was written
    for. The message says which internal and which function to update."""


def _changed(what: str, function: str) -> OpenFiscaInternalsChanged:
    return OpenFiscaInternalsChanged(
        f"openfisca internals changed: {what}. Update eligibility.openfisca_compat.{function} "
        "for the installed openfisca-core/openfisca-france and run tests/eligibility/test_openfisca_compat.py."
    )


# -- periods -------------------------------------------------------------


def memoize_instant_offsets(size: int = 1 << 16) -> None:
    """Keep the results of `Instant.offset` (process-wide, idempotent).

    Why: the formulas move periods back and forth (`period.offset(-1)`, the
    last three months, the years back to N-5) about 5 000 times per screened
    household, each through pendulum's date arithmetic: about a tenth of a
    single screening's CPU (what the advisor waits for after each field
    change). An `Instant` is an immutable tuple and `offset` a pure function
    of it and its arguments, so a result once computed can be given again.
    Internal used: the method is replaced on the class; the contract test
    checks the replacement gives what openfisca-core's own method gives."""
    from openfisca_core.periods import Instant

    method = Instant.offset
    if hasattr(method, "cache_info"):
        return
    if not callable(method) or getattr(method, "__name__", "") != "offset":
        raise _changed("openfisca_core.periods.Instant.offset is not a plain method", "memoize_instant_offsets")
    Instant.offset = functools.lru_cache(maxsize=size)(method)


def pass_periods_through() -> None:
    """Give `openfisca_core.periods.period` a `Period` back at once (process-wide, idempotent).

    Why: openfisca-core converts its argument with `periods.period(...)` at
    every calculation, every population call and every read or write of a
    stored array (tens of thousands of times per screening), nearly always
    on what is already a `Period`, which the function returns as it is; but
    it is a `functools.singledispatch` function, whose dispatch costs more
    than the conversion: about a twentieth of a single screening's CPU.
    Internal used: the module attribute `openfisca_core.periods.period` is
    replaced (openfisca-core's modules call it through the module); anything
    other than exactly a `Period` goes to the original function, whose
    `register`, `registry` and `dispatch` stay reachable. The contract test
    compares with the original function."""
    from openfisca_core import periods

    original = periods.period
    if getattr(original, "passes_periods", False):
        return
    sample = periods.Period((periods.DateUnit.MONTH, periods.Instant((2025, 5, 1)), 1))
    if not hasattr(original, "registry") or original(sample) is not sample:
        raise _changed("openfisca_core.periods.period does not give a Period back as it is", "pass_periods_through")
    period_type = periods.Period

    @functools.wraps(original)
    def period(value):
        if type(value) is period_type:
            return value
        return original(value)

    period.passes_periods = True
    period.original = original
    periods.period = period


# -- roles ---------------------------------------------------------------


def memoize_roles() -> None:
    """Keep, per simulation, which persons have a role (process-wide, idempotent).

    Why: `Population.has_role` compares the whole object array of the
    members' roles with the role, element by element, and the formulas ask
    it about a thousand times per simulation (every `famille.sum(...,
    role=...)`, `famille.demandeur(...)`): a twentieth of a caseload
    screening's CPU for answers that never change once the simulation is
    built. Internals used: the method is replaced on the class, keeping the
    `projectable` mark the projectors look for; the answer is kept on the
    person population with the `members_role` array it was computed from,
    and computed again when that array is replaced. A copy is returned, as
    the original returns a new array. The contract test checks the answers
    against openfisca-core's own method."""
    from openfisca_core.populations import Population

    method = Population.has_role
    if getattr(method, "memoized", False):
        return
    if getattr(method, "__name__", "") != "has_role" or not getattr(method, "projectable", False):
        raise _changed("openfisca_core.populations.Population.has_role is not a projectable method", "memoize_roles")

    @functools.wraps(method)
    def has_role(self, role):
        simulation = self.simulation
        if simulation is None:
            return method(self, role)
        members_role = simulation.get_population(role.entity.plural).members_role
        known = self.__dict__.setdefault("_roles_known", {})
        entry = known.get(role)
        if entry is not None and entry[0] is members_role:
            return entry[1].copy()
        answer = method(self, role)
        known[role] = (members_role, answer.copy())
        return answer

    has_role.projectable = True
    has_role.memoized = True
    has_role.original = method
    Population.has_role = has_role


def memoize_group_lookups() -> None:
    """Keep, per group population, where each role's member sits
    (process-wide, idempotent).

    Why: `famille.demandeur(...)`, `famille.conjoint(...)` and
    `menage.personne_de_reference(...)` (`value_from_person`), every
    `famille.sum(..., role=...)` and `value_nth_person` work out again at
    each call which person holds the role (or position) in each group,
    passing over every person and counting them by group: about a
    twentieth of a caseload screening's CPU, for an answer that never
    changes once the simulation is built. Internals used:
    `GroupPopulation.value_from_person`, `sum` and `value_nth_person` are
    replaced on the class, keeping their `projectable` mark; what is kept
    (the rows of the members concerned, the groups that have one) is
    computed the way openfisca-core computes it, with its
    `ordered_members_map`, `members_position`, `nb_persons`, the person
    population's `has_role` and the group's `any`, and is kept with the
    `members_entity_id` and `members_role` arrays it came from: computed
    again when either is replaced. The contract test compares with
    openfisca-core's own methods."""
    import numpy as np
    from openfisca_core import indexed_enums
    from openfisca_core.populations import GroupPopulation

    value_from_person = GroupPopulation.value_from_person
    total = GroupPopulation.sum
    value_nth_person = GroupPopulation.value_nth_person
    if getattr(value_from_person, "memoized", False):
        return
    methods = (value_from_person, total, value_nth_person)
    helpers = ("ordered_members_map", "members_position", "nb_persons", "filled_array", "any")
    if not all(getattr(m, "projectable", False) for m in methods) or not all(
        hasattr(GroupPopulation, name) for name in helpers
    ):
        raise _changed(
            "GroupPopulation.value_from_person, sum, value_nth_person or their helpers are not what they were",
            "memoize_group_lookups",
        )

    def known(population, role, what):
        """`what(population, role)` remembered for the arrays it read."""
        arrays = (population.members_entity_id, population.members_role)
        cache = population.__dict__.setdefault("_lookups_known", {})
        entry = cache.get((what, role))
        if entry is not None and entry[0][0] is arrays[0] and entry[0][1] is arrays[1]:
            return entry[1]
        answer = what(population, role)
        cache[(what, role)] = (arrays, answer)
        return answer

    def holders(population, role):
        members_map = population.ordered_members_map
        role_filter = population.members.has_role(role)
        # `array[members_map][role_filter[members_map]]`, as one index.
        return population.any(role_filter), members_map[role_filter[members_map]]

    def members_of(population, role):
        role_filter = population.members.has_role(role)
        return population.members_entity_id[role_filter], role_filter

    def nth(population, n):
        members_map = population.ordered_members_map
        return population.nb_persons() > n, members_map[population.members_position[members_map] == n]

    @functools.wraps(value_from_person)
    def value_from_person_kept(self, array, role, default=0):
        if self.members_entity_id is None:
            return value_from_person(self, array, role, default)
        self.entity.check_role_validity(role)
        if role.max != 1:
            return value_from_person(self, array, role, default)  # raises, as it did
        self.members.check_array_compatible_with_entity(array)
        result = self.filled_array(default, dtype=array.dtype)
        if isinstance(array, indexed_enums.EnumArray):
            result = indexed_enums.EnumArray(result, array.possible_values)
        groups, rows = known(self, role, holders)
        result[groups] = array[rows]
        return result

    @functools.wraps(total)
    def sum_kept(self, array, role=None):
        if role is None or self.members_entity_id is None:
            return total(self, array, role)
        self.entity.check_role_validity(role)
        self.members.check_array_compatible_with_entity(array)
        groups, role_filter = known(self, role, members_of)
        return np.bincount(groups, weights=array[role_filter], minlength=self.count)

    @functools.wraps(value_nth_person)
    def value_nth_person_kept(self, n, array, default=0):
        if self.members_entity_id is None:
            return value_nth_person(self, n, array, default)
        self.members.check_array_compatible_with_entity(array)
        result = self.filled_array(default, dtype=array.dtype)
        groups, rows = known(self, n, nth)
        result[groups] = array[rows]
        if isinstance(array, indexed_enums.EnumArray):
            result = indexed_enums.EnumArray(result, array.possible_values)
        return result

    for kept, original in (
        (value_from_person_kept, value_from_person),
        (sum_kept, total),
        (value_nth_person_kept, value_nth_person),
    ):
        kept.projectable = True
        kept.memoized = True
        kept.original = original
    GroupPopulation.value_from_person = value_from_person_kept
    GroupPopulation.sum = sum_kept
    GroupPopulation.value_nth_person = value_nth_person_kept


def memoize_entity_checks() -> None:
    """Remember which variables an entity was found to own (process-wide, idempotent).

    Why: every `individu('salaire_net', period)` in a formula first checks
    that the variable exists and belongs to that entity, through the tax
    and benefit system's lookup: about a tenth of a single screening's CPU
    (the advisor's latency), for an answer that is the same every time.
    Internals used: `check_variable_defined_for_entity` is replaced on the
    entity class that defines it; a check that passed is remembered on the
    entity with the system and the `Variable` object it found, and asked
    again whenever the system's variable of that name is another object (a
    reform, an update). A check that fails is never remembered: it raises as
    before. The contract test compares with openfisca-core's own method."""
    from openfisca_core.entities import SingleEntity

    owner = next((c for c in SingleEntity.__mro__ if "check_variable_defined_for_entity" in vars(c)), None)
    method = getattr(owner, "check_variable_defined_for_entity", None)
    if getattr(method, "memoized", False):
        return
    if method is None or not callable(getattr(SingleEntity, "get_variable", None)):
        raise _changed(
            "the entities' check_variable_defined_for_entity or get_variable is gone", "memoize_entity_checks"
        )

    @functools.wraps(method)
    def check_variable_defined_for_entity(self, variable_name):
        system = getattr(self, "_tax_benefit_system", None)
        known = self.__dict__.setdefault("_variables_checked", {})
        entry = known.get(variable_name)
        if entry is not None and entry[0] is system and system.variables.get(variable_name) is entry[1]:
            return None
        method(self, variable_name)
        if system is not None and variable_name in system.variables:
            known[variable_name] = (system, system.variables[variable_name])
        return None

    check_variable_defined_for_entity.memoized = True
    check_variable_defined_for_entity.original = method
    owner.check_variable_defined_for_entity = check_variable_defined_for_entity


# -- parameters ----------------------------------------------------------


def widen_parameter_cache(system, size: int) -> None:
    """Let `system.get_parameters_at_instant` keep `size` instants.

    Why: openfisca-core caches the parameter tree of 128 instants
    (`functools.lru_cache` on the method); one screening reads about 150
    (five years of months), so every screening evicted and rebuilt most of
    them. Applied to the system and to every system it reforms (`baseline`),
    since each has its own cache. Internal used: the method is an
    `lru_cache` wrapper whose undecorated function is `__wrapped__`."""
    each = system
    while each is not None:
        method = getattr(type(each), "get_parameters_at_instant", None)
        unbound = getattr(method, "__wrapped__", None)
        if unbound is None:
            raise _changed(
                "TaxBenefitSystem.get_parameters_at_instant is no longer a functools.lru_cache wrapper",
                "widen_parameter_cache",
            )
        each.get_parameters_at_instant = functools.lru_cache(maxsize=size)(functools.partial(unbound, each))
        each = getattr(each, "baseline", None)


def lazy_parameter_trees() -> None:
    """Build the parameters at an instant child by child, as they are read (process-wide, idempotent).

    Why: openfisca-core builds the whole tree of parameters (thousands of
    values) at every instant the rules read, and the rules read a few
    branches of each: the trees were most of the first screening of a month
    (what a kiosk waits for when the month changes, and what the batch's
    main process does for each month before it forks its workers). Here a
    node at an instant resolves a child (`child._get_at_instant(instant)`,
    as the original constructor does for every child) the first time it is
    read, then keeps it as an attribute, as the original does. A name that
    is not there raises `ParameterNotFoundError` as before; iterating, `in`,
    `keys()` and `items()` see the children the original has (those not None
    at the instant), in its order. Internals used:
    `ParameterNode._get_at_instant` (replaced), the node's `children`, and
    `ParameterNodeAtInstant`'s `_name`, `_instant_str` and `_children`
    (which the vectorial lookups and scales read). The contract test
    compares whole trees with the original's."""
    from collections.abc import Mapping

    from openfisca_core.parameters import ParameterNode, ParameterNodeAtInstant

    original = ParameterNode.__dict__.get("_get_at_instant")
    if getattr(original, "lazy", False):
        return
    if not callable(original) or not callable(getattr(ParameterNodeAtInstant, "__getattr__", None)):
        raise _changed(
            "ParameterNode._get_at_instant or ParameterNodeAtInstant is not as it was", "lazy_parameter_trees"
        )

    class Children(Mapping):
        """A node's children at an instant, each resolved when first read."""

        def __init__(self, owner, node, instant_str):
            self._owner, self._node, self._instant_str = owner, node, instant_str
            self._resolved: dict = {}
            self._all: dict | None = None

        def __getitem__(self, key):
            if key in self._resolved:
                return self._resolved[key]
            child = self._node.children.get(key) if isinstance(key, str) else None
            value = None if child is None else child._get_at_instant(self._instant_str)
            if value is None:
                raise KeyError(key)
            self._resolved[key] = value
            object.__setattr__(self._owner, key, value)
            return value

        def _every(self) -> dict:
            if self._all is None:
                self._all = {name: self[name] for name in self._node.children if name in self}
            return self._all

        def __contains__(self, key) -> bool:
            try:
                self[key]
            except KeyError:
                return False
            return True

        def __iter__(self):
            return iter(self._every())

        def __len__(self) -> int:
            return len(self._every())

    class LazyNodeAtInstant(ParameterNodeAtInstant):
        def __init__(self, name, node, instant_str) -> None:
            self._name = name
            self._instant_str = instant_str
            self._children = Children(self, node, instant_str)

        def add_child(self, child_name, child_at_instant) -> None:
            self._children._resolved[child_name] = child_at_instant
            object.__setattr__(self, child_name, child_at_instant)

        def __getattr__(self, key):
            children = self.__dict__.get("_children")
            if children is not None and not key.startswith("__") and key in children:
                return children[key]
            return super().__getattr__(key)

    def _get_at_instant(self, instant):
        return LazyNodeAtInstant(self.name, self, instant)

    _get_at_instant.lazy = True
    _get_at_instant.original = original
    ParameterNode._get_at_instant = _get_at_instant


def parameter_trees_are_lazy() -> bool:
    """Whether `lazy_parameter_trees` was applied in this process (a benchmark
    checks that its plain OpenFisca is left as published)."""
    from openfisca_core.parameters import ParameterNode

    return getattr(ParameterNode.__dict__.get("_get_at_instant"), "lazy", False)


def deduplicate_vectorial_lookups() -> None:
    """Look each distinct key up once in a parameter node indexed by an
    array ("fancy indexing", process-wide, idempotent).

    Why: `parameters(period).zones[zone]` (the housing aid's zones, the
    rent reduction's, the C2S's ceilings) is evaluated by openfisca-core
    element by element: one lookup in the node per household, and before
    that a check of the node's whole subtree, at every call; with a few
    distinct keys among thousands of households it was about a twentieth of
    a caseload screening's CPU. Here the node's check is done once per node
    (nodes are cached per instant), each distinct key is looked up once
    (`numpy.unique`), and the result is spread back to every element. The
    vector of nodes this gives answers `node.child` the same way. Keys that
    are not plain text, integers or dates go to openfisca-core's own code.
    Internals used: `VectorialParameterNodeAtInstant.build_from_node_name`
    (replaced), its `check_node_vectorisable`, `_get_appropriate_keys`,
    `_get_appropriate_subnode_function` and `build_from_nodes`. The contract
    test compares with the original on every vectorisable node of the rules."""
    import numpy as np
    from openfisca_core import parameters

    vector_class = parameters.VectorialParameterNodeAtInstant
    original = getattr(vector_class.__dict__.get("build_from_node_name"), "__func__", None)
    if getattr(original, "deduplicated", False):
        return
    needed = ("check_node_vectorisable", "_get_appropriate_keys", "_get_appropriate_subnode_function")
    if original is None or not all(hasattr(vector_class, name) for name in needed + ("build_from_nodes",)):
        raise _changed(
            "VectorialParameterNodeAtInstant.build_from_node_name or its helpers are gone",
            "deduplicate_vectorial_lookups",
        )
    node_class = parameters.ParameterNodeAtInstant
    checked: dict[int, object] = {}  # id -> node, kept alive so that its id is not reused

    class Deduplicated(vector_class):
        """A vector of nodes kept as its distinct nodes and, per element, the
        index of its node; `vector` is built only if something asks for it."""

        def __init__(self, distinct, inverse, name, instant_str):
            self._distinct = distinct
            self._inverse = inverse
            self._name = name
            self._instant_str = instant_str

        @property
        def vector(self):
            return [self._distinct[i] for i in self._inverse.tolist()]

        def __getitem__(self, key):
            if isinstance(key, str):
                return spread(self, [node[key] for node in self._distinct], self._inverse)
            return super().__getitem__(key)

    def spread(parent, distinct: list, inverse):
        if isinstance(distinct[0], node_class):
            return Deduplicated(distinct, inverse, parent._name, parent._instant_str)
        if all(type(value) in (int, float, str) for value in distinct):
            # The same values as numpy.array(every element): the same set of
            # Python values gives the same dtype.
            return np.array(distinct)[inverse]
        return vector_class.build_from_nodes(parent, [distinct[i] for i in inverse.tolist()])

    def build_from_node_name(node, key):
        if checked.get(id(node)) is not node:
            vector_class.check_node_vectorisable(node)
            checked[id(node)] = node
        keys = vector_class._get_appropriate_keys(key)
        if not isinstance(keys, np.ndarray) or keys.ndim != 1 or not len(keys) or keys.dtype.kind not in "USiuM":
            return original(node, key)
        subnode_key = vector_class._get_appropriate_subnode_function(keys[0])
        distinct_keys, inverse = np.unique(keys, return_inverse=True)
        return spread(node, [node[subnode_key(node, k)] for k in distinct_keys], inverse.reshape(-1))

    build_from_node_name.deduplicated = True
    build_from_node_name.original = original
    vector_class.build_from_node_name = staticmethod(build_from_node_name)


# -- simulation inputs ---------------------------------------------------


def store_input(simulation, variable: str, periods: Iterable, values) -> None:
    """Declare the same values of `variable` for many periods at once.

    Why: `Simulation.set_input` validates and encodes the array again for
    every period (about 7 000 calls a screening, a large share of building
    the inputs); we encode once and store the same read-only array for each
    period. Internals used: `Holder._to_array` (validation and encoding) and
    `Holder._memory_storage.put` (the store `set_input` ends in for a
    variable kept in memory). `periods` are openfisca `Period`s of the
    variable's definition period."""
    holder = simulation.get_holder(variable)
    to_array = getattr(holder, "_to_array", None)
    storage = getattr(holder, "_memory_storage", None)
    if to_array is None or not hasattr(storage, "put"):
        raise _changed("Holder._to_array or Holder._memory_storage.put is gone", "store_input")
    array = to_array(values)
    array.flags.writeable = False
    for period in periods:
        storage.put(array, period)


def record_calls(simulation) -> RecordedCalls:
    """From now on, note which calculation asks for which (`RecordedCalls.by_caller`).

    Why: a simulation run again with other past benefits (the passes after
    claiming, `Engine._after_claiming` and `_settle`) needs to compute again
    only what depends on those benefits; these calls say what does, as this
    simulation's own formulas asked for it. Internals used: the simulation's
    `tracer` attribute (a `SimpleTracer`, replaced by the `trace` property)
    is replaced by a `SimpleTracer` whose `record_calculation_start` also
    notes the caller, the last frame of its `_stack` (read directly: this
    runs at every calculation), which openfisca-core goes on reading to
    detect cycles."""
    from openfisca_core.tracers import SimpleTracer

    if type(getattr(simulation, "tracer", None)) is not SimpleTracer:
        raise _changed("Simulation.tracer is not a SimpleTracer", "record_calls")
    tracer = _recording_tracer()()
    if not isinstance(getattr(tracer, "_stack", None), list) or tracer.stack is not tracer._stack:
        raise _changed("SimpleTracer._stack is not its stack of frames", "record_calls")
    simulation.tracer = tracer
    return tracer.recorded


class RecordedCalls:
    """The calls a simulation's calculations made, as they were made (a
    frame and the frame it asked for); put by caller only when asked."""

    def __init__(self) -> None:
        self.pairs: list = []

    def by_caller(self) -> dict:
        """`{(variable, period): {(variable, period), ...}}`; calls from
        outside the rules are under the key None."""
        calls: dict = {}
        for caller, frame in self.pairs:
            key = None if caller is None else (caller["name"], caller["period"])
            called = calls.get(key)
            if called is None:
                called = calls[key] = set()
            called.add((frame["name"], frame["period"]))
        return calls


@functools.cache
def _recording_tracer():
    from openfisca_core.tracers import SimpleTracer

    class RecordingTracer(SimpleTracer):
        def __init__(self) -> None:
            super().__init__()
            self.recorded = RecordedCalls()

        def record_calculation_start(self, variable, period) -> None:
            stack = self._stack
            frame = {"name": variable, "period": period}
            self.recorded.pairs.append((stack[-1] if stack else None, frame))
            stack.append(frame)

    return RecordingTracer


def seed_arrays(source, target, computed: Iterable, rows: dict) -> None:
    """Give `target` the arrays `source` holds for the `(variable, period)`
    pairs `computed`, restricted to the rows `rows[entity key]` (the indexes,
    in `source`, of the people or groups that `target` has, in its order);
    a pair `target` already holds (an input) or `source` does not (a failed
    calculation) is skipped.

    Why: the passes after claiming simulate some households again with other
    past benefits; what does not depend on those benefits is the same, so
    `target` finds it computed instead of running its formulas again (see
    `record_calls`). Internals used: `Holder._memory_storage.put` (as
    `store_input`), and the holder's `population.entity.key`."""
    variables = source.tax_benefit_system.variables
    for variable, period in computed:
        if variable not in variables:
            continue  # asked for, and the calculation failed
        array = source.get_holder(variable).get_array(period)
        if array is None:
            continue
        holder = target.get_holder(variable)
        if holder.get_array(period) is not None:
            continue
        storage = getattr(holder, "_memory_storage", None)
        if not hasattr(storage, "put"):
            raise _changed("Holder._memory_storage.put is gone", "seed_arrays")
        storage.put(array[rows[holder.population.entity.key]], period)


def release_arrays(simulation) -> None:
    """Let go of every array `simulation` holds, inputs and results.

    Why: a simulation is held in reference cycles (its populations point
    back to it), so once read it waits for the garbage collector, which a
    batch runs once a chunk: the passes of a chunk piled up in memory until
    then. Internals used: the populations' `_holders` (one `Holder` per
    variable asked for) and `Holder.delete_arrays`."""
    for population in simulation.populations.values():
        holders = getattr(population, "_holders", None)
        if not isinstance(holders, dict):
            raise _changed("a population's _holders is not a dict of holders", "release_arrays")
        for holder in holders.values():
            holder.delete_arrays()


def group_ids(entity_key: str, count: int) -> list[str]:
    """Ids for `count` groups of one entity, in the order of their indexes.

    Why: `SimulationBuilder.join_with_persons` matches members to groups by
    sorting the group ids as text (numpy `unique`), not in the order they
    were declared: `famille10` would come before `famille2`. Zero-padded ids
    sort as text in the order of their numbers, so group `i` of our arrays
    is group `i` of the simulation."""
    return [f"{entity_key}{i:09d}" for i in range(count)]


# -- building the rules ----------------------------------------------------


def france_system():
    """openfisca-france's rules, each variable file loaded without parsing its source.

    Why: for each of the rules' variable files, openfisca-core parses the
    source (`ast.parse`) only to keep each variable's source text and line
    for its web API (`Variable.introspection_data`): about a quarter of the
    build of the rules, which every kiosk, advisor, batch and test process
    pays once at start. Nothing of ours reads it, and openfisca-core's
    `Variable.get_introspection_data` answers a default when it is absent.
    Internal used: `TaxBenefitSystem.add_variables_from_file`, overridden on
    a subclass of our own. Like the original, it loads each file as a module
    under a name unique to the system and the file, then adds the `Variable`
    classes the module defines (not those it imports), in the order of
    `dir(module)`. The contract test compares the variables with those of
    the original method, file by file."""
    import importlib.util
    import inspect
    import os
    import sys

    from openfisca_core.taxbenefitsystems import TaxBenefitSystem
    from openfisca_core.variables import Variable
    from openfisca_france import FranceTaxBenefitSystem

    loader = TaxBenefitSystem.__dict__.get("add_variables_from_file")
    if not callable(loader) or "add_variables_from_file" in FranceTaxBenefitSystem.__dict__:
        raise _changed("TaxBenefitSystem.add_variables_from_file is not where it was", "france_system")

    class FranceWithoutSourceIntrospection(FranceTaxBenefitSystem):
        def add_variables_from_file(self, file_path) -> None:
            name = f"{id(self)}_{hash(os.path.abspath(file_path))}_{os.path.splitext(os.path.basename(file_path))[0]}"
            spec = importlib.util.spec_from_file_location(name, file_path)
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module
            spec.loader.exec_module(module)
            for attribute in dir(module):
                value = getattr(module, attribute)
                if (
                    not attribute.startswith("__")
                    and inspect.isclass(value)
                    and issubclass(value, Variable)
                    and value.__module__ == name
                ):
                    self.add_variable(value)

    return FranceWithoutSourceIntrospection()


# -- data files of openfisca-france --------------------------------------


def housing_aid_zoning_csv() -> Path:
    """The housing-aid zoning file shipped inside openfisca-france: the
    communes the rules can place in a zone (INSEE code, 2014 name, département).

    Why: it is the list of communes the rules know, and so the list of
    communes that can be screened. Located without importing
    openfisca_france, which would load all the rules. Internal used: the
    file's path inside the package (`assets/apl/20110914_zonage.csv`)."""
    spec = find_spec("openfisca_france")
    if spec is None or not spec.submodule_search_locations:
        raise _changed("the openfisca_france package cannot be found", "housing_aid_zoning_csv")
    path = Path(next(iter(spec.submodule_search_locations))) / "assets" / "apl" / "20110914_zonage.csv"
    if not path.is_file():
        raise _changed(f"the housing-aid zoning file is not at {path}", "housing_aid_zoning_csv")
    return path
