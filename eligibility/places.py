"""Places where a person can claim a right or get help, per site.

A site (a kiosk, a CCAS) keeps one YAML file of the places near it — see
`data/places/example.yaml` for the format and the rule: every address, phone
number and opening hour comes from a page cited in `source` and checked on
the `checked` date; a place that cannot be sourced is left out. The file is
validated once when loaded (a wrong entry is refused with its file, its index
and the field named).

    places = load_places("lille")                   # data/places/lille.yaml, or a path
    places.places_for("rsa", "59350")               # where to go for the RSA, nearest first
    places.places_for("online_procedures", "59350") # help with online procedures
"""

from __future__ import annotations

from datetime import date, time
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, HttpUrl, ValidationError, field_validator, model_validator

from eligibility.errors import describe_file

Kind = Literal[
    "ccas",
    "caf",
    "cpam",
    "france_services",
    "mdph",
    "mission_locale",
    "digital_inclusion",
    "departement",
    "france_travail",
]
Day = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
DAYS: tuple[Day, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

# What a place may help with, besides benefit ids and institution ids.
ALL_RIGHTS = "all_rights"
ONLINE_PROCEDURES = "online_procedures"


class PlacesError(ValueError):
    """A places file that cannot be used; the message names the file and the entry."""


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Opening(_Data):
    days: list[Day] = Field(min_length=1)
    opens: time
    closes: time

    @model_validator(mode="after")
    def _ordered(self) -> Opening:
        if self.closes <= self.opens:
            raise ValueError(f"closes ({self.closes}) must be after opens ({self.opens})")
        return self


class Place(_Data):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    name: str = Field(min_length=1)
    kind: Kind
    # As written on the source page (street, number); the commune is apart.
    address: str = Field(min_length=1)
    commune: str  # INSEE code
    hours: list[Opening] = Field(default_factory=list)
    appointment: Literal["without", "with_or_without", "only"] | None = None
    phone: str | None = None
    # Languages spoken at the desk (codes of locales.LANGUAGES); [] = not stated.
    languages: list[str] = Field(default_factory=list)
    # Step-free access for a wheelchair; None = not stated by the source.
    step_free: bool | None = None
    # Benefit ids, institution ids, `all_rights`, `online_procedures`.
    helps_with: list[str] = Field(min_length=1)
    # INSEE codes of the communes whose residents it serves (a CCAS: its
    # commune); [] = anyone.
    serves: list[str] = Field(default_factory=list)
    # Where the address, hours and phone were read; when.
    source: HttpUrl
    checked: date

    @field_validator("commune")
    @classmethod
    def _known_commune(cls, value: str) -> str:
        from eligibility.communes import commune

        if commune(value) is None:
            raise ValueError(f"unknown INSEE commune code {value!r}")
        return value

    @field_validator("serves")
    @classmethod
    def _known_communes(cls, value: list[str]) -> list[str]:
        for code in value:
            cls._known_commune(code)
        return value

    def serves_commune(self, commune: str | None) -> bool:
        return not self.serves or commune is None or commune in self.serves

    def helps_with_right(self, what: str) -> bool:
        """Does this place help with a benefit, an institution's rights, or `what`?"""
        from eligibility.catalog import benefits

        benefit = benefits().get(what)
        wanted = {what} | ({benefit.institution} if benefit else set())
        if ALL_RIGHTS in self.helps_with and what != ONLINE_PROCEDURES:
            return True
        return bool(wanted & set(self.helps_with))


class SitePlaces(_Data):
    site: str = Field(min_length=1)
    places: list[Place] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_and_known(self) -> SitePlaces:
        from eligibility.catalog import institutions
        from locales import LANGUAGES

        ids = [p.id for p in self.places]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"place id listed twice: {', '.join(twice)}")
        # Benefit ids are the catalog's file names: read without loading the
        # catalog, so that a kiosk checks its places file quickly at start.
        folder = resources.files("eligibility") / "benefits"
        benefit_ids = {e.name.removesuffix(".yaml") for e in folder.iterdir() if e.name.endswith(".yaml")}
        known = benefit_ids | set(institutions()) | {ALL_RIGHTS, ONLINE_PROCEDURES}
        for index, place in enumerate(self.places):
            unknown = [h for h in place.helps_with if h not in known]
            if unknown:
                raise ValueError(f"places[{index}] ({place.id}): helps_with: unknown {', '.join(unknown)}")
            languages = [code for code in place.languages if code not in LANGUAGES]
            if languages:
                raise ValueError(f"places[{index}] ({place.id}): languages: unknown {', '.join(languages)}")
        return self

    def place(self, place_id: str) -> Place | None:
        return next((p for p in self.places if p.id == place_id), None)

    def places_for(self, what: str, commune: str | None = None) -> list[Place]:
        """Places that help with `what` (a benefit id, an institution id, or
        `online_procedures`), the person's commune first, then the rest of
        their EPCI (the Métropole), then the others; by name within each.
        A place that only serves some communes (a CCAS) is left out for the
        others."""
        from eligibility.communes import commune as find

        home = find(commune or "")

        def distance(place: Place) -> int:
            if home is None:
                return 0
            if place.commune == home.code:
                return 0
            other = find(place.commune)
            return 1 if other is not None and home.epci and other.epci == home.epci else 2

        found = [p for p in self.places if p.helps_with_right(what) and p.serves_commune(commune)]
        return sorted(found, key=lambda p: (distance(p), p.name))


def _describe(error: ValidationError) -> str:
    return "; ".join(describe_file(error))


def places_path(name_or_path: str | Path) -> Path:
    """A bare name (`lille`) is a file shipped in data/places; anything else a path."""
    text = str(name_or_path)
    if "/" not in text and not text.endswith((".yaml", ".yml")):
        return Path(str(resources.files("eligibility") / "data" / "places" / f"{text}.yaml"))
    return Path(text)


@cache
def load_places(name_or_path: str | Path) -> SitePlaces:
    path = places_path(name_or_path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PlacesError(f"{path}: places file not found") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise PlacesError(f"{path}: cannot read the places file ({error})") from None
    try:
        return SitePlaces.model_validate(data)
    except ValidationError as error:
        raise PlacesError(f"{path}: {_describe(error)}") from None


def places_for(what: str, commune: str | None, places: str | Path | SitePlaces = "lille") -> list[Place]:
    """Where to go for `what` (a benefit id, an institution id or
    `online_procedures`), nearest to `commune` first, from a site's file."""
    site = places if isinstance(places, SitePlaces) else load_places(places)
    return site.places_for(what, commune)


def opening_hours_text(hours, lang: str) -> str:
    """ "lundi – vendredi 09:00–12:00, 13:30–17:00 ; samedi 09:00–12:00" in
    `lang` (the kiosk's results and goodbye screens, the PDF summary): the
    days once, with all their times, when openings share the same days."""
    from locales import format_time, format_weekday, list_separators

    comma, semicolon = list_separators(lang)
    grouped: dict[tuple[int, ...], list[str]] = {}
    for opening in hours:
        days = tuple(sorted(DAYS.index(d) for d in opening.days))
        grouped.setdefault(days, []).append(f"{format_time(opening.opens, lang)}–{format_time(opening.closes, lang)}")
    parts = []
    for days, times in grouped.items():
        consecutive = list(days) == list(range(days[0], days[-1] + 1))
        if len(days) >= 3 and consecutive:
            named = f"{format_weekday(days[0], lang)} – {format_weekday(days[-1], lang)}"
        else:
            named = comma.join(format_weekday(d, lang) for d in days)
        parts.append(f"{named} {comma.join(times)}")
    return semicolon.join(parts)
