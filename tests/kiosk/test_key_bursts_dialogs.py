"""Bursts of keys on each dialog over a question: the staff PIN, "start
again?", the idle prompt and the language picker (key_bursts.py)."""

from __future__ import annotations

import pytest
from key_bursts import bursts_are_harmless

pytestmark = pytest.mark.heavy


@pytest.mark.timeout(300)
async def test_bursts_of_keys_are_harmless_on_every_dialog(make_app):
    await bursts_are_harmless(make_app, ["staff", "confirm", "idle", "picker"])
