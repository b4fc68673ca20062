"""The evaluation report: counts, rates, per-slot accuracy and the records to look at.

:class:`Scores` is what :func:`geodefence.evaluate` returns and what ``geodefence evaluate
--format json`` prints. Its JSON Schema is committed as
``geodefence/schemas/evaluation-report.schema.json``; regenerate it with
``python -m geodefence.evaluation report-schema > src/geodefence/schemas/evaluation-report.schema.json``.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from geodefence.parts import SCHEMA_VERSION

if TYPE_CHECKING:
    from rich.console import Console

REPORT_SCHEMA_FILE = "evaluation-report.schema.json"
"""File name of the report's JSON Schema in ``geodefence/schemas``."""

ReportValue = str | int | list[str] | None


class ReportModel(BaseModel):
    """Base of the report models: unknown fields are errors, so a report read back is checked."""

    model_config = ConfigDict(extra="forbid")


def _rate(part: int, whole: int, *, empty: float) -> float:
    return part / whole if whole else empty


class Counts(ReportModel):
    """True positives, false positives, false negatives and the rates computed from them.

    With nothing to find and nothing found, precision, recall and F1 are 1.0: the output is
    exactly right. Precision with no predictions (or recall with no gold) is 1.0 only when the
    other side is empty too, else 0.0.
    """

    tp: int = Field(ge=0, description="Predicted records matching a required gold record.")
    fp: int = Field(ge=0, description="Predicted records matching no gold record.")
    fn: int = Field(ge=0, description="Required gold records no prediction matched.")
    precision: float = Field(ge=0, le=1, description="tp / (tp + fp).")
    recall: float = Field(ge=0, le=1, description="tp / (tp + fn).")
    f1: float = Field(ge=0, le=1, description="Harmonic mean of precision and recall.")

    @classmethod
    def of(cls, tp: int, fp: int, fn: int) -> Counts:
        """Counts with their rates."""
        precision = _rate(tp, tp + fp, empty=1.0 if fn == 0 else 0.0)
        recall = _rate(tp, tp + fn, empty=1.0 if fp == 0 else 0.0)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return cls(tp=tp, fp=fp, fn=fn, precision=precision, recall=recall, f1=f1)


class SlotScore(ReportModel):
    """How often a slot was right on matched records whose gold gives it."""

    correct: int = Field(ge=0, description="Matched records whose predicted slot agrees with the gold.")
    total: int = Field(ge=0, description="Matched records whose gold gives the slot.")
    accuracy: float | None = Field(ge=0, le=1, description="correct / total; null when total is 0.")


class KindScores(Counts):
    """Counts of one record kind, with the accuracy of each of its slots."""

    slots: dict[str, SlotScore] = Field(description="Per-slot accuracy on true positives, by slot name.")


class Miss(ReportModel):
    """A required gold record that no prediction matched."""

    doc: str = Field(description="The article's id.")
    kind: str = Field(description="agreement, visit, exercise or stance.")
    key: str = Field(description="The record's key, e.g. 'RUS+UZB' or 'UZB withhold RUS'.")
    evidence: str = Field(description="The gold's quote stating the record.")


class Spurious(ReportModel):
    """A predicted record that matched no gold record."""

    doc: str = Field(description="The article's id.")
    kind: str = Field(description="agreement, visit, exercise or stance.")
    key: str = Field(description="The predicted record's key ('?name' stands for an actor without a code).")
    evidence: str | None = Field(description="The prediction's first evidence quote, if any.")
    rule: str | None = Field(description="The rule that produced that evidence, if any.")


class SlotError(ReportModel):
    """A slot of a matched record that disagrees with the gold."""

    doc: str = Field(description="The article's id.")
    kind: str = Field(description="agreement, visit, exercise or stance.")
    key: str = Field(description="The record's key.")
    slot: str = Field(description="The slot's name in the gold format.")
    gold: ReportValue = Field(description="What the gold gives.")
    predicted: ReportValue = Field(description="What the prediction gives.")
    evidence: str = Field(description="The gold's quote stating the record.")


class Scores(ReportModel):
    """How well predictions agree with gold annotations, per kind and overall (micro-averaged)."""

    schema_version: str = Field(default=SCHEMA_VERSION, description="Record format version of geodefence.")
    documents: int = Field(ge=0, description="Gold articles scored.")
    overall: Counts = Field(description="Counts summed over every kind (micro average).")
    kinds: dict[str, KindScores] = Field(description="Counts and slot accuracy by record kind.")
    misses: list[Miss] = Field(default_factory=list, description="Required gold records not found.")
    spurious: list[Spurious] = Field(default_factory=list, description="Predicted records matching no gold record.")
    slot_errors: list[SlotError] = Field(default_factory=list, description="Wrong slots on matched records.")
    missing_predictions: list[str] = Field(
        default_factory=list, description="Gold articles for which no prediction document was given."
    )
    unscored_documents: list[str] = Field(
        default_factory=list, description="Prediction documents with no gold line (ignored)."
    )

    @property
    def f1(self) -> float:
        """Overall (micro) F1, the number ``--fail-under`` compares."""
        return self.overall.f1

    def scores_only(self) -> Scores:
        """The same report without the records behind the numbers (misses, spurious, wrong slots).

        For a set that is only scored: its misses must not be read while rules are written.
        """
        return self.model_copy(update={"misses": [], "spurious": [], "slot_errors": []})

    def to_json(self, *, indent: int | None = 2) -> str:
        """The report as JSON text, valid against the committed report schema."""
        return self.model_dump_json(indent=indent)

    def render(self, console: Console) -> None:
        """Print the report as rich tables: counts, slots, then the records to look at."""
        _render(self, console)


def report_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the JSON report, generated from :class:`Scores`."""
    body = Scores.model_json_schema(mode="serialization")
    body.pop("title", None)
    body.pop("description", None)
    head: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://geodefence.dev/schemas/{SCHEMA_VERSION}/{REPORT_SCHEMA_FILE}",
        "title": f"geodefence evaluation report (schema {SCHEMA_VERSION})",
        "description": (Scores.__doc__ or "").strip().splitlines()[0],
    }
    return {**head, **body}


def render_report_schema() -> str:
    """The report schema as stable text: sorted keys, two-space indent, trailing newline."""
    return json.dumps(report_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def shipped_report_schema() -> dict[str, Any]:
    """The report schema shipped in the installed package."""
    text = resources.files("geodefence.schemas").joinpath(REPORT_SCHEMA_FILE).read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _show(value: ReportValue) -> str:
    if value is None:
        return "-"
    if isinstance(value, list):
        return "; ".join(value) or "[]"
    return str(value)


def _render(scores: Scores, console: Console) -> None:
    from rich.table import Table  # rich is only needed when a report is printed

    counts = Table(title=f"Scores over {scores.documents} article(s)")
    for column in ("kind", "tp", "fp", "fn", "precision", "recall", "f1"):
        counts.add_column(column, justify="left" if column == "kind" else "right")
    rows: list[tuple[str, Counts]] = [*scores.kinds.items(), ("overall", scores.overall)]
    for name, c in rows:
        counts.add_row(name, str(c.tp), str(c.fp), str(c.fn), _pct(c.precision), _pct(c.recall), _pct(c.f1))
    console.print(counts)

    slots = Table(title="Slot accuracy on matched records")
    for column in ("kind", "slot", "correct", "total", "accuracy"):
        slots.add_column(column, justify="left" if column in ("kind", "slot") else "right")
    for name, kind in scores.kinds.items():
        for slot, s in kind.slots.items():
            slots.add_row(name, slot, str(s.correct), str(s.total), _pct(s.accuracy))
    console.print(slots)

    if scores.misses:
        table = Table(title="Missed (gold records not found)")
        for column in ("doc", "kind", "key", "evidence"):
            table.add_column(column)
        for m in scores.misses:
            table.add_row(m.doc, m.kind, m.key, m.evidence)
        console.print(table)
    if scores.spurious:
        table = Table(title="Spurious (predictions matching no gold record)")
        for column in ("doc", "kind", "key", "rule", "evidence"):
            table.add_column(column)
        for sp in scores.spurious:
            table.add_row(sp.doc, sp.kind, sp.key, sp.rule or "-", sp.evidence or "-")
        console.print(table)
    if scores.slot_errors:
        table = Table(title="Wrong slots on matched records")
        for column in ("doc", "kind", "key", "slot", "gold", "predicted"):
            table.add_column(column)
        for e in scores.slot_errors:
            table.add_row(e.doc, e.kind, e.key, e.slot, _show(e.gold), _show(e.predicted))
        console.print(table)
    for label, docs in (
        ("no prediction given for", scores.missing_predictions),
        ("no gold for (ignored)", scores.unscored_documents),
    ):
        if docs:
            console.print(f"{label}: {', '.join(docs)}")
