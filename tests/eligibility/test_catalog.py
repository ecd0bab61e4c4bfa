"""The benefit catalog is data: every file valid, every fact traceable."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eligibility import catalog
from eligibility.engine import default_engine

REFERENCE = Path(__file__).parents[3] / "shared" / "reference" / "benefit-claim-facts.yml"
REQUIRED = {
    "rsa",
    "ppa",
    "aide_logement",
    "af",
    "cf",
    "asf",
    "ars",
    "paje_base",
    "aah",
    "aspa",
    "asi",
    "ass",
    "aeeh",
    "css_participation_forfaitaire",
    "cheque_energie",
    "bourse_college",
    "bourse_lycee",
}


def test_every_required_benefit_is_in_the_catalog():
    assert REQUIRED <= set(catalog.benefits())


def test_every_openfisca_variable_exists():
    variables = default_engine().system.variables
    for benefit in catalog.benefits().values():
        source = benefit.openfisca
        for name in filter(None, [source.variable, source.paid_variable, source.free_variable, *benefit.figures]):
            assert name in variables, f"{benefit.id}: {name}"


def test_reason_codes_have_a_text():
    for benefit in catalog.benefits().values():
        for requirement in benefit.requires:
            assert catalog.reason_text(requirement.reason)


@pytest.mark.skipif(not REFERENCE.exists(), reason="shared/reference is beside the project only in CI and sessions")
def test_every_url_and_phone_comes_from_the_verified_reference():
    reference = REFERENCE.read_text(encoding="utf-8")
    for benefit in catalog.benefits().values():
        for key, value in benefit.how_to_claim.items():
            if key.endswith("_url") and value:
                assert value in reference, f"{benefit.id}.{key}: {value}"
    for slug, institution in catalog.institutions().items():
        if institution.phone:
            assert f'"{institution.phone}"' in reference, slug
        assert institution.website in reference, slug


def test_unverified_phone_is_marked():
    # France Travail's 3949 is marked `unverified: true` in the reference.
    assert catalog.institutions()["france_travail"].phone_verified is False


def test_no_url_outside_the_catalog_files():
    # URLs live in the data files only, where their source is noted.
    code = "".join(p.read_text(encoding="utf-8") for p in Path(catalog.__file__).parent.glob("*.py"))
    assert not re.search(r"https?://", code)


def test_a_benefit_never_reads_in_the_past_what_it_already_comes_after():
    # `after_claiming` computes the first amount as if those benefits were paid
    # (level by level); listing them in `reads_past` too would only screen the
    # household once more for the same amount.
    for benefit in catalog.benefits().values():
        assert not set(benefit.after_claiming) & set(benefit.reads_past), benefit.id
