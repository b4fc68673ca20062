"""Agreement dates: the text's own date first, the story's day for the opening, and for an official
statement that announces an agreement without dating it, the day the statement is published.

The passages are the team's own, in the style of White House fact sheets and wire copy.
"""

from __future__ import annotations

import geodefence

WH = "https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2024/03/05/fact-sheet/"


def dates(text: str, source: str | None, published: str = "2024-03-05") -> dict[str, tuple[str | None, str | None]]:
    """PARTIES -> (date value, date evidence quote) for each agreement."""
    doc = geodefence.extract(text, published=published, source=source)
    out = {}
    for a in doc.agreements:
        key = "+".join(sorted(p.code or "?" for p in a.parties))
        out[key] = (a.date.value if a.date else None, a.date.evidence.text if a.date and a.date.evidence else None)
    return out


BODY = (
    "The partnership between the two countries has grown for decades. Officials reviewed trade and health. "
    "Later in the visit, the United States and Ghana signed a Memorandum of Understanding on maritime security."
)


def test_an_official_statement_dates_an_undated_agreement_by_its_publication() -> None:
    assert dates(BODY, WH) == {"GHA+USA": ("2024-03-05", None)}


def test_news_copy_does_not_take_the_publication_date_for_an_agreement_far_from_the_lead() -> None:
    assert dates(BODY, None) == {"GHA+USA": (None, None)}


def test_a_date_in_the_text_wins_over_the_publication_date() -> None:
    text = BODY.replace("signed a Memorandum", "on February 27 signed a Memorandum")
    assert dates(text, WH) == {"GHA+USA": ("2024-02-27", "February 27")}
