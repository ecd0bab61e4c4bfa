"""Screening half-filled forms, many at once.

A form with missing answers is screened once per placeholder variant
(`form.VARIANTS`); a benefit whose status or amount differs between the
variants depends on what is missing and comes out `unknown`, with the
reason `missing_input:<field>`. All the households of all the forms go to
the engine in one `screen_many` call (one vectorised simulation).
"""

from __future__ import annotations

from collections.abc import Sequence

from eligibility.engine import unclaimed_totals
from eligibility.screening import BenefitResult, Screening, Status
from kiosk.advisor.form import ParsedForm, parse_form


def screen_forms(engine, forms: Sequence[dict | ParsedForm], explain: bool = True, stop=None) -> list[Screening]:
    parsed = [f if isinstance(f, ParsedForm) else parse_form(f) for f in forms]
    households = []
    spans = []
    for p in parsed:
        start = len(households)
        households.extend(p.households())
        spans.append((start, len(households)))
    screenings = engine.screen_many(households, explain=explain, stop=stop) if households else []
    return [_merge(p, screenings[a:b]) for p, (a, b) in zip(parsed, spans)]


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
