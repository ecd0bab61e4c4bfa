"""The progress of a caseload run: a bar over the bytes of the input on a
terminal, nothing in logs, pipes or cron mail."""

from __future__ import annotations

from typing import IO


class QuietProgress:
    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        pass

    def update(self, position: int, households: int) -> None:
        pass


class RichProgress:
    """A bar over the bytes of the input, refreshed when a chunk completes
    (no refresh thread: worker processes are forked without it around)."""

    def __init__(self, stream: IO[str], total_bytes: int | None, label: str):
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[households]} households"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=Console(file=stream),
            auto_refresh=False,
            transient=False,
        )
        self.task = self.progress.add_task(label, total=total_bytes, households=0)

    def __enter__(self):
        self.progress.start()
        self.progress.refresh()
        return self

    def __exit__(self, *exc) -> None:
        self.progress.stop()

    def update(self, position: int, households: int) -> None:
        self.progress.update(self.task, completed=position, households=f"{households:,}".replace(",", " "))
        self.progress.refresh()


def make_progress(stream: IO[str], total_bytes: int | None, label: str = "Screening"):
    """A progress bar on a terminal, nothing otherwise (logs, pipes, cron)."""
    isatty = getattr(stream, "isatty", None)
    if not (isatty and isatty()):
        return QuietProgress()
    try:
        return RichProgress(stream, total_bytes, label)
    except ImportError:
        return QuietProgress()
