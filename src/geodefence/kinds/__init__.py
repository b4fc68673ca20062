"""The record kinds, listed once: the pipeline, schema export, evaluation and CLI read this registry."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from geodefence.kinds import agreement, agreement_rules, exercise, stance, visit
from geodefence.kinds._base import Record
from geodefence.kinds.agreement import Agreement
from geodefence.kinds.exercise import Exercise
from geodefence.kinds.stance import Stance
from geodefence.kinds.visit import Visit
from geodefence.text.analysis import FACILITY_LABEL, FACILITY_STEMS, Analysis
from geodefence.text.gate import Gate


@dataclass(frozen=True)
class KindSpec:
    """One record kind: its name, its model, the Document field holding its records, its extractor."""

    name: str
    model: type[Record]
    field: str
    extract: Callable[[Analysis], Sequence[Record]]
    gate: tuple[str, ...]
    reads_places: bool = True  # reads dates and places (the text layer computes them only where needed)


KINDS: dict[str, KindSpec] = {
    spec.name: spec
    for spec in (
        KindSpec("agreement", Agreement, "agreements", agreement.extract, agreement_rules.GATE),
        KindSpec("visit", Visit, "visits", visit.extract, visit.GATE),
        KindSpec("exercise", Exercise, "exercises", exercise.extract, exercise.GATE),
        KindSpec("stance", Stance, "stances", stance.extract, stance.GATE),
    )
}
"""Record kinds in output order."""

GATE = Gate({**{name: spec.gate for name, spec in KINDS.items()}, FACILITY_LABEL: FACILITY_STEMS})
"""One automaton over every kind's trigger stems (see :mod:`geodefence.text.gate`)."""

PLACE_LABELS = frozenset(name for name, spec in KINDS.items() if spec.reads_places)
"""The kinds whose rules read dates and places."""

__all__ = ["GATE", "KINDS", "PLACE_LABELS", "Agreement", "Exercise", "KindSpec", "Record", "Stance", "Visit"]
