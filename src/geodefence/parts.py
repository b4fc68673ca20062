"""The parts every record kind shares: actors, places, dates, quantities, evidence.

These names are the public contract (the gold format and the published JSON Schemas are built
on them). The document envelope is in :mod:`geodefence.records`. Every model forbids unknown fields so that a typo in a dataset is an error, not a
silently dropped value. Record kinds live in :mod:`geodefence.kinds`.
"""

from __future__ import annotations

import hashlib
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "1.1.0"
"""Semantic version of the record format. Bumped in CHANGELOG.md with every schema change."""

SUPPORTED_SCHEMA_MAJOR = 1
"""Datasets whose ``schema_version`` has another major version cannot be read by this release."""


class StrEnum(str, Enum):
    """A string enumeration whose members print as their values (``enum.StrEnum`` of Python 3.11).

    ``str(AgreementStatus.signed)`` and ``f"{AgreementStatus.signed}"`` are ``"signed"``, as they
    were when records held plain strings; ``.value`` and ``.name`` work as for any enum.
    """

    __str__ = str.__str__
    __format__ = str.__format__  # type: ignore[assignment]


class Model(BaseModel):
    """Base for every record model: unknown fields are errors, values are re-validated.

    Enum-typed fields always hold enum members, whether defaulted, passed or assigned (a
    :class:`StrEnum` member equals its value, prints as it and serialises to it in JSON).
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class ActorType(StrEnum):
    """What kind of actor a mention refers to.

    - ``state``: a sovereign state (``code`` is its ISO 3166-1 alpha-3 code).
    - ``organization``: an international organisation, alliance or programme (``code`` is its
      usual acronym, e.g. NATO, CSTO).
    - ``person``: a named individual (``country`` is the state or organisation they serve).
    - ``military_unit``: a force, service, ministry or unit (``country`` is its state).
    - ``other``: anything else coded as an actor (a company, a non-state group).
    """

    state = "state"
    organization = "organization"
    person = "person"
    military_unit = "military_unit"
    other = "other"


class PlaceKind(StrEnum):
    """What kind of place a location is.

    - ``country``: a whole state's territory.
    - ``city``: a city or town.
    - ``region``: a province, region, or wider area (e.g. Central Asia).
    - ``facility``: a base, academy, training centre, port or other named site.
    - ``sea``: a sea, ocean, strait or gulf.
    - ``other``: anything else.
    """

    country = "country"
    city = "city"
    region = "region"
    facility = "facility"
    sea = "sea"
    other = "other"


class Precision(StrEnum):
    """How precisely a date is known: ``year`` (2030), ``month`` (2024-04) or ``day`` (2024-04-17)."""

    year = "year"
    month = "month"
    day = "day"


class Evidence(Model):
    """A span of the ORIGINAL input text that supports a record or a slot."""

    start: int = Field(ge=0, description="Offset of the first character of the span in the original text.")
    end: int = Field(ge=0, description="Offset one past the last character of the span (Python slice end).")
    text: str = Field(description="Exactly text[start:end] of the original input.")
    rule: str = Field(description="Id of the rule that produced this span, so a user can ask why it was coded.")

    @model_validator(mode="after")
    def _ordered(self) -> Evidence:
        if self.end < self.start:
            raise ValueError(f"evidence end {self.end} is before start {self.start}")
        return self


class Actor(Model):
    """A state, organisation, person, unit or other party, as mentioned in the text."""

    name: str = Field(description="The name as written in the text (for a person, without title or rank).")
    type: ActorType = Field(description="What kind of actor this is.")
    code: str | None = Field(
        default=None,
        description="ISO 3166-1 alpha-3 code for a state; the usual upper-case acronym for an organisation; null otherwise.",
    )
    country: str | None = Field(
        default=None,
        description="For a person or unit: the code of the state or organisation they serve, when known.",
    )
    title: str | None = Field(default=None, description="Official title or office, e.g. 'Defense Minister'.")
    rank: str | None = Field(default=None, description="Military rank as written, e.g. 'Lt. Gen.'.")
    evidence: Evidence | None = Field(default=None, description="Where the actor is mentioned.")


class Place(Model):
    """A location: a country, city, region, facility or sea."""

    name: str = Field(description="The place's name as written.")
    country: str | None = Field(
        default=None, description="ISO 3166-1 alpha-3 code of the state it lies in, when known."
    )
    kind: PlaceKind = Field(description="What kind of place this is.")
    evidence: Evidence | None = Field(default=None, description="Where the place is mentioned.")


class DateValue(Model):
    """A date as written and its normalised value at the precision the text gives."""

    text: str = Field(description="The date expression as written, e.g. 'on Wednesday', 'April 2024'.")
    value: str | None = Field(
        default=None,
        pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
        description="ISO 8601 at the text's precision ('2030', '2024-04', '2024-04-17'); null when it cannot be resolved.",
    )
    precision: Precision | None = Field(default=None, description="Precision of value; null when value is null.")
    relative: bool = Field(
        default=False,
        description="True when the expression is relative ('last week') and was (or would be) resolved against the publication date.",
    )
    evidence: Evidence | None = Field(default=None, description="Where the date is written.")

    @model_validator(mode="after")
    def _precision_matches(self) -> DateValue:
        if self.value is None:
            if self.precision is not None:
                raise ValueError("precision must be null when value is null")
            return self
        expected = {4: "year", 7: "month", 10: "day"}[len(self.value)]
        if self.precision is not None and self.precision != expected:
            raise ValueError(f"precision {self.precision.value!r} does not match value {self.value!r}")
        return self


class Quantity(Model):
    """A count stated in the text, e.g. '50 joint military activities'."""

    value: float = Field(description="The number.")
    unit: str = Field(description="What is counted, e.g. 'joint military activities', 'troops'.")
    evidence: Evidence | None = Field(default=None, description="Where the count is written.")


class DocumentWarning(Model):
    """Something the extractor noticed but could work around (e.g. the text was truncated)."""

    code: str = Field(description="Stable machine-readable code, e.g. 'truncated', 'invalid_utf8'.")
    message: str = Field(description="Human-readable explanation.")


class ErrorInfo(Model):
    """Why a document could not be processed; its record lists are then empty."""

    code: str = Field(description="Stable machine-readable code, e.g. 'invalid_json', 'missing_text'.")
    message: str = Field(description="Human-readable explanation naming the field at fault.")
    file: str | None = Field(default=None, description="Input file the document came from, when known.")
    line: int | None = Field(default=None, ge=1, description="1-based line of the input file, when known.")


def record_id(doc_id: str, kind: str, *parts: object) -> str:
    """A deterministic id for a record: stable across runs, worker counts and hash seeds."""
    raw = "\x1f".join([doc_id, kind, *(str(p) for p in parts)])
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def text_sha256(text: str) -> str:
    """SHA-256 of the UTF-8 text, so a record can be tied to the exact input it came from."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
