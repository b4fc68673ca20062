"""A rule table's alternation scanned word by word, trying at each word only the rows that can begin
with its first letter.

The kinds find their cues with one alternation over a table of patterns, one named group per row,
anchored at a word start: ``(?=[A-Za-z])\\b(?:row0|row1|...)\\b``. Python's engine tries every row
at every word. :class:`WordScanner` gives exactly the same matches (same spans, same row, same
order) while trying, at each word start, only the rows whose first character can be that word's
first letter. Those sets are read from the parsed patterns once; a row whose first character the
analysis cannot bound (a back-reference, a negated class) is tried everywhere, so the result never
depends on the analysis being clever, only on it being a superset. On the real-news stance
sentences this is four to five times faster than the single alternation (see benchmarks/RESULTS.md).
"""

from __future__ import annotations

import re
import string
import sys
from collections.abc import Iterator, Sequence
from typing import Any

if sys.version_info >= (3, 11):
    import re._constants as _c
    import re._parser as _parser
else:  # pragma: no cover - Python 3.10
    import sre_constants as _c
    import sre_parse as _parser

_LETTERS = string.ascii_letters
_WORD = frozenset(string.ascii_letters + string.digits + "_")
_WORD_START = re.compile(r"\b[A-Za-z]")


def _first_of_sequence(items: Any) -> tuple[frozenset[str] | None, bool]:
    """(the characters a parsed sequence can begin with, or None for any; whether it can be empty)."""
    out: set[str] = set()
    for op, av in items:
        first, nullable = _first_of_item(op, av)
        if first is None:
            return None, False
        out |= first
        if not nullable:
            return frozenset(out), False
    return frozenset(out), True


def _first_of_item(op: Any, av: Any) -> tuple[frozenset[str] | None, bool]:
    """The first characters of one parsed item (None: not bounded) and whether it can be empty."""
    if op is _c.LITERAL:
        return frozenset({chr(av)}), False
    if op is _c.IN:
        chars: set[str] = set()
        for sub_op, sub_av in av:
            if sub_op is _c.LITERAL:
                chars.add(chr(sub_av))
            elif sub_op is _c.RANGE:
                chars |= {chr(code) for code in range(sub_av[0], sub_av[1] + 1)}
            elif sub_op is _c.CATEGORY and sub_av is _c.CATEGORY_WORD:
                chars |= _WORD
            elif sub_op is _c.CATEGORY and sub_av is _c.CATEGORY_DIGIT:
                chars |= set(string.digits)
            else:
                return None, False  # a negated class, a space class, ...: anything
        return frozenset(chars), False
    if op is _c.BRANCH:
        union: set[str] = set()
        nullable = False
        for alt in av[1]:
            first, empty = _first_of_sequence(alt)
            if first is None:
                return None, False
            union |= first
            nullable = nullable or empty
        return frozenset(union), nullable
    if op is _c.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        first, nullable = _first_of_sequence(sub)
        if first is not None and add_flags & _c.SRE_FLAG_IGNORECASE:
            first = _case_folded(first)
        return first, nullable
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) or op is getattr(_c, "POSSESSIVE_REPEAT", None):
        low, _high, sub = av
        first, nullable = _first_of_sequence(sub)
        return (None, False) if first is None else (first, low == 0 or nullable)
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return frozenset(), True  # zero width: the characters come from what follows
    return None, False  # ANY, NOT_LITERAL, a group reference, ...: anything


def _case_folded(chars: frozenset[str]) -> frozenset[str]:
    return frozenset(chars | {c.lower() for c in chars} | {c.upper() for c in chars})


def first_letters(pattern: str, flags: int = 0) -> frozenset[str]:
    """The ASCII letters a match of ``pattern`` can begin with (all of them when unbounded)."""
    try:
        first, nullable = _first_of_sequence(_parser.parse(pattern, flags))
    except (re.error, TypeError, ValueError):  # pragma: no cover - the patterns compile elsewhere
        return frozenset(_LETTERS)
    if first is None or nullable:
        return frozenset(_LETTERS)
    if flags & re.IGNORECASE:
        first = _case_folded(first)
    return frozenset(c for c in first if c in _LETTERS)


class WordScanner:
    """``re.compile(r"(?=[A-Za-z])\\b(?:" + alternation + r")\\b", flags).finditer``, faster.

    ``rows`` are the table's patterns in order; each becomes the named group ``{prefix}{index}``
    as :func:`geodefence.kinds._common.alternation` names them, so ``row_of`` reads a match the same.
    """

    def __init__(self, rows: Sequence[str], prefix: str, flags: int = 0) -> None:
        firsts = [first_letters(row, flags) for row in rows]
        self._by_letter: dict[str, re.Pattern[str]] = {}
        for letter in _LETTERS:
            wanted = [i for i, first in enumerate(firsts) if letter in first]
            if wanted:
                body = "|".join(f"(?P<{prefix}{i}>{rows[i]})" for i in wanted)
                self._by_letter[letter] = re.compile(rf"(?:{body})\b", flags)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches the single alternation's ``finditer`` gives, in the same order."""
        by_letter = self._by_letter
        resume = 0
        for word in _WORD_START.finditer(text):
            pos = word.start()
            if pos < resume:
                continue
            pattern = by_letter.get(text[pos])
            if pattern is None:
                continue
            m = pattern.match(text, pos)
            if m is not None:
                yield m
                resume = m.end()
