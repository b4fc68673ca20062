"""Exercises named in lists: one record per named exercise (the team's own passages)."""

from __future__ import annotations

import geodefence


def test_two_named_exercises_in_one_phrase_are_two_records_with_the_host() -> None:
    doc = geodefence.extract(
        "Canberra confirmed that Australian troops will join Exercises IRON CREST and NORTH WIND in Japan next year.",
        published="2025-05-02",
    )
    found = sorted((e.name or "", tuple(sorted(p.code or "" for p in e.participants))) for e in doc.exercises)
    assert found == [("IRON CREST", ("AUS", "JPN")), ("NORTH WIND", ("AUS", "JPN"))]


def test_an_unnamed_drill_after_a_named_exercise_is_the_same_exercise() -> None:
    doc = geodefence.extract(
        "Japan and the Philippines launched their first Blue Current exercise on Thursday, a three-day drill south of Luzon.",
        published="2025-05-02",
    )
    assert [e.name for e in doc.exercises] == ["Blue Current"]
