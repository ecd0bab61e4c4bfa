"""Reading one answer: what a person typed (or a UI passed) for a question
becomes the plain JSON value the session stores, or an `AnswerError` with
a translated message. Typed values (numbers, dates, months) are read by
`eligibility.parsing`, as the advisor's form and the batch read them.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from eligibility.household import ADULT_AGE, MAX_AGE, MAX_CHILD_AGE, MAX_MONTHLY_AMOUNT, Role
from eligibility.parsing import (
    ParseError,
    check_month,
    clean,
    parse_age_or_birth,
    parse_integer,
    parse_month_text,
    parse_number,
)
from eligibility.periods import Month, age_on, years_before
from locales import N_, gettext, translate_error
from questionnaires import communes as nord
from questionnaires.flow import Group, Question

DONT_KNOW = "dont_know"

# Built-in labels (the flows' own labels live in the YAML).
YES = N_("Oui")
NO = N_("Non")
DONT_KNOW_LABEL = N_("Je ne sais pas")
PER_MONTH = N_("par mois")
PER_YEAR = N_("par an")


class AnswerError(ValueError):
    """An answer was refused; `message` is translated, `code` is stable.
    The session stays on the same question."""

    def __init__(self, code: str, message: str, context: dict | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.context = dict(context or {})


@dataclass(frozen=True)
class Instance:
    """A question as asked: in a group, once per person."""

    question: Question
    group: Group | None
    index: int
    count: int

    @property
    def key(self) -> str:
        if self.group is None:
            return self.question.id
        return f"{self.group.group}[{self.index}].{self.question.id}"


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", clean(text)).casefold()
    return "".join(ch for ch in text if not unicodedata.combining(ch)).strip(" .!?")


def same(a: Any, b: Any) -> bool:
    return (
        type(a) is type(b)
        and a == b
        or (
            isinstance(a, (int, float))
            and isinstance(b, (int, float))
            and not isinstance(a, bool)
            and not isinstance(b, bool)
            and a == b
        )
    )


def money_value(question: Question, stored: dict) -> float:
    """A stored money answer in the period the question stores."""
    amount, per = stored["amount"], stored["per"]
    if question.stored == per:
        return amount
    return round(amount / 12, 2) if question.stored == "month" else round(amount * 12, 2)


class AnswerReader:
    """The parsers of the question kinds, in the session's language, for its
    `today` and the month screened (ages are counted there)."""

    def __init__(self, lang: str, today: date, month: Month):
        self.lang = lang
        self.today = today
        self.month = month

    def _(self, message: str | None) -> str | None:
        return gettext(self.lang, message) if message else message

    def error(self, code: str, context: dict | None = None) -> AnswerError:
        context = dict(context or {})
        return AnswerError(code, translate_error(self.lang, code, context), context)

    def parse(self, instance: Instance, value: Any) -> Any:
        """The answer to store for `value`, or AnswerError."""
        q = instance.question
        none_is_a_choice = any(c.value is None for c in q.choices)
        if (value is None and not none_is_a_choice) or (isinstance(value, str) and not clean(value)):
            raise self.error("empty_answer")
        if isinstance(value, (list, tuple, set, frozenset, dict)) and not value:
            raise self.error("empty_answer")
        if self._is_dont_know(value, q):
            if q.dont_know is None:
                raise self.error("dont_know_not_allowed")
            return DONT_KNOW
        try:
            parser = getattr(self, f"_parse_{q.kind.value}")
            return parser(instance, value)
        except ParseError as error:
            raise self.error(error.code, error.context) from None
        except AnswerError:
            raise
        except (TypeError, ValueError, ArithmeticError, AttributeError, KeyError, IndexError, OverflowError):
            # A value of an unexpected shape from a UI: refused, never a crash.
            raise self.error("answer_invalid") from None

    def _is_dont_know(self, value: Any, question: Question) -> bool:
        if isinstance(value, str):
            if value == DONT_KNOW:
                return True
            folded = fold(value)
            return folded in {fold(DONT_KNOW_LABEL), fold(self._(DONT_KNOW_LABEL))}
        return False

    def _match_choice(self, value: Any, options: list[tuple[Any, str]]) -> Any:
        for option, _label in options:
            if same(value, option):
                return option
        if isinstance(value, str):
            folded = fold(value)
            for option, label in options:
                if folded in {fold(label), fold(gettext("fr", label))} or (
                    option is not None and not isinstance(option, bool) and folded == fold(str(option))
                ):
                    return option
        raise self.error("choice_unknown")

    def _parse_yes_no(self, instance: Instance, value: Any) -> Any:
        if isinstance(value, bool):
            return value
        options = [(True, YES), (False, NO), (True, "yes"), (False, "no"), (True, "true"), (False, "false")]
        return self._match_choice(value, [(v, self._(label)) for v, label in options] + options)

    def _choice_options(self, question: Question) -> list[tuple[Any, str]]:
        return [(c.value, c.label) for c in question.choices] + [(c.value, self._(c.label)) for c in question.choices]

    def _parse_single_choice(self, instance: Instance, value: Any) -> Any:
        return self._match_choice(value, self._choice_options(instance.question))

    def _parse_multiple_choice(self, instance: Instance, value: Any) -> Any:
        q = instance.question
        items = list(value) if isinstance(value, (list, tuple, set, frozenset)) else [value]
        if not items:
            raise self.error("empty_answer")
        chosen: list[Any] = []
        for item in items:
            option = self._match_choice(item, self._choice_options(q))
            if not any(same(option, c) for c in chosen):
                chosen.append(option)
        exclusive = [c for c in q.choices if c.exclusive and any(same(c.value, v) for v in chosen)]
        if exclusive and len(chosen) > 1:
            raise self.error("choice_exclusive", {"label": self._(exclusive[0].label)})
        order = [c.value for c in q.choices]
        return sorted(chosen, key=lambda v: next(i for i, o in enumerate(order) if same(o, v)))

    def _parse_count(self, instance: Instance, value: Any) -> int:
        q = instance.question
        number = self._integer(value)
        if not q.min <= number <= q.max:
            raise self.error("count_out_of_range", {"min": q.min, "max": q.max})
        return number

    def _integer(self, value: Any) -> int:
        if isinstance(value, bool):
            raise self.error("integer_expected")
        if isinstance(value, int):
            return value
        if isinstance(value, (float, Decimal)):
            if not math.isfinite(value) or value != int(value):
                raise self.error("integer_expected")
            return int(value)
        if isinstance(value, str):
            return parse_integer(value, self.lang)
        raise self.error("answer_invalid")

    def _parse_money(self, instance: Instance, value: Any) -> Any:
        q = instance.question
        per = None
        if isinstance(value, dict):
            amount, per = value.get("amount"), value.get("per")
        elif isinstance(value, (tuple, list)):
            if len(value) != 2:
                raise self.error("answer_invalid")
            amount, per = value
        else:
            amount = value
        allowed = ("month", "year") if q.period == "ask" else (q.period,)
        if per is None:
            per = allowed[0]
        if per not in allowed:
            raise self.error("period_invalid")
        if amount is None or (isinstance(amount, str) and not clean(amount)):
            raise self.error("empty_answer")
        if isinstance(amount, str) and self._is_dont_know(amount, q):
            if q.dont_know is None:
                raise self.error("dont_know_not_allowed")
            return DONT_KNOW
        if isinstance(amount, bool):
            raise self.error("answer_invalid")
        if isinstance(amount, str):
            number = parse_number(amount, self.lang, currency=True)
        elif isinstance(amount, (int, float, Decimal)):
            if not math.isfinite(amount):
                raise self.error("number_invalid", {"value": amount})
            number = Decimal(str(amount))
        else:
            raise self.error("answer_invalid")
        if number < 0:
            raise self.error("amount_negative")
        rounded = round(float(number), 2)
        stored = {"amount": rounded, "per": per}
        monthly = rounded / 12 if per == "year" else rounded
        if monthly > MAX_MONTHLY_AMOUNT or money_value(q, stored) > MAX_MONTHLY_AMOUNT:
            raise self.error("amount_too_large", {"limit": MAX_MONTHLY_AMOUNT})
        return stored

    def age_bounds(self, instance: Instance) -> tuple[int, int]:
        q = instance.question
        role = instance.group.role if instance.group else None
        low = q.min_age if q.min_age is not None else 0
        high = q.max_age if q.max_age is not None else MAX_AGE
        if role in (Role.applicant, Role.partner):
            low = max(low, ADULT_AGE - 2)
        if role == Role.child:
            high = min(high, MAX_CHILD_AGE)
        return low, min(high, MAX_AGE)

    def _parse_birth(self, instance: Instance, value: Any) -> dict:
        low, high = self.age_bounds(instance)
        age: int | None = None
        birth: date | None = None
        if isinstance(value, dict):
            if value.get("age") is not None:
                value = value["age"]
            elif value.get("date"):
                value = str(value["date"])
            else:
                raise self.error("answer_invalid")
        if isinstance(value, bool):
            raise self.error("answer_invalid")
        if isinstance(value, date):
            birth = value if not hasattr(value, "date") else value.date()
        elif isinstance(value, (int, float, Decimal)):
            age = self._integer(value)
        elif isinstance(value, str):
            parsed = parse_age_or_birth(value, self.lang)
            if isinstance(parsed, int):
                age = parsed
            else:
                birth = parsed
        else:
            raise self.error("answer_invalid")
        reference = self.month.first_day
        if age is not None:
            if age < 0 or age > MAX_AGE:
                raise self.error("age_invalid", {"max": MAX_AGE})
            # About the middle of the possible range, so that the age is
            # right at the screened month (ages are counted there).
            anchor = min(reference, self.today)
            birth = years_before(anchor, age) - timedelta(days=183)
        assert birth is not None
        if birth > self.today or birth > date.today():
            raise self.error("birth_date_in_future")
        # The household model counts from the real date; so do we, and from `today`.
        if birth.year < max(self.today.year, date.today().year) - MAX_AGE:
            raise self.error("birth_date_too_old")
        if birth.replace(day=1) > reference:
            raise self.error("birth_date_in_future")
        actual = age_on(birth, reference)
        if actual < low:
            raise self.error("age_too_low", {"min": low})
        if actual > high:
            raise self.error("age_too_high", {"max": high})
        return {"date": birth.isoformat(), "age": age}

    def _parse_commune(self, instance: Instance, value: Any) -> str:
        # An InseeCode (picked from `search`, or stored) stays one; any other
        # text is what a person typed: digits are a postal code.
        text = clean(str(value))
        try:
            return nord.resolve(nord.InseeCode(text) if isinstance(value, nord.InseeCode) else text)
        except LookupError as error:
            candidates = error.args[0] if error.args else []
            if not candidates:
                if text.replace(" ", "").isdigit() and not isinstance(value, nord.InseeCode):
                    raise self.error("postal_code_unknown", {"value": text}) from None
                raise self.error("commune_unknown", {"value": text}) from None
            postal = text.replace(" ", "")
            names = ", ".join(nord.label(c.code, postal) for c in candidates[:8])
            raise self.error("commune_ambiguous", {"candidates": names}) from None

    def _parse_month(self, instance: Instance, value: Any) -> str:
        if isinstance(value, Month):
            month = value
        elif isinstance(value, date):
            month = Month(value.year, value.month)
        else:
            month = parse_month_text(str(value), in_range=False)
        return str(check_month(month))
