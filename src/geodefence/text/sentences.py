"""Sentence splitting for news text: a regex over candidate boundaries plus an abbreviation list.

pysbd and spaCy split well but cost 10-100x more (see PERFORMANCE.md); news prose has a small
set of traps (ranks, "U.S.", months, "No.") that an explicit list handles. Line breaks matter:
a blank line or a line that ends with terminal punctuation ends a sentence, a headline (a short
line without a final stop) too, while a line wrapped mid-sentence is joined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Tokens that end with a period but do not end a sentence (case-sensitive, without the period).
ABBREVIATIONS: frozenset[str] = frozenset(
    {
        # ranks and titles
        "Gen", "Lt", "Maj", "Brig", "Col", "Capt", "Cmdr", "Cdr", "Adm", "Vice", "Rear", "Sgt", "Cpl", "Pvt",
        "Lt.-Gen", "Lt.Gen", "Maj.-Gen", "Lt.Col", "Lt.-Col", "Gov", "Sen", "Rep", "Amb", "Pres", "Sec", "Gens",
        "Mr", "Mrs", "Ms", "Dr", "Prof", "Sr", "Jr", "Rev", "Hon", "Fr", "St", "Mt", "Ft",
        # months and days
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
        "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
        # places and organisations written with periods
        "U.S", "U.K", "U.N", "E.U", "U.A.E", "U.S.S.R", "D.C", "N.Y", "S", "N",
        # misc
        "No", "Nos", "Vol", "Art", "approx", "vs", "Inc", "Corp", "Ltd", "Co", "Bros", "Dept", "Gov't", "est",
    }
)

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, then whitespace.
# The lookbehind makes a run of dots one candidate, not one per dot (linear on "....").
# A bold run-in heading of a fact sheet ("- **Enhancing Cooperation:** The United States ...", also
# written ":** " and ": ** ") ends at its colon.
_BOUNDARY = re.compile(r"(?<![.!?])[.!?]+[\"')\]]*(?=\s)|:\s?\*\*(?=\s)|\n")
_TOKEN_BEFORE = re.compile(r"(\S+)$")
_BULLET = re.compile(r"[-*\u2022\u2013]\s|\*\*[A-Z]")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Span:
    """A sentence as offsets into the (normalised) text."""

    start: int
    end: int


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the '.' at ``dot`` closes an abbreviation or an initial."""
    m = _TOKEN_BEFORE.search(text, max(0, dot - 24), dot)
    if m is None:
        return False
    token = m.group(1).lstrip("(\"'")
    if token in ABBREVIATIONS:
        return True
    # A single capital initial ("J. Smith") or dotted acronym ("U.S", "N.A.T.O").
    return (len(token) == 1 and token.isupper()) or (len(token) <= 8 and "." in token and token.replace(".", "").isupper())


def _line_break_ends_sentence(text: str, nl: int) -> bool:
    """Decide whether a single line break ends a sentence (see the module docstring)."""
    prev_start = text.rfind("\n", 0, nl) + 1
    line = text[prev_start:nl].rstrip()
    if not line:
        return True
    nxt = nl + 1
    while nxt < len(text) and text[nxt] == " ":
        nxt += 1
    if nxt >= len(text) or text[nxt] == "\n":
        return True
    if line[-1] in ".!?:\"'":
        return True
    if text[nxt].islower() or line[-1] in ",;-(":
        return False  # a wrapped line
    # A short line without a final stop followed by a capital: a headline, dateline or byline.
    return len(line) < 120


def split(text: str) -> list[Span]:
    """Split ``text`` into sentence spans (whitespace trimmed, empty sentences dropped)."""
    spans: list[Span] = []
    start = 0
    n = len(text)
    for m in _BOUNDARY.finditer(text):
        if m.group(0) == "\n":
            if not _line_break_ends_sentence(text, m.start()):
                continue
            end = m.start()
        else:
            end = m.end()
            if m.group(0)[0] == "." and len(m.group(0).rstrip("\"')]")) == 1 and _is_abbreviation(text, m.start()):
                continue
            # The next sentence must start like one: capital, digit, quote, bracket, or a list's
            # bullet ("- **Heading:**", "* ", "• ").
            nxt = end
            while nxt < n and text[nxt] in " \n":
                nxt += 1
            if nxt < n and not (text[nxt].isupper() or text[nxt].isdigit() or text[nxt] in "\"'([" or _BULLET.match(text, nxt)):
                continue
        _add(text, start, end, spans)
        start = end
    _add(text, start, n, spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[Span]) -> None:
    """Append the trimmed span when it holds any non-space character."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end))
