"""What a UI needs to show the current question (translated), and the
session's progress."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from questionnaires import communes as nord
from questionnaires.answers import DONT_KNOW, DONT_KNOW_LABEL, NO, PER_MONTH, PER_YEAR, YES, Instance
from questionnaires.flow import Kind, Question

if TYPE_CHECKING:
    from questionnaires.session import Session


class Progress(NamedTuple):
    done: int
    remaining: int

    @property
    def fraction(self) -> float:
        total = self.done + self.remaining
        return self.done / total if total else 1.0


@dataclass
class CurrentQuestion:
    """What a UI needs to show the current question, translated."""

    id: str
    key: str
    kind: str
    text: str
    help: str | None
    placeholder: str | None
    choices: list[tuple[Any, str]]
    allows_dont_know: bool
    # count: the bounds; birth: the bounds of the age.
    min: int | None
    max: int | None
    # money: (value, label) of the periods the person may choose, and the default.
    periods: list[tuple[str, str]]
    period: str | None
    # Repeated groups: "Enfant 2 sur 3"; index from 1.
    title: str | None
    group: str | None
    role: str | None
    repeat_index: int | None
    repeat_count: int | None
    # The answer already given (after `back()`), in the form `answer` accepts.
    value: Any
    # What to propose first (the site's commune for a commune question).
    suggested: Any
    number: int
    _session: Session = field(repr=False, compare=False, default=None)

    def search(self, text: str, limit: int = 8) -> list[tuple[nord.InseeCode, str]]:
        """Commune questions: (INSEE code, "Name (postal code)") matching
        `text` (a postal code or a name); `answer()` takes the code as is."""
        site = self._session.site_commune if self._session else None
        return [
            (nord.InseeCode(c.code), nord.label(c.code, postal))
            for c, postal in nord.search(text, site_commune=site, limit=limit)
        ]


def view(session: Session, instance: Instance, number: int) -> CurrentQuestion:
    """The question `instance`, number `number` (from 0) of the path, as a UI shows it."""
    q = instance.question
    _ = session._
    choices: list[tuple[Any, str]] = []
    if q.kind == Kind.yes_no:
        choices = [(True, _(YES)), (False, _(NO))]
    elif q.kind in (Kind.single_choice, Kind.multiple_choice):
        choices = [(c.value, _(c.label)) for c in q.choices]
        if q.field == "received":
            # Benefits are known by the French name on their letters: it
            # stays beside the translation, in every language.
            choices = [
                (c.value, label if c.exclusive or c.label in label else f"{label} — {c.label}")
                for c, (_v, label) in zip(q.choices, choices)
            ]
    if q.dont_know is not None and q.kind in (Kind.yes_no, Kind.single_choice):
        choices.append((DONT_KNOW, _(DONT_KNOW_LABEL)))
    periods: list[tuple[str, str]] = []
    period = None
    if q.kind == Kind.money:
        labels = {"month": _(PER_MONTH), "year": _(PER_YEAR)}
        periods = [(p, labels[p]) for p in (("month", "year") if q.period == "ask" else (q.period,))]
        period = "month" if q.period == "ask" else q.period
    low, high = q.min, q.max
    if q.kind == Kind.birth:
        low, high = session._reader().age_bounds(instance)
    group = instance.group
    title = None
    if group is not None and group.title:
        title = _(group.title).replace("{index}", str(instance.index + 1)).replace("{count}", str(instance.count))
    suggested = q.suggested
    if q.kind == Kind.commune and session.site_commune:
        suggested = nord.InseeCode(session.site_commune)
    return CurrentQuestion(
        id=q.id,
        key=instance.key,
        kind=q.kind.value,
        text=_(q.text),
        help=_(q.help),
        placeholder=_(q.placeholder),
        choices=choices,
        allows_dont_know=q.dont_know is not None,
        min=low,
        max=high,
        periods=periods,
        period=period,
        title=title,
        group=group.group if group else None,
        role=group.role.value if group else None,
        repeat_index=instance.index + 1 if group and group.repeat else None,
        repeat_count=instance.count if group and group.repeat else None,
        value=typed(q, session._answers[instance.key]) if instance.key in session._answers else None,
        suggested=suggested,
        number=number + 1,
        _session=session,
    )


def typed(question: Question, stored: Any) -> Any:
    """A stored answer in the form `answer()` accepts."""
    if stored == DONT_KNOW:
        return DONT_KNOW
    if question.kind == Kind.money:
        return (stored["amount"], stored["per"])
    if question.kind == Kind.birth:
        return stored["age"] if stored.get("age") is not None else date.fromisoformat(stored["date"])
    if question.kind == Kind.multiple_choice:
        return list(stored)
    if question.kind == Kind.commune:
        return nord.InseeCode(stored)
    return stored
