"""Shared by the advisor's Pilot tests."""

from __future__ import annotations

SIZE = (200, 60)


async def settle(pilot, app, timeout: float = 20.0) -> None:
    """Wait until every scenario is screened and its results are shown."""
    waited = 0.0
    while waited < timeout:
        await pilot.pause(0.1)
        waited += 0.1
        if app.up_to_date and not app.workers:
            return
    raise AssertionError("the results were never brought up to date")
