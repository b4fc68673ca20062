"""Text normalisation that keeps offsets into the ORIGINAL text.

Rules match on a normalised copy (straight quotes, '-' for dashes, plain spaces, HTML stripped);
evidence must point into the text the user gave. :class:`NormText` carries both and maps spans
back. The common case (plain text, one-to-one character replacements) is a single
``str.translate`` with an identity offset map; HTML or characters that must be deleted take a
slower path that records the original offset of every kept character.
"""

from __future__ import annotations

import html
import re
from array import array
from collections.abc import Callable
from dataclasses import dataclass

# One-to-one replacements: each maps one character to one character, so offsets are unchanged.
_ONE_TO_ONE: dict[int, str] = {
    **dict.fromkeys(map(ord, "\u2018\u2019\u201a\u201b\u2032\u00b4\u0060"), "'"),  # single quotes, prime, accents
    **dict.fromkeys(map(ord, "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"), '"'),  # double quotes, guillemets
    **dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"), "-"),  # dashes
    # Odd spaces: no-break, en/em/thin/hair, narrow no-break, ideographic, tab, form feed.
    **dict.fromkeys(map(ord, "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\f\v"), " "),
    ord("\r"): " ",  # CRLF -> " \n": one line break, offsets unchanged
    ord("\u2028"): "\n",
    ord("\u2029"): "\n",
    ord("\u0085"): "\n",
}
_TRANSLATE = str.maketrans(_ONE_TO_ONE)

# Characters with no visible width, dropped entirely (slow path, with an offset map).
_DROP = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
_DROP_RE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")

# Looks like HTML: a known tag or an entity. Plain text with a stray '<' is left alone.
_HTML_HINT = re.compile(
    r"</?(?:p|br|div|span|a|b|i|em|strong|h[1-6]|li|ul|ol|table|tr|td|html|body|head|title|script|style|article|section|figure|figcaption|blockquote)\b[^>]{0,2000}>|&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});",
    re.IGNORECASE,
)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]{0,15})\b[^>]{0,2000}>|<!--.{0,20000}?-->", re.DOTALL)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
_BLOCK_TAGS = frozenset(
    "p br div li ul ol table tr td h1 h2 h3 h4 h5 h6 article section figure figcaption blockquote title".split()
)
_SKIP_CONTENT = frozenset({"script", "style", "head"})


@dataclass(frozen=True, slots=True)
class NormText:
    """The normalised text and the map from its offsets back to the original's."""

    original: str
    text: str
    offsets: array | None  # type: ignore[type-arg]  # offsets[i] = original index of text[i]; None = identity
    html: bool = False

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text to the original text."""
        if self.offsets is None:
            return start, end
        if start >= len(self.offsets):
            n = len(self.original)
            return n, n
        o_start = self.offsets[start]
        o_end = self.offsets[end - 1] + 1 if end > start else o_start
        # An entity such as '&amp;' is one normalised character but several original ones.
        if self.html and end > start and self.original[o_end - 1 : o_end] == "&":
            semi = self.original.find(";", o_end, o_end + 12)
            if semi != -1:
                o_end = semi + 1
        return o_start, o_end

    def quote(self, start: int, end: int) -> tuple[int, int, str]:
        """Original (start, end, text) for a normalised span: what evidence records."""
        o_start, o_end = self.to_original(start, end)
        return o_start, o_end, self.original[o_start:o_end]


def normalise(text: str, *, is_html: bool | None = None) -> NormText:
    """Normalise quotes, dashes, spaces and line breaks; strip HTML when the input is HTML.

    ``is_html`` forces or forbids HTML handling; by default it is detected.
    """
    if is_html is None:
        is_html = _HTML_HINT.search(text) is not None
    if not is_html and not _DROP_RE.search(text):
        return NormText(text, text.translate(_TRANSLATE), None)
    return _slow(text, is_html)


def _slow(text: str, is_html: bool) -> NormText:
    """Build the normalised text char by char with an offset map (HTML, deleted characters)."""
    out: list[str] = []
    offs: array[int] = array("l")

    def emit(chunk: str, origin: int, per_char: bool) -> None:
        if per_char and not _DROP_RE.search(chunk):
            # one to one (the table maps each character to one): the run at once
            out.append(chunk.translate(_TRANSLATE))
            offs.extend(range(origin, origin + len(chunk)))
            return
        for i, ch in enumerate(chunk):
            if ch in _DROP:
                continue
            out.append(ch.translate(_TRANSLATE))
            offs.append(origin + i if per_char else origin)

    if not is_html:
        emit(text, 0, True)
        return NormText(text, "".join(out), offs)
    pos = 0
    skip_until: str | None = None
    for m in _TAG.finditer(text):
        if skip_until is None:
            _emit_with_entities(text[pos : m.start()], pos, emit)
        name = (m.group(2) or "").lower()
        closing = m.group(1) == "/"
        if skip_until is not None:
            if closing and name == skip_until:
                skip_until = None
        elif name in _SKIP_CONTENT and not closing:
            skip_until = name
        elif name in _BLOCK_TAGS:
            emit("\n", m.start(), False)
        pos = m.end()
    if skip_until is None:
        _emit_with_entities(text[pos:], pos, emit)
    return NormText(text, "".join(out), offs, html=True)


def _emit_with_entities(chunk: str, origin: int, emit: Callable[[str, int, bool], None]) -> None:
    """Emit a run of HTML text, unescaping each entity to the characters it stands for."""
    pos = 0
    for m in _ENTITY.finditer(chunk):
        emit(chunk[pos : m.start()], origin + pos, True)
        emit(html.unescape(m.group(0)), origin + m.start(), False)
        pos = m.end()
    emit(chunk[pos:], origin + pos, True)
