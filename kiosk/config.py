"""Kiosk configuration: one TOML file, validated by a pydantic model.

Every key has a sensible default, so an empty file (or no file) gives a
working kiosk. A bad file stops the kiosk at start with a message that names
the file, the key and what is wrong, never with a traceback.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from eligibility.errors import describe_file
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
    # Printed on the summary under "who can help you" (kiosk/pdf.py), after
    # site_name. Only what the site itself publishes: give its source in a
    # comment. Unset: the line is left out.
    contact_address: str | None = Field(default=None, max_length=160)
    contact_phone: str | None = Field(default=None, pattern=r"^[0-9+ .()-]{4,30}$")
    contact_hours: str | None = Field(default=None, max_length=160)


class ServeConfig(BaseModel):
    """The browser mode (`python -m kiosk serve`)."""

    model_config = ConfigDict(extra="forbid")

    # Browser sessions at once; each is an app process of about 200 MiB.
    # Beyond, a polite page asks to try again in a moment.
    max_sessions: int = Field(default=2, ge=1, le=32)


class KioskConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # A demonstration (kiosk/demo.toml): only a demo may keep a clear staff PIN.
    demo: bool = False
    site_name: str = Field(default="CCAS", min_length=1, max_length=80)
    # INSEE code of the commune where the kiosk stands (Lille: 59350). The
    # questionnaire offers it first; None asks the commune of every resident.
    site_commune: str | None = None
    languages: list[str] = Field(default_factory=lambda: list(DEFAULT_LANGUAGES), min_length=1)
    idle_timeout: float = Field(default=120.0, gt=0, le=3600)
    # Seconds the "Are you still there?" prompt counts down before erasing.
    idle_countdown: float = Field(default=20.0, gt=0, le=600)
    # Seconds the goodbye screen stays before the language screen is back
    # (the answers are already erased), when it shows no place to read...
    goodbye_delay: float = Field(default=10.0, gt=0, le=600)
    # ...plus this much for each place it shows by address and hours (the
    # desk's, France Services, digital help), time to read or copy one down.
    goodbye_seconds_per_place: float = Field(default=20.0, ge=0, le=120)
    # The PIN typed on the hidden staff screen to leave the kiosk, as the line
    # `python -m kiosk hash-pin` prints (a salted scrypt hash). No default: a
    # kiosk without a PIN can only be stopped from outside (its service).
    staff_pin_hash: str | None = None
    # A PIN in clear: refused unless `demo = true` (it is then hashed at load
    # and forgotten).
    staff_pin: str | None = Field(default=None, pattern=r"^[0-9]{4,12}$")
    # Where unexpected errors are logged (their type and code location only:
    # no answer, no message). Unset: the system log (/dev/log) when there is one.
    error_log: str | None = None
    # "Show my answers to a staff member": the answers as a QR code on screen,
    # for the advisor mode to import (scanned, or typed from a 2D barcode
    # scanner). Nothing is written or sent; the code goes with the session.
    # Turn it off at a site whose staff have no scanner or advisor mode.
    handover: bool = True
    display: DisplayConfig = Field(default_factory=DisplayConfig)
    advisor: AdvisorConfig = Field(default_factory=AdvisorConfig)
    serve: ServeConfig = Field(default_factory=ServeConfig)
    # Places near the kiosk (where to claim each right, help with online
    # procedures): a file shipped in eligibility/data/places ("lille") or a
    # path. Unset: only this desk and the national institutions are named.
    places: str | None = None
    # The `id` of this kiosk's own desk in that file, when it is listed there
    # (its address and hours are then shown); else it is named by site_name.
    desk_place: str | None = None
    # What a resident takes home (phone codes, printer) and reading aloud.
    takeaway: TakeawayConfig = Field(default_factory=TakeawayConfig)
    speech: SpeechConfig = Field(default_factory=SpeechConfig)

    @field_validator("site_commune")
    @classmethod
    def _known_commune(cls, value: str | None) -> str | None:
        from questionnaires.communes import check_site_commune

        # The session's own rule, so that a configuration that loads never
        # fails at the first tap.
        return None if value is None else check_site_commune(value)

    @field_validator("staff_pin_hash")
    @classmethod
    def _pin_hash(cls, value: str | None) -> str | None:
        from kiosk.pin import parse_pin_hash

        if value is not None:
            parse_pin_hash(value)
        return value

    @model_validator(mode="after")
    def _no_clear_pin(self) -> KioskConfig:
        if self.staff_pin is None:
            return self
        if not self.demo:
            raise ValueError(
                "staff_pin: a PIN in clear is refused outside a demo; run `python -m kiosk hash-pin` "
                "and put the line it prints (staff_pin_hash = ...) in its place"
            )
        if self.staff_pin_hash is not None:
            raise ValueError("staff_pin and staff_pin_hash: give one of them")
        from kiosk.pin import hash_pin

        # Only the hash is kept, so no screen, log or memory dump shows the PIN.
        self.staff_pin_hash = hash_pin(self.staff_pin)
        self.staff_pin = None
        return self

    @field_validator("places")
    @classmethod
    def _places_file(cls, value: str | None) -> str | None:
        if value is None:
            return None
        from eligibility.places import PlacesError, load_places

        try:
            load_places(value)
        except PlacesError as error:
            raise ValueError(str(error)) from None
        return value

    @model_validator(mode="after")
    def _desk_in_places(self) -> KioskConfig:
        if self.desk_place is not None:
            from eligibility.places import load_places

            if self.places is None:
                raise ValueError("desk_place needs a places file (places = ...)")
            if load_places(self.places).place(self.desk_place) is None:
                raise ValueError(f"desk_place {self.desk_place!r} is not an id of the places file {self.places!r}")
        return self

    def site_places(self):
        """The places file of this site (`eligibility.places.SitePlaces`), or None."""
        if self.places is None:
            return None
        from eligibility.places import load_places

        return load_places(self.places)

    def desk(self):
        """This kiosk's own desk as a place of the site's file, or None."""
        site = self.site_places()
        return site.place(self.desk_place) if site is not None and self.desk_place else None

    def places_near(self, what: str, commune: str | None) -> list:
        """The places of the site's file that help with `what` (a benefit,
        an institution or `online_procedures`), nearest to `commune` first
        (the kiosk's own commune when the person's is unknown), the desk
        left out: the results, the goodbye screen, the PDF and the advisor
        all put the desk first themselves."""
        site = self.site_places()
        if site is None:
            return []
        return [p for p in site.places_for(what, commune or self.site_commune) if p.id != self.desk_place]

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
    return "\n".join(f"  {line}" for line in describe_file(error))


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
