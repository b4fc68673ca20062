"""Visits: officials or delegations travelling to another state."""

from __future__ import annotations

from pydantic import Field

from geodefence.kinds._base import Record
from geodefence.parts import Actor, DateValue, Place


class Visit(Record):
    """An official visit by a person or delegation of one party to a host state."""

    visitor: Actor | None = Field(default=None, description="The person or delegation who travelled.")
    visitor_party: str | None = Field(
        default=None, description="Code of the state (ISO alpha-3) or organisation (acronym) the visitor represents."
    )
    host: Actor | None = Field(default=None, description="The host state.")
    places: list[Place] = Field(default_factory=list, description="Cities, regions and facilities visited.")
    date: DateValue | None = Field(default=None, description="When the visit took place or began.")
    end: DateValue | None = Field(default=None, description="When the visit ended, if stated.")
    met_with: list[Actor] = Field(default_factory=list, description="Counterparts the visitor met.")
    purpose: str | None = Field(default=None, description="The stated purpose, as a short phrase from the text.")
