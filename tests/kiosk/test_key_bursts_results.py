"""Bursts of keys on the results and on the take-away code over them
(key_bursts.py)."""

from __future__ import annotations

import pytest
from key_bursts import bursts_are_harmless


@pytest.mark.timeout(300)
async def test_bursts_of_keys_are_harmless_on_the_results_and_the_code(make_app):
    await bursts_are_harmless(make_app, ["results", "handover"])
