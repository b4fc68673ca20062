"""The work of one chunk, shared by every engine: a document's extraction, its time budget, its line.

:func:`process_item` extracts one input item (any failure becomes an error Document),
:func:`process_chunk` extracts a chunk and serialises each Document to its JSON line, and
:func:`ordered` yields the results of submitted chunks in submission order with a bounded number
in flight. The local runner (:mod:`geodefence.corpus.runner`) and the Dask engine
(:mod:`geodefence.dask`) both build on this module, which imports neither of them.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from types import FrameType
from typing import Any, Protocol

from geodefence.corpus.readers import InputItem
from geodefence.errors import InputError
from geodefence.kinds import KINDS
from geodefence.parts import DocumentWarning, ErrorInfo
from geodefence.pipeline import extract
from geodefence.records import Document

Extractor = Callable[..., Document]
"""``extract(text, *, published, doc_id, source) -> Document``; must be a module-level function to reach workers."""

Result = tuple[bytes, tuple[int, ...], bool]
"""One document's JSON line (with newline), its record count per kind, and whether it failed."""

IN_FLIGHT_PER_WORKER = 4
"""Chunks queued per worker: enough to keep workers busy, few enough to keep memory flat."""


class DocTimeout(BaseException):
    """Raised in the extracting thread when a document has spent its time budget.

    A BaseException, so an extractor's own ``except Exception`` cannot swallow it.
    """


class Terminated(KeyboardInterrupt):
    """A stop asked for by a signal (SIGTERM): the run ends as on Ctrl-C, with exit 143."""


_stop_requested = threading.Event()
"""Set by a stop signal's handler; the runner checks it between documents."""


def request_stop() -> None:
    """Ask the run in this process to stop at the next document boundary.

    A signal handler that only raised could lose its exception: raised while Python runs a
    finaliser (a generator or object collected mid-extraction), it is printed as "ignored" and
    the run goes on. The flag survives that; :func:`check_stop` raises it again where it counts.
    """
    _stop_requested.set()


def clear_stop() -> None:
    """Forget a stop request (at the start and end of a run)."""
    _stop_requested.clear()


def check_stop() -> None:
    """Raise :class:`Terminated` if a stop was requested."""
    if _stop_requested.is_set():
        raise Terminated


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise DocTimeout


@contextlib.contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise :class:`DocTimeout` in this thread after ``seconds`` (a signal alarm).

    A no-op for ``None`` or a non-positive budget, off the main thread, and where there is no
    ``signal.setitimer`` (Windows): there only a pool's parent can stop a document.
    """
    if (
        seconds is None
        or seconds <= 0
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _timeout_message(where: str | None, doc_timeout: float, replaced: bool) -> str:
    then = "; its worker was replaced" if replaced else ""
    return (
        f"{where}: extraction took longer than {doc_timeout:g} s and was stopped{then} "
        "(raise --doc-timeout to give long documents more time)"
    )


def _error_document(item: InputItem, code: str, message: str, warnings: list[DocumentWarning]) -> Document:
    doc_id = item.doc_id or (f"{item.file}:{item.line}" if item.file else "unknown")
    return Document(
        doc_id=doc_id,
        source=item.source,
        warnings=warnings,
        error=ErrorInfo(code=code, message=message, file=item.file, line=item.line),
    )


def _where(item: InputItem) -> str | None:
    return f"{item.file}:{item.line}" if item.line else (item.file or item.doc_id)


def process_item(item: InputItem, extractor: Extractor = extract, doc_timeout: float | None = None) -> Document:
    """Extract one input item; a reading fault or an exception in the extractor gives an error Document.

    A document still extracting after ``doc_timeout`` seconds is stopped (see :func:`time_budget`)
    and becomes an error Document with code ``timeout``.
    """
    warnings = [DocumentWarning(code=code, message=message) for code, message in item.warnings]
    if item.error is not None:
        return _error_document(item, item.error[0], item.error[1], warnings)
    where = _where(item)
    try:
        with time_budget(doc_timeout):
            doc = extractor(item.text, published=item.published, doc_id=item.doc_id or None, source=item.source)
    except DocTimeout:
        return _error_document(item, "timeout", _timeout_message(where, doc_timeout or 0, False), warnings)
    except InputError as exc:
        code = "invalid_date" if exc.field == "published" else "invalid_input"
        return _error_document(item, code, f"{where}: {exc}", warnings)
    except Exception as exc:  # one bad document must never stop a corpus run
        return _error_document(item, "extract_failed", f"{where}: {type(exc).__name__}: {exc}", warnings)
    if warnings:
        doc = doc.model_copy(update={"warnings": [*warnings, *doc.warnings]})
    return doc


def _dump(doc: Document) -> bytes:
    return doc.model_dump_json().encode("utf-8")


def process_chunk(
    chunk: list[InputItem], extractor: Extractor = extract, doc_timeout: float | None = None
) -> list[Result]:
    """Extract a chunk and serialise each Document to its JSON line (runs in a worker).

    An extractor with a ``dump_json(doc) -> bytes`` method (:class:`geodefence.corpus.shape.Shaped`)
    serialises its own Documents (kinds kept, evidence and nulls left out). In a pool worker each
    document's start is posted on the board the parent watches.
    """
    dump: Callable[[Document], bytes] = getattr(extractor, "dump_json", _dump)
    if doc_timeout:
        _warm_up(extractor)
    out: list[Result] = []
    for index, item in enumerate(chunk):
        check_stop()
        _post(index, time.time())
        doc = process_item(item, extractor, doc_timeout)
        try:
            line = dump(doc) + b"\n"
        except Exception as exc:  # e.g. a lone surrogate that cannot be encoded
            doc = _error_document(item, "extract_failed", f"cannot serialise document: {exc}", [])
            line = dump(doc) + b"\n"
        counts = tuple(len(getattr(doc, spec.field)) for spec in KINDS.values())
        out.append((line, counts, doc.error is not None))
    _post(-1, 0.0)
    return out


_warmed: set[int] = set()


def _warm_up(extractor: Extractor) -> None:
    """Run ``extractor`` once on a short text outside any budget: loading the rules is no document's time."""
    if id(extractor) in _warmed:
        return
    _warmed.add(id(extractor))
    with contextlib.suppress(Exception):
        extractor("Warm-up.", published=None, doc_id="warm-up", source=None)


# --- pool workers: the board the parent watches, and exiting with the parent -----------------

_FIELDS = 4
"""Board fields per worker: pid, chunk sequence number, document index in the chunk, start time (0: idle)."""

_board: Any = None
"""In a pool worker: the shared array of every worker's current document."""
_slot = -1
_seq = -1


def _post(index: int, started: float) -> None:
    """Post this worker's current document (``started`` 0: none) on the board, when in a pool."""
    if _board is None or _slot < 0:
        return
    base = _slot * _FIELDS
    with _board.get_lock():
        _board[base + 1] = _seq
        _board[base + 2] = index
        _board[base + 3] = started


class _Pending(Protocol):
    """A submitted chunk: a multiprocessing AsyncResult, a Dask future, or a finished local call."""

    def result(self) -> list[Result]: ...


class _Done:
    def __init__(self, value: list[Result]):
        self.value = value

    def result(self) -> list[Result]:
        return self.value


def ordered(
    chunks: Iterable[list[InputItem]], submit: Callable[[list[InputItem]], _Pending], window: int
) -> Iterator[Result]:
    """Submit chunks with at most ``window`` in flight and yield their results in submission order."""
    pending: deque[_Pending] = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= window:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


__all__ = [
    "IN_FLIGHT_PER_WORKER",
    "DocTimeout",
    "Extractor",
    "Result",
    "Terminated",
    "check_stop",
    "clear_stop",
    "ordered",
    "process_chunk",
    "process_item",
    "request_stop",
    "time_budget",
]
