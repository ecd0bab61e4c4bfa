"""No false `python-format` flags, and catalogs that GNU msgfmt accepts.

A literal "%" in a French message ("80 % ou plus") is read by Babel as a
Python format ("% o") and the message is flagged `python-format`; msgfmt
--check then refuses every translation that writes the percentage its own
way. The fix is at the source (messages end with "%" or put no format-like
letter after it), so it survives `python -m locales update`: these tests
extract afresh and check what Babel infers, not only the committed files.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from babel.messages.catalog import PYTHON_FORMAT

from locales import LANGUAGES, tools

MSGFMT = shutil.which("msgfmt")


def _ids(catalog):
    for message in catalog:
        if message.id:
            yield message, message.id if isinstance(message.id, str) else message.id[0]


@pytest.fixture(scope="module")
def fresh_template(tmp_path_factory):
    return tools.read_catalog(tools.fresh_template(tmp_path_factory.mktemp("pot")))


def test_no_message_looks_like_a_python_format(fresh_template):
    # The code formats with str.format ({name}); a %-format is always a mistake.
    flagged = [text for message, text in _ids(fresh_template) if "python-format" in message.flags]
    assert flagged == []
    looks = [text for _m, text in _ids(fresh_template) if PYTHON_FORMAT.search(text)]
    assert looks == [], "reword so that no letter follows '% ' (e.g. 'au moins 80 %')"


def test_percent_messages_exist_and_stay_plain(fresh_template):
    # The check above is not vacuous: percentages are still shown to people.
    with_percent = [text for _m, text in _ids(fresh_template) if re.search(r"\d %", text)]
    assert "Au moins 80 %" in with_percent and len(with_percent) >= 4


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_babel_checkers_pass(lang):
    catalog = tools.read_catalog(tools.po_path(lang))
    problems = [(m.id, [str(e) for e in errors]) for m, errors in catalog.check() if errors]
    assert problems == []


@pytest.mark.skipif(MSGFMT is None, reason="GNU msgfmt is not installed (Debian package gettext)")
@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_msgfmt_check_is_clean(lang, tmp_path):
    result = subprocess.run(
        [MSGFMT, "--check", "-o", str(tmp_path / "messages.mo"), str(tools.po_path(lang))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr.lower(), result.stderr
