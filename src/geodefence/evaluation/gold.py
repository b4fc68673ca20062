"""The gold format: hand-made answers for articles, one JSON object per line.

Each line is validated into :class:`GoldDocument` on load, so a typo in an annotation file is an
error naming the file and line, never a record silently scored as missing. The format is
documented in ``docs/gold-format.md``.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from geodefence.errors import InputError

GoldDate = Annotated[str, Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]
"""An ISO 8601 date at the precision the text gives: ``2030``, ``2024-04`` or ``2024-04-17``."""

Code = Annotated[str, Field(min_length=1)]
"""An actor code: ISO 3166-1 alpha-3 for a state, the usual acronym for an organisation."""


class GoldModel(BaseModel):
    """Base of the gold models: unknown fields are errors (a misspelt slot must not go unscored)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class GoldRecord(GoldModel):
    """What every gold record carries besides its key and slots."""

    optional: bool = Field(default=False, description="A record a careful analyst might or might not code.")
    evidence: str = Field(min_length=1, description="One short quote from the text that states the record.")


class GoldAgreement(GoldRecord):
    """An agreement, keyed by the set of its parties' codes."""

    parties: list[Code] = Field(min_length=1)
    date: GoldDate | None = None
    valid_until: GoldDate | None = None
    signatories: list[str] = Field(default_factory=list)
    location: str | None = None


class GoldVisit(GoldRecord):
    """A visit, keyed by the visitor's party code and the host state's code."""

    visitor: Code
    host: Code
    visitor_person: str | None = None
    date: GoldDate | None = None
    met_with: list[str] = Field(default_factory=list)
    places: list[str] = Field(default_factory=list)


class GoldExercise(GoldRecord):
    """An exercise, keyed by the set of its participants' codes."""

    participants: list[Code] = Field(min_length=1)
    name: str | None = None
    date: GoldDate | None = None
    end: GoldDate | None = None
    location: str | None = None
    troops: int | None = Field(default=None, ge=0)


class GoldStance(GoldRecord):
    """A stance, keyed by holder, target (or null) and position."""

    holder: Code
    target: Code | None = None
    position: str
    topic: list[str] = Field(default_factory=list, description="Key words the predicted topic must all contain.")

    @field_validator("position")
    @classmethod
    def _known_position(cls, value: str) -> str:
        allowed = ("support", "oppose", "withhold", "neutral")
        if value not in allowed:
            raise ValueError(f"position {value!r} is not one of: {', '.join(allowed)}")
        return value


class GoldDocument(GoldModel):
    """One article's answers: its id, publication date and records of each kind."""

    doc: str = Field(min_length=1, description="The article's id: its text file's name without .txt.")
    published: _dt.date | None = None
    agreements: list[GoldAgreement] = Field(default_factory=list)
    visits: list[GoldVisit] = Field(default_factory=list)
    exercises: list[GoldExercise] = Field(default_factory=list)
    stances: list[GoldStance] = Field(default_factory=list)


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"])
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return f"{where}: {err['msg']}{more}" if where else f"{err['msg']}{more}"


def parse_gold(
    item: Mapping[str, Any] | GoldDocument, *, file: str | None = None, line: int | None = None
) -> GoldDocument:
    """Validate one gold object; errors name the file, line and field at fault."""
    if isinstance(item, GoldDocument):
        return item
    try:
        return GoldDocument.model_validate(item)
    except ValidationError as exc:
        raise InputError(f"invalid gold record: {_first_error(exc)}", file=file, line=line) from None


def read_gold_lines(path: str | Path) -> list[tuple[int, GoldDocument]]:
    """Read a gold JSON Lines file into (line number, document) pairs; blank lines are skipped.

    The line numbers let a caller name the line whose article text is missing.
    """
    source = Path(path)
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read gold file: {exc}", file=str(source)) from None
    out: list[tuple[int, GoldDocument]] = []
    first_line: dict[str, int] = {}
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            item = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InputError(f"invalid JSON: {exc.msg} at column {exc.colno}", file=str(source), line=number) from None
        except RecursionError:
            raise InputError("invalid JSON: nested too deeply to read", file=str(source), line=number) from None
        if not isinstance(item, dict):
            raise InputError("a gold line must be a JSON object", file=str(source), line=number)
        doc = parse_gold(item, file=str(source), line=number)
        if doc.doc in first_line:
            raise InputError(
                f"doc {doc.doc!r} already given on line {first_line[doc.doc]}",
                file=str(source),
                line=number,
                field="doc",
            )
        first_line[doc.doc] = number
        out.append((number, doc))
    return out


def read_gold(path: str | Path) -> list[GoldDocument]:
    """Read a gold JSON Lines file; doc ids must be unique."""
    return [doc for _, doc in read_gold_lines(path)]


def check_unique(docs: Iterable[GoldDocument]) -> None:
    """Refuse two gold documents for one article: which of them is the answer would be a guess."""
    seen: set[str] = set()
    for doc in docs:
        if doc.doc in seen:
            raise InputError(f"doc {doc.doc!r} appears twice in the gold", field="doc")
        seen.add(doc.doc)
