"""Benefit names in every language keep the official French short name."""

from __future__ import annotations

import pytest

from eligibility.catalog import benefits, documents, institutions
from eligibility.labels import (
    benefit_label,
    benefit_summary,
    document_text,
    institution_name,
    official_name,
    reason_text,
)
from locales import LANGUAGES, gettext


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_label_keeps_the_french_short_name(lang):
    for benefit_id, benefit in benefits().items():
        label = benefit_label(benefit_id, lang)
        assert benefit.short in label, (lang, benefit_id, label)


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "fr"])
def test_every_label_is_translated(lang):
    for benefit_id, benefit in benefits().items():
        assert gettext(lang, benefit.name) != benefit.name or lang in ("ca",) and benefit.short == benefit.name, (
            lang,
            benefit_id,
        )


def test_examples():
    assert benefit_label("rsa", "fr") == "Revenu de solidarité active (RSA)"
    assert benefit_label("rsa", "en") == "Active solidarity income — RSA"
    assert benefit_label("rsa", "ar") == "دخل التضامن الفعال — RSA"
    assert benefit_label("cheque_energie", "fr") == "Chèque énergie"
    assert benefit_label("cheque_energie", "en").endswith(" — Chèque énergie")
    assert official_name("rsa") == "Revenu de solidarité active (RSA)"
    assert official_name("aide_logement") == "Aide personnalisée au logement (APL)"


def test_unknown_benefit():
    with pytest.raises(KeyError):
        benefit_label("nope", "fr")
    with pytest.raises(ValueError):
        benefit_label("rsa", "xx")


def test_other_catalog_texts():
    assert benefit_summary("rsa", "fr") == benefits()["rsa"].summary
    assert document_text("identity", "fr") == documents()["identity"]
    assert document_text("identity", "en") != documents()["identity"]
    assert reason_text("missing_input:people[0].income", "fr") == "Une information manque pour calculer cette aide."
    assert institution_name("caf", "fr") == "Caisse d'allocations familiales"
    assert institution_name("caf", "en").endswith(" — CAF")
    for lang in LANGUAGES:
        assert "France Travail" in institution_name("france_travail", lang)
        assert institutions()["caf"].short in institution_name("caf", lang) or lang == "fr"
