"""Kiosk configuration: one TOML file, validated by a pydantic model.

Every key has a sensible default, so an empty file (or no file) gives a
working kiosk. A bad file stops the kiosk at start with a message that names
the file, the key and what is wrong, never with a traceback.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from kiosk.speech import SpeechConfig
from kiosk.takeaway import TakeawayConfig

# The kiosk offers these languages, in this order, unless the file says otherwise.
DEFAULT_LANGUAGES = [
    "fr",
    "en",
    "ar",
    "es",
    "fa",
    "ps",
    "pt",
    "ro",
    "ru",
    "uk",
    "ka",
    "ca",
    "tr",
    "sq",
]

#: Environment variable naming the configuration file (used by `serve`, whose
#: child processes receive no command-line arguments of ours).
CONFIG_ENV = "KIOSK_CONFIG"


class ConfigError(Exception):
    """A configuration file that cannot be used; the message is for the staff."""


class DisplayConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    high_contrast: bool = False
    large_text: bool = False
    # Reshape and reorder Arabic-script text for terminals without bidi
    # support (the Linux console, xterm.js in the browser). Turn it off only
    # on a terminal that does its own bidi, or the text is reversed twice.
    bidi_shaping: bool = True


class AdvisorConfig(BaseModel):
    """The advisor mode's printing (`python -m kiosk --advisor`)."""

    model_config = ConfigDict(extra="forbid")

    # CUPS queue for the summary (`lp -d NAME`), as `lpstat -p` lists it.
    # Unset: the system's default destination (`lpstat -d`), if any.
    printer: str | None = Field(default=None, pattern=r"^[^\s/#]{1,127}$")
    # false: never print from this post; the summary is always saved to a file.
    use_printer: bool = True


class KioskConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    site_name: str = Field(default="CCAS", min_length=1, max_length=80)
    # INSEE code of the commune where the kiosk stands (Lille: 59350). The
    # questionnaire offers it first; None asks the commune of every resident.
    site_commune: str | None = None
    languages: list[str] = Field(default_factory=lambda: list(DEFAULT_LANGUAGES), min_length=1)
    idle_timeout: float = Field(default=120.0, gt=0, le=3600)
    # Seconds the "Are you still there?" prompt counts down before erasing.
    idle_countdown: float = Field(default=20.0, gt=0, le=600)
    # Seconds the goodbye screen stays before the language screen is back.
    goodbye_delay: float = Field(default=10.0, gt=0, le=600)
    # Digits typed on the hidden staff screen to leave the kiosk. No default:
    # a kiosk without a PIN can only be stopped from outside (its service).
    staff_pin: str | None = Field(default=None, pattern=r"^[0-9]{4,12}$")
    # "Show my answers to a staff member": the answers as a QR code on screen,
    # for the advisor mode to import (scanned, or typed from a 2D barcode
    # scanner). Nothing is written or sent; the code goes with the session.
    # Turn it off at a site whose staff have no scanner or advisor mode.
    handover: bool = True
    display: DisplayConfig = Field(default_factory=DisplayConfig)
    advisor: AdvisorConfig = Field(default_factory=AdvisorConfig)
    # What a resident takes home (phone codes, printer) and reading aloud.
    takeaway: TakeawayConfig = Field(default_factory=TakeawayConfig)
    speech: SpeechConfig = Field(default_factory=SpeechConfig)

    @field_validator("site_commune")
    @classmethod
    def _known_commune(cls, value: str | None) -> str | None:
        if value is None:
            return None
        from eligibility.communes import is_known_commune

        value = value.strip()
        if not is_known_commune(value):
            raise ValueError(f"unknown INSEE commune code {value!r}")
        return value

    @field_validator("languages")
    @classmethod
    def _known_languages(cls, value: list[str]) -> list[str]:
        unknown = [code for code in value if code not in DEFAULT_LANGUAGES]
        if unknown:
            raise ValueError(f"unknown language code(s) {', '.join(unknown)}; known: {', '.join(DEFAULT_LANGUAGES)}")
        if len(set(value)) != len(value):
            raise ValueError("a language is listed twice")
        return value


def _describe(error: ValidationError) -> str:
    lines = []
    for item in error.errors():
        where = ".".join(str(part) for part in item["loc"]) or "(file)"
        message = item["msg"]
        if item["type"] == "extra_forbidden":
            message = "unknown key (misspelt?)"
        lines.append(f"  {where}: {message}")
    return "\n".join(lines)


def load_config(path: str | os.PathLike | None = None) -> KioskConfig:
    """Load the configuration from `path`, from $KIOSK_CONFIG, or the defaults."""
    if path is None:
        path = os.environ.get(CONFIG_ENV) or None
    if path is None:
        return KioskConfig()
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: configuration file not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read the file ({error})") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML ({error})") from None
    try:
        return KioskConfig.model_validate(data)
    except ValidationError as error:
        raise ConfigError(f"{path}: invalid configuration\n{_describe(error)}") from None
