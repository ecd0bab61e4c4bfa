"""The benefit catalog is data: every file valid, every fact traceable."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

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
    # Or from eligibility/url_sources.yaml, where each other address says where it was read.
    sourced = set(yaml.safe_load((Path(catalog.__file__).parent / "url_sources.yaml").read_text(encoding="utf-8")))
    for benefit in catalog.benefits().values():
        for key, value in benefit.how_to_claim.items():
            if key.endswith("_url") and value:
                assert value in reference or value in sourced, f"{benefit.id}.{key}: {value}"
    for slug, institution in catalog.institutions().items():
        if institution.phone:
            assert f'"{institution.phone}"' in reference, slug
        assert institution.website in reference or institution.website in sourced, slug


def test_every_extra_url_source_is_used_and_says_where_it_was_read():
    sourced = yaml.safe_load((Path(catalog.__file__).parent / "url_sources.yaml").read_text(encoding="utf-8"))
    used = {v for b in catalog.benefits().values() for k, v in b.how_to_claim.items() if k.endswith("_url")}
    used |= {i.website for i in catalog.institutions().values()}
    for url, note in sourced.items():
        assert url in used, url
        assert len(note) > 40, url


def test_unverified_phone_is_marked():
    # France Travail's 3949 is marked `unverified: true` in the reference.
    assert catalog.institutions()["france_travail"].phone_verified is False


def test_no_url_outside_the_catalog_files():
    # URLs live in the data files only, where their source is noted.
    code = "".join(p.read_text(encoding="utf-8") for p in Path(catalog.__file__).parent.glob("*.py"))
    assert not re.search(r"https?://", code)


def test_the_readme_lists_exactly_the_benefits_of_the_catalog():
    import re
    from pathlib import Path

    from eligibility.catalog import benefits

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    paragraph = readme.split("Benefits covered:", 1)[1].split(". Each is one data file", 1)[0]
    listed = set(re.findall(r"`([^`]+)`", paragraph))
    named = {name.strip() for group in listed for name in group.split(",")}
    assert named == set(benefits())


def test_a_benefit_never_reads_in_the_past_what_it_already_comes_after():
    # `after_claiming` computes the first amount as if those benefits were paid
    # (level by level); listing them in `reads_past` too would only screen the
    # household once more for the same amount.
    for benefit in catalog.benefits().values():
        assert not set(benefit.after_claiming) & set(benefit.reads_past), benefit.id


def test_a_requirement_naming_an_unknown_check_is_refused(monkeypatch):
    from eligibility import conditions

    benefit = next(b for b in catalog.benefits().values() if b.requires)
    for field in ("check", "unless"):
        requirement = benefit.requires[0].model_copy(update={field: "no_such_check"})
        broken = benefit.model_copy(update={"requires": [requirement]})
        monkeypatch.setattr(conditions, "benefits", lambda broken=broken: {benefit.id: broken})
        with pytest.raises(catalog.CatalogError, match="no_such_check"):
            conditions._check_the_catalog()
