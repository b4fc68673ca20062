"""The document envelope: one processed article with its records of every kind.

Shared parts live in :mod:`geodefence.parts`, record kinds in :mod:`geodefence.kinds`; this
module ties them together and re-exports the public names.
"""

from __future__ import annotations

import datetime as _dt
from typing import Annotated

from pydantic import Field

from geodefence.kinds.agreement import Agreement
from geodefence.kinds.exercise import Exercise
from geodefence.kinds.stance import Stance
from geodefence.kinds.visit import Visit
from geodefence.parts import (
    SCHEMA_VERSION,
    Actor,
    ActorType,
    DateValue,
    DocumentWarning,
    ErrorInfo,
    Evidence,
    Model,
    Place,
    PlaceKind,
    Precision,
    Quantity,
)

__all__ = [
    "SCHEMA_VERSION",
    "Actor",
    "ActorType",
    "Agreement",
    "DateValue",
    "Document",
    "DocumentWarning",
    "ErrorInfo",
    "Evidence",
    "Exercise",
    "Place",
    "PlaceKind",
    "Precision",
    "Quantity",
    "Stance",
    "Visit",
]


class Document(Model):
    """One processed article: its identity, its records of each kind, and any warnings or error."""

    schema_version: Annotated[str, Field(pattern=r"^\d+\.\d+\.\d+$")] = Field(
        default=SCHEMA_VERSION, description="Semantic version of the record format this document follows."
    )
    doc_id: str = Field(min_length=1, description="The document's id (file stem or the input's id field).")
    source: str | None = Field(default=None, description="URL or path the text came from.")
    published: _dt.date | None = Field(
        default=None, description="Publication date, against which relative dates are resolved; null if unknown."
    )
    language: str = Field(default="en", description="ISO 639-1 code of the text's language.")
    text_sha256: str | None = Field(
        default=None, pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the UTF-8 text the offsets point into."
    )
    text: str | None = Field(
        default=None,
        description="The original text, when the producer chose to include it (lets validators check evidence).",
    )
    agreements: list[Agreement] = Field(default_factory=list, description="Defence agreements stated in the text.")
    visits: list[Visit] = Field(default_factory=list, description="Official visits stated in the text.")
    exercises: list[Exercise] = Field(
        default_factory=list, description="Military exercises and trainings stated in the text."
    )
    stances: list[Stance] = Field(default_factory=list, description="Positions actors take for or against something.")
    warnings: list[DocumentWarning] = Field(
        default_factory=list, description="Non-fatal problems met while processing."
    )
    error: ErrorInfo | None = Field(default=None, description="Null, or why the document could not be processed.")
