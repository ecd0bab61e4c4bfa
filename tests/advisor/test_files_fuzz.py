"""The advisor's import door, fuzzed: any bytes, any JSON, a real household
or kiosk session with one part replaced by anything. Each is either taken
(and then makes a form the advisor can parse) or refused with one of the
advisor's French messages; nothing else escapes (an exception there
reached the worker as "Fichier refusé" at best, a stopped app at worst)."""

from __future__ import annotations

import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.advisor import files
from kiosk.advisor import form as forms
from questionnaires import handover
from tests.households import single_parent
from tests.questionnaires.questionnaire_scripts import half_session

# FUZZ_EXAMPLES=3000 for a longer search (two seconds of the suite by default).
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "120")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)

HOUSEHOLD = single_parent(1100.0, received={"af": 151.5}, taxable_income={"2024": 13200.0}).model_dump(mode="json")
HALF = half_session().to_dict()
WHOLE_TEXTS = tuple(files.MESSAGES.values())


def _paths(value, prefix=()):
    """Every place in a JSON value, as a path of keys and indexes."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


def _replaced(value, path, new):
    if not path:
        return new
    copy = json.loads(json.dumps(value))
    holder = copy
    for step in path[:-1]:
        holder = holder[step]
    holder[path[-1]] = new
    return copy


def _taken_or_refused(read) -> None:
    """`read()` gives an import the form can take, or a French refusal."""
    try:
        imported = read()
    except files.ImportRefused as refused:
        text = refused.message()
        # One of the advisor's messages (keys up to 8 characters: "Traceback" is none of them).
        assert any(text.startswith(m.split("{")[0]) for m in WHOLE_TEXTS), text
        assert "Traceback" not in text, text
        return
    form = imported.to_form()
    parsed = forms.parse_form(form)  # errors and missing fields are fine; an exception is not
    assert isinstance(parsed.errors, dict)


@FUZZ
@given(st.binary(max_size=300))
def test_any_bytes(data):
    _taken_or_refused(lambda: files.loads(data))


@FUZZ
@given(JSON)
def test_any_json(value):
    _taken_or_refused(lambda: files.loads(json.dumps(value)))


@FUZZ
@given(st.sampled_from([HOUSEHOLD, HALF]), st.data())
def test_a_household_or_a_kiosk_session_with_one_part_replaced(original, data):
    path = data.draw(st.sampled_from(list(_paths(original))))
    value = _replaced(original, path, data.draw(JSON))
    _taken_or_refused(lambda: files.loads(json.dumps(value)))


@FUZZ
@given(st.text(max_size=80))
def test_any_text_typed_or_pasted(text):
    _taken_or_refused(lambda: files.load_text(text))


def test_why_a_file_was_not_written_is_said_in_french(tmp_path):
    """The system's reasons (in its language: "No space left on device")
    and a path no file can have, as the export and the PDF say them."""
    household = single_parent(1100.0)
    cases = {
        "/dev/full": "le disque est plein",  # a full disk, always
        str(tmp_path / "nowhere" / "foyer.json"): "ce dossier n'existe pas",
        str(tmp_path): "c'est un dossier",
        str(tmp_path / "a\x00b.json"): "ce chemin n'est pas valide",  # a NUL, pasted
        str(tmp_path / ("x" * 300)): "le nom est trop long",
    }
    for path, why in cases.items():
        try:
            files.save(household, path)
        except (OSError, ValueError) as error:
            assert files.reason(error) == why, path
        else:
            raise AssertionError(f"{path!r} was written")


@FUZZ
@given(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ234567= \n", max_size=200))
def test_any_hand_over_code_look_alike(body):
    _taken_or_refused(lambda: files.load_text(handover.PREFIX + body))


@FUZZ
@given(st.data())
def test_a_hand_over_code_with_one_letter_changed(data):
    # A real code with one letter changed: misread by a scanner, or mistyped.
    session = half_session()
    code = handover.encode(session)
    position = data.draw(st.integers(len(handover.PREFIX), len(code) - 1))
    damaged = code[:position] + data.draw(st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")) + code[position + 1 :]
    _taken_or_refused(lambda: files.load_text(damaged))
