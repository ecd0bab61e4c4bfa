"""Which questions apply: the flow's conditions (`when:`) read on the answers
given so far, and the path of questions they make. Plain data in, plain
data out: the session (`questionnaires.session`) holds the answers and the
cursor and asks this module where it is.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from eligibility.periods import Month, age_on
from questionnaires.answers import DONT_KNOW, Instance, money_value, same
from questionnaires.flow import Condition, Flow, Group, Kind, Question


class Plan:
    """The flow's path for the answers `answers` (keys as `Instance.key`),
    screened at the month answered, else `today`'s month. `prune` changes
    `answers` in place."""

    def __init__(self, flow: Flow, answers: dict[str, Any], today: date):
        self.flow = flow
        self.answers = answers
        self.today = today

    @property
    def month(self) -> Month:
        stored = self.answers.get(self.month_key())
        if stored:
            return Month.parse(stored)
        return Month(self.today.year, self.today.month)

    def month_key(self) -> str | None:
        for question, group in self.flow.questions.values():
            if question.kind == Kind.month and group is None:
                return question.id
        return None

    def ref_key(self, ref: str, group: Group | None, index: int) -> str:
        question, ref_group = self.flow.questions[ref]
        if ref_group is None:
            return ref
        if group is not None and ref_group.group == group.group:
            return f"{group.group}[{index}].{ref}"
        return f"{ref_group.group}[0].{ref}"

    def effective(self, key: str, question: Question) -> Any:
        """The answer as conditions and the household see it ("I don't know"
        replaced by the default; money as a monthly figure)."""
        stored = self.answers[key]
        if stored == DONT_KNOW and question.dont_know is not None:
            return question.dont_know.default
        if question.kind == Kind.money:
            return money_value(question, stored)
        if question.kind == Kind.birth:
            return date.fromisoformat(stored["date"])
        return stored

    def holds(self, condition: Condition, group: Group | None, index: int) -> bool:
        if condition.all is not None:
            return all(self.holds(c, group, index) for c in condition.all)
        if condition.any is not None:
            return any(self.holds(c, group, index) for c in condition.any)
        if condition.not_ is not None:
            return not self.holds(condition.not_, group, index)
        _question, ref_group = self.flow.questions[condition.question]
        if ref_group is not None and ref_group.repeat and (group is None or ref_group.group != group.group):
            # From outside a repeated group (the children): true when it holds
            # for one of them, so `not` reads "none of them".
            count = self.repeat_count(ref_group)
            return any(self.leaf(condition, f"{ref_group.group}[{i}].{condition.question}") for i in range(count))
        return self.leaf(condition, self.ref_key(condition.question, group, index))

    def repeat_count(self, group: Group) -> int:
        key = group.repeat
        if key not in self.answers:
            return 0
        value = self.effective(key, self.flow.question(key))
        return int(value) if isinstance(value, (int, float)) else 0

    def leaf(self, condition: Condition, key: str) -> bool:
        if condition.answered is not None:
            return (key in self.answers) == condition.answered
        if condition.known is not None:
            return (key in self.answers and self.answers[key] != DONT_KNOW) == condition.known
        if key not in self.answers:
            return False
        value = self.effective(key, self.flow.question(condition.question))
        op = condition.operators()[0]
        try:
            if op == "equals":
                return same(value, condition.equals)
            if op == "in_":
                return any(same(value, v) for v in condition.in_)
            if op == "not_in":
                return not any(same(value, v) for v in condition.not_in)
            if op == "contains":
                return isinstance(value, list) and any(same(v, condition.contains) for v in value)
            if op in ("age_gte", "age_lt"):
                age = age_on(value, self.month.first_day)
                return age >= condition.age_gte if op == "age_gte" else age < condition.age_lt
            if value is None or isinstance(value, (bool, str, list)):
                return False
            bound = getattr(condition, op)
            return {"gte": value >= bound, "gt": value > bound, "lte": value <= bound, "lt": value < bound}[op]
        except TypeError:
            return False

    def walk(self, stop_at_unanswered: bool) -> list[Instance]:
        """The questions that apply, in order. Stopping at the first
        unanswered one gives the path so far; not stopping gives the best
        estimate of the whole path (unanswered conditions are false)."""
        out: list[Instance] = []
        for item in self.flow.items:
            if isinstance(item, Group):
                if item.when is not None and not self.holds(item.when, None, 0):
                    continue
                count = 1
                if item.repeat:
                    repeat_question = self.flow.question(item.repeat)
                    count = int(self.effective(item.repeat, repeat_question) or 0) if item.repeat in self.answers else 0
                for index in range(count):
                    for question in item.questions:
                        if question.when is not None and not self.holds(question.when, item, index):
                            continue
                        instance = Instance(question, item, index, count)
                        out.append(instance)
                        if stop_at_unanswered and instance.key not in self.answers:
                            return out
            else:
                if item.when is not None and not self.holds(item.when, None, 0):
                    continue
                instance = Instance(item, None, 0, 1)
                out.append(instance)
                if stop_at_unanswered and instance.key not in self.answers:
                    return out
        return out

    def path(self) -> list[Instance]:
        return self.walk(stop_at_unanswered=True)

    def prune(self) -> None:
        keep = {i.key for i in self.walk(stop_at_unanswered=False)}
        # Dropping an answer may hide more questions: repeat until stable.
        while True:
            dropped = [k for k in self.answers if k not in keep]
            if not dropped:
                return
            for key in dropped:
                del self.answers[key]
            keep = {i.key for i in self.walk(stop_at_unanswered=False)}
