"""``geodefence report``: the thin CLI wrapper over :func:`geodefence.report`.

Exit codes: 0 written, 2 usage error or unreadable input (documents, texts or gold).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from geodefence.errors import InputError
from geodefence.report.data import prepare
from geodefence.report.render import PAGE_SIZE, render


def report_command(
    docs: Annotated[Path, typer.Argument(help="Documents: the JSON Lines output of `geodefence extract`.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write (self-contained).")],
    texts: Annotated[
        list[Path] | None,
        typer.Option(
            "--texts",
            help="Where the texts of documents extracted without --include-text are: a folder of <doc>.txt or a "
            "JSON Lines file of {id, text} objects (repeat for several, searched in order).",
        ),
    ] = None,
    gold: Annotated[
        Path | None,
        typer.Option(
            "--gold", help="Gold annotations (docs/gold-format.md): mark each document's misses and spurious records."
        ),
    ] = None,
    title: Annotated[str, typer.Option("--title", help="The page's title.")] = "geodefence review report",
    page_size: Annotated[int, typer.Option("--page-size", min=1, help="Documents drawn per page.")] = PAGE_SIZE,
) -> None:
    """Write an HTML page for reviewing extracted records: evidence highlighted in each text, a card per record."""
    for path in texts or []:
        if not path.exists():
            typer.echo(f"error: --texts {path} does not exist", err=True)
            raise typer.Exit(2)
    try:
        data = prepare(docs, texts or None, gold, title=title)
    except InputError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    html = render(data, page_size=page_size)
    try:
        output.write_text(html, encoding="utf-8")
    except OSError as exc:
        typer.echo(f"error: cannot write {output}: {exc.strerror or exc}", err=True)
        raise typer.Exit(2) from None
    seen = data["overview"]
    typer.echo(
        f"wrote {output}: {seen['documents']} documents ({seen['with_text']} with text), {seen['records']} records",
        err=True,
    )
