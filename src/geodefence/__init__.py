"""geodefence: defence and geopolitics news into validated, typed records.

The public surface is small: :func:`extract` one article, :func:`schema` for the published JSON
Schemas, :func:`validate_dataset` and :func:`evaluate` for datasets, :func:`report` for an HTML
page to review records in their text, :func:`events` and :func:`to_pandas` for one events table
across kinds (PLOVER and CAMEO exports are in :mod:`geodefence.export`), and the record models.
"""

from __future__ import annotations

from geodefence.errors import GeodefenceError, InputError
from geodefence.evaluation import Scores, evaluate
from geodefence.export.events import events, to_pandas
from geodefence.pipeline import extract
from geodefence.records import (
    SCHEMA_VERSION,
    Actor,
    Agreement,
    DateValue,
    Document,
    Evidence,
    Exercise,
    Place,
    Quantity,
    Stance,
    Visit,
)
from geodefence.report import report
from geodefence.schemagen import schema
from geodefence.validate import Report, validate_dataset

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Actor",
    "Agreement",
    "DateValue",
    "Document",
    "Evidence",
    "Exercise",
    "GeodefenceError",
    "InputError",
    "Place",
    "Quantity",
    "Report",
    "Scores",
    "Stance",
    "Visit",
    "__version__",
    "evaluate",
    "events",
    "extract",
    "report",
    "schema",
    "to_pandas",
    "validate_dataset",
]
