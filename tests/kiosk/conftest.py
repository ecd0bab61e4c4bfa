"""Fixtures for the kiosk tests: an app on the session's warm engine."""

from __future__ import annotations

import pytest

from kiosk.app import KioskApp
from kiosk.config import KioskConfig


@pytest.fixture
def make_app(engine):
    def make(**overrides) -> KioskApp:
        settings = {"site_commune": "59350", "site_name": "CCAS de Lille", "staff_pin": "975312"}
        settings.update(overrides)
        return KioskApp(KioskConfig.model_validate(settings), engine=engine)

    return make
