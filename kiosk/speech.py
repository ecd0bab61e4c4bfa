"""Reading aloud: one small interface, espeak-ng by default.

`Speaker` is what the kiosk needs: `say` (returns at once; the sound plays
in a child process), `stop` (when the person moves on), `speaks(lang)`.
`EspeakSpeaker` runs Debian's `espeak-ng` (offline; voices for 13 of our 14
languages, none for Pashto, where no "Listen" button is shown).
`CommandSpeaker` runs a site's own engine (a Piper voice it installed): a
command line that reads the text on its standard input and plays it.

French benefit names inside a translated sentence are read by the French
voice: the text is split into utterances at each official French name
(`utterances`), spoken one after the other.

Nothing is written to disk when speaking: the sound goes from the engine to
the sound card. `to_wav` (for `python -m kiosk speak --wav FILE`, and tests)
writes only the file it is asked for.
"""

from __future__ import annotations

import io
import re
import shlex
import shutil
import subprocess
import threading
import wave
from functools import cache
from typing import Protocol

from pydantic import BaseModel, ConfigDict, Field

#: espeak-ng voice for each kiosk language (`espeak-ng --voices`). Pashto has none.
ESPEAK_VOICES = {
    "fr": "fr-fr",
    "en": "en-gb",
    "ar": "ar",
    "fa": "fa",
    "uk": "uk",
    "ru": "ru",
    "ro": "ro",
    "tr": "tr",
    "sq": "sq",
    "ka": "ka",
    "ca": "ca",
    "es": "es",
    "pt": "pt",
}


class SpeechConfig(BaseModel):
    """`[speech]` in the kiosk's TOML file."""

    model_config = ConfigDict(extra="forbid")

    # false: no "Listen" button anywhere.
    enabled: bool = True
    # espeak-ng's amplitude (0-200, 100 is its default) and words a minute
    # (slower than its 175 default: for people who follow with their eyes).
    volume: int = Field(default=100, ge=0, le=200)
    speed: int = Field(default=150, ge=80, le=400)
    # Another engine: a command line, {lang} replaced by the language code,
    # that reads UTF-8 text on its standard input and plays it, e.g.
    # "sh -c 'piper --model /opt/piper/{lang}.onnx --output-raw | aplay -q -r 22050 -f S16_LE -t raw -'".
    command: str | None = None
    # The languages that command speaks (default: those espeak-ng speaks).
    command_languages: list[str] | None = None


class Speaker(Protocol):
    def speaks(self, lang: str) -> bool: ...

    def say(self, text: str, lang: str) -> None: ...

    def stop(self) -> None: ...


@cache
def _french_names() -> tuple[str, ...]:
    """Official French names and acronyms of benefits and institutions,
    longest first (so "Revenu de solidarité active (RSA)" wins over "RSA")."""
    from eligibility import catalog

    names: set[str] = set()
    for benefit in catalog.benefits().values():
        names.update({benefit.official_name, benefit.name, benefit.short})
    for institution in catalog.institutions().values():
        names.update({institution.name, institution.short})
    return tuple(sorted((n for n in names if n and len(n) > 1), key=len, reverse=True))


def utterances(text: str, lang: str) -> list[tuple[str, str]]:
    """`text` as (language, words) parts: the official French names in it
    are read in French, the rest in `lang`."""
    text = " ".join(text.split())
    if lang == "fr" or not text:
        return [(lang, text)] if text else []
    pattern = re.compile("|".join(r"(?<!\w)" + re.escape(name) + r"(?!\w)" for name in _french_names()))
    parts: list[tuple[str, str]] = []
    position = 0
    for match in pattern.finditer(text):
        before = text[position : match.start()].strip(" /—-:()")
        if before:
            parts.append((lang, before))
        parts.append(("fr", match.group(0)))
        position = match.end()
    rest = text[position:].strip(" /—-:()")
    if rest:
        parts.append((lang, rest))
    return parts


class _Player:
    """Runs the utterances one after the other in a thread; `stop` kills the
    one playing and drops the rest."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._generation = 0

    def play(self, commands: list[tuple[list[str], str]]) -> None:
        self.stop()
        with self._lock:
            self._generation += 1
            generation = self._generation
        threading.Thread(target=self._run, args=(commands, generation), daemon=True).start()

    def _run(self, commands: list[tuple[list[str], str]], generation: int) -> None:
        for argv, stdin in commands:
            with self._lock:
                if generation != self._generation:
                    return
                try:
                    self._process = subprocess.Popen(
                        argv, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
                    )
                except OSError:
                    return
                process = self._process
            try:
                process.communicate(stdin.encode("utf-8"), timeout=120)
            except (subprocess.SubprocessError, OSError):
                process.kill()
                return

    def stop(self) -> None:
        with self._lock:
            self._generation += 1
            if self._process is not None and self._process.poll() is None:
                self._process.kill()
            self._process = None

    @property
    def playing(self) -> bool:
        process = self._process
        return process is not None and process.poll() is None


class EspeakSpeaker:
    def __init__(self, volume: int = 100, speed: int = 150, program: str | None = None) -> None:
        self.program = program or shutil.which("espeak-ng")
        self.volume = volume
        self.speed = speed
        self._player = _Player()

    def speaks(self, lang: str) -> bool:
        return self.program is not None and lang in ESPEAK_VOICES

    def _argv(self, lang: str, *extra: str) -> list[str]:
        assert self.program is not None
        return [self.program, "-v", ESPEAK_VOICES[lang], "-a", str(self.volume), "-s", str(self.speed), *extra]

    def say(self, text: str, lang: str) -> None:
        if not self.speaks(lang):
            return
        # --stdin: the text never appears on a command line (`ps`).
        self._player.play([(self._argv(part_lang, "--stdin"), words) for part_lang, words in utterances(text, lang)])

    def stop(self) -> None:
        self._player.stop()

    @property
    def playing(self) -> bool:
        return self._player.playing

    def to_wav(self, text: str, lang: str) -> bytes:
        """What `say` would play, as one WAV file's bytes."""
        if not self.speaks(lang):
            raise ValueError(f"no voice for {lang!r}")
        params = None
        frames = []
        for part_lang, words in utterances(text, lang):
            done = subprocess.run(
                self._argv(part_lang, "--stdout", "--stdin"),
                input=words.encode("utf-8"),
                capture_output=True,
                timeout=60,
            )
            if done.returncode != 0:
                raise RuntimeError(done.stderr.decode("utf-8", "replace").strip() or "espeak-ng failed")
            with wave.open(io.BytesIO(_fix_stream_wav(done.stdout))) as part:
                params = params or part.getparams()
                frames.append(part.readframes(part.getnframes()))
        out = io.BytesIO()
        with wave.open(out, "wb") as whole:
            if params is None:
                whole.setnchannels(1), whole.setsampwidth(2), whole.setframerate(22050)
            else:
                whole.setparams(params)
            whole.writeframes(b"".join(frames))
        return out.getvalue()


def _fix_stream_wav(data: bytes) -> bytes:
    """espeak-ng --stdout writes a WAV header with unknown sizes (0x7fffffff):
    set them from the bytes actually written."""
    if len(data) < 44 or data[:4] != b"RIFF":
        raise RuntimeError("espeak-ng gave no WAV data")
    data = bytearray(data)
    data[4:8] = (len(data) - 8).to_bytes(4, "little")
    data[40:44] = (len(data) - 44).to_bytes(4, "little")
    return bytes(data)


class CommandSpeaker:
    """A site's own engine: `command` reads the text on stdin and plays it."""

    def __init__(self, command: str, languages: list[str] | None = None) -> None:
        self.command = command
        self.languages = set(languages) if languages is not None else set(ESPEAK_VOICES)
        self._player = _Player()

    def speaks(self, lang: str) -> bool:
        return lang in self.languages

    def say(self, text: str, lang: str) -> None:
        if not self.speaks(lang):
            return
        commands = []
        for part_lang, words in utterances(text, lang):
            if part_lang not in self.languages:
                part_lang = lang
            commands.append(([arg.replace("{lang}", part_lang) for arg in shlex.split(self.command)], words))
        self._player.play(commands)

    def stop(self) -> None:
        self._player.stop()

    @property
    def playing(self) -> bool:
        return self._player.playing


class Silent:
    """Speech turned off, or no engine: no button is shown."""

    def speaks(self, lang: str) -> bool:
        return False

    def say(self, text: str, lang: str) -> None:
        pass

    def stop(self) -> None:
        pass


def make_speaker(config: SpeechConfig) -> Speaker:
    """The speaker a site's configuration asks for."""
    if not config.enabled:
        return Silent()
    if config.command:
        return CommandSpeaker(config.command, config.command_languages)
    speaker = EspeakSpeaker(config.volume, config.speed)
    return speaker if speaker.program else Silent()


def speak_main(lang: str, text: str, wav: str | None, config: SpeechConfig) -> int:
    """`python -m kiosk speak --lang LANG TEXT [--wav FILE]`: say `text` as
    the kiosk would, or write it to FILE. For sites checking their voices."""
    import sys
    import time

    if wav is not None:
        speaker = EspeakSpeaker(config.volume, config.speed)
        if not speaker.speaks(lang):
            reason = "espeak-ng is not installed" if speaker.program is None else f"no espeak-ng voice for {lang!r}"
            print(f"kiosk speak: {reason}", file=sys.stderr)
            return 2
        try:
            data = speaker.to_wav(text, lang)
        except (RuntimeError, subprocess.SubprocessError, OSError) as error:
            print(f"kiosk speak: {error}", file=sys.stderr)
            return 1
        with open(wav, "wb") as out:
            out.write(data)
        return 0
    speaker = make_speaker(config)
    if not speaker.speaks(lang):
        print(f"kiosk speak: speech is off or has no voice for {lang!r}", file=sys.stderr)
        return 2
    speaker.say(text, lang)
    time.sleep(0.2)
    while getattr(speaker, "playing", False):
        time.sleep(0.1)
    return 0
