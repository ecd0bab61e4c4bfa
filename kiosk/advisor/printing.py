"""Printing with the system's `lp`, when a printer is configured. Never
fails when there is none: the advisor then saves the PDF to a file."""

from __future__ import annotations

import shutil
import subprocess


def configured_printer(config) -> str | None:
    """The printer this advisor post uses: the one named in its
    configuration, else the system default; None when printing is off."""
    advisor = getattr(config, "advisor", None)
    if advisor is not None and not advisor.use_printer:
        return None
    if advisor is not None and advisor.printer:
        return advisor.printer
    return default_printer()


def default_printer() -> str | None:
    """The CUPS default destination (`lpstat -d`), or None."""
    lpstat = shutil.which("lpstat")
    if lpstat is None or shutil.which("lp") is None:
        return None
    try:
        out = subprocess.run([lpstat, "-d"], capture_output=True, text=True, timeout=3).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    # "system default destination: NAME" (or "no system default destination").
    if ":" in out and "no system default" not in out:
        name = out.split(":", 1)[1].strip()
        return name or None
    return None


def print_pdf(data: bytes, printer: str) -> str | None:
    """Send to `printer`; an error message, or None when sent."""
    try:
        done = subprocess.run(
            ["lp", "-d", printer, "-t", "acces-droits", "-"], input=data, capture_output=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError) as error:
        return str(error)
    if done.returncode != 0:
        return done.stderr.decode("utf-8", "replace").strip() or f"lp exit {done.returncode}"
    return None
