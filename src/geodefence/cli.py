"""The ``geodefence`` command: thin subcommands over the library.

Exit codes: 0 success, 1 invalid data or failed documents, 2 usage error or unreadable input.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from geodefence import schemagen as schema_mod
from geodefence.corpus.cli import extract_command
from geodefence.errors import SchemaError
from geodefence.evaluation.command import evaluate_command
from geodefence.export.cli import export_command
from geodefence.report.command import report_command
from geodefence.validate.cli import validate_command

app = typer.Typer(
    name="geodefence",
    help="Defence and geopolitics news into validated, typed records.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
schema_app = typer.Typer(help="Export or check the published JSON Schemas.", no_args_is_help=True)
app.add_typer(schema_app, name="schema")
app.command("evaluate")(evaluate_command)
app.command("export")(export_command)
app.command("extract")(extract_command)
app.command("report")(report_command)
app.command("validate")(validate_command)


def _version(value: bool) -> None:
    if value:
        from geodefence import __version__

        typer.echo(f"geodefence {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Defence and geopolitics news into validated, typed records."""


def _usage(message: str) -> typer.Exit:
    """Print one error line on stderr; the Exit (code 2, a usage error) for the caller to raise."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(2)


@schema_app.command("export")
def schema_export(
    directory: Annotated[Path, typer.Argument(help="Folder to write the schemas into.")] = Path("schemas"),
) -> None:
    """Write the JSON Schemas (draft 2020-12) generated from the models into DIRECTORY."""
    try:
        written = schema_mod.export(directory)
    except SchemaError as exc:
        raise _usage(str(exc)) from None
    for path in written:
        typer.echo(str(path))


@schema_app.command("check")
def schema_check(
    directory: Annotated[Path, typer.Argument(help="Folder holding the committed schemas.")] = Path("schemas"),
) -> None:
    """Exit 1 when the schemas in DIRECTORY differ from the models (drift)."""
    stale = schema_mod.drift(directory)
    if stale:
        typer.echo(f"schemas out of date in {directory}: {', '.join(stale)}; run: geodefence schema export {directory}")
        raise typer.Exit(1)
    typer.echo(f"schemas in {directory} match the models")


@schema_app.command("show")
def schema_show(
    name: Annotated[str, typer.Argument(help="document, agreement, visit, exercise or stance.")] = "document",
) -> None:
    """Print one published schema."""
    try:
        text = schema_mod.render(name)
    except SchemaError as exc:
        raise _usage(str(exc)) from None
    typer.echo(text, nl=False)


def main() -> None:
    """Entry point of the console script and of ``python -m geodefence``."""
    app(prog_name="geodefence")


if __name__ == "__main__":
    main()
