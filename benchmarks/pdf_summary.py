"""Printable summary (advisor, ctrl+p): time to make one PDF, printed (not
asserted), in French, Arabic and Pashto (the Pashto one needs the fallback
font), for a single parent with two children (8 aids to claim):

- cold: the first summary in a fresh process (fonts read and parsed then,
  the person's language loaded); the import of kiosk.pdf (fpdf2, fontTools,
  HarfBuzz), also paid at the advisor's first print, is printed apart;
- warm: p50/p95 of the next ones, languages taken in turn (ar, fr, ps, ...);
- the size of the PDF.

Target: well under 1 s, cold included (the social worker waits for it).
Run: python benchmarks/pdf_summary.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LANGS = ("fr", "ar", "ps")
RUNS = 15  # warm summaries per language
TODAY = date(2025, 5, 12)
HOUSEHOLD = {
    "month": "2025-05",
    "commune": "59350",
    "housing": {"status": "tenant_private", "rent": 600.0},
    "people": [
        {
            "id": "applicant",
            "role": "applicant",
            "birth_date": "1991-03-14",
            "activity": "employed",
            "income": {"salary": 1100.0},
        },
        {"id": "child1", "role": "child", "birth_date": "2017-01-20", "school": "primary"},
        {"id": "child2", "role": "child", "birth_date": "2013-02-02", "school": "college"},
    ],
}


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p * (len(values) - 1)))] * 1000


def _cold(path: str, lang: str) -> None:
    """In a fresh process: the first summary, printed as JSON. What the
    advisor has loaded by then is loaded first: the engine's modules (numpy
    among them) and the catalog; not the person's language."""
    import eligibility.engine  # noqa: F401
    from eligibility import catalog
    from eligibility.household import Household
    from eligibility.screening import Screening

    catalog.benefits(), catalog.institutions(), catalog.documents()
    saved = json.loads(Path(path).read_text())
    screening = Screening.model_validate(saved["screening"])
    household = Household.model_validate(saved["household"])
    start = time.perf_counter()
    from kiosk.pdf import summary_pdf

    imported = time.perf_counter()
    data = summary_pdf(screening, household, lang, today=TODAY)
    done = time.perf_counter()
    print(json.dumps({"import": imported - start, "first": done - imported, "size": len(data)}))


def main() -> None:
    from eligibility.engine import default_engine
    from eligibility.household import Household

    engine = default_engine()
    engine.warm_up()
    household = Household.model_validate(HOUSEHOLD)
    screening = engine.screen(household)
    print(f"{len(screening.unclaimed)} aids to claim")

    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(
            {"screening": screening.model_dump(mode="json"), "household": household.model_dump(mode="json")}, handle
        )
    try:
        cold = {}
        for lang in LANGS:
            output = subprocess.run(
                [sys.executable, __file__, "--cold", handle.name, lang],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            ).stdout
            cold[lang] = json.loads(output.splitlines()[-1])
    finally:
        Path(handle.name).unlink()

    from kiosk.pdf import summary_pdf

    for lang in LANGS:
        summary_pdf(screening, household, lang, today=TODAY)
    warm: dict[str, list[float]] = {lang: [] for lang in LANGS}
    for _ in range(RUNS):
        for lang in ("ar", "fr", "ps"):
            start = time.perf_counter()
            summary_pdf(screening, household, lang, today=TODAY)
            warm[lang].append(time.perf_counter() - start)

    print("one summary PDF:")
    for lang in LANGS:
        c = cold[lang]
        print(
            f"  {lang}: cold {c['first'] * 1000:4.0f} ms (+ import of kiosk.pdf {c['import'] * 1000:3.0f} ms)"
            f"   warm p50 {_pct(warm[lang], 0.5):4.0f} ms, p95 {_pct(warm[lang], 0.95):4.0f} ms (n={RUNS})"
            f"   {c['size'] / 1024:.1f} KB"
        )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--cold"]:
        _cold(sys.argv[2], sys.argv[3])
    else:
        main()
