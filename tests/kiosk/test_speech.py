"""Reading aloud with espeak-ng, without a sound card: the sound is read back
from WAV data (header, then 16-bit samples) and must not be silence.

Every resident-facing text of the 13 voiced languages is spoken in one
espeak-ng run per language, the texts separated by a one-second break: the
audio must have as many separate sounds as there are texts (a text that
gives no sound merges two silences and the count falls short)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import time
import wave
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np
import pytest
from babel.messages.pofile import read_po
from kiosk_helpers import (
    SINGLE_PARENT,
    SIZE,
    answer_current,
    answered,
    choose_language,
    click,
    on_results,
    press_focus,
    resume,
)

from kiosk.speech import ESPEAK_VOICES, CommandSpeaker, EspeakSpeaker, utterances
from kiosk.widgets.listen import LISTEN, ListenButton
from locales import LANGUAGES

pytestmark = pytest.mark.heavy

REPO = Path(__file__).resolve().parents[2]
ESPEAK = shutil.which("espeak-ng")
needs_espeak = pytest.mark.skipif(
    ESPEAK is None, reason="espeak-ng is not installed (apt-get install -y espeak-ng): no voice to test"
)
#: Where resident-facing messages come from (the advisor's are not read aloud).
RESIDENT_SOURCES = (
    "kiosk/screens/",
    "kiosk/takeaway.py",
    "kiosk/widgets/",
    "questionnaires/flows/resident",
    "eligibility/",
)
FRAME = 220  # 10 ms at 22 050 Hz
LOUD = 300  # a sample above this is sound, not silence (16-bit)


def samples(data: bytes) -> tuple[int, np.ndarray]:
    with wave.open(io.BytesIO(data)) as wav:
        assert wav.getnchannels() == 1 and wav.getsampwidth() == 2
        return wav.getframerate(), np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2")


def sounds(audio: np.ndarray, gap_frames: int) -> int:
    """How many separate sounds: runs of loud 10 ms frames, apart by at
    least `gap_frames` silent frames."""
    loud = np.abs(audio[: len(audio) // FRAME * FRAME].reshape(-1, FRAME)).max(axis=1) > LOUD
    count, silent = 0, gap_frames
    for frame in loud:
        if frame:
            if silent >= gap_frames:
                count += 1
            silent = 0
        else:
            silent += 1
    return count


def resident_texts(lang: str) -> list[str]:
    with open(REPO / "locales" / lang / "LC_MESSAGES" / "messages.po", "rb") as po:
        catalog = read_po(po)
    texts = []
    for message in catalog:
        if not message.id or not any(path.startswith(RESIDENT_SOURCES) for path, _ in message.locations):
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            text = " ".join((text or "").split())
            if any(ch.isalnum() for ch in text):
                texts.append(text)
    return texts


def test_voices_cover_every_language_but_pashto():
    assert set(ESPEAK_VOICES) == set(LANGUAGES) - {"ps"}


@needs_espeak
@pytest.mark.parametrize("lang", sorted(ESPEAK_VOICES))
def test_every_resident_text_is_heard(lang):
    texts = resident_texts(lang)
    assert len(texts) > 200
    ssml = "<speak>" + "".join(f'<s>{escape(t)}</s><break time="1000ms"/>' for t in texts) + "</speak>"
    done = subprocess.run(
        [ESPEAK, "-v", ESPEAK_VOICES[lang], "-m", "-s", "400", "--stdin", "--stdout"],
        input=ssml.encode("utf-8"),
        capture_output=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    data = bytearray(done.stdout)
    assert data[:4] == b"RIFF" and data[8:16] == b"WAVEfmt "
    audio = np.frombuffer(bytes(data[44:]), dtype="<i2")
    heard = sounds(audio, gap_frames=60)
    if heard != len(texts):
        silent = [t for t in texts if not sounds(samples(EspeakSpeaker().to_wav(t, lang))[1], 1)]
        pytest.fail(f"{lang}: {heard} sounds for {len(texts)} texts; silent: {silent[:5]}")


@needs_espeak
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Vous pouvez demander le Revenu de solidarité active (RSA)."),
        ("ar", "دخل التضامن الفعال / Revenu de solidarité active (RSA) : \u200f600 € في الشهر"),
        ("uk", "Допомога на житло / Aide personnalisée au logement (APL) : 400 € на місяць"),
    ],
)
def test_speak_command_writes_what_the_kiosk_says(tmp_path, lang, text):
    out = tmp_path / "said.wav"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "speak", "--lang", lang, text, "--wav", str(out)],
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    rate, audio = samples(out.read_bytes())
    assert rate == 22050 and len(audio) > rate  # more than a second of sound
    assert np.abs(audio).max() > 3000
    # The French name is its own utterance, read with the French voice.
    parts = utterances(text, lang)
    if lang != "fr":
        assert [p for p in parts if p[0] == "fr"]
        french = [words for part_lang, words in parts if part_lang == "fr"]
        assert french[0] in ("Revenu de solidarité active (RSA)", "Aide personnalisée au logement (APL)")
        assert {part_lang for part_lang, _ in parts} == {lang, "fr"}


def test_pashto_has_no_voice_and_says_so(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "speak", "--lang", "ps", "سلام", "--wav", str(tmp_path / "x.wav")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert not (tmp_path / "x.wav").exists()


def test_speaking_never_waits_and_stops_at_once(tmp_path):
    """A slow engine (a command that takes 30 s): `say` returns at once,
    `stop` ends it; the text reaches the engine on stdin, not in argv."""
    heard = tmp_path / "heard"
    speaker = CommandSpeaker(f"sh -c 'cat > {heard}; sleep 30'", ["fr"])
    start = time.monotonic()
    speaker.say("Bonjour", "fr")
    assert time.monotonic() - start < 0.5
    for _ in range(100):
        if speaker.playing and heard.exists() and heard.read_text():
            break
        time.sleep(0.05)
    assert heard.read_text() == "Bonjour"
    speaker.stop()
    for _ in range(40):
        if not speaker.playing:
            break
        time.sleep(0.05)
    assert not speaker.playing
    assert not speaker.speaks("ar")


# --------------------------------------------------------- in the kiosk
class Recorder:
    """The kiosk's engine replaced by a recorder (the sound is tested above)."""

    def __init__(self, langs=tuple(ESPEAK_VOICES)) -> None:
        self.langs = set(langs)
        self.said: list[tuple[str, str]] = []
        self.stops = 0
        self.playing = False

    def speaks(self, lang):
        return lang in self.langs

    def say(self, text, lang):
        self.said.append((lang, text))

    def stop(self):
        self.stops += 1


@pytest.mark.parametrize(("lang", "mode"), [("fr", "click"), ("uk", "keys")])
async def test_listen_on_a_question_and_the_results(make_app, lang, mode):
    recorder = Recorder()
    app = make_app(speaker=recorder)
    async with app.run_test(size=SIZE) as pilot:
        await choose_language(pilot, app, lang, mode)
        question = app.session.current
        button = app.screen.query_one(ListenButton)
        assert app._(LISTEN) in button.label
        if mode == "click":
            await click(pilot, button)
        else:
            await press_focus(pilot, app, button)
            await pilot.press("enter")
        await pilot.pause()
        said_lang, said = recorder.said[-1]
        assert said_lang == lang and question.text in said
        # Moving on stops the voice.
        stops = recorder.stops
        await answer_current(pilot, app, SINGLE_PARENT, mode)
        await pilot.pause()
        assert recorder.stops > stops
        # The rest of the answers given: the results.
        await resume(pilot, app, answered(SINGLE_PARENT, session=app.session))
        await click(pilot, app.screen.query_one(ListenButton))
        assert recorder.said[-1][0] == lang
        assert app._("Vos résultats") in recorder.said[-1][1]


async def test_no_button_in_pashto_or_when_turned_off(make_app):
    app = make_app(speaker=Recorder())
    async with app.run_test(size=SIZE) as pilot:
        await choose_language(pilot, app, "ps", "click")
        assert not app.screen.query(ListenButton)
    off = make_app(speech={"enabled": False})
    async with on_results(off):
        assert not off.screen.query(ListenButton)


async def test_screens_do_not_depend_on_espeak_being_installed(make_app, engine, monkeypatch):
    """The test kiosks read aloud with a silent stand-in (conftest.py): with
    espeak-ng missing, the "Listen" button, and so every drawn screen and
    snapshot, is the same. A real kiosk without espeak-ng shows no button."""
    from kiosk.app import KioskApp

    which = shutil.which
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None if name == "espeak-ng" else which(name, *a, **k))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await choose_language(pilot, app, "fr", "click")
        assert app.screen.query(ListenButton)
    real = KioskApp(app.config, engine=engine)
    async with real.run_test(size=SIZE) as pilot:
        await choose_language(pilot, real, "fr", "click")
        assert not real.screen.query(ListenButton)
