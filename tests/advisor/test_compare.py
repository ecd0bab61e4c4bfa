"""What changes between scenarios, in words; the labels are extracted, not the keys."""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po

from kiosk.advisor.compare import FIELD_LABELS, describe_changes
from locales import benefit_label


def test_received_benefits_in_neutral_words(family):
    other = family.model_copy(update={"received": {"rsa": 300.0}})
    lines = describe_changes(family, other)
    assert "Plus reçu : " + benefit_label("af", "fr") in lines
    assert "Reçu : " + benefit_label("rsa", "fr") in lines


def test_field_labels_are_msgids_and_keys_are_not():
    with open(Path(__file__).resolve().parents[2] / "locales" / "messages.pot", encoding="utf-8") as handle:
        ids = {m.id for m in read_po(handle) if m.id}
    for key, label in FIELD_LABELS.items():
        assert label in ids, label
        assert key not in ids, key
