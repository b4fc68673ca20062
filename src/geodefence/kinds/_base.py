"""What every record kind shares: a deterministic id and its evidence spans."""

from __future__ import annotations

from pydantic import Field

from geodefence.parts import Evidence, Model


class Record(Model):
    """Base of the four record kinds."""

    id: str = Field(
        default="",
        description="Deterministic record id (stable across runs and worker counts); links table rows to their document.",
    )
    evidence: list[Evidence] = Field(
        default_factory=list,
        description="Every span of the text that states this record (repeated mentions merge into one record).",
    )
