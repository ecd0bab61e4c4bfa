"""A session as JSON (`Session.to_dict`) and back (`Session.from_dict`):
every answer is checked again when a session is resumed."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from questionnaires.answers import AnswerError
from questionnaires.flow import Flow
from questionnaires.view import typed

if TYPE_CHECKING:
    from questionnaires.session import Session

FORMAT_VERSION = 1


def to_dict(session: Session) -> dict:
    """A JSON-serialisable snapshot; `Session.from_dict` resumes it."""
    return {
        "format": FORMAT_VERSION,
        "flow": session.flow.name if session.flow.source.startswith("questionnaires/flows/") else session.flow.source,
        "lang": session.lang,
        "site_commune": session.site_commune,
        "today": session.today.isoformat(),
        "answers": dict(session._answers),
        "cursor": session._cursor,
    }


def from_dict(cls: type[Session], data: dict, flow: Flow | str | None = None, *, lang: str | None = None) -> Session:
    """Resume a saved session. With `flow`, the answers are carried over to
    another flow: an answer moves when the other flow has a question with the
    same id (and group) that accepts it; the rest is asked again."""
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
                value = typed(instance.question, stored)
                session._answers[instance.key] = session._parse(instance, value)
            except (AnswerError, TypeError, KeyError, ValueError):
                continue
            progressed = True
    session._prune()
    path = session._path()
    first_open = next((i for i, inst in enumerate(path) if inst.key not in session._answers), len(path))
    cursor = int(data.get("cursor", 0)) if same_flow else first_open
    session._cursor = max(0, min(cursor, first_open))
    return session
