"""What an app's unexpected error may leave behind, checked the same way for
the kiosk (tests/kiosk/test_errors.py) and the advisor
(tests/advisor/test_app_errors.py): the log says where, never what; the
terminal gets nothing."""

from __future__ import annotations


def assert_log_is_clean(records: list, says: tuple[str, ...], never: tuple[str, ...]) -> None:
    """`records` (the app's log records) hold every text of `says`, none of
    `never`, and no traceback object (whose frames hold local variables)."""
    assert records, "the error was not logged"
    logged = "\n".join(r.getMessage() for r in records)
    for text in says:
        assert text in logged, (text, logged)
    for leak in never:
        assert leak not in logged, (leak, logged)
    assert all(r.exc_info is None for r in records)  # no traceback object, no locals


def assert_nothing_printed(capfd, never: tuple[str, ...]) -> None:
    """None of `never` reached the terminal (the process's stdout and stderr)."""
    out, err = capfd.readouterr()
    for leak in never:
        assert leak not in out + err, (leak, out, err)
