"""The fast paths of the date layer give exactly what the slower reference gives (issue 17).

Counted forms ("three days ago", "in two months' time") are resolved by arithmetic instead of
dateparser; these tests compare the two over days that exercise month ends, leap days and the
calendar's limits.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

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
