"""Publication dates as inputs write them: ISO 8601, RSS/RFC 2822, "March 5, 2025", ...

:func:`read_published` turns one into an ISO date (``2025-03-05``) or None. Only unambiguous
forms are read: a numeric date such as ``03/05/2025`` is March 5 in the US and May 3 elsewhere,
so it is refused rather than guessed. A date with a time and a zone keeps the day as written
(``Wed, 05 Mar 2025 23:30:00 -0500`` is March 5, the day the story carried).
"""

from __future__ import annotations

import datetime as _dt
import re
from email.utils import parsedate_tz

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ]\d)")
"""ISO 8601 dates and datetimes: the date part is read, the time ignored."""

_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
"""A leading weekday name ('Wednesday, March 5, 2025'): dropped before the formats below."""

FORMATS: tuple[tuple[str, str], ...] = (
    ("%B %d, %Y", "March 5, 2025 (US news style)"),
    ("%b %d, %Y", "Mar 5, 2025"),
    ("%b. %d, %Y", "Mar. 5, 2025 (AP style)"),
    ("%B %d %Y", "March 5 2025"),
    ("%d %B %Y", "5 March 2025 (British style)"),
    ("%d %b %Y", "5 Mar 2025"),
    ("%d %B, %Y", "5 March, 2025"),
    ("%Y/%m/%d", "2025/03/05: year first, so unambiguous"),
    ("%Y%m%d", "20250305: a compact ISO date"),
)
"""Ordered (strptime format, example and reason) tried after ISO 8601 and RFC 2822."""

ACCEPTED = "ISO 8601 (2025-03-05), RFC 2822 (Wed, 05 Mar 2025 10:00:00 GMT) or 'March 5, 2025'"
"""What a warning about an unreadable date says is accepted."""


def read_published(value: str | None) -> str | None:
    """The ISO date (YYYY-MM-DD) a publication date string stands for, or None when it cannot be read."""
    if value is None:
        return None
    text = " ".join(value.split())
    if not text:
        return None
    iso = _ISO.match(text)
    if iso:
        try:
            return _dt.date(int(iso[1]), int(iso[2]), int(iso[3])).isoformat()
        except ValueError:
            return None
    if "," in text[:5] or re.search(r"\d{1,2}:\d{2}", text):  # RFC 2822: 'Wed, 05 Mar 2025 10:00:00 GMT'
        parsed = parsedate_tz(text)
        if parsed is not None:
            try:
                return _dt.date(parsed[0], parsed[1], parsed[2]).isoformat()
            except ValueError:
                return None
    bare = _WEEKDAY.sub("", text)
    for fmt, _ in FORMATS:
        try:
            return _dt.datetime.strptime(bare, fmt).date().isoformat()
        except ValueError:
            continue
    return None


__all__ = ["ACCEPTED", "FORMATS", "read_published"]
