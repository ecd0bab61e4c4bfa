"""Fixtures for the kiosk tests: an app on the session's warm engine."""

from __future__ import annotations

from functools import cache

import pytest

from kiosk.app import KioskApp
from kiosk.config import KioskConfig
from kiosk.pin import hash_pin

#: The staff PIN of the test kiosks (stored hashed, as on a real site).
STAFF_PIN = "975312"


@cache
def staff_pin_hash() -> str:
    return hash_pin(STAFF_PIN)


@pytest.fixture
def make_app(engine):
    def make(**overrides) -> KioskApp:
        settings = {"site_commune": "59350", "site_name": "CCAS de Lille", "staff_pin_hash": staff_pin_hash()}
        settings.update(overrides)
        return KioskApp(KioskConfig.model_validate(settings), engine=engine)

    return make
