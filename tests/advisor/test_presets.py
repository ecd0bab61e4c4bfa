"""Presets are pure functions on a household."""

from __future__ import annotations

from datetime import date

from eligibility.household import Activity, HousingStatus, Role
from kiosk.advisor import presets


def test_takes_job(family):
    before = family.model_dump(mode="json")
    after = presets.takes_job(family, 1450.5)
    assert after.applicant.activity == Activity.employed
    assert after.applicant.income.salary == 1450.5
    assert after.applicant.income.unemployment == 0
    assert family.model_dump(mode="json") == before  # unchanged


def test_partner_moves_out(family):
    couple = family.model_copy(deep=True)
    couple.people.append(type(family.people[0])(id="partner", role=Role.partner, birth_date=date(1990, 1, 1)))
    alone = presets.partner_moves_out(couple)
    assert alone.partner is None
    assert len(alone.people) == len(couple.people) - 1
    assert presets.partner_moves_out(family).model_dump() == family.model_dump()


def test_child_is_born(family):
    family.people[0].pregnant = True
    after = presets.child_is_born(family)
    assert len(after.children) == 3
    newborn = after.children[-1]
    assert newborn.birth_date == date(2025, 5, 1)
    assert newborn.id == "child3"
    assert not any(p.pregnant for p in after.people)


def test_turns_62(family):
    after = presets.turns_62(family)
    assert after.applicant.age_at(after.month.first_day) == 62
    assert after.children == family.children


def test_moves_to_social_housing(family):
    after = presets.moves_to_social_housing(family)
    assert after.housing.status == HousingStatus.tenant_social
    assert after.housing.rent == 600.0
    assert presets.moves_to_social_housing(family, rent=420).housing.rent == 420.0


def test_presets_change_the_screening(engine, family):
    base = engine.screen(family)
    born = engine.screen(presets.child_is_born(family))
    assert born.benefit("paje_base").amount > base.benefit("paje_base").amount
