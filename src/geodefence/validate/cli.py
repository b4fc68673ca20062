"""``geodefence validate``: a thin command over :class:`geodefence.validate.api.Validator`.

Exit codes: 0 valid, 1 invalid data found, 2 usage error or unreadable input.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from geodefence.errors import InputError
from geodefence.validate.api import Validator
from geodefence.validate.reporters import REPORTERS


class KindName(str, Enum):
    """Record kinds ``--kind`` accepts."""

    agreement = "agreement"
    visit = "visit"
    exercise = "exercise"
    stance = "stance"


class FormatName(str, Enum):
    """Output formats ``--format`` accepts (see :data:`REPORTERS`)."""

    text = "text"
    json = "json"
    github = "github"


def validate_command(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Dataset files: JSON Lines or JSON arrays, optionally gzipped; '-' reads standard input.",
            metavar="PATH",
        ),
    ],
    kind: Annotated[
        KindName | None,
        typer.Option("--kind", help="Validate files of single records of this kind instead of documents."),
    ] = None,
    text_dir: Annotated[
        Path | None,
        typer.Option(
            "--text-dir",
            help="Folder of DOC_ID.txt files, for checking evidence of documents that carry no 'text'.",
            file_okay=False,
        ),
    ] = None,
    output_format: Annotated[
        FormatName,
        typer.Option("--format", help="Output: text lines, one JSON object, or GitHub Actions annotations."),
    ] = FormatName.text,
    max_errors: Annotated[
        int | None,
        typer.Option("--max-errors", min=1, help="Stop after this many errors (default: check everything)."),
    ] = None,
) -> None:
    """Validate datasets against the published schemas and the data-quality checks.

    Each problem is printed as FILE:LINE: $.json.path: message, followed by its check id, then
    a summary with counts per check. Exit 0 when valid, 1 when invalid data was found, 2 on a
    usage error or input that cannot be read.
    """
    reporter = REPORTERS[output_format.value](sys.stdout)
    try:
        validator = Validator(
            kind=kind.value if kind is not None else None,
            text_dir=text_dir,
            max_errors=max_errors,
            keep_issues=reporter.keeps_issues,
        )
    except InputError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    for issue in validator.run_paths(paths):
        reporter.issue(issue)
    reporter.finish(validator.report)
    sys.stdout.flush()
    raise typer.Exit(validator.report.exit_code)
