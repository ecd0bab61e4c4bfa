"""The YAML extractor and the Python keywords of pyproject.toml."""

from __future__ import annotations

from io import BytesIO

from babel.messages.extract import extract

from locales.extract import extract_yaml

FLOW = """\
title: Votre logement
steps:
  - id: housing
    # TRANSLATORS: a question shown alone on the screen
    text: Où habitez-vous ?
    help: |
      Choisissez la réponse
      la plus proche.
    choices:
      - {value: tenant, label: Locataire}
      - value: owner
        label: "Propriétaire"  # TRANSLATORS: owns the home
    kind: choice
    placeholder: ""
"""


def run(source: str, **options):
    return list(extract(extract_yaml, BytesIO(source.encode()), options=options))


def test_keys_at_any_depth():
    found = run(FLOW, keys=["text", "help", "label", "placeholder", "title"])
    texts = [message for _, message, _, _ in found]
    assert texts == ["Votre logement", "Où habitez-vous ?", "Choisissez la réponse\nla plus proche.\n",
                     "Locataire", "Propriétaire"]  # fmt: skip
    lines = {message: line for line, message, _, _ in found}
    assert lines["Où habitez-vous ?"] == 5
    assert lines["Locataire"] == 10


def test_comments():
    found = {message: comments for _, message, comments, _ in run(FLOW, keys="text label")}
    assert found["Où habitez-vous ?"] == ["key: steps[0].text", "TRANSLATORS: a question shown alone on the screen"]
    assert found["Propriétaire"] == ["key: steps[0].choices[1].label", "TRANSLATORS: owns the home"]
    assert found["Locataire"] == ["key: steps[0].choices[0].label"]


def test_all_values_skips_non_strings():
    source = (
        "# Header comment\nidentity: Pièce d'identité\ncount: 3\nflag: yes\nnested:\n  a: Texte\n"
        "example: '1200'\nmonth: 04/2025\nacronym: RSA\n"
    )
    texts = [message for _, message, _, _ in run(source, all_values="true")]
    assert texts == ["Pièce d'identité", "Texte"]


def test_empty_file():
    assert run("", all_values=True) == []


def test_python_keywords_from_pyproject():
    import tomllib

    from babel.messages.extract import extract_python  # noqa: F401
    from babel.messages.frontend import parse_keywords

    from locales import tools

    config = tomllib.loads((tools.ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    python = next(m for m in config["tool"]["babel"]["mappings"] if m["method"] == "python")
    keywords = parse_keywords(python["keywords"])
    source = b"""
t = translations(lang)
a = t.gettext("Un")
b = gettext(lang, "Deux")
c = ngettext(lang, "un enfant", "{n} enfants", n)
d = t.ngettext("une aide", "{n} aides", n)
e = pgettext(lang, "bouton", "Suivant")
f = N_("Trois")
g = _("Quatre")
h = gettext(lang, variable)
"""
    found = [(m, ctx) for _, m, _, ctx in extract("python", BytesIO(source), keywords=keywords)]
    assert found == [
        ("Un", None),
        ("Deux", None),
        (("un enfant", "{n} enfants"), None),
        (("une aide", "{n} aides"), None),
        ("Suivant", "bouton"),
        ("Trois", None),
        ("Quatre", None),
    ]
