"""Running a flow: one question at a time, with back, skip logic, "I don't
know", resumable state, and the household at the end.

    session = Session(load_flow("resident"), lang="fr", site_commune="59350")
    while not session.is_complete:
        q = session.current          # q.kind, q.text, q.choices…
        session.answer(value)        # raises AnswerError (q stays current)
    household = session.household()

Answers arrive typed (int, float, bool, date, a choice value) or as text
typed by a person; both are accepted. Stored answers are plain JSON values,
so `to_dict()` is JSON-serialisable as is.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, NamedTuple

from eligibility.household import (
    ADULT_AGE,
    MAX_AGE,
    MAX_CHILD_AGE,
    MAX_MONTHLY_AMOUNT,
    Household,
    Role,
)
from eligibility.parsing import (
    ParseError,
    check_month,
    clean,
    parse_age_or_birth,
    parse_integer,
    parse_month_text,
    parse_number,
)
from eligibility.periods import Month
from locales import LANGUAGES, N_, gettext, translate_error
from questionnaires import communes as nord
from questionnaires.flow import Condition, Flow, Group, Kind, Question, load_flow

DONT_KNOW = "dont_know"
FORMAT_VERSION = 1

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


class IncompleteSession(RuntimeError):
    """`household()` was asked before every question that applies was answered."""


class Progress(NamedTuple):
    done: int
    remaining: int

    @property
    def fraction(self) -> float:
        total = self.done + self.remaining
        return self.done / total if total else 1.0


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


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", clean(text)).casefold()
    return "".join(ch for ch in text if not unicodedata.combining(ch)).strip(" .!?")


def _same(a: Any, b: Any) -> bool:
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


# A birth written as month/year: 03/2021, 3-2021, 03.2021.


def _minus_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _age_at(birth: date, day: date) -> int:
    years = day.year - birth.year
    if (day.month, day.day) < (birth.month, birth.day):
        years -= 1
    return years


class Session:
    def __init__(
        self,
        flow: Flow | str,
        lang: str = "fr",
        site_commune: str | None = None,
        today: date | None = None,
    ):
        self.flow = load_flow(flow) if isinstance(flow, str) else flow
        self.lang = self._check_lang(lang)
        self.site_commune = None if site_commune is None else nord.check_site_commune(site_commune)
        self.today = today or date.today()
        self._answers: dict[str, Any] = {}
        self._cursor = 0

    # ------------------------------------------------------------ language

    @staticmethod
    def _check_lang(lang: str) -> str:
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}")
        return lang

    def set_language(self, lang: str) -> None:
        """Switch language; the answers are kept."""
        self.lang = self._check_lang(lang)

    def _(self, message: str | None) -> str | None:
        return gettext(self.lang, message) if message else message

    # ------------------------------------------------------------ planning

    @property
    def month(self) -> Month:
        stored = self._answers.get(self._month_key())
        if stored:
            return Month.parse(stored)
        return Month(self.today.year, self.today.month)

    def _month_key(self) -> str | None:
        for question, group in self.flow.questions.values():
            if question.kind == Kind.month and group is None:
                return question.id
        return None

    def _ref_key(self, ref: str, group: Group | None, index: int) -> str:
        question, ref_group = self.flow.questions[ref]
        if ref_group is None:
            return ref
        if group is not None and ref_group.group == group.group:
            return f"{group.group}[{index}].{ref}"
        return f"{ref_group.group}[0].{ref}"

    def _effective(self, key: str, question: Question) -> Any:
        """The answer as conditions and the household see it ("I don't know"
        replaced by the default; money as a monthly figure)."""
        stored = self._answers[key]
        if stored == DONT_KNOW and question.dont_know is not None:
            return question.dont_know.default
        if question.kind == Kind.money:
            return self._money_value(question, stored)
        if question.kind == Kind.birth:
            return date.fromisoformat(stored["date"])
        return stored

    def _holds(self, condition: Condition, group: Group | None, index: int) -> bool:
        if condition.all is not None:
            return all(self._holds(c, group, index) for c in condition.all)
        if condition.any is not None:
            return any(self._holds(c, group, index) for c in condition.any)
        if condition.not_ is not None:
            return not self._holds(condition.not_, group, index)
        _question, ref_group = self.flow.questions[condition.question]
        if ref_group is not None and ref_group.repeat and (group is None or ref_group.group != group.group):
            # From outside a repeated group (the children): true when it holds
            # for one of them, so `not` reads "none of them".
            count = self._repeat_count(ref_group)
            return any(self._leaf(condition, f"{ref_group.group}[{i}].{condition.question}") for i in range(count))
        return self._leaf(condition, self._ref_key(condition.question, group, index))

    def _repeat_count(self, group: Group) -> int:
        key = group.repeat
        if key not in self._answers:
            return 0
        value = self._effective(key, self.flow.question(key))
        return int(value) if isinstance(value, (int, float)) else 0

    def _leaf(self, condition: Condition, key: str) -> bool:
        if condition.answered is not None:
            return (key in self._answers) == condition.answered
        if condition.known is not None:
            return (key in self._answers and self._answers[key] != DONT_KNOW) == condition.known
        if key not in self._answers:
            return False
        value = self._effective(key, self.flow.question(condition.question))
        op = condition.operators()[0]
        try:
            if op == "equals":
                return _same(value, condition.equals)
            if op == "in_":
                return any(_same(value, v) for v in condition.in_)
            if op == "not_in":
                return not any(_same(value, v) for v in condition.not_in)
            if op == "contains":
                return isinstance(value, list) and any(_same(v, condition.contains) for v in value)
            if op in ("age_gte", "age_lt"):
                age = _age_at(value, self.month.first_day)
                return age >= condition.age_gte if op == "age_gte" else age < condition.age_lt
            if value is None or isinstance(value, (bool, str, list)):
                return False
            bound = getattr(condition, op)
            return {"gte": value >= bound, "gt": value > bound, "lte": value <= bound, "lt": value < bound}[op]
        except TypeError:
            return False

    def _walk(self, stop_at_unanswered: bool) -> list[Instance]:
        """The questions that apply, in order. Stopping at the first
        unanswered one gives the path so far; not stopping gives the best
        estimate of the whole path (unanswered conditions are false)."""
        out: list[Instance] = []
        for item in self.flow.items:
            if isinstance(item, Group):
                if item.when is not None and not self._holds(item.when, None, 0):
                    continue
                count = 1
                if item.repeat:
                    repeat_question = self.flow.question(item.repeat)
                    count = (
                        int(self._effective(item.repeat, repeat_question) or 0) if item.repeat in self._answers else 0
                    )
                for index in range(count):
                    for question in item.questions:
                        if question.when is not None and not self._holds(question.when, item, index):
                            continue
                        instance = Instance(question, item, index, count)
                        out.append(instance)
                        if stop_at_unanswered and instance.key not in self._answers:
                            return out
            else:
                if item.when is not None and not self._holds(item.when, None, 0):
                    continue
                instance = Instance(item, None, 0, 1)
                out.append(instance)
                if stop_at_unanswered and instance.key not in self._answers:
                    return out
        return out

    def _path(self) -> list[Instance]:
        return self._walk(stop_at_unanswered=True)

    def _prune(self) -> None:
        keep = {i.key for i in self._walk(stop_at_unanswered=False)}
        # Dropping an answer may hide more questions: repeat until stable.
        while True:
            dropped = [k for k in self._answers if k not in keep]
            if not dropped:
                return
            for key in dropped:
                del self._answers[key]
            keep = {i.key for i in self._walk(stop_at_unanswered=False)}

    # ------------------------------------------------------------ public state

    @property
    def all_answered(self) -> bool:
        path = self._path()
        return not path or path[-1].key in self._answers

    @property
    def is_complete(self) -> bool:
        """Every question that applies is answered and the person is past the last one."""
        path = self._path()
        return self._cursor >= len(path) and self.all_answered

    @property
    def current(self) -> CurrentQuestion | None:
        path = self._path()
        if self._cursor >= len(path):
            return None
        return self._view(path[self._cursor], self._cursor)

    @property
    def progress(self) -> Progress:
        whole = self._walk(stop_at_unanswered=False)
        return Progress(done=self._cursor, remaining=max(len(whole) - self._cursor, 0))

    @property
    def answers(self) -> dict[str, Any]:
        return dict(self._answers)

    def back(self) -> bool:
        """Go to the previous screen (its answer is kept and shown). False at the start."""
        if self._cursor == 0:
            return False
        self._cursor -= 1
        return True

    def answer(self, value: Any) -> None:
        path = self._path()
        if self._cursor >= len(path):
            raise self._error("session_complete")
        instance = path[self._cursor]
        stored = self._parse(instance, value)
        self._answers[instance.key] = stored
        self._prune()
        path = self._path()
        keys = [i.key for i in path]
        self._cursor = keys.index(instance.key) + 1

    # ------------------------------------------------------------ the view

    def _view(self, instance: Instance, number: int) -> CurrentQuestion:
        q = instance.question
        _ = self._
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
            low, high = self._age_bounds(instance)
        group = instance.group
        title = None
        if group is not None and group.title:
            title = _(group.title).replace("{index}", str(instance.index + 1)).replace("{count}", str(instance.count))
        suggested = q.suggested
        if q.kind == Kind.commune and self.site_commune:
            suggested = nord.InseeCode(self.site_commune)
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
            value=self._typed(q, self._answers.get(instance.key)) if instance.key in self._answers else None,
            suggested=suggested,
            number=number + 1,
            _session=self,
        )

    @staticmethod
    def _typed(question: Question, stored: Any) -> Any:
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

    # ------------------------------------------------------------ errors

    def _error(self, code: str, context: dict | None = None) -> AnswerError:
        context = dict(context or {})
        return AnswerError(code, translate_error(self.lang, code, context), context)

    # ------------------------------------------------------------ parsing answers

    def _parse(self, instance: Instance, value: Any) -> Any:
        q = instance.question
        none_is_a_choice = any(c.value is None for c in q.choices)
        if (value is None and not none_is_a_choice) or (isinstance(value, str) and not clean(value)):
            raise self._error("empty_answer")
        if isinstance(value, (list, tuple, set, frozenset, dict)) and not value:
            raise self._error("empty_answer")
        if self._is_dont_know(value, q):
            if q.dont_know is None:
                raise self._error("dont_know_not_allowed")
            return DONT_KNOW
        try:
            parser = getattr(self, f"_parse_{q.kind.value}")
            return parser(instance, value)
        except ParseError as error:
            raise self._error(error.code, error.context) from None
        except AnswerError:
            raise
        except (TypeError, ValueError, ArithmeticError, AttributeError, KeyError, IndexError, OverflowError):
            # A value of an unexpected shape from a UI: refused, never a crash.
            raise self._error("answer_invalid") from None

    def _is_dont_know(self, value: Any, question: Question) -> bool:
        if isinstance(value, str):
            if value == DONT_KNOW:
                return True
            folded = _fold(value)
            return folded in {_fold(DONT_KNOW_LABEL), _fold(self._(DONT_KNOW_LABEL))}
        return False

    def _match_choice(self, value: Any, options: list[tuple[Any, str]]) -> Any:
        for option, _label in options:
            if _same(value, option):
                return option
        if isinstance(value, str):
            folded = _fold(value)
            for option, label in options:
                if folded in {_fold(label), _fold(gettext("fr", label))} or (
                    option is not None and not isinstance(option, bool) and folded == _fold(str(option))
                ):
                    return option
        raise self._error("choice_unknown")

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
            raise self._error("empty_answer")
        chosen: list[Any] = []
        for item in items:
            option = self._match_choice(item, self._choice_options(q))
            if not any(_same(option, c) for c in chosen):
                chosen.append(option)
        exclusive = [c for c in q.choices if c.exclusive and any(_same(c.value, v) for v in chosen)]
        if exclusive and len(chosen) > 1:
            raise self._error("choice_exclusive", {"label": self._(exclusive[0].label)})
        order = [c.value for c in q.choices]
        return sorted(chosen, key=lambda v: next(i for i, o in enumerate(order) if _same(o, v)))

    def _parse_count(self, instance: Instance, value: Any) -> int:
        q = instance.question
        number = self._integer(value)
        if not q.min <= number <= q.max:
            raise self._error("count_out_of_range", {"min": q.min, "max": q.max})
        return number

    def _integer(self, value: Any) -> int:
        if isinstance(value, bool):
            raise self._error("integer_expected")
        if isinstance(value, int):
            return value
        if isinstance(value, (float, Decimal)):
            if not math.isfinite(value) or value != int(value):
                raise self._error("integer_expected")
            return int(value)
        if isinstance(value, str):
            return parse_integer(value, self.lang)
        raise self._error("answer_invalid")

    def _parse_money(self, instance: Instance, value: Any) -> Any:
        q = instance.question
        per = None
        if isinstance(value, dict):
            amount, per = value.get("amount"), value.get("per")
        elif isinstance(value, (tuple, list)):
            if len(value) != 2:
                raise self._error("answer_invalid")
            amount, per = value
        else:
            amount = value
        allowed = ("month", "year") if q.period == "ask" else (q.period,)
        if per is None:
            per = allowed[0]
        if per not in allowed:
            raise self._error("period_invalid")
        if amount is None or (isinstance(amount, str) and not clean(amount)):
            raise self._error("empty_answer")
        if isinstance(amount, str) and self._is_dont_know(amount, q):
            if q.dont_know is None:
                raise self._error("dont_know_not_allowed")
            return DONT_KNOW
        if isinstance(amount, bool):
            raise self._error("answer_invalid")
        if isinstance(amount, str):
            number = parse_number(amount, self.lang, currency=True)
        elif isinstance(amount, (int, float, Decimal)):
            if not math.isfinite(amount):
                raise self._error("number_invalid", {"value": amount})
            number = Decimal(str(amount))
        else:
            raise self._error("answer_invalid")
        if number < 0:
            raise self._error("amount_negative")
        rounded = round(float(number), 2)
        stored = {"amount": rounded, "per": per}
        monthly = rounded / 12 if per == "year" else rounded
        if monthly > MAX_MONTHLY_AMOUNT or self._money_value(q, stored) > MAX_MONTHLY_AMOUNT:
            raise self._error("amount_too_large", {"limit": MAX_MONTHLY_AMOUNT})
        return stored

    @staticmethod
    def _money_value(question: Question, stored: dict) -> float:
        amount, per = stored["amount"], stored["per"]
        if question.stored == per:
            return amount
        return round(amount / 12, 2) if question.stored == "month" else round(amount * 12, 2)

    def _age_bounds(self, instance: Instance) -> tuple[int, int]:
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
        low, high = self._age_bounds(instance)
        age: int | None = None
        birth: date | None = None
        if isinstance(value, dict):
            if value.get("age") is not None:
                value = value["age"]
            elif value.get("date"):
                value = str(value["date"])
            else:
                raise self._error("answer_invalid")
        if isinstance(value, bool):
            raise self._error("answer_invalid")
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
            raise self._error("answer_invalid")
        reference = self.month.first_day
        if age is not None:
            if age < 0 or age > MAX_AGE:
                raise self._error("age_invalid", {"max": MAX_AGE})
            # About the middle of the possible range, so that the age is
            # right at the screened month (ages are counted there).
            anchor = min(reference, self.today)
            birth = _minus_years(anchor, age) - timedelta(days=183)
        assert birth is not None
        if birth > self.today or birth > date.today():
            raise self._error("birth_date_in_future")
        # The household model counts from the real date; so do we, and from `today`.
        if birth.year < max(self.today.year, date.today().year) - MAX_AGE:
            raise self._error("birth_date_too_old")
        if birth.replace(day=1) > reference:
            raise self._error("birth_date_in_future")
        actual = _age_at(birth, reference)
        if actual < low:
            raise self._error("age_too_low", {"min": low})
        if actual > high:
            raise self._error("age_too_high", {"max": high})
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
                    raise self._error("postal_code_unknown", {"value": text}) from None
                raise self._error("commune_unknown", {"value": text}) from None
            postal = text.replace(" ", "")
            names = ", ".join(nord.label(c.code, postal) for c in candidates[:8])
            raise self._error("commune_ambiguous", {"candidates": names}) from None

    def _parse_month(self, instance: Instance, value: Any) -> str:
        if isinstance(value, Month):
            month = value
        elif isinstance(value, date):
            month = Month(value.year, value.month)
        else:
            month = parse_month_text(str(value), in_range=False)
        return str(check_month(month))

    # ------------------------------------------------------------ the household

    @property
    def estimated(self) -> list[str]:
        """Field paths of the answers that were estimated ("I don't know")."""
        return self._build()[1]

    def estimated_labels(self) -> list[str]:
        """The questions answered "I don't know", in the person's language and
        in the order asked, as a resident reads them (never a field path):
        "Quel âge a cet enfant ? (Enfant 2 sur 3)" for a repeated group."""
        labels: list[str] = []
        for number, instance in enumerate(self._path()):
            if self._answers.get(instance.key) != DONT_KNOW or instance.question.gate:
                continue
            view = self._view(instance, number)
            labels.append(f"{view.text} ({view.title})" if view.repeat_index is not None and view.title else view.text)
        return labels

    def household(self) -> Household:
        """The household the answers describe. IncompleteSession if a
        question that applies is still unanswered."""
        data, _estimated = self._build()
        return Household.model_validate(data)

    def household_data(self) -> dict:
        return self._build()[0]

    def partial_household_data(self) -> dict:
        """The household data from the answers given so far, for a session
        that is not finished (a resident who stops half-way and sees an
        advisor). Never raises IncompleteSession, and is NOT validated: what
        the person has not reached yet is simply absent (no `housing.status`
        before the housing question, no partner before "couple", no children
        before their number), so `Household.model_validate` may refuse it.
        A person is listed as soon as the answers say they exist."""
        return self._build(partial=True)[0]

    def unanswered(self) -> list[CurrentQuestion]:
        """The questions still to answer, in order, as far as the answers so
        far tell: one that depends on an unanswered answer is left out (the
        rent before the housing question), the one it depends on is listed."""
        return [
            self._view(instance, number)
            for number, instance in enumerate(self._walk(stop_at_unanswered=False))
            if instance.key not in self._answers
        ]

    def _build(self, partial: bool = False) -> tuple[dict, list[str]]:
        if not partial and not self.all_answered:
            raise IncompleteSession("some questions that apply are not answered yet")
        month = self.month
        data: dict[str, Any] = {
            "month": str(month),
            "housing": {},
            "people": [],
            "received": {},
            "taxable_income": {},
        }
        people: dict[tuple[str, int], int] = {}
        estimated: list[str] = []
        for instance in self._walk(stop_at_unanswered=False):
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
            if partial and instance.key not in self._answers:
                continue
            stored = self._answers[instance.key]
            value = self._effective(instance.key, q)
            # Only "I don't know" is an estimate. A typed age is an answer: the
            # birth date made from it gives that age at the screened month.
            guessed = stored == DONT_KNOW
            if q.kind == Kind.birth:
                value = value.isoformat()
            path = self._put(data, q, value, position, month)
            if guessed and path:
                estimated.append(path)
        data["estimated"] = estimated
        return data, list(estimated)

    @staticmethod
    def _put(data: dict, question: Question, value: Any, position: int | None, month: Month) -> str | None:
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

    # ------------------------------------------------------------ saving

    def to_dict(self) -> dict:
        """A JSON-serialisable snapshot; `Session.from_dict` resumes it."""
        return {
            "format": FORMAT_VERSION,
            "flow": self.flow.name if self.flow.source.startswith("questionnaires/flows/") else self.flow.source,
            "lang": self.lang,
            "site_commune": self.site_commune,
            "today": self.today.isoformat(),
            "answers": dict(self._answers),
            "cursor": self._cursor,
        }

    @classmethod
    def from_dict(cls, data: dict, flow: Flow | str | None = None, *, lang: str | None = None) -> Session:
        """Resume a saved session. With `flow`, the answers are carried over to
        another flow (e.g. the kiosk's `resident` to the `advisor` flow): an
        answer moves when the other flow has a question with the same id (and
        group) that accepts it; the rest is asked again."""
        if not isinstance(data, dict) or data.get("format") != FORMAT_VERSION:
            raise ValueError("not a saved questionnaire session (unknown format)")
        same_flow = flow is None
        session = cls(
            flow if flow is not None else data["flow"],
            lang=lang or data.get("lang", "fr"),
            site_commune=data.get("site_commune"),
            today=date.fromisoformat(data["today"]) if data.get("today") else None,
        )
        answers = dict(data.get("answers") or {})
        # Replay in the order of the flow so that every answer is checked again.
        progressed = True
        while progressed:
            progressed = False
            for instance in session._walk(stop_at_unanswered=False):
                if instance.key in session._answers or instance.key not in answers:
                    continue
                stored = answers[instance.key]
                try:
                    typed = cls._typed(instance.question, stored)
                    session._answers[instance.key] = session._parse(instance, typed)
                except (AnswerError, TypeError, KeyError, ValueError):
                    continue
                progressed = True
        session._prune()
        path = session._path()
        first_open = next((i for i, inst in enumerate(path) if inst.key not in session._answers), len(path))
        cursor = int(data.get("cursor", 0)) if same_flow else first_open
        session._cursor = max(0, min(cursor, first_open))
        return session
