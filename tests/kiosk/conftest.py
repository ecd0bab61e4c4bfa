"""Fixtures for the kiosk tests: an app on the session's warm engine."""

from __future__ import annotations

from functools import cache

import pytest
from kiosk_helpers import STAFF_PIN

from kiosk.app import KioskApp
from kiosk.config import KioskConfig
from kiosk.pin import hash_pin


@cache
def staff_pin_hash() -> str:
    return hash_pin(STAFF_PIN)


class StandInVoices:
    """Speaks, silently, the languages espeak-ng has voices for: the screens
    (the "Listen" button) are the same whether or not espeak-ng is installed
    on the machine running the tests. The sound itself is tested in
    test_speech.py, which skips without espeak-ng."""

    playing = False

    def __init__(self) -> None:
        from kiosk.speech import ESPEAK_VOICES

        self.langs = set(ESPEAK_VOICES)
        self.said: list[tuple[str, str]] = []
        self.stops = 0

    def speaks(self, lang: str) -> bool:
        return lang in self.langs

    def say(self, text: str, lang: str) -> None:
        self.said.append((lang, text))

    def stop(self) -> None:
        self.stops += 1


@pytest.fixture
def make_app(engine):
    warm_engine = engine

    def make(*, speaker=None, engine=None, **overrides) -> KioskApp:
        """A kiosk on the session's warm engine (or on `engine`, a stand-in),
        speaking silently unless given a `speaker`."""
        settings = {"site_commune": "59350", "site_name": "CCAS de Lille", "staff_pin_hash": staff_pin_hash()}
        settings.update(overrides)
        config = KioskConfig.model_validate(settings)
        return KioskApp(config, engine=warm_engine if engine is None else engine, speaker=speaker or StandInVoices())

    return make
