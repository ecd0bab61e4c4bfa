"""Questionnaire flows: declarative YAML, validated when loaded.

A flow file has a `title` and a list of `questions`. An item of that list is
either a question or a group (`group:`) of questions asked once per person
(the applicant, the partner, each child…). See `flows/resident.yaml` for a
commented example, and `load_flow` for what is checked.

Field paths (`field:`) name where an answer goes in the household model:

- `commune`, `month`, `housing.status`, `housing.rent`, `housing.shared`;
- `received` (a multiple choice: the chosen benefits are already received,
  amount unknown) and `received.<benefit id>` (the amount received);
- `taxable_income.year-1`, `taxable_income.year-2`: the revenu fiscal de
  référence of the year before (two years before) the screened month;
- inside a group, `person.<field>` and `person.income.<field>`;
  `person.received` (a multiple choice of individual benefits — AAH, ASI,
  ASS — that this person receives, amount unknown) and
  `person.received.<benefit id>` (the amount).

A question with `gate: true` stores nothing in the household: it only steers
which questions follow (e.g. "do you live as a couple?", "how many
children?"). It must be used by a condition or as a group's `repeat`.
"""

from __future__ import annotations

import types
import typing
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal, Union

import yaml
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, model_validator

from eligibility.errors import located, path
from eligibility.household import Household, Housing, Income, Person, Role


class FlowError(ValueError):
    """A flow definition is wrong. The message names the file and the question."""


class Kind(StrEnum):
    single_choice = "single_choice"
    multiple_choice = "multiple_choice"
    yes_no = "yes_no"
    count = "count"
    money = "money"
    birth = "birth"
    commune = "commune"
    month = "month"


class _Def(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Condition(_Def):
    """`{question: id, <operator>: value}` or `{all: [...]}`, `{any: [...]}`,
    `{not: {...}}`. A condition on a question that was not asked (skipped,
    or not answered yet) is false."""

    question: str | None = None
    equals: Any = None
    in_: list[Any] | None = Field(default=None, alias="in")
    not_in: list[Any] | None = None
    contains: Any = None
    gte: float | None = None
    gt: float | None = None
    lte: float | None = None
    lt: float | None = None
    age_gte: int | None = None
    age_lt: int | None = None
    answered: bool | None = None
    # Answered with a value, not with "I don't know".
    known: bool | None = None
    all: list[Condition] | None = None
    any: list[Condition] | None = None
    not_: Condition | None = Field(default=None, alias="not")

    @model_validator(mode="after")
    def _one_form(self) -> Condition:
        forms = [f for f in ("question", "all", "any", "not_") if getattr(self, f) is not None]
        if len(forms) != 1:
            raise ValueError("a condition needs exactly one of question, all, any, not")
        if self.question is not None:
            operators = self.operators()
            if len(operators) != 1:
                raise ValueError(
                    f"a condition on {self.question!r} needs exactly one operator "
                    "(equals, in, not_in, contains, gte, gt, lte, lt, age_gte, age_lt, answered, known)"
                )
        return self

    def operators(self) -> list[str]:
        names = ("in_", "not_in", "contains", "gte", "gt", "lte", "lt", "age_gte", "age_lt", "answered", "known")
        found = [n for n in names if getattr(self, n) is not None]
        if "equals" in self.model_fields_set:
            found.append("equals")
        return found

    def references(self) -> set[str]:
        if self.question is not None:
            return {self.question}
        found: set[str] = set()
        for part in (self.all or []) + (self.any or []) + ([self.not_] if self.not_ else []):
            found |= part.references()
        return found


class Choice(_Def):
    value: str | int | float | bool | None
    label: str
    help: str | None = None
    # Choosing it clears the other choices of a multiple choice ("none of these").
    exclusive: bool = False


class DontKnow(_Def):
    """ "I don't know" is accepted; `default` is used instead and the field is
    listed in the household's `estimated`. `why` documents the default."""

    default: Any = None
    why: str = Field(min_length=10)


class Question(_Def):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)
    kind: Kind
    text: str = Field(min_length=1)
    help: str | None = None
    placeholder: str | None = None
    field: str | None = None
    gate: bool = False
    when: Condition | None = None
    choices: list[Choice] = Field(default_factory=list)
    dont_know: DontKnow | None = None
    # count: bounds of the number.
    min: int | None = None
    max: int | None = None
    # birth: bounds of the age at the screened month.
    min_age: int | None = None
    max_age: int | None = None
    # money: what the person types (`ask`: they choose per month or per year)
    # and what the household field holds.
    period: Literal["month", "year", "ask"] = "month"
    stored: Literal["month", "year"] = "month"
    # The answer proposed first (a choice value) when nothing was answered.
    suggested: Any = None


class Group(_Def):
    group: str = Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=30)
    role: Role
    # Shown above each question of the group; `{index}` and `{count}` are
    # replaced by the repeat index (from 1) and the number of repeats.
    title: str | None = None
    when: Condition | None = None
    # The id of a `count` question: the group is asked that many times.
    repeat: str | None = None
    questions: list[Question] = Field(min_length=1)


Item = Question | Group


class Flow(_Def):
    name: str
    title: str
    help: str | None = None
    items: list[Item]
    source: str = ""

    # Filled by `_index` after validation.
    @property
    def questions(self) -> dict[str, tuple[Question, Group | None]]:
        return _index(self)

    def question(self, question_id: str) -> Question:
        return self.questions[question_id][0]

    def group_of(self, question_id: str) -> Group | None:
        return self.questions[question_id][1]


def _index(flow: Flow) -> dict[str, tuple[Question, Group | None]]:
    cached = flow.__dict__.get("_index_cache")
    if cached is None:
        cached = {}
        for item in flow.items:
            if isinstance(item, Group):
                for question in item.questions:
                    cached[question.id] = (question, item)
            else:
                cached[item.id] = (item, None)
        flow.__dict__["_index_cache"] = cached
    return cached


# ---------------------------------------------------------------- loading

FLOWS_DIR = resources.files("questionnaires") / "flows"


def flow_names() -> list[str]:
    return sorted(e.name[:-5] for e in FLOWS_DIR.iterdir() if e.name.endswith(".yaml"))


def load_flow(name_or_path: str | Path) -> Flow:
    """Load and check a flow: a shipped name (`resident`, `advisor`) or the path
    of a YAML file. Raises FlowError naming the file and the question."""
    text_path = str(name_or_path)
    if isinstance(name_or_path, Path) or text_path.endswith((".yaml", ".yml")) or "/" in text_path:
        path = Path(name_or_path)
        label = str(path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise FlowError(f"{label}: cannot read the flow ({error.strerror})") from None
        name = path.stem
    else:
        return _load_shipped(text_path)
    return parse_flow(text, name=name, source=label)


@cache
def _load_shipped(name: str) -> Flow:
    entry = FLOWS_DIR / f"{name}.yaml"
    if not entry.is_file():
        raise FlowError(f"no flow named {name!r}; shipped flows: {', '.join(flow_names())}")
    return parse_flow(entry.read_text(encoding="utf-8"), name=name, source=f"questionnaires/flows/{name}.yaml")


def parse_flow(text: str, *, name: str, source: str) -> Flow:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise FlowError(f"{source}: not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise FlowError(f"{source}: a flow is a mapping with `title` and `questions`")
    unknown = set(data) - {"title", "help", "questions"}
    if unknown:
        raise FlowError(f"{source}: unknown field(s) {', '.join(sorted(unknown))} at the top of the flow")
    raw_items = data.get("questions")
    if not isinstance(raw_items, list) or not raw_items:
        raise FlowError(f"{source}: `questions` must be a non-empty list")
    items: list[Item] = []
    for position, raw in enumerate(raw_items, 1):
        items.append(_parse_item(raw, position, source))
    try:
        flow = Flow(
            name=name,
            title=data.get("title") or "",
            help=data.get("help"),
            items=items,
            source=source,
        )
    except ValidationError as error:
        raise FlowError(f"{source}: {_describe(error)}") from None
    _check(flow)
    return flow


def _parse_item(raw: Any, position: int, source: str) -> Item:
    if not isinstance(raw, dict):
        raise FlowError(f"{source}: item {position} of `questions` is not a mapping")
    if "group" in raw:
        where = f"group {raw.get('group')!r}"
        questions = raw.get("questions")
        if not isinstance(questions, list):
            raise FlowError(f"{source}: {where}: `questions` must be a list")
        parsed = [_parse_question(q, f"{where}, ", i, source) for i, q in enumerate(questions, 1)]
        try:
            return Group(**{**raw, "questions": parsed})
        except ValidationError as error:
            raise FlowError(f"{source}: {where}: {_describe(error)}") from None
        except TypeError as error:
            raise FlowError(f"{source}: {where}: {error}") from None
    return _parse_question(raw, "", position, source)


def _parse_question(raw: Any, prefix: str, position: int, source: str) -> Question:
    if not isinstance(raw, dict):
        raise FlowError(f"{source}: {prefix}item {position} is not a mapping")
    where = f"{prefix}question {raw.get('id', f'#{position}')!r}"
    try:
        return Question(**raw)
    except ValidationError as error:
        raise FlowError(f"{source}: {where}: {_describe(error)}") from None
    except TypeError as error:
        raise FlowError(f"{source}: {where}: {error}") from None


def _describe(error: ValidationError) -> str:
    parts = []
    for item in error.errors():
        loc = path(item["loc"])
        if item["type"] == "extra_forbidden":
            parts.append(f"unknown field {loc!r}")
        else:
            parts.append(located(loc, item["msg"]))
    return "; ".join(parts)


# ---------------------------------------------------------------- checks


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """(inner type, accepts None) of an annotation such as `Amount | None`."""
    optional = False
    origin = typing.get_origin(annotation)
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        optional = len(args) != len(typing.get_args(annotation))
        annotation = args[0] if len(args) == 1 else annotation
    if typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation, optional


def field_target(path: str, in_group: bool) -> tuple[Any, Any]:
    """(model class, annotation) that a field path designates, or ValueError."""
    parts = path.split(".")
    if parts[0] == "person":
        if not in_group:
            raise ValueError(f"field {path!r}: `person.` fields belong inside a group")
        if len(parts) == 3 and parts[1] == "income" and parts[2] in Income.model_fields:
            return Income, Income.model_fields[parts[2]].annotation
        if parts[1:2] == ["received"]:
            from eligibility.catalog import benefits

            if len(parts) == 2:
                return Person, list[str]
            if len(parts) == 3 and parts[2] in benefits() and benefits()[parts[2]].individual:
                return Person, float | None
            raise ValueError(f"field {path!r}: not an individual benefit {parts[-1]!r}")
        if len(parts) == 2 and parts[1] in Person.model_fields and parts[1] not in ("id", "role", "income"):
            return Person, Person.model_fields[parts[1]].annotation
        raise ValueError(f"field {path!r} is not a field of a person in the household model")
    if in_group:
        raise ValueError(f"field {path!r}: inside a group, fields start with `person.`")
    if parts[0] == "housing" and len(parts) == 2 and parts[1] in Housing.model_fields:
        return Housing, Housing.model_fields[parts[1]].annotation
    if parts in (["commune"], ["month"], ["single_parent_months"]):
        return Household, Household.model_fields[parts[0]].annotation
    if parts[0] == "received":
        from eligibility.catalog import benefits

        if len(parts) == 1:
            return Household, list[str]
        if len(parts) == 2 and parts[1] in benefits():
            return Household, float | None
        raise ValueError(f"field {path!r}: unknown benefit {parts[-1]!r}")
    if parts[0] == "taxable_income" and len(parts) == 2 and parts[1] in ("year-1", "year-2"):
        return Household, float
    raise ValueError(f"field {path!r} is not a field of the household model")


_KIND_TYPES: dict[Kind, tuple[Any, ...]] = {
    Kind.money: (float,),
    Kind.yes_no: (bool,),
    Kind.count: (float, int),
}


def _check(flow: Flow) -> None:
    source = flow.source
    seen: dict[str, str] = {}
    order: dict[str, int] = {}
    groups: dict[str, Group] = {}
    position = 0

    def fail(where: str, message: str) -> None:
        raise FlowError(f"{source}: {where}: {message}")

    roles: dict[Role, int] = {}
    for item in flow.items:
        if isinstance(item, Group):
            if item.group in groups or item.group in seen:
                fail(f"group {item.group!r}", "this id is used twice")
            groups[item.group] = item
            roles[item.role] = roles.get(item.role, 0) + 1
            for question in item.questions:
                if question.id in seen:
                    fail(f"question {question.id!r}", "this id is used twice")
                seen[question.id] = item.group
                order[question.id] = position
                position += 1
        else:
            if item.id in seen or item.id in groups:
                fail(f"question {item.id!r}", "this id is used twice")
            seen[item.id] = ""
            order[item.id] = position
            position += 1

    # People: one applicant group, first of the groups, asked once.
    group_list = list(groups.values())
    if roles.get(Role.applicant, 0) != 1 or group_list[0].role != Role.applicant:
        fail("groups", "the first group must be the applicant's, and there must be exactly one")
    for group in group_list:
        where = f"group {group.group!r}"
        if group.role in (Role.applicant, Role.partner) and group.repeat:
            fail(where, f"the {group.role.value} is one person: no `repeat`")
        if group.role == Role.applicant and group.when:
            fail(where, "the applicant's group is always asked: no `when`")
        if not any(q.field == "person.birth_date" for q in group.questions):
            fail(where, "every person needs a question mapped to `person.birth_date`")
        if group.repeat is not None:
            if group.repeat not in seen:
                fail(where, f"repeat on a question that does not exist: {group.repeat!r}")
            target = flow.question(group.repeat)
            if target.kind != Kind.count or seen[group.repeat]:
                fail(where, f"repeat must name a `count` question outside groups, not {group.repeat!r}")
    if roles.get(Role.partner, 0) > 1:
        fail("groups", "only one partner group")

    used_as_gate: set[str] = {g.repeat for g in group_list if g.repeat}
    for question_id, (question, group) in flow.questions.items():
        where = f"question {question_id!r}"
        conditions = [question.when] + ([group.when] if group and group.when else [])
        for condition in conditions:
            if condition is None:
                continue
            for ref in condition.references():
                if ref not in seen:
                    fail(where, f"condition on a question that does not exist: {ref!r}")
                ref_group = seen[ref]
                # Outside any group, a condition on a repeated group's question
                # holds when it holds for one of them (Session._holds).
                if ref_group and group and ref_group != group.group and groups[ref_group].repeat:
                    fail(where, f"condition on {ref!r}, asked once per person of group {ref_group!r}")
                used_as_gate.add(ref)
        _check_question(question, group, fail)

    # Dependencies must point backwards; a loop is reported as a cycle.
    graph: dict[str, set[str]] = {}
    for question_id, (question, group) in flow.questions.items():
        deps: set[str] = set()
        for condition in (question.when, group.when if group else None):
            if condition is not None:
                deps |= condition.references()
        if group and group.repeat:
            deps.add(group.repeat)
        graph[question_id] = deps
    _check_cycles(graph, fail)
    for question_id, deps in graph.items():
        for dep in deps:
            if order[dep] >= order[question_id]:
                fail(f"question {question_id!r}", f"depends on {dep!r}, which is asked later")

    for question_id, (question, _group) in flow.questions.items():
        if question.gate and question_id not in used_as_gate:
            fail(f"question {question_id!r}", "`gate: true` but no condition or repeat uses it")

    mapped = {q.field for q, g in flow.questions.values() if g is None}
    for required in ("commune", "housing.status"):
        if required not in mapped:
            fail("flow", f"no question is mapped to the required field `{required}`")


def _check_cycles(graph: dict[str, set[str]], fail) -> None:
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == 1:
                cycle = path[path.index(dep) :] + [dep] if dep in path else [node, dep]
                fail(f"question {node!r}", "conditions form a cycle: " + " -> ".join(cycle))
            if dep not in state:
                visit(dep, path + [dep])
        state[node] = 2

    for node in graph:
        if node not in state:
            visit(node, [node])


def _check_question(question: Question, group: Group | None, fail) -> None:
    where = f"question {question.id!r}"
    kind = question.kind
    if question.gate:
        if question.field:
            fail(where, "a `gate` question stores nothing: remove `field`")
        if kind not in (Kind.yes_no, Kind.count, Kind.single_choice, Kind.multiple_choice):
            fail(where, f"a {kind.value} question cannot be a gate")
    elif not question.field:
        fail(where, "the answer is mapped to no household field (add `field:` or `gate: true`)")
    if kind in (Kind.single_choice, Kind.multiple_choice):
        if len(question.choices) < 2:
            fail(where, "a choice question needs at least two choices")
        values = [c.value for c in question.choices]
        if len(set(map(repr, values))) != len(values):
            fail(where, "two choices have the same value")
        if kind == Kind.single_choice and any(c.exclusive for c in question.choices):
            fail(where, "`exclusive` is for multiple choices")
    elif question.choices:
        fail(where, f"a {kind.value} question has no `choices`")
    if question.dont_know and kind not in (Kind.yes_no, Kind.money, Kind.count, Kind.single_choice):
        fail(where, f'a {kind.value} question cannot be answered "I don\'t know"')
    if kind != Kind.count and (question.min is not None or question.max is not None):
        fail(where, "`min`/`max` are for count questions")
    if kind == Kind.count and (question.min is None or question.max is None or question.min > question.max):
        fail(where, "a count question needs `min` <= `max`")
    if kind != Kind.birth and (question.min_age is not None or question.max_age is not None):
        fail(where, "`min_age`/`max_age` are for birth questions")
    if kind != Kind.money and ("period" in question.model_fields_set or "stored" in question.model_fields_set):
        fail(where, "`period`/`stored` are for money questions")
    if not question.field:
        return
    try:
        model, annotation = field_target(question.field, group is not None)
    except ValueError as error:
        fail(where, str(error))
    inner, optional = _unwrap(annotation)
    expected = {
        Kind.birth: ("person.birth_date",),
        Kind.commune: ("commune",),
        Kind.month: ("month",),
    }
    if kind in expected and question.field not in expected[kind]:
        fail(where, f"a {kind.value} question must be mapped to {expected[kind][0]!r}")
    if kind == Kind.multiple_choice and question.field not in ("received", "person.received"):
        fail(where, "a multiple choice stores a set: only `received`, `person.received` (or a gate)")
    if kind in _KIND_TYPES and inner not in _KIND_TYPES[kind]:
        fail(where, f"a {kind.value} question cannot fill {question.field!r}")
    values = [c.value for c in question.choices]
    if question.dont_know is not None:
        values.append(question.dont_know.default)
    if kind == Kind.multiple_choice:
        from eligibility.catalog import benefits

        for value in values[: len(question.choices)]:
            if value not in benefits() and not any(c.exclusive and c.value == value for c in question.choices):
                fail(where, f"choice {value!r} is not a benefit id")
        return
    if kind in (Kind.single_choice, Kind.yes_no, Kind.money, Kind.count):
        adapter = TypeAdapter(annotation)
        for value in values:
            if value is None:
                if optional or question.field.startswith(("received.", "person.received.", "taxable_income.")):
                    continue
                fail(where, f"{question.field!r} cannot be left empty (value null)")
            try:
                adapter.validate_python(value)
            except ValidationError:
                fail(where, f"value {value!r} does not fit the field {question.field!r}")
