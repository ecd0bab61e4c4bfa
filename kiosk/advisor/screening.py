"""Screening half-filled forms, many at once.

A form with missing answers is screened once per placeholder variant
(`form.VARIANTS`); a benefit whose status or amount differs between the
variants depends on what is missing and comes out `unknown`, with the
reason `missing_input:<field>`. All the households of all the forms go to
the engine in one `screen_many` call (one vectorised simulation).

With a `ScreeningCache` (kiosk.advisor.scheduler), a form whose households
were screened already is not screened again.
"""

from __future__ import annotations

from collections.abc import Sequence

from eligibility.engine import unclaimed_totals
from eligibility.screening import BenefitResult, Screening, Status
from kiosk.advisor.form import ParsedForm, parse_form
from kiosk.advisor.scheduler import ScreeningCache


def screen_forms(
    engine,
    forms: Sequence[dict | ParsedForm],
    explain: bool = True,
    stop=None,
    cache: ScreeningCache | None = None,
) -> list[Screening]:
    """One screening per form, in order. With a `cache` (explanations
    included), only the forms whose households it has not seen are screened,
    all in one `screen_many` call."""
    parsed = [f if isinstance(f, ParsedForm) else parse_form(f) for f in forms]
    if cache is None or not explain:
        keys = [str(index) for index in range(len(parsed))]  # every form screened
        found: dict[str, Screening] = {}
    else:
        keys = [ScreeningCache.key(p) for p in parsed]
        found = {k: s for k in dict.fromkeys(keys) if (s := cache.get(k)) is not None}
    households = []
    spans: dict[str, tuple[ParsedForm, int, int]] = {}
    for key, p in zip(keys, parsed):
        if key not in found and key not in spans:  # the same households twice: screened once
            start = len(households)
            households.extend(p.households())
            spans[key] = (p, start, len(households))
    screenings = engine.screen_many(households, explain=explain, stop=stop) if households else []
    for key, (p, a, b) in spans.items():
        found[key] = _merge(p, screenings[a:b])
        if cache is not None and explain:
            cache.put(key, found[key])
    return [found[key] for key in keys]


def _merge(parsed: ParsedForm, variants: list[Screening]) -> Screening:
    first = variants[0]
    if len(variants) == 1:
        return first
    reason = f"missing_input:{parsed.missing[0]}" if parsed.missing else "missing_input"
    results: list[BenefitResult] = []
    for index, result in enumerate(first.benefits):
        others = [v.benefits[index] for v in variants[1:]]
        if all(_same(result, o) for o in others):
            results.append(result)
        else:
            results.append(
                result.model_copy(
                    update=dict(
                        status=Status.unknown,
                        amount=None,
                        recurring_amount=None,
                        unclaimed=False,
                        reasons=[reason],
                        variant=None,
                        figures=[],
                    )
                )
            )
    monthly, yearly = unclaimed_totals(results)
    recurring, _yearly = unclaimed_totals(results, recurring=True)
    return first.model_copy(
        update=dict(
            benefits=results,
            unclaimed_monthly_total=monthly,
            recurring_unclaimed_monthly_total=recurring,
            unclaimed_yearly_total=yearly,
        )
    )


def _same(a: BenefitResult, b: BenefitResult) -> bool:
    return (
        a.status == b.status
        and a.amount == b.amount
        and a.recurring_amount == b.recurring_amount
        and a.variant == b.variant
    )
