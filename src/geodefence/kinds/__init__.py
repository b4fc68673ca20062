"""The record kinds, listed once: the pipeline, schema export, evaluation and CLI read this registry."""

from __future__ import annotations

from dataclasses import dataclass

from geodefence.kinds._base import Record
from geodefence.kinds.agreement import Agreement
from geodefence.kinds.exercise import Exercise
from geodefence.kinds.stance import Stance
from geodefence.kinds.visit import Visit


@dataclass(frozen=True)
class KindSpec:
    """One record kind: its name, its model, and the Document field holding its records."""

    name: str
    model: type[Record]
    field: str


KINDS: dict[str, KindSpec] = {
    spec.name: spec
    for spec in (
        KindSpec("agreement", Agreement, "agreements"),
        KindSpec("visit", Visit, "visits"),
        KindSpec("exercise", Exercise, "exercises"),
        KindSpec("stance", Stance, "stances"),
    )
}
"""Record kinds in output order."""

__all__ = ["KINDS", "Agreement", "Exercise", "KindSpec", "Record", "Stance", "Visit"]
