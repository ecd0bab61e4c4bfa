"""Which social benefits a household probably has, and which it is not claiming.

    from eligibility import Household, screen
    result = screen(Household.model_validate(data))
"""

from eligibility.engine import Engine, default_engine, screen, screen_many
from eligibility.household import Household, Person
from eligibility.screening import BenefitResult, Screening, Status

__all__ = [
    "BenefitResult",
    "Engine",
    "Household",
    "Person",
    "Screening",
    "Status",
    "default_engine",
    "screen",
    "screen_many",
]
