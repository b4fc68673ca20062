"""Builders for hand-made predictions: the seeds' gold answers written as geodefence Documents."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from geodefence.records import Actor, Agreement, DateValue, Document, Evidence, Exercise, Place, Stance, Visit

ROOT = Path(__file__).resolve().parents[1]
SEEDS_GOLD = ROOT / "tests" / "gold" / "seeds.gold.jsonl"
DOC_RU = "000_88cbdd5c666ac28b"
DOC_NATO = "003_7094f90f1dacf078"


def seeds_gold() -> list[dict[str, Any]]:
    """The seeds' gold lines as dicts (a fresh copy each call, so tests may edit them)."""
    return [json.loads(line) for line in SEEDS_GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def state(code: str, name: str | None = None) -> Actor:
    """A state actor."""
    return Actor(name=name or code, type="state", code=code)


def org(code: str) -> Actor:
    """An organisation actor."""
    return Actor(name=code, type="organization", code=code)


def person(name: str) -> Actor:
    """A named person."""
    return Actor(name=name, type="person")


def place(name: str, kind: str = "city") -> Place:
    """A place."""
    return Place(name=name, kind=kind)


def when(value: str | None) -> DateValue:
    """A date with its value."""
    return DateValue(text=value or "some day", value=value)


def ev(text: str, rule: str = "test.rule") -> list[Evidence]:
    """One evidence span (offsets are not checked by evaluation)."""
    return [Evidence(start=0, end=len(text), text=text, rule=rule)]


def perfect(*, with_optional: bool = True) -> list[Document]:
    """What a perfect extractor returns for the two seeds (optional records included or not)."""
    ru = Document(
        doc_id=DOC_RU,
        agreements=[
            Agreement(
                parties=[state("RUS"), state("UZB")],
                valid_until=when("2030"),
                signatories=[person("Andrei Belousov")],
                location=place("Tashkent"),
                evidence=ev("partnership plan to be implemented through the year 2030", "agreement.plan"),
            ),
            Agreement(parties=[state("UZB"), state("RUS")], date=when("2017"), evidence=ev("signed a treaty")),
        ],
        visits=[
            Visit(
                visitor=person("Andrei Belousov"),
                visitor_party="RUS",
                host=state("UZB"),
                places=[place("Tashkent")],
                evidence=ev("his visit to Tashkent"),
            )
        ],
        stances=[
            Stance(
                holder=state("UZB"),
                target=state("RUS"),
                position="withhold",
                topic="Russia's invasion of Ukraine",
                cue="has not supported",
            ),
            Stance(holder=state("UZB"), target=org("EAEU"), position="withhold", cue="chosen not to join"),
            Stance(holder=state("UZB"), target=org("CSTO"), position="withhold", cue="chosen not to join"),
            Stance(holder=state("UZB"), position="oppose", topic="participation in mercenary roles", cue="warnings"),
        ],
    )
    nato = Document(
        doc_id=DOC_NATO,
        visits=[
            Visit(
                visitor=person("Janusz Adamczyk"),
                visitor_party="NATO",
                host=state("UZB"),
                met_with=[person("Hamdam Karshiev")],
                places=[
                    place("Partnership for Peace Training Centre", "facility"),
                    place("Academy of the Armed Forces of the Republic of Uzbekistan", "facility"),
                    place("Chimyon Mountain Training Centre", "facility"),
                ],
                evidence=ev("NATO delegation visited Uzbekistan"),
            )
        ],
        exercises=[Exercise(participants=[org("NATO"), state("UZB")], start=when("2024-04"), evidence=ev("trained"))],
        stances=[
            Stance(
                holder=org("NATO"),
                target=state("UZB"),
                position="support",
                topic="practical cooperation",
                cue="committed",
            ),
        ],
    )
    if with_optional:
        ru.stances.append(Stance(holder=state("UZB"), target=state("RUS"), position="support", cue="cordial relations"))
        nato.agreements.append(Agreement(parties=[org("NATO"), state("UZB")], name="Partnership for Peace"))
        nato.exercises.append(
            Exercise(
                participants=[state("UZB")], location=place("Chimyon Mountain Training Centre", "facility"), troops=300
            )
        )
        nato.stances.append(
            Stance(
                holder=state("UZB"),
                target=org("NATO"),
                position="support",
                topic="Partnership for Peace",
                cue="engagement",
            )
        )
    return [ru, nato]


REQUIRED_IN_SEEDS = 10
"""Required (not optional) gold records in the seeds' gold file."""
