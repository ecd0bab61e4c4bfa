"""Shared fixtures. The OpenFisca system is built once per test session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def engine():
    from eligibility.engine import default_engine

    engine = default_engine()
    engine.warm_up()
    return engine
