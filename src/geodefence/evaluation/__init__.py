"""Scoring extraction against gold annotations (the gold format is in ``docs/gold-format.md``).

:func:`evaluate` returns :class:`Scores`: counts, precision, recall and F1 per kind and overall,
per-slot accuracy, and the missed and spurious records, as rich tables or JSON.
"""

from __future__ import annotations

from geodefence.evaluation.gold import GoldDocument, read_gold, read_gold_lines
from geodefence.evaluation.scores import Counts, KindScores, Scores
from geodefence.evaluation.scoring import evaluate, extract_for_gold, read_predictions

__all__ = [
    "Counts",
    "GoldDocument",
    "KindScores",
    "Scores",
    "evaluate",
    "extract_for_gold",
    "read_gold",
    "read_gold_lines",
    "read_predictions",
]
