"""The household the answers of a session describe: each answered question
with a `field:` puts its value at that path of the household's JSON."""

from __future__ import annotations

from typing import Any

from eligibility.household import Role
from eligibility.periods import Month
from questionnaires.answers import DONT_KNOW
from questionnaires.flow import Kind, Question
from questionnaires.planning import Plan


def build(plan: Plan, partial: bool = False) -> tuple[dict, list[str]]:
    """The household data the answers describe, and the field paths that
    were estimated ("I don't know"). `partial`: only what is answered (the
    caller checks that every question is answered otherwise)."""
    month = plan.month
    data: dict[str, Any] = {
        "month": str(month),
        "housing": {},
        "people": [],
        "received": {},
        "taxable_income": {},
    }
    people: dict[tuple[str, int], int] = {}
    estimated: list[str] = []
    for instance in plan.walk(stop_at_unanswered=False):
        q = instance.question
        group = instance.group
        position = None
        if group is not None:
            slot = (group.group, instance.index)
            if slot not in people:
                people[slot] = len(data["people"])
                person_id = group.group if not group.repeat else f"{group.group}{instance.index + 1}"
                if group.role in (Role.applicant, Role.partner):
                    person_id = group.role.value
                data["people"].append({"id": person_id, "role": group.role.value})
            position = people[slot]
        if q.gate or not q.field:
            continue
        if partial and instance.key not in plan.answers:
            continue
        stored = plan.answers[instance.key]
        value = plan.effective(instance.key, q)
        # Only "I don't know" is an estimate. A typed age is an answer: the
        # birth date made from it gives that age at the screened month.
        guessed = stored == DONT_KNOW
        if q.kind == Kind.birth:
            value = value.isoformat()
        path = put(data, q, value, position, month)
        if guessed and path:
            estimated.append(path)
    data["estimated"] = estimated
    return data, list(estimated)


def put(data: dict, question: Question, value: Any, position: int | None, month: Month) -> str | None:
    parts = question.field.split(".")
    if parts == ["person", "received"]:
        exclusive = {c.value for c in question.choices if c.exclusive}
        received = data["people"][position].setdefault("received", {})
        for benefit in value or []:
            if benefit not in exclusive:
                received.setdefault(benefit, None)
        return f"people[{position}].received"
    if parts[0] == "person":
        target = data["people"][position]
        path = f"people[{position}]"
        for part in parts[1:-1]:
            target = target.setdefault(part, {})
            path += f".{part}"
        target[parts[-1]] = value
        return f"{path}.{parts[-1]}"
    if parts == ["received"]:
        exclusive = {c.value for c in question.choices if c.exclusive}
        for benefit in value or []:
            if benefit not in exclusive:
                data["received"].setdefault(benefit, None)
        return "received"
    if parts[0] == "received":
        data["received"][parts[1]] = value
        return question.field
    if parts[0] == "taxable_income":
        if value is None:
            return f"taxable_income.{month.year - int(parts[1][-1])}"
        year = str(month.year - int(parts[1][-1]))
        data["taxable_income"][year] = value
        return f"taxable_income.{year}"
    if parts[0] == "housing":
        data["housing"][parts[1]] = value
        return question.field
    data[parts[0]] = value
    return question.field
