"""Command line: `python -m eligibility screen|schema|batch|commune`.

Every problem with the input exits with code 2 and located lines on
standard error, the input echoed escaped and cut (`eligibility.untrusted`);
never a traceback.
"""

from __future__ import annotations

import argparse
import codecs
import json
import os
import stat
import sys

from pydantic import ValidationError

from eligibility.errors import describe, located_error
from eligibility.household import Household
from eligibility.untrusted import one_line, shown

EXIT_INVALID = 2
# Standard output closed by the reader (`… | head`): quiet, with the status a
# Unix tool killed by SIGPIPE gives (128 + 13), so `set -o pipefail` sees it.
EXIT_BROKEN_PIPE = 128 + 13
# A household is a few kilobytes; a larger file is refused before it is
# read (and a device such as /dev/zero is never read without end).
MAX_SCREEN_BYTES = 10 * 1024 * 1024
_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _fail(*lines: str):
    for line in lines:  # each part already bounded: escaped here, not cut again
        print(shown(line, 1000), file=sys.stderr)
    raise SystemExit(EXIT_INVALID)


def _read_bytes(path: str, lang: str) -> bytes:
    name = "standard input" if path == "-" else shown(path)
    megabytes = MAX_SCREEN_BYTES // (1024 * 1024)
    try:
        handle = sys.stdin.buffer if path == "-" else open(path, "rb")
    except IsADirectoryError:
        _fail(located_error(name, lang, "file_is_directory"))
    except OSError as error:  # the system's own words (no such file, permission)
        _fail(f"{name}: {error.strerror}")
    try:
        try:
            status = os.fstat(handle.fileno())
        except (OSError, ValueError):  # a stream without a file behind it
            status = None
        if status is not None and stat.S_ISDIR(status.st_mode):
            _fail(located_error(name, lang, "file_is_directory"))
        if status is not None and stat.S_ISREG(status.st_mode) and status.st_size > MAX_SCREEN_BYTES:
            _fail(located_error(name, lang, "file_too_large", {"limit": megabytes}))
        data = handle.read(MAX_SCREEN_BYTES + 1)
    except OSError as error:
        _fail(f"{name}: {error.strerror}")
    finally:
        if path != "-":
            handle.close()
    if len(data) > MAX_SCREEN_BYTES:
        # (a device without end, such as /dev/zero, read up to the limit)
        _fail(located_error(name, lang, "file_too_large", {"limit": megabytes}))
    return data


def _decode(data: bytes, name: str, lang: str) -> str:
    if data.startswith(_WIDE_BOMS):
        _fail(located_error(name, lang, "file_wide_unicode"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        _fail(located_error(f"{name}:{line}:{column}", lang, "file_not_utf8", {"byte": f"{data[error.start]:02X}"}))
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        _fail(located_error(f"{name}:{line}", lang, "file_binary"))
    return text


def _read_household(path: str, lang: str) -> Household:
    name = "standard input" if path == "-" else shown(path)
    text = _decode(_read_bytes(path, lang), name, lang)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        # json's own words for what is wrong: technical, in English
        _fail(located_error(f"{name}:{error.lineno}:{error.colno}", lang, "file_json_malformed", {"detail": error.msg}))
    except RecursionError:
        _fail(located_error(name, lang, "file_json_too_deep"))
    except ValueError:  # Python refuses integers of more than 4 300 digits
        _fail(located_error(name, lang, "file_json_number_too_long", {"limit": sys.get_int_max_str_digits()}))
    try:
        return Household.model_validate(data)
    except ValidationError as error:
        _fail(*(f"{name}: {one_line(line)}" for line in describe(error, lang)))
    except RecursionError:
        _fail(located_error(name, lang, "file_json_too_deep"))


def _check_lang(lang: str) -> None:
    from locales import LANGUAGES

    if lang not in LANGUAGES:
        _fail(f"--lang {shown(lang, 40)}: unknown language (one of {', '.join(LANGUAGES)})")


def _screen(args) -> int:
    from eligibility.engine import screen

    _check_lang(args.lang)
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
    from eligibility.batch import add_arguments

    parser = argparse.ArgumentParser(
        prog="python -m eligibility", description="Screen households for French social benefits."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    screen = commands.add_parser(
        "screen",
        help="screen one household (JSON file, or - for standard input)",
        description=f"Screen one household. The file (at most {MAX_SCREEN_BYTES // (1024 * 1024)} MB, UTF-8) "
        "holds one household in the library's JSON format (see `schema`).",
    )
    screen.add_argument("file")
    screen.add_argument("--format", choices=["json", "text"], default="text")
    screen.add_argument("--lang", default="fr")
    screen.set_defaults(run=_screen)
    schema = commands.add_parser("schema", help="print the JSON schema of a household")
    schema.set_defaults(run=_schema)
    add_commune_command(commands)
    batch = commands.add_parser("batch", help="screen many households (JSON Lines or CSV)")
    add_arguments(batch)
    batch.set_defaults(run=_batch)
    args = parser.parse_args(argv)
    try:
        code = args.run(args)
        sys.stdout.flush()  # a closed pipe shows here, not at exit after main returned
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    return code


def _silence_stdout() -> None:
    """The reader is gone: what is still buffered for standard output is
    dropped (Python would otherwise try again at exit and print an error)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
