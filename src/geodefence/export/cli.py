"""``geodefence export``: a thin command over :func:`geodefence.export.export`.

Exit codes: 0 written, 2 usage error or unreadable input (nothing is left at ``-o`` then: the
output is written beside it and renamed into place only when complete).
"""

from __future__ import annotations

import contextlib
import itertools
import os
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from geodefence.errors import GeodefenceError
from geodefence.export import FORMATS, export
from geodefence.export.events import iter_documents


class ExportTo(str, Enum):
    """Export formats ``--to`` accepts (see :data:`geodefence.export.FORMATS`)."""

    events_csv = "events-csv"
    events_parquet = "events-parquet"
    plover = "plover"
    cameo = "cameo"


def _usage(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(2)


def export_command(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Datasets written by `geodefence extract`: JSON Lines or JSON arrays, optionally gzipped; '-' reads standard input.",
            metavar="DOCS",
        ),
    ],
    to: Annotated[
        ExportTo,
        typer.Option(
            "--to",
            help="events-csv / events-parquet: one row per record; plover: PLOVER event records (JSON Lines); cameo: rows with CAMEO codes (CSV).",
        ),
    ] = ExportTo.events_csv,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File to write (default: standard output; events-parquet needs a file)."),
    ] = None,
) -> None:
    """Export records as one events table, PLOVER event records or CAMEO-coded rows, one per record.

    Rows come in input order: documents as read, then kinds (agreement, visit, exercise, stance),
    then records. Records that map to no PLOVER category or CAMEO code are kept with the reason.
    """
    fmt = FORMATS[to.value]
    if output is None and fmt.needs_file:
        raise _usage(f"--to {to.value} writes a binary file: give -o FILE{fmt.suffix}")
    if output is not None:
        if output.is_dir():
            raise _usage(f"-o {output} is a folder; give a file name (e.g. {output / ('events' + fmt.suffix)})")
        for name in paths:
            with contextlib.suppress(OSError):
                if name != "-" and output.exists() and os.path.samefile(name, output):
                    raise _usage(f"-o {output} is the input {name}; write the export to another file")
    for name in paths:
        if name != "-" and not Path(name).exists():
            raise _usage(f"no such file: {name}")
    docs: Any = itertools.chain.from_iterable(iter_documents(p) for p in paths)
    tmp = output.with_name(f".{output.name}.partial") if output is not None else None
    try:
        n = export(docs, to.value, tmp)
        if tmp is not None and output is not None:
            tmp.replace(output)
    except GeodefenceError as exc:
        raise _usage(str(exc)) from None
    except OSError as exc:
        raise _usage(f"cannot write {exc.filename or output}: {exc.strerror or exc}") from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()
    where = f" to {output}" if output is not None else ""
    typer.echo(f"{n} {'record' if n == 1 else 'records'} exported as {to.value}{where}", err=True)


__all__ = ["ExportTo", "export_command"]
