"""Support stated as a noun phrase with its owner, and introductory phrases that are not subjects.

The passages are the team's own, in the style of readouts, fact sheets and wire copy.
"""

from __future__ import annotations

import pytest

import geodefence

WH = "https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2024/03/11/readout/"


def keys(text: str, source: str | None = None, published: str = "2024-03-11") -> set[str]:
    """HOLDER>TARGET:position for each stance ('-' for no target)."""
    doc = geodefence.extract(text, published=published, source=source)
    return {f"{s.holder.code}>{s.target.code if s.target else '-'}:{s.position}" for s in doc.stances}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The minister thanked his host for Portugal's support to Moldova during the winter.", "PRT>MDA:support"),
        ("Officials in Accra praised Ghana's steady support for Liberia after the floods.", "GHA>LBR:support"),
        (
            "The Chancellor commended Prime Minister Kishida for his message of peace and continued support for Ukraine.",
            "JPN>UKR:support",
        ),
        (
            "Seoul announced its intention to provide $20 million in security support to Moldova.",
            "KOR>MDA:support",
        ),
    ],
)
def test_the_owner_of_a_support_noun_holds_it(text: str, expected: str) -> None:
    assert expected in keys(text)


def test_support_that_is_condemned_or_cited_is_not_a_position() -> None:
    text = "The two ministers condemned in the strongest terms Belarus's continued support to Russia."
    assert not any(k.startswith("BLR>RUS") for k in keys(text))
    text = "Washington cited Iran's support for the Houthis as the reason for the new sanctions."
    assert not any(k.startswith("IRN>") and k.endswith(":support") for k in keys(text))


def test_the_leaders_commitment_to_support_is_each_leaders() -> None:
    text = (
        "President Ruiz met today with Prime Minister Lindqvist of Sweden. "
        "The leaders discussed their commitment to continued strong support for Ukraine."
    )
    assert {"SWE>UKR:support"} <= keys(text, source=WH)


def test_an_introductory_phrase_is_not_the_subject() -> None:
    text = "As part of our joint efforts to help Georgia, Canada announced its intention to provide $5 million in support to Georgia."
    assert "CAN>GEO:support" in keys(text)
    assert not any(k.startswith("GEO>") for k in keys(text))
    text = "Following talks on the grain corridor with Turkey, Romania welcomed Moldova's bid to join the European Union."
    assert not any(k.startswith("TUR>") for k in keys(text))


def test_a_characterisation_names_no_target() -> None:
    text = 'Pyongyang\'s foreign ministry condemned the drills as "a Pacific copy of NATO" on Tuesday.'
    assert not any(">NATO" in k for k in keys(text))


def test_partners_listed_after_a_partnership_are_no_targets() -> None:
    text = (
        "Chilean President Gabriel Boric met Colombian President Gustavo Petro in Santiago. The leaders applauded "
        "the recently launched Green Shipping partnership between Chile, Colombia, Peru and Ecuador."
    )
    assert not any(k.endswith((">PER:support", ">ECU:support")) for k in keys(text, published="2024-05-02"))


def test_a_funding_call_is_no_stance() -> None:
    text = "Chile and Peru issued a joint call for research proposals on detecting drone attacks."
    assert not any(k.endswith(">-:support") for k in keys(text))


def test_two_positions_on_different_issues_are_two_records() -> None:
    text = (
        "President Biden and Prime Minister Kishida reiterated their call for an immediate ceasefire in Gaza. "
        "They also reaffirmed their support for a two-state solution."
    )
    doc = geodefence.extract(text, published="2024-03-11")
    topics = [s.topic or "" for s in doc.stances if s.holder.code == "JPN" and s.target is None]
    assert len(topics) == 2 and any("ceasefire" in t for t in topics) and any("two-state" in t for t in topics)
