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

from datetime import date
from typing import Any

from eligibility.household import Household
from eligibility.periods import Month
from locales import LANGUAGES, gettext
from questionnaires import communes as nord
from questionnaires import persistence
from questionnaires.answers import DONT_KNOW, AnswerError, AnswerReader, Instance
from questionnaires.building import build
from questionnaires.flow import Flow, Question, load_flow
from questionnaires.planning import Plan
from questionnaires.view import CurrentQuestion, Progress, typed, view

# The session is the state machine (answers, cursor, language); beside it:
# `answers` reads one answer, `planning` says which questions apply,
# `view` shows one, `building` makes the household, `persistence` saves.
__all__ = ["DONT_KNOW", "AnswerError", "CurrentQuestion", "IncompleteSession", "Progress", "Session"]


class IncompleteSession(RuntimeError):
    """`household()` was asked before every question that applies was answered."""


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

    # ------------------------------------------------------------ beside the state

    def _plan(self) -> Plan:
        return Plan(self.flow, self._answers, self.today)

    def _reader(self) -> AnswerReader:
        return AnswerReader(self.lang, self.today, self.month)

    @property
    def month(self) -> Month:
        return self._plan().month

    def _walk(self, stop_at_unanswered: bool) -> list[Instance]:
        return self._plan().walk(stop_at_unanswered)

    def _path(self) -> list[Instance]:
        return self._walk(stop_at_unanswered=True)

    def _prune(self) -> None:
        self._plan().prune()

    def _parse(self, instance: Instance, value: Any) -> Any:
        return self._reader().parse(instance, value)

    def _view(self, instance: Instance, number: int) -> CurrentQuestion:
        return view(self, instance, number)

    @staticmethod
    def _typed(question: Question, stored: Any) -> Any:
        return typed(question, stored)

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
            raise self._reader().error("session_complete")
        instance = path[self._cursor]
        stored = self._parse(instance, value)
        self._answers[instance.key] = stored
        self._prune()
        path = self._path()
        keys = [i.key for i in path]
        self._cursor = keys.index(instance.key) + 1

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
        return build(self._plan(), partial)

    # ------------------------------------------------------------ saving

    def to_dict(self) -> dict:
        """A JSON-serialisable snapshot; `Session.from_dict` resumes it."""
        return persistence.to_dict(self)

    @classmethod
    def from_dict(cls, data: dict, flow: Flow | str | None = None, *, lang: str | None = None) -> Session:
        """Resume a saved session. With `flow`, the answers are carried over to
        another flow: an answer moves when the other flow has a question with
        the same id (and group) that accepts it; the rest is asked again."""
        return persistence.from_dict(cls, data, flow, lang=lang)
