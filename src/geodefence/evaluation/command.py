"""``geodefence evaluate``: the thin CLI wrapper over :func:`geodefence.evaluate`.

Exit codes: 0 scored (and at or above ``--fail-under``), 1 overall F1 below ``--fail-under``,
2 usage error, unreadable gold or predictions, or a missing article text.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from geodefence.errors import InputError
from geodefence.evaluation.gold import read_gold, read_gold_lines
from geodefence.evaluation.scoring import compare_annotations, evaluate, extract_for_gold, read_predictions
from geodefence.records import Document

TEST_SET_SUFFIX = "test.gold.jsonl"
"""A gold file whose name ends so is a test set: scored, its misses not shown unless asked."""


def is_test_set(gold: Path) -> bool:
    """True for a gold file that is only scored (its name ends in ``test.gold.jsonl``)."""
    return gold.name.endswith(TEST_SET_SUFFIX)


class ReportFormat(str, Enum):
    """How the report is printed: rich tables for people, JSON for machines."""

    text = "text"
    json = "json"


def evaluate_command(
    gold: Annotated[Path, typer.Option("--gold", help="Gold annotations, JSON Lines (see docs/gold-format.md).")],
    texts: Annotated[
        list[Path] | None,
        typer.Option(
            "--texts",
            help="Where the articles are: a folder of <doc>.txt or a JSON Lines file of {id, text} objects "
            "(repeat for several, searched in order); runs extraction on each.",
        ),
    ] = None,
    pred: Annotated[
        Path | None, typer.Option("--pred", help="Predictions already made: JSON Lines of Documents, by doc_id.")
    ] = None,
    second: Annotated[
        list[Path] | None,
        typer.Option(
            "--second",
            help="A second, independent annotation of some of the gold's articles (gold format; repeat for "
            "several files): scores it against the gold, the agreement between two annotators.",
        ),
    ] = None,
    output_format: Annotated[ReportFormat, typer.Option("--format", help="text (tables) or json.")] = ReportFormat.text,
    details: Annotated[
        bool | None,
        typer.Option(
            "--details/--scores-only",
            help="List misses, spurious records and wrong slots. Default: listed, except for a test set "
            "(a gold file named *test.gold.jsonl), which is only scored unless --details is given.",
        ),
    ] = None,
    fail_under: Annotated[
        float | None, typer.Option("--fail-under", min=0.0, max=1.0, help="Exit 1 when overall F1 is below this.")
    ] = None,
) -> None:
    """Score extraction (or a second annotation) against gold annotations: per kind and overall P, R, F1."""
    if sum((bool(texts), pred is not None, bool(second))) != 1:
        typer.echo("error: give exactly one of --texts DIR|FILE.jsonl, --pred PRED.jsonl or --second GOLD.jsonl", err=True)
        raise typer.Exit(2)
    try:
        gold_lines = read_gold_lines(gold)
        gold_docs = [doc for _, doc in gold_lines]
        if second:
            scores = compare_annotations(gold_docs, [doc for path in second for doc in read_gold(path)])
        else:
            predictions: list[Document] = (
                read_predictions(pred)
                if pred is not None
                else extract_for_gold(gold_lines, texts or [], gold_file=str(gold))
            )
            scores = evaluate(gold_docs, predictions)
        if not (details if details is not None else not is_test_set(gold)):
            scores = scores.scores_only()
    except InputError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    if output_format == ReportFormat.json:
        typer.echo(scores.to_json())
    else:
        from rich.console import Console

        scores.render(Console())
    if fail_under is not None and scores.f1 < fail_under:
        typer.echo(f"overall F1 {scores.f1:.4f} is below --fail-under {fail_under}", err=True)
        raise typer.Exit(1)
