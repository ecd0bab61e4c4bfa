"""Shared fixtures. The OpenFisca system is built once per test session."""

from __future__ import annotations

import pytest


def pytest_collection_finish(session):
    # Build and warm the rules before the first test starts, when a test
    # will need them: the per-test timeout (pytest-timeout) is for the test,
    # not for this one-off build, which takes tens of seconds on a busy machine.
    if session.config.option.collectonly:
        return
    if any("engine" in getattr(item, "fixturenames", ()) for item in session.items):
        from eligibility.engine import default_engine

        default_engine().warm_up()


@pytest.fixture(scope="session")
def engine():
    from eligibility.engine import default_engine

    engine = default_engine()
    engine.warm_up()
    return engine
