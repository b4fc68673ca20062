"""The record kinds, listed once: the pipeline, schema export, evaluation and CLI read this registry."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from geodefence.kinds import agreement, exercise, stance, visit
from geodefence.kinds._base import Record
from geodefence.kinds.agreement import Agreement
from geodefence.kinds.exercise import Exercise
from geodefence.kinds.stance import Stance
from geodefence.kinds.visit import Visit
from geodefence.text.analysis import Analysis


@dataclass(frozen=True)
class KindSpec:
    """One record kind: its name, its model, the Document field holding its records, its extractor."""

    name: str
    model: type[Record]
    field: str
    extract: Callable[[Analysis], Sequence[Record]]


KINDS: dict[str, KindSpec] = {
    spec.name: spec
    for spec in (
        KindSpec("agreement", Agreement, "agreements", agreement.extract),
        KindSpec("visit", Visit, "visits", visit.extract),
        KindSpec("exercise", Exercise, "exercises", exercise.extract),
        KindSpec("stance", Stance, "stances", stance.extract),
    )
}
"""Record kinds in output order."""

__all__ = ["KINDS", "Agreement", "Exercise", "KindSpec", "Record", "Stance", "Visit"]
