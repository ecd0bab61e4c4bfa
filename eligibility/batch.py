"""Caseload screening: many households from a file, one result row per
household and benefit in another.

    python -m eligibility batch INPUT OUTPUT [--rejects FILE] [--workers N]
        [--chunk-size N] [--scheduler ADDRESS|local] [--format csv|jsonl]
        [--input-format csv|jsonl] [--encoding utf-8] [--lang fr]

This module is the entry point and its documentation (the text below from
INPUT on is `--help`); the work is done by small modules, one job each:
`batch_run` (one run: chunks in, outcomes written, the summary),
`batch_executors` (serial, forked workers, Dask), `batch_records` (one
chunk in a worker: each line read, validated, screened or rejected),
`batch_io` (the input cut into lines, files committed together),
`batch_output` (result rows and rejects as written),
`batch_csv` (the flat CSV layout), `batch_progress`, `batch_cli` (arguments,
signals, exit codes). Stages pass named tuples: `RawRecord`s in a `Chunk`
→ `Item` → `ResultRow`s → `Outcome` (rows rendered for the output).

INPUT
    JSON Lines (`.jsonl`, `.ndjson`, `.json`): one household per line in the
    library's format (`python -m eligibility schema`), with an optional
    `"ref"` (string or integer): the caller's reference, the line number
    when absent. Blank lines are skipped.

    CSV (`.csv`): one row per household, flat layout below; a header line
    first. Comma, semicolon or tab separated (guessed from the header);
    UTF-8 by default (`--encoding cp1252` for older Excel files).
    See `examples/batch_template.csv`. A cell cannot hold a line break.

OUTPUT
    CSV or JSON Lines (by extension, or `--format`), one row per household
    and benefit, in input order:
    `ref, benefit, status, amount, per, received, unclaimed`
    (status: eligible | not_eligible | unknown; amount in euros, empty/null
    when unknown; per: month | year; received, unclaimed: true | false).
    The output and the rejects file appear together, and only when the run
    is complete (written beside them under hidden `.NAME.PID.*.part` names,
    readable by their owner only, then renamed): an interrupted or failed
    run (a full disk) leaves both as they were. Temporary files of a run
    that was killed outright (SIGKILL) are removed by the next run.

REJECTS
    A row that cannot be read or is not a valid household is not screened:
    it goes to `--rejects FILE` (CSV `line, ref, reason`, or JSON Lines when
    the name ends in `.jsonl`) with its line number and the reasons, located
    (`p2_birth_date: born after the month screened`). Without `--rejects`
    they are printed on standard error. Whatever a line holds (broken JSON,
    binary bytes, absurd nesting or numbers, a line over 1 MiB, a CSV cell
    over 131 072 characters or an unclosed quote), it costs that line only.
    A ref already used on an earlier line is rejected, naming that line.
    Text from the input is echoed escaped (control and direction characters
    as \\u202e) and cut after 120 characters. Every household row ends up in
    the output or in the rejects; the summary counts add up.

SPREADSHEETS
    In the CSV files we write, a cell that starts with = + - @, a tab or a
    carriage return (a ref such as `=HYPERLINK(...)`) gets a leading
    apostrophe, so that a spreadsheet shows it as text instead of running
    it as a formula (OWASP's advice on CSV injection). Amounts are numbers
    and stay numbers. JSON Lines files are written as they are.

CSV LAYOUT (column names are case-insensitive, in any order; empty cell =
not given)
    ref               your reference (default: the line number)
    month             month screened, YYYY-MM or MM/YYYY (default: this month)
    commune           INSEE commune code (required), e.g. 59350 for Lille
    housing_status    tenant_private | tenant_social | owner | hosted_free | homeless
    rent              monthly rent in euros, for tenants (empty: unknown)
    shared            shared flat (colocation): yes | no
    estimated         answers that were guessed, separated by spaces
    single_parent_months  a parent alone: months since they raise their
                      children alone (empty: not asked)
    pK_...            person K, for K = 1..20; a person whose cells are all
                      empty is absent. Fields:
        pK_id             identifier within the household (default pK)
        pK_role           applicant | partner | child | other (exactly one applicant)
        pK_birth_date     YYYY-MM-DD or DD/MM/YYYY
        pK_activity       employed | self_employed | unemployed | student |
                          retired | unable_to_work | inactive
        pK_school         none | primary | college | lycee | higher (children)
        pK_nationality    fr | eu | other (default fr)
        pK_residence_permit_years   years of residence permit (non-EU)
        pK_disability_rate          0 to 1, or a percentage (80%)
        pK_pregnant       yes | no
        pK_worked_five_of_last_ten_years  yes | no (ASS; empty: not asked)
        pK_rsdae          yes | no (AAH at 50-79 %; empty: not asked)
        pK_salary, pK_self_employment, pK_unemployment, pK_pension,
        pK_invalidity_pension, pK_alimony, pK_other   net euros per month
                          (pK_invalidity_pension empty: not said apart from
                          the pension, see the README's assumptions)
    received_<benefit>  benefit already received: its amount (per month, per
                      year for yearly benefits), or `yes` when the amount is
                      unknown; empty or `no`: not received. <benefit> is a
                      catalog id: rsa, ppa, aide_logement, af, cf, asf,
                      paje_base, aeeh, aah, asi, aspa, ass, ars, bourse_college,
                      bourse_lycee, cheque_energie, css_participation_forfaitaire
    taxable_income_YYYY  revenu fiscal de référence of year YYYY
    Numbers accept a decimal comma (1 234,50) or point (1234.50).

PARALLELISM
    `--workers N` (default: all cores) forks N worker processes once the
    rules are built and warm in the main process (a built OpenFisca system
    can be neither pickled nor deep-copied); chunks of `--chunk-size`
    households at most (evened out so that every worker gets as many;
    default: one chunk per worker when that makes at most 5 500 households
    each, otherwise 3 000) are screened as the input streams, with at
    most two chunks per worker in flight, so memory depends on the chunk
    size, not on the input size: both sizes keep a worker under 350 MB (the
    rules, shared with the main process, included). `--scheduler ADDRESS` sends the chunks to a Dask cluster
    instead (`--scheduler local` starts one on this machine with N worker
    processes); every Dask worker builds and warms its own rules once, and
    needs this package installed. Households of one month are screened in
    one vectorised simulation per chunk: inputs sorted by month go faster.

EXIT CODES
    0 the run completed (even with rejects), 2 unusable arguments or
    unreadable input (nothing screened), 1 failure (a full disk, a crashed
    worker: no output written), 128+N stopped by signal N: 130 Ctrl-C
    (SIGINT), 143 SIGTERM (`timeout`, `systemctl stop`, `kill`), 129 SIGHUP
    (terminal closed). Worker processes stop with the main process, even
    when it is killed with SIGKILL.
"""

from __future__ import annotations

import argparse

from eligibility.batch_cli import EXIT_FAILED, EXIT_INVALID, EXIT_OK, Stopped, run_batch
from eligibility.batch_cli import add_arguments as _add_arguments
from eligibility.batch_executors import CollectorTuned, WarmEngine
from eligibility.batch_progress import QuietProgress, make_progress
from eligibility.batch_records import InputError, screen_chunk
from eligibility.batch_run import DEFAULT_CHUNK_SIZE, Summary, screen_file


def add_arguments(parser: argparse.ArgumentParser) -> None:
    # The documentation above from INPUT on: formats, CSV layout, exit codes.
    _add_arguments(parser, epilog=__doc__[__doc__.index("\nINPUT\n") + 1 :])


__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "EXIT_FAILED",
    "EXIT_INVALID",
    "EXIT_OK",
    "CollectorTuned",
    "InputError",
    "QuietProgress",
    "Stopped",
    "Summary",
    "WarmEngine",
    "add_arguments",
    "make_progress",
    "run_batch",
    "screen_chunk",
    "screen_file",
]
