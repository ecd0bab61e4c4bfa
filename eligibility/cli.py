"""Command line: `python -m eligibility screen|schema|batch|commune`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pydantic import ValidationError

from eligibility.errors import describe
from eligibility.household import Household

EXIT_INVALID = 2


def _read_household(path: str, lang: str) -> Household:
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except OSError as error:
        _fail(f"{path}: {error.strerror}")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        _fail(f"{path}:{error.lineno}:{error.colno}: malformed JSON: {error.msg}")
    try:
        return Household.model_validate(data)
    except ValidationError as error:
        _fail(*(f"{path}: {line}" for line in describe(error, lang)))


def _fail(*lines: str):
    for line in lines:
        print(line, file=sys.stderr)
    raise SystemExit(EXIT_INVALID)


def _screen(args) -> int:
    from eligibility.engine import screen

    household = _read_household(args.file, args.lang)
    result = screen(household)
    if args.format == "json":
        json.dump(result.model_dump(mode="json"), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        from eligibility.report import text_report

        print(text_report(result, args.lang))
    return 0


def _schema(args) -> int:
    json.dump(Household.model_json_schema(), sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


def _commune(args) -> int:
    """The communes a postal code, an INSEE code or a name designates, as JSON;
    exit code 1 when there is none."""
    from eligibility.communes import METROPOLE_EUROPEENNE_DE_LILLE, is_known_commune, lookup

    found = [
        {
            "insee_code": m.commune.code,
            "name": m.commune.name,
            "matched": m.matched,
            "postal_codes": list(m.commune.postal_codes),
            "departement": m.commune.departement,
            "epci": m.commune.epci,
            "metropole_europeenne_de_lille": m.commune.epci == METROPOLE_EUROPEENNE_DE_LILLE,
            "known_to_rules": is_known_commune(m.commune.code),
        }
        for m in lookup(args.text)
    ]
    json.dump(found, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0 if found else 1


def add_commune_command(commands) -> None:
    commune = commands.add_parser(
        "commune", help="communes matching a postal code, an INSEE code or a name (JSON; postal codes first)"
    )
    commune.add_argument("text")
    commune.set_defaults(run=_commune)


def _batch(args) -> int:
    from eligibility.batch import run_batch

    return run_batch(args)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m eligibility", description="Screen households for French social benefits."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    screen = commands.add_parser("screen", help="screen one household (JSON file, or - for standard input)")
    screen.add_argument("file")
    screen.add_argument("--format", choices=["json", "text"], default="text")
    screen.add_argument("--lang", default="fr")
    screen.set_defaults(run=_screen)
    schema = commands.add_parser("schema", help="print the JSON schema of a household")
    schema.set_defaults(run=_schema)
    add_commune_command(commands)
    try:
        from eligibility.batch import add_arguments
    except ImportError:
        pass
    else:
        batch = commands.add_parser("batch", help="screen many households (JSON Lines or CSV)")
        add_arguments(batch)
        batch.set_defaults(run=_batch)
    args = parser.parse_args(argv)
    return args.run(args)
