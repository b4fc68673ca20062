"""The fast paths of the date layer give exactly what the slower reference gives (issue 17).

Counted forms ("three days ago", "in two months' time") are resolved by arithmetic instead of
dateparser; these tests compare the two over days that exercise month ends, leap days and the
calendar's limits.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geodefence.text import dates
from geodefence.text.dates import find_dates

_DAYS = [dt.date(2024, 1, 1) + dt.timedelta(days=i) for i in range(0, 366, 29)] + [
    dt.date(2024, 2, 29),
    dt.date(2023, 3, 31),
    dt.date(2023, 12, 31),
    dt.date(1900, 2, 28),
    dt.date(1, 1, 1),
    dt.date(1, 2, 28),
    dt.date(9999, 12, 31),
    dt.date(9999, 11, 30),
]
_EXPRESSIONS = [
    f"{n} {unit}{'s' if n != '1' else ''} ago" for n, unit in itertools.product(("0", "1", "2", "11", "13", "25", "99"), ("day", "month", "year"))
] + ["in 3 months' time", "in a year's time", "two days from now", "in twelve days' time", "07 months ago", "an hour ago"]


@pytest.mark.parametrize("published", _DAYS, ids=str)
def test_counted_arithmetic_matches_dateparser(published: dt.date) -> None:
    for expr in _EXPRESSIONS:
        found = [m for m in find_dates(expr, published) if m.start == 0]
        if not found:
            continue  # "an hour ago" is not a date expression here
        key = dates._squash(found[0].text)
        assert dates._counted(key, published) == dates._counted_by_dateparser(key, published), (expr, published)


def test_counted_out_of_calendar_is_none() -> None:
    assert dates._shift_counted(2, "day", True, dt.date(9999, 12, 31)) == (None, None)
    assert dates._shift_counted(1, "month", False, dt.date(1, 1, 31)) == (None, None)
    assert dates._shift_counted(1, "year", True, dt.date(9999, 1, 1)) == (None, None)
    assert [m.value for m in find_dates("It fell three days ago.", dt.date(2024, 3, 2))] == ["2024-02-28"]


# --------------------------------------------------------------------------- the atom scanner

_TOKENS = (
    "the very end of", "The", "beginning of", "the first half of", "fourth quarter of", "early", "mid-", "Late", "last", "next",
    "this", "fiscal year", "Year", "FY", "FY ", "Q3", "H1", "spring of", "Winter", "a couple of", "a few", "several", "in",
    "In", "an", "a", "one", "twelve", "days", "weeks", "fortnight", "month", "years'", "time", "ago", "from now", "Monday",
    "Wed", "yesterday", "Today", "tomorrow", "tonight", "morning", "evening", "weekend", "January", "Sept.", "May", "Mar",
    "Dec", "2024", "1990s", "17", "3rd", "31", "2024-25", "2024-04-17", "17/04/2024", "17.4.2024", "No.", "$", "km",
    "troops", "until", "since", "between", "and", "to", "-", "\u2013", ",", ".", "(", "'", "\u0661\u0667", "Zapad-2021",
    "F-35", "Theresa", "Mayday", "Monde", "x",
)


def _spans(found: object) -> list[tuple[int, int]]:
    return [m.span() for m in found]  # type: ignore[attr-defined]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_TOKENS), st.sampled_from(["", " ", "  ", "   ", "    ", "\n", ", "])), max_size=40))
def test_atom_scanner_finds_what_finditer_finds(parts: list[tuple[str, str]]) -> None:
    text = "".join(w + g for w, g in parts)
    assert _spans(dates._atom_matches(text)) == _spans(dates._ATOM.finditer(text)), text


@pytest.mark.parametrize(
    "text",
    [
        "The   very   fourth   quarter   of   next   week",
        "the   very   beginning   of   the   month and the   very   second   half   of   2024",
        "a   couple   of   fortnights   from   now",
        "in   twelve   years'   time, Late   last   April",
        "x" * 200 + " the very end of 2025 " + "y" * 200 + " 17.4.2024",
        "\u0661\u0667/04/2024 and \u0663 days ago",
    ],
)
def test_atom_scanner_on_longest_prefixes(text: str) -> None:
    assert _spans(dates._atom_matches(text)) == _spans(dates._ATOM.finditer(text))


def test_atom_scanner_reach_covers_every_prefix() -> None:
    """_REACH is at least the longest text an atom can have before its first anchor word."""
    try:
        from re import _parser as parser  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10
        import sre_parse as parser

    def widest(pattern: str) -> int:
        return int(parser.parse(pattern).getwidth()[1])

    sp, mod = dates._SP, dates._MOD
    prefixes = [
        dates._QUAL_YEAR,  # also covers _QUAL_MONTH and _QUAL_PHRASE
        rf"{mod}{sp}",
        rf"(?:[Tt]he{sp})?(?:(?:[Ee]arly|[Mm]id|[Ll]ate)(?:-|{sp}))?",  # decades
        r"FY\s?",
        rf"(?:{dates._EARLY_LATE}{sp}|{dates._QUAL_PHRASE})?{mod}{sp}",  # "the end of next" week
        rf"{dates._QUAL_PHRASE}the{sp}",
        rf"(?:(?:[Ee]arlier|[Ll]ater){sp})?[Tt]",  # "later t"oday
        rf"[Tt]his{sp}",
        rf"{dates._NUM}{sp}",
        rf"[Ii]n{sp}(?:{dates._NUM_IN}|an?){sp}",
    ]
    assert max(widest(p) for p in prefixes) <= dates._REACH
