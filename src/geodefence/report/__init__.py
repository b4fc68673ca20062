"""The HTML review report: each document's text with every record's evidence highlighted.

:func:`report` returns one self-contained HTML page (no network: styles, script and data are
inline) that shows each document's text with its records' and slots' evidence spans marked and
coloured by kind, a card per record, an overview (counts per kind, state, status and month),
filters and a search box, and, given gold annotations, the records missed and the spurious ones.
The page is a Jinja2 template and static assets shipped in this package (``templates/``,
``static/``); :mod:`geodefence.report.data` prepares the plain data they show.

``geodefence.report`` is the function (the package exports it under this package's name), so
reach the modules with ``from geodefence.report.data import prepare``, not
``import geodefence.report.data``.
"""

from __future__ import annotations

from geodefence.evaluation.texts import TextPaths
from geodefence.report.data import DocsInput, GoldInput, ReportData, prepare
from geodefence.report.render import PAGE_SIZE, render

__all__ = ["PAGE_SIZE", "ReportData", "prepare", "render", "report"]


def report(
    docs: DocsInput,
    texts: TextPaths | None = None,
    gold: GoldInput | None = None,
    *,
    title: str = "geodefence review report",
    page_size: int = PAGE_SIZE,
) -> str:
    """One HTML page for reviewing extracted Documents, as a string.

    ``docs`` are Documents, their dicts, or a JSON Lines file of them (``geodefence extract``).
    A document's own ``text`` (``--include-text``) is shown; else its text comes from ``texts``:
    a folder of ``<doc>.txt``, a JSON Lines file of ``{"id", "text"}`` objects, or a list of
    them searched in order. A document with no text shows its records only, with a note.
    ``gold`` (a gold JSON Lines path or gold objects, see ``docs/gold-format.md``) adds what
    :func:`geodefence.evaluate` finds: the records missed, marked where their quote is in the
    text, and the spurious records, flagged on their cards. ``page_size`` documents are drawn
    at a time.
    """
    return render(prepare(docs, texts, gold, title=title), page_size=page_size)
