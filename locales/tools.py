"""Maintenance of the catalogs: `python -m locales update|check|compile`.

`update` runs, from the repository root, what a translator would type:

    pybabel extract -F pyproject.toml -o locales/messages.pot --add-location=file \
        -c TRANSLATORS: --project=acces-droits --version=... .
    pybabel init -i locales/messages.pot -d locales -D messages -l <new lang>
    pybabel update -i locales/messages.pot -d locales -D messages \
        --ignore-pot-creation-date

then puts back what Babel does not keep (the review-status header) and
fills the French catalog, whose translations are the msgids themselves.
The template is rewritten only when its messages changed, so its
creation date does not churn in git.

`check` reports, per language: a stale template, catalogs behind the
template, untranslated and fuzzy messages, placeholders lost or added, and
a wrong number of plural forms. It exits with 1 when anything is wrong.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.frontend import CommandLineInterface
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po, write_po

from locales.core import DOMAIN, LANGUAGES, SOURCE_LANGUAGE

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parent
TEMPLATE = PACKAGE_DIR / f"{DOMAIN}.pot"
PROJECT = "acces-droits"
COPYRIGHT = "the Accès aux droits contributors"
WIDTH = 76

REVIEW_FIELD = "X-Review-Status"
DRAFT_STATUS = "draft — not reviewed by a native speaker"
SOURCE_STATUS = "source language — msgstr copied from msgid"
DRAFT_COMMENT = (
    "# DRAFT: this translation has not yet been reviewed by a native speaker.\n"
    "# Plain words for readers with low literacy. Official French names and\n"
    "# acronyms (RSA, CAF, APL, MDPH, France Travail…) stay as they are.\n"
)


def _version() -> str:
    import tomllib

    with open(ROOT / "pyproject.toml", "rb") as handle:
        return tomllib.load(handle)["project"]["version"]


def po_path(lang: str, root: Path = PACKAGE_DIR) -> Path:
    return root / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def pybabel(*args: str) -> None:
    """Run a pybabel command in this process, from the repository root."""
    import os

    here = os.getcwd()
    os.chdir(ROOT)
    try:
        CommandLineInterface().run(["pybabel", "-q", *args])
    finally:
        os.chdir(here)


def extract(output: Path) -> None:
    pybabel(
        "extract", "-F", "pyproject.toml", "-o", str(output),
        "--add-location=file", "-c", "TRANSLATORS:",
        f"--project={PROJECT}", f"--version={_version()}",
        f"--copyright-holder={COPYRIGHT}", "--width", str(WIDTH),
        ".",
    )  # fmt: skip


def read_catalog(path: Path, lang: str | None = None) -> Catalog:
    with open(path, "rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


def _key(message: Message) -> tuple:
    return (message.id, message.context)


def messages_of(catalog: Catalog) -> dict[tuple, Message]:
    """The live messages of a catalog (no header, no obsolete entries)."""
    return {_key(m): m for m in catalog if m.id}


def template_differences(old: Catalog, new: Catalog) -> tuple[list[str], list[str]]:
    """(added, removed) message ids between two templates, ignoring the
    creation date, the locations and the comments."""
    before, after = messages_of(old), messages_of(new)
    added = [_show(k) for k in after if k not in before]
    removed = [_show(k) for k in before if k not in after]
    changed = [_show(k) for k in after if k in before and _plural_id(after[k]) != _plural_id(before[k])]
    return added + changed, removed + changed


def _plural_id(message: Message):
    return message.id if isinstance(message.id, str) else tuple(message.id)


def _show(key: tuple) -> str:
    msgid, context = key
    text = msgid if isinstance(msgid, str) else msgid[0]
    return f"{context}|{text}" if context else text


def fresh_template(directory: Path) -> Path:
    path = directory / f"{DOMAIN}.pot"
    extract(path)
    return path


# --- update ---------------------------------------------------------------


def _review_status(text: str) -> str | None:
    header = text.split("\n\n", 1)[0]
    match = re.search(rf"{REVIEW_FIELD}: (.*?)\\n", header)
    return match.group(1) if match else None


def _with_review_status(text: str, status: str) -> str:
    """Babel drops header fields it does not know: put ours back.

    It goes on the physical line of Generated-By (a PO string may hold
    several `\\n`), so the file keeps the line count Babel gives it: `pybabel
    update --check` compares the line numbers of messages and would
    otherwise call every catalog out of date.
    """
    header, sep, body = text.partition("\n\n")
    header = re.sub(rf'^"{REVIEW_FIELD}: .*\\n"\n', "", header, flags=re.M)
    text = re.sub(rf"{REVIEW_FIELD}: .*?\\n", "", header) + sep + body
    marker = re.search(r'^"Generated-By: [^"]*\\n', text, re.M)
    if marker is None:  # pragma: no cover - Babel always writes it
        raise ValueError("no Generated-By header")
    return text[: marker.end()] + f"{REVIEW_FIELD}: {status}\\n" + text[marker.end() :]


def _header_comment(lang: str) -> str:
    english = "Dari (Persian of Afghanistan)" if lang == "fa" else Locale.parse(lang).english_name
    if lang == SOURCE_LANGUAGE:
        return (
            f"# {english} catalog of {PROJECT}: French is the source language.\n"
            "# Each msgstr is a copy of its msgid, filled by `python -m locales update`;\n"
            "# edit a msgstr to reword the French screens without touching the code.\n"
            f"# Copyright (C) YEAR {COPYRIGHT}\n"
            "# This file is distributed under the same license as the project.\n"
        )
    return (
        f"# {english} ({LANGUAGES[lang]}) translation of {PROJECT}.\n"
        + DRAFT_COMMENT
        + f"# Copyright (C) YEAR {COPYRIGHT}\n"
        "# This file is distributed under the same license as the project.\n"
    )


def _normalize(lang: str, path: Path, template: Catalog, status: str | None) -> str:
    """The text of the catalog at `path` with its header and, for French,
    its copied translations brought up to date."""
    status = status or (SOURCE_STATUS if lang == SOURCE_LANGUAGE else DRAFT_STATUS)
    catalog = read_catalog(path, lang)
    comment = catalog.header_comment
    # Babel's placeholder header, or a draft that lost its warning.
    if "FIRST AUTHOR" in comment or (status == DRAFT_STATUS and "DRAFT" not in comment):
        catalog.header_comment = _header_comment(lang)
    catalog.project = template.project
    catalog.version = template.version
    catalog.copyright_holder = template.copyright_holder
    if catalog.last_translator.startswith("FULL NAME"):
        catalog.last_translator = f"{PROJECT} contributors (draft)"
    if "LL@li.org" in catalog.language_team:
        catalog.language_team = "none yet (looking for a native reviewer)"
    for message in catalog:
        # Babel 2.18 reads back `#| msgid` (previous text) as a translator
        # comment "| msgid": drop those leftovers.
        message.user_comments = [c for c in message.user_comments if not c.startswith("| msgid")]
    if lang == SOURCE_LANGUAGE:
        for message in catalog:
            if not message.id:
                continue
            if message.pluralizable:
                if message.fuzzy or not all(message.string):
                    message.string = (message.id[0],) + (message.id[1],) * (catalog.num_plurals - 1)
            elif message.fuzzy or not message.string:
                message.string = message.id
            message.flags.discard("fuzzy")
            message.previous_id = []
    buffer = BytesIO()
    write_po(buffer, catalog, width=WIDTH)
    return _with_review_status(buffer.getvalue().decode("utf-8"), status)


def _undated(text: str) -> str:
    return re.sub(r'^"POT-Creation-Date: .*"$', "", text, flags=re.M)


def update(languages: Iterable[str] = LANGUAGES) -> list[str]:
    """Extract, merge and normalize. Returns a log of what changed."""
    log: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        new = fresh_template(Path(tmp))
        old_text = TEMPLATE.read_text(encoding="utf-8") if TEMPLATE.exists() else ""
        new_text = new.read_text(encoding="utf-8")
        if _undated(old_text) != _undated(new_text):
            added, removed = template_differences(read_catalog(TEMPLATE), read_catalog(new)) if old_text else ([], [])
            TEMPLATE.write_text(new_text, encoding="utf-8")
            log.append(f"{TEMPLATE.relative_to(ROOT)}: {len(added)} new, {len(removed)} gone")
    template = read_catalog(TEMPLATE)
    for lang in languages:
        path = po_path(lang)
        before = path.read_text(encoding="utf-8") if path.exists() else None
        # Babel rewrites every catalog it updates: work on a copy and only
        # touch the real file when its text changes.
        with tempfile.TemporaryDirectory() as tmp:
            work = po_path(lang, Path(tmp))
            work.parent.mkdir(parents=True)
            if before is None:
                pybabel("init", "-i", str(TEMPLATE), "-d", tmp, "-D", DOMAIN, "-l", lang,
                        "--width", str(WIDTH))  # fmt: skip
            else:
                work.write_text(before, encoding="utf-8")
            pybabel("update", "-i", str(TEMPLATE), "-d", tmp, "-D", DOMAIN, "-l", lang,
                    "--ignore-pot-creation-date", "--width", str(WIDTH))  # fmt: skip
            after = _normalize(lang, work, template, before and _review_status(before))
        if after != before:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(after, encoding="utf-8")
            log.append(f"{lang}: {'new catalog' if before is None else 'updated'}")
    return log


# --- check ----------------------------------------------------------------

_BRACE = re.compile(r"(?<!\{)\{([^{}]*)\}(?!\})")
# %-style placeholders, strictly: "50 % reconnu" in French is not one.
_PERCENT = re.compile(r"%(?:\(\w+\))?[-#0+]*\d*(?:\.\d+)?[sdifr]")


def placeholders(text: str) -> list[str]:
    """`{name}` and `%(name)s` / `%s` placeholders of a text, sorted."""
    found = [f"{{{m.group(1).split(':')[0].split('!')[0]}}}" for m in _BRACE.finditer(text)]
    found += [m.group(0) for m in _PERCENT.finditer(text) if m.group(0) != "%%"]
    return sorted(found)


def placeholder_problems(message: Message) -> list[str]:
    if not message.string:
        return []
    if message.pluralizable:
        singular, plural = (set(placeholders(part)) for part in message.id[:2])
        required, allowed = singular & plural, singular | plural
        problems = []
        for index, form in enumerate(message.string):
            if not form:
                continue
            have = set(placeholders(form))
            if not required <= have or not have <= allowed:
                problems.append(f"form {index}: {sorted(have)} for {sorted(allowed)}")
        return problems
    want, have = placeholders(message.id), placeholders(message.string)
    return [] if want == have else [f"{have} for {want}"]


@dataclass
class Report:
    lang: str
    untranslated: list[str] = field(default_factory=list)
    fuzzy: list[str] = field(default_factory=list)
    placeholders: list[str] = field(default_factory=list)
    plurals: list[str] = field(default_factory=list)
    behind_template: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    total: int = 0

    @property
    def ok(self) -> bool:
        return not (self.untranslated or self.fuzzy or self.placeholders or self.plurals
                    or self.behind_template or self.header)  # fmt: skip


def check_catalog(lang: str, template: Catalog, root: Path = PACKAGE_DIR) -> Report:
    report = Report(lang)
    path = po_path(lang, root)
    if not path.exists():
        report.header.append(f"missing {path}")
        return report
    text = path.read_text(encoding="utf-8")
    catalog = read_catalog(path, lang)
    expected = get_plural(lang)
    if catalog.num_plurals != expected.num_plurals or catalog.plural_expr != expected.plural_expr:
        report.plurals.append(
            f"header Plural-Forms is {catalog.plural_forms!r}, CLDR/Babel says {expected.plural_forms!r}"
        )
    status = _review_status(text)
    if status is None:
        report.header.append(f"no {REVIEW_FIELD} header (run `python -m locales update`)")
    if lang != SOURCE_LANGUAGE and "DRAFT" not in catalog.header_comment and status == DRAFT_STATUS:
        report.header.append("header comment does not say the translation is a draft")
    live, wanted = messages_of(catalog), messages_of(template)
    report.behind_template = sorted(
        [f"missing: {_show(k)}" for k in wanted if k not in live]
        + [f"not in template: {_show(k)}" for k in live if k not in wanted]
        + [f"plural changed: {_show(k)}" for k in wanted
           if k in live and _plural_id(wanted[k]) != _plural_id(live[k])]
    )  # fmt: skip
    for key, message in live.items():
        report.total += 1
        name = _show(key)
        strings = message.string if message.pluralizable else (message.string,)
        if not all(strings):
            report.untranslated.append(name)
        if message.fuzzy:
            report.fuzzy.append(name)
        report.placeholders += [f"{name}: {p}" for p in placeholder_problems(message)]
        if message.pluralizable and len(strings) != catalog.num_plurals:
            report.plurals.append(f"{name}: {len(strings)} forms for {catalog.num_plurals}")
    return report


def check(languages: Iterable[str] = LANGUAGES, verbose: bool = False, out=None) -> bool:
    out = out or sys.stdout
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        new = read_catalog(fresh_template(Path(tmp)))
    template = read_catalog(TEMPLATE) if TEMPLATE.exists() else Catalog()
    added, removed = template_differences(template, new)
    if added or removed:
        ok = False
        print(f"STALE TEMPLATE: {len(added)} new and {len(removed)} gone messages; "
              "run `python -m locales update`", file=out)  # fmt: skip
        for name in (added + removed)[: None if verbose else 5]:
            print(f"    {name[:70]}", file=out)
    for lang in languages:
        report = check_catalog(lang, new)
        ok = ok and report.ok
        done = report.total - len(report.untranslated)
        status = "ok" if report.ok else "PROBLEMS"
        print(f"{lang}: {done}/{report.total} translated, {len(report.fuzzy)} fuzzy, "
              f"{len(report.placeholders)} placeholder, {len(report.plurals)} plural, "
              f"{len(report.behind_template)} out of date — {status}", file=out)  # fmt: skip
        for title in ("header", "behind_template", "placeholders", "plurals", "fuzzy", "untranslated"):
            items = getattr(report, title)
            for item in items[: None if verbose else 3]:
                print(f"    {title}: {item[:100]}", file=out)
            if len(items) > 3 and not verbose:
                print(f"    {title}: … {len(items) - 3} more (use -v)", file=out)
    return ok


def compile_catalogs() -> None:
    pybabel("compile", "-d", str(PACKAGE_DIR), "-D", DOMAIN, "--statistics")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m locales", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("update", help="extract the French texts and merge them into every catalog")
    checker = sub.add_parser("check", help="report stale, untranslated, fuzzy or broken messages")
    checker.add_argument("-v", "--verbose", action="store_true", help="list every problem")
    checker.add_argument("languages", nargs="*", help="only these languages")
    sub.add_parser("compile", help="write .mo files (optional: .po files are compiled on load)")
    args = parser.parse_args(argv)
    if args.command == "update":
        for line in update() or ["nothing to do"]:
            print(line)
        return 0
    if args.command == "check":
        return 0 if check(args.languages or LANGUAGES, verbose=args.verbose) else 1
    compile_catalogs()
    return 0
