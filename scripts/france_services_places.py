"""Print the France Services of an EPCI as entries of a places file
(eligibility/data/places/<site>.yaml), from the ANCT's list.

    python scripts/france_services_places.py liste-fs-AAAAMMJJ.csv SOURCE_URL CHECKED [--epci 200093201]

The list: "Liste des structures France services", ANCT and Banque des
Territoires, Licence Ouverte 2.0 (https://www.data.gouv.fr/fr/datasets/liste-des-structures-france-services/;
the ANCT's map keeps dated copies, e.g. anct-carto/france_services data/liste-fs-20240801.csv).
Each entry keeps the list's name, address, phone and hours as written;
`source` is the URL of the file read and `checked` its date. Mobile
"Bus France services" are left out (their hours are a bus's round, not a
place's). Read the output before pasting it: the file's rule is that every
field comes from the source.

What a France Services helps with is the national charter's, the same in
every one: the nine partners of the convention (CNAF, CNAM, CNAV, MSA, Pôle
emploi/France Travail, La Poste, DGFiP, Justice, ANTS) — Sénat, rapport
d'information n° 778 (2021-2022), I.B.1.a, https://www.senat.fr/rap/r21-778/r21-7782.html.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi")
CODES = ("mon", "tue", "wed", "thu", "fri", "sat")
# The partners of the charter that screened rights belong to (institution ids
# of eligibility/institutions.yaml), and help with online procedures.
HELPS_WITH = ["online_procedures", "caf", "assurance_maladie", "assurance_retraite", "france_travail"]
SPAN = re.compile(r"^(\d{2}):(\d{2}) - (\d{2}):(\d{2})$")


def spans(cell: str) -> list[tuple[str, str]]:
    """ "08:30 - 12:00 / 13:30 - 17:00" -> [("08:30", "12:00"), ("13:30", "17:00")]."""
    found = []
    for part in (p.strip() for p in cell.split("/") if p.strip()):
        match = SPAN.match(part)
        if match is None:
            raise ValueError(f"unexpected hours {cell!r}")
        found.append((f"{match[1]}:{match[2]}", f"{match[3]}:{match[4]}"))
    return found


def hours(row: dict[str, str]) -> list[tuple[list[str], str, str]]:
    """Days sharing the same opening and closing times, grouped, in day order."""
    by_span: dict[tuple[str, str], list[str]] = {}
    for day, code in zip(DAYS, CODES, strict=True):
        for span in spans(row.get(f"h_{day}") or ""):
            by_span.setdefault(span, []).append(code)
    return sorted(((days, *span) for span, days in by_span.items()), key=lambda e: (CODES.index(e[0][0]), e[1]))


def slug(name: str) -> str:
    ascii_name = name.lower().translate(str.maketrans("àâäçéèêëîïôöùûüœ’'", "aaaceeeeiioouuuo--"))
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")


def entry(row: dict[str, str], source: str, checked: str) -> str:
    address = " ".join(" ".join(row["adresse"].split()).split())
    extra = " ".join((row.get("complement_adresse") or "").split())
    lines = [
        f"  - id: {slug(row['lib_fs'])}",
        f"    name: {quote(' '.join(row['lib_fs'].split()))}",
        "    kind: france_services",
        f"    address: {quote(address + (', ' + extra if extra else ''))}",
        f'    commune: "{row["insee_com"]}"',
        "    hours:",
    ]
    lines += [f'      - {{days: [{", ".join(days)}], opens: "{o}", closes: "{c}"}}' for days, o, c in hours(row)]
    # "prise_rdv: Oui" says appointments are offered, not that they are required.
    lines += [
        "    appointment: null",
        f"    phone: {quote(row['telephone']) if row.get('telephone') else 'null'}",
        "    languages: []",
        "    step_free: null",
        f"    helps_with: [{', '.join(HELPS_WITH)}]",
        f"    source: {source}",
        f"    checked: {checked}",
    ]
    if row.get("commentaire", "").strip():
        lines.insert(2, f"    # The list's comment: {' '.join(row['commentaire'].split())}")
    return "\n".join(lines)


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", type=Path)
    parser.add_argument("source", help="URL of the file read")
    parser.add_argument("checked", help="date of the file (YYYY-MM-DD)")
    parser.add_argument("--epci", default="200093201", help="SIREN of the EPCI (default: the MEL)")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from eligibility.communes import commune

    with args.csv.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["format_fs"] == "Fixe"]
    kept = [r for r in rows if (c := commune(r["insee_com"])) is not None and c.epci == args.epci]
    for row in sorted(kept, key=lambda r: (r["insee_com"], r["lib_fs"])):
        print(entry(row, args.source, args.checked))
    return 0


if __name__ == "__main__":
    sys.exit(main())
