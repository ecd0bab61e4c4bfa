"""The message catalogs: in step with the code, complete, well-formed."""

from __future__ import annotations

import gettext as stdlib_gettext
import shutil
from pathlib import Path

import pytest
from babel.messages.frontend import BaseError, CommandLineInterface
from babel.messages.plurals import get_plural

import locales
from locales import LANGUAGES, SOURCE_LANGUAGE, tools

TARGETS = [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE]


@pytest.fixture(scope="module")
def fresh_template(tmp_path_factory):
    """The template as extracted now from the sources and the YAML data."""
    return tools.read_catalog(tools.fresh_template(tmp_path_factory.mktemp("pot")))


@pytest.fixture(scope="module")
def committed_template():
    return tools.read_catalog(tools.TEMPLATE)


def test_template_is_not_stale(fresh_template, committed_template):
    added, removed = tools.template_differences(committed_template, fresh_template)
    assert (added, removed) == ([], []), "run `python -m locales update`"


def test_template_has_texts_from_every_source(committed_template):
    files = {path for m in committed_template if m.id for path, _ in m.locations}
    assert "eligibility/documents.yaml" in files
    assert "eligibility/reasons.yaml" in files
    assert "eligibility/institutions.yaml" in files
    assert any(f.startswith("eligibility/benefits/") for f in files)
    assert "locales/errors.py" in files
    ids = {m.id for m in committed_template if m.id}
    assert "Revenu de solidarité active" in ids
    assert "Un revenu minimum pour les personnes qui ont peu ou pas d'argent pour vivre." in ids
    assert "Caisse d'allocations familiales" in ids
    # Acronyms, numbers and codes are not texts.
    assert "RSA" not in ids and "caf" not in ids and "https://www.caf.fr" not in ids
    assert not [i for i in ids if isinstance(i, str) and not any(c.isalpha() for c in i)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_is_up_to_date_with_template(lang, tmp_path):
    """What `pybabel update --check` says, on a copy (it writes temp files)."""
    copy = tools.po_path(lang, tmp_path)
    copy.parent.mkdir(parents=True)
    shutil.copy(tools.po_path(lang), copy)
    args = ["pybabel", "-q", "update", "--check", "--ignore-pot-creation-date",
            "-i", str(tools.TEMPLATE), "-d", str(tmp_path), "-D", "messages", "-l", lang]  # fmt: skip
    try:
        CommandLineInterface().run(args)
    except BaseError:
        pytest.fail(f"{lang}: catalog out of date, run `python -m locales update`")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_has_every_template_message(lang, committed_template):
    report = tools.check_catalog(lang, committed_template)
    assert report.behind_template == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_is_complete(lang, committed_template):
    report = tools.check_catalog(lang, committed_template)
    assert report.total > 100
    assert report.untranslated == [], f"{lang}: {len(report.untranslated)} untranslated"
    assert report.fuzzy == [], f"{lang}: {len(report.fuzzy)} fuzzy"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_are_kept(lang, committed_template):
    assert tools.check_catalog(lang, committed_template).placeholders == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plural_forms(lang, committed_template):
    catalog = tools.read_catalog(tools.po_path(lang), lang)
    assert catalog.plural_forms == get_plural(lang).plural_forms
    assert tools.check_catalog(lang, committed_template).plurals == []


def test_plural_forms_of_french_and_arabic():
    fr = tools.read_catalog(tools.po_path("fr"), "fr")
    assert fr.plural_forms == "nplurals=2; plural=(n > 1);"
    ar = tools.read_catalog(tools.po_path("ar"), "ar")
    assert ar.num_plurals == 6
    # The runtime catalog uses the header: French 0 is singular.
    assert locales.translations("fr").plural(0) == 0
    assert locales.translations("fr").plural(2) == 1
    # CLDR: zero, one, two, few (3-10), many (11-99), other (100-102...).
    assert [locales.translations("ar").plural(n) for n in (0, 1, 2, 3, 11, 100)] == [0, 1, 2, 3, 5, 4]


@pytest.mark.parametrize("lang", TARGETS)
def test_header_says_draft(lang):
    text = tools.po_path(lang).read_text(encoding="utf-8")
    catalog = tools.read_catalog(tools.po_path(lang), lang)
    assert "DRAFT" in catalog.header_comment
    assert "not yet been reviewed by a native speaker" in catalog.header_comment
    assert tools._review_status(text) == "draft — not reviewed by a native speaker"


def test_french_catalog_copies_the_source():
    catalog = tools.read_catalog(tools.po_path("fr"), "fr")
    for message in catalog:
        if message.id and not message.pluralizable:
            assert message.string == message.id


def test_review_status_survives_a_babel_rewrite():
    text = tools.po_path("ar").read_text(encoding="utf-8")
    stripped = tools._with_review_status(text, "x").replace("X-Review-Status: x\\n", "")
    assert tools._review_status(stripped) is None
    again = tools._with_review_status(stripped, "reviewed by A. B.")
    assert tools._review_status(again) == "reviewed by A. B."
    # Same line count as Babel writes: `pybabel update --check` stays usable.
    assert again.count("\n") == stripped.count("\n")


def test_placeholder_helper_finds_problems():
    from babel.messages.catalog import Message

    assert tools.placeholders("Total : {amount} par mois, %(n)s et %s") == ["%(n)s", "%s", "{amount}"]
    assert tools.placeholder_problems(Message("Total : {amount}", "Total: {amout}")) != []
    assert tools.placeholder_problems(Message("Total : {amount}", "Total: {amount}")) == []
    plural = Message(("un enfant", "{n} enfants"), ("طفل واحد", "{n} طفل", "طفلان", "{n} أطفال", "{n} طفلًا", "{n} {x}"))
    assert tools.placeholder_problems(plural) == ["form 5: ['{n}', '{x}'] for ['{n}']"]


def test_translations_are_loaded_from_po_without_writing(tmp_path, monkeypatch):
    from locales import core

    po = tools.po_path("en", tmp_path)
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgid "Bonjour"\nmsgstr "Hello"\n\n'
        '#, fuzzy\nmsgid "Au revoir"\nmsgstr "Good night"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(core, "_ROOT", tmp_path)
    core.translations.cache_clear()
    try:
        catalog = core.translations("en")
        assert isinstance(catalog, stdlib_gettext.GNUTranslations)
        assert catalog.gettext("Bonjour") == "Hello"
        # Fuzzy entries are guesses: the French text is shown instead.
        assert catalog.gettext("Au revoir") == "Au revoir"
        assert sorted(p.name for p in po.parent.iterdir()) == ["messages.po"]
        assert core.translations("en") is catalog  # cached
        # A compiled .mo newer than the .po is preferred.
        from io import BytesIO

        from babel.messages.catalog import Catalog
        from babel.messages.mofile import write_mo

        compiled = Catalog(locale="en")
        compiled.add("Bonjour", "Hello from mo")
        buffer = BytesIO()
        write_mo(buffer, compiled)
        (po.parent / "messages.mo").write_bytes(buffer.getvalue())
        core.translations.cache_clear()
        assert core.translations("en").gettext("Bonjour") == "Hello from mo"
        # ...but not when the .po was edited after it.
        import os

        os.utime(po.parent / "messages.mo", (1, 1))
        core.translations.cache_clear()
        assert core.translations("en").gettext("Bonjour") == "Hello"
    finally:
        core.translations.cache_clear()


def test_unknown_language():
    with pytest.raises(ValueError):
        locales.translations("xx")
    with pytest.raises(ValueError):
        locales.gettext("de", "Oui")


def test_untranslated_text_falls_back_to_french():
    assert locales.gettext("en", "Texte qui n'existe dans aucun catalogue") == (
        "Texte qui n'existe dans aucun catalogue"
    )


def test_real_translations_are_used():
    assert locales.gettext("en", "Revenu de solidarité active") == "Active solidarity income"
    assert locales.gettext("ar", "Revenu de solidarité active") == "دخل التضامن الفعال"
    assert locales.gettext("fr", "Revenu de solidarité active") == "Revenu de solidarité active"


def test_languages():
    assert list(LANGUAGES)[:3] == ["fr", "en", "ar"]
    assert len(LANGUAGES) == 14
    assert LANGUAGES["fa"] == "دری"
    assert LANGUAGES["ps"] == "پښتو"
    assert LANGUAGES["uk"] == "Українська"
    for lang in LANGUAGES:
        assert tools.po_path(lang).exists()


def test_check_command_reports(capsys):
    ok = tools.check(["fr"])
    out = capsys.readouterr().out
    import re

    assert re.search(r"^fr: \d+/\d+ translated, \d+ fuzzy", out, re.M), out
    assert ok == ("STALE" not in out and "PROBLEMS" not in out)


def test_pyproject_babel_mapping_is_read_by_babel():
    from babel.messages.frontend import _parse_mapping_toml

    with open(tools.ROOT / "pyproject.toml", "rb") as handle:
        method_map, options_map = _parse_mapping_toml(handle, style="pyproject.toml")
    methods = dict(method_map)
    assert methods["eligibility/**.py"] == "python"
    assert methods["questionnaires/flows/*.yaml"] == "locales.extract:extract_yaml"
    assert options_map["eligibility/benefits/*.yaml"]["keys"] == ["name", "summary"]


def test_every_plural_call_is_extracted(committed_template):
    # Babel skips a call it cannot count the arguments of (a trailing comma
    # is enough): its text would then never be translated.
    import ast

    plurals = {m.id[0] for m in committed_template if m.id and m.pluralizable}
    root = Path(locales.__file__).parents[1]
    missing = []
    for package in ("eligibility", "questionnaires", "kiosk", "locales"):
        for path in (root / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (
                    isinstance(node, ast.Call)
                    and getattr(node.func, "id", getattr(node.func, "attr", None)) == "ngettext"
                ):
                    texts = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                    if len(texts) >= 2 and texts[-2] not in plurals:
                        missing.append(f"{path.relative_to(root)}:{node.lineno}")
    assert missing == []
