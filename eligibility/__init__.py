"""Which social benefits a household probably has, and which it is not claiming.

    from eligibility import Household, screen
    result = screen(Household.model_validate(data))

Names are imported on first use: a kiosk that only validates a commune at
start-up must not pay for loading the rules' code (PEP 562).
"""

from importlib import import_module

_EXPORTS = {
    "BenefitResult": "eligibility.screening",
    "Engine": "eligibility.engine",
    "Household": "eligibility.household",
    "Person": "eligibility.household",
    "Screening": "eligibility.screening",
    "Status": "eligibility.screening",
    "default_engine": "eligibility.engine",
    "screen": "eligibility.engine",
    "screen_many": "eligibility.engine",
}

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


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'eligibility' has no attribute {name!r}")
