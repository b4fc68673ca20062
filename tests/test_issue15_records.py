"""Issue 15: enum fields are enum members however they were set; titles are kept as written."""

from __future__ import annotations

import json
import types
import typing
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

import geodefence
from geodefence.actors import affiliate, issuer_of
from geodefence.kinds.agreement import AgreementStatus, AgreementType
from geodefence.kinds.visit import VisitStatus
from geodefence.parts import ActorType
from geodefence.text.normalise import normalise
from geodefence.text.persons import find_persons
from geodefence.text.vocab import scan

ROOT = Path(__file__).resolve().parents[1]

SIGNED = "Japan and the Philippines signed a defence agreement on Monday."


def _enum_classes(annotation: Any) -> tuple[type[Enum], ...]:
    """The Enum classes an annotation names, through Optional, unions and lists."""
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return (annotation,)
    origin = typing.get_origin(annotation)
    if origin is None:
        return ()
    if origin is typing.Annotated:
        return _enum_classes(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list, tuple, set, frozenset):
        return tuple(e for arg in typing.get_args(annotation) for e in _enum_classes(arg))
    return ()


def _wrong_enum_fields(model: BaseModel, where: str = "$") -> list[str]:
    """Paths of enum-typed fields (at any depth) whose value is not a member of its enum."""
    wrong: list[str] = []
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        enums = _enum_classes(info.annotation)
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            path = f"{where}.{name}" + (f"[{i}]" if isinstance(value, list) else "")
            if isinstance(item, BaseModel):
                wrong.extend(_wrong_enum_fields(item, path))
            elif enums and item is not None and not isinstance(item, enums):
                wrong.append(f"{path}={item!r}")
    return wrong


def test_an_extracted_agreement_has_enum_status_and_type() -> None:
    agreement = geodefence.extract(SIGNED, published="2023-02-01").agreements[0]
    assert isinstance(agreement.status, AgreementStatus)
    assert isinstance(agreement.agreement_type, AgreementType)
    assert agreement.status.value == "signed"
    assert agreement.agreement_type.value == "agreement"
    assert agreement.status is AgreementStatus.signed


def test_an_assigned_value_becomes_an_enum_member() -> None:
    agreement = geodefence.extract(SIGNED, published="2023-02-01").agreements[0]
    agreement.status = "ratified"  # type: ignore[assignment]
    assert agreement.status is AgreementStatus.ratified
    visit = geodefence.Visit(status="planned")  # type: ignore[arg-type]
    assert visit.status is VisitStatus.planned
    assert geodefence.Visit().status is VisitStatus.completed


def test_enums_still_compare_equal_to_and_serialise_as_their_values() -> None:
    doc = geodefence.extract(SIGNED, published="2023-02-01")
    agreement = doc.agreements[0]
    assert agreement.status == "signed"
    assert agreement.parties[0].type is ActorType.state
    data = json.loads(doc.model_dump_json())
    assert data["agreements"][0]["status"] == "signed"
    assert data["agreements"][0]["agreement_type"] == "agreement"
    assert doc.model_dump(mode="json")["agreements"][0]["parties"][0]["type"] == "state"


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "seeds").glob("*.txt")))
def test_every_enum_field_of_every_seed_record_is_an_enum_member(name: str) -> None:
    doc = geodefence.extract((ROOT / "seeds" / name).read_text(encoding="utf-8"), published="2024-05-01")
    assert _wrong_enum_fields(doc) == []


def test_a_document_read_back_from_json_has_enum_members() -> None:
    doc = geodefence.extract(SIGNED, published="2023-02-01")
    again = geodefence.Document.model_validate_json(doc.model_dump_json())
    assert _wrong_enum_fields(again) == []
    assert again.model_dump_json() == doc.model_dump_json()


def _visitor_title(text: str) -> str | None:
    visits = geodefence.extract(text, published="2023-02-01").visits
    assert visits and visits[0].visitor is not None
    return visits[0].visitor.title


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("U.S. Defense Secretary Lloyd Austin visited Manila on Tuesday.", "Defense Secretary"),
        ("British Defence Secretary Ben Wallace visited Manila on Tuesday.", "Defence Secretary"),
        ("Russian Defense Minister Andrei Belousov visited Minsk on Tuesday.", "Defense Minister"),
        ("Russian Minister of Defence Andrei Belousov visited Minsk on Tuesday.", "Minister of Defence"),
    ],
    ids=["american", "british", "american-minister", "minister-of"],
)
def test_a_title_is_kept_as_written(text: str, title: str) -> None:
    assert _visitor_title(text) == title


def test_title_matching_still_uses_the_canonical_form() -> None:
    # A White House readout's untitled-state official is American unless the title is one American
    # officials do not hold; "Minister of Defense" is the canonical "Defence Minister", a foreign title.
    text = normalise("Minister of Defense Arvid Kestrel met reporters on Tuesday.").text
    persons, _ = find_persons(text, scan(text))
    assert [(p.name, p.title, p.canonical_title) for p in persons] == [
        ("Arvid Kestrel", "Minister of Defense", "Defence Minister")
    ]
    affiliate(persons, None, issuer_of("https://www.whitehouse.gov/briefing-room/"))
    assert persons[0].country is None
