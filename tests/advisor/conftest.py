"""Fixtures for the advisor tests: an app on the session's warm engine."""

from __future__ import annotations

import pytest
import pytest_asyncio

from eligibility.household import Household
from tests.households import single_parent


@pytest.fixture
def make_app(engine):
    from kiosk.advisor import AdvisorApp
    from kiosk.config import KioskConfig

    def make(**overrides):
        return AdvisorApp(
            KioskConfig.model_validate({"site_commune": "59350", **overrides}), engine=engine, printer=None
        )

    return make


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def shared_app(engine):
    """One advisor app, already started, for every test of a module that
    does not need a new one: starting and stopping an app costs more CPU
    than the test itself. Each test begins with `advisor_helpers.start_over`.
    The module's tests must run in its event loop:
    `pytestmark = pytest.mark.asyncio(loop_scope="module")`."""
    from kiosk.advisor import AdvisorApp
    from kiosk.config import KioskConfig
    from tests.advisor.advisor_helpers import SIZE, settle

    app = AdvisorApp(KioskConfig.model_validate({"site_commune": "59350"}), engine=engine, printer=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        yield app, pilot


@pytest.fixture
def family() -> Household:
    # A single parent of 34 in Lille, 1 100 € salary, two children, private rent.
    return single_parent(1100.0, received={"af": 151.5}, taxable_income={"2024": 13200.0}, single_parent_months=None)
