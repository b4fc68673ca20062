"""extract(): the stages in order, nothing else.

normalise -> split -> match vocabularies and dates -> assemble records per kind -> merge.
"""

from __future__ import annotations

import datetime as _dt

from geodefence.actors.issuers import issuer_of
from geodefence.errors import InputError
from geodefence.kinds import GATE, KINDS, PLACE_LABELS
from geodefence.parts import DocumentWarning, record_id, text_sha256
from geodefence.records import Document
from geodefence.text.analysis import MAX_SENTENCE, analyse, long_sentences
from geodefence.text.normalise import normalise
from geodefence.text.sentences import split

MAX_CHARS = 1_000_000
"""Default size limit of one document, in characters: a longer text is cut (see :func:`truncate`)."""


def coerce_published(value: _dt.date | str | None) -> _dt.date | None:
    """Accept a date, an ISO date string (a datetime string keeps its date) or None."""
    if value is None or (isinstance(value, _dt.date) and not isinstance(value, _dt.datetime)):
        return value
    if isinstance(value, _dt.datetime):
        return value.date()
    text = str(value).strip()
    if not text:
        return None
    try:
        return _dt.date.fromisoformat(text[:10])
    except ValueError:
        raise InputError(f"published date {value!r} is not an ISO date (YYYY-MM-DD)", field="published") from None


def extract(
    text: str,
    *,
    published: _dt.date | str | None = None,
    doc_id: str | None = None,
    source: str | None = None,
    max_chars: int | None = MAX_CHARS,
    include_text: bool = False,
) -> Document:
    """Extract every agreement, visit, exercise and stance from one article.

    Pure and deterministic: the same arguments always give an equal Document. Offsets in the
    evidence point into ``text`` exactly as given. Relative dates are resolved against
    ``published``; without it they keep their text and a null value. A text longer than
    ``max_chars`` (None: no limit) is read only up to its last sentence boundary before the limit,
    and the Document carries a ``truncated`` warning with both sizes.
    ``source`` (where the text was published) also tells whose own statement it is: on a
    government's site (``data/issuers.yaml``) its officials need not be named with their state.
    ``include_text`` copies the text into the Document, so that ``geodefence validate`` can check
    every evidence quote without the original files.
    """
    if not isinstance(text, str):
        raise InputError(f"text must be a str, not {type(text).__name__}", field="text")
    pub = coerce_published(published)
    digest = text_sha256(text)  # of the whole text: names a document given without an id
    did = doc_id or digest[:16]
    warnings: list[DocumentWarning] = []
    if max_chars is not None and len(text) > max_chars:
        cut, how = truncate(text, max_chars)
        warnings.append(
            DocumentWarning(
                code="truncated",
                message=f"text of {len(text)} characters exceeds the limit of {max_chars}; "
                f"read the first {cut} characters (cut {how})",
            )
        )
        text = text[:cut]  # a prefix: offsets into it are offsets into the original
        digest = text_sha256(text)  # text_sha256 is of the text read, so that --include-text output validates
    analysis = analyse(text, pub, GATE, PLACE_LABELS, issuer_of(source))
    skipped = long_sentences(analysis)
    if skipped:
        warnings.append(
            DocumentWarning(
                code="long_sentence_skipped",
                message=f"{len(skipped)} sentence(s) longer than {MAX_SENTENCE} characters were not read for records "
                f"(first at offset {analysis.norm.to_original(skipped[0].start, skipped[0].end)[0]}): tables or lists, not prose",
            )
        )
    found: dict[str, list[object]] = {}
    for name, spec in KINDS.items():
        records = sorted(
            spec.extract(analysis), key=lambda r: (r.evidence[0].start, r.evidence[0].end) if r.evidence else (-1, -1)
        )
        for i, rec in enumerate(records):
            first = rec.evidence[0] if rec.evidence else None
            rec.id = record_id(did, name, i, first.start if first else "", first.end if first else "")
        found[spec.field] = list(records)
    return Document.model_validate(
        {
            "doc_id": did,
            "source": source,
            "published": pub,
            "text_sha256": digest,
            "text": text if include_text else None,
            **found,
            "warnings": warnings,
        }
    )


def truncate(text: str, max_chars: int) -> tuple[int, str]:
    """Where to cut ``text`` to at most ``max_chars`` characters, and how the cut was placed.

    At the end of the last whole sentence within the limit; failing that (one sentence longer than
    the limit) at the last whitespace; failing that at the limit itself.
    """
    if max_chars < 1:
        raise InputError(f"max_chars must be at least 1, not {max_chars}", field="max_chars")
    head = text[:max_chars]
    norm = normalise(head)
    spans = split(norm.text)
    if spans:
        last = spans[-1]
        # The last span is whole only when it ends like a sentence and whitespace follows it.
        after = norm.text[last.end : last.end + 1] or text[max_chars]
        complete = norm.text[: last.end].rstrip("\"')]")[-1:] in (".", "!", "?") and after.isspace()
        ends = [s.end for s in (spans if complete else spans[:-1])]
        if ends:
            return norm.to_original(0, ends[-1])[1], "at a sentence boundary"
    space = max((head.rfind(c) for c in " \n\t"), default=-1)
    if space > 0:
        return space, "at a space: no sentence ends within the limit"
    return max_chars, "at the limit: no sentence boundary or space within it"
