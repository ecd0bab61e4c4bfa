"""Questionnaires: declarative flows (YAML) and the session that runs them.

from questionnaires import Session, load_flow
session = Session(load_flow("resident"), lang="fr", site_commune="59350")
"""

from questionnaires.flow import Flow, FlowError, Group, Kind, Question, flow_names, load_flow
from questionnaires.session import (
    DONT_KNOW,
    AnswerError,
    CurrentQuestion,
    IncompleteSession,
    Progress,
    Session,
)

__all__ = [
    "DONT_KNOW",
    "AnswerError",
    "CurrentQuestion",
    "Flow",
    "FlowError",
    "Group",
    "IncompleteSession",
    "Kind",
    "Progress",
    "Question",
    "Session",
    "flow_names",
    "load_flow",
]
