"""The corpus runner: extraction over a stream of inputs on all cores, in input order.

Inputs are cut into chunks and handed to a process pool (or a Dask cluster) with a bounded
number of chunks in flight, so memory stays flat however large the corpus; results are taken
back in submission order, so the output is the same bytes for any number of workers. Workers
serialise each Document to its JSON line themselves; the parent only writes bytes and counts.
Anything raised while extracting one document becomes that document's error record.

Each document has a time budget (``doc_timeout``): where the extracting thread is a main thread
(a pool worker, or ``workers=1`` in the main thread) a signal alarm stops a document that runs
over it and the document becomes a ``timeout`` error record; in a process pool the parent also
watches each worker's current document and, should a worker not come back within the budget
plus a grace period (an extractor stuck in code that ignores signals), kills it, records the
document as timed out and redoes the chunks in flight on fresh workers. Pool workers exit when
their parent dies, whatever killed it (``PR_SET_PDEATHSIG`` on Linux, and a thread polling the
parent's pid everywhere), and ignore SIGINT: the parent stops them.
"""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from types import FrameType
from typing import Any, Protocol

import orjson

from geodefence.corpus.readers import InputItem, batched
from geodefence.errors import GeodefenceError, InputError
from geodefence.kinds import KINDS
from geodefence.parts import DocumentWarning, ErrorInfo
from geodefence.pipeline import extract
from geodefence.records import Document

Extractor = Callable[..., Document]
"""``extract(text, *, published, doc_id, source) -> Document``; must be a module-level function to reach workers."""

Result = tuple[bytes, tuple[int, ...], bool]
"""One document's JSON line (with newline), its record count per kind, and whether it failed."""

CHUNK_SIZE = 64
"""Documents per task: amortises inter-process overhead while keeping the tail of a run short."""

IN_FLIGHT_PER_WORKER = 4
"""Chunks queued per worker: enough to keep workers busy, few enough to keep memory flat."""

DOC_TIMEOUT = 120.0
"""Default time budget of one document, in seconds (generous: a 1 MB fact-dense text takes under 10 s)."""

PARENT_POLL = 0.5
"""Seconds between a worker's checks that its parent is still alive (where PR_SET_PDEATHSIG is missing)."""

_TICK = 0.2
"""Seconds between the parent's checks of its workers' current documents while it waits."""


class DocTimeout(BaseException):
    """Raised in the extracting thread when a document has spent its time budget.

    A BaseException, so an extractor's own ``except Exception`` cannot swallow it.
    """


def _grace(doc_timeout: float) -> float:
    """How long past its budget the parent waits for a worker before it kills and replaces it."""
    return 1.0 + doc_timeout / 4


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


def _die_with_parent(parent: int) -> None:
    """Make this process exit when ``parent`` dies: PR_SET_PDEATHSIG on Linux, a polling thread everywhere."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL)
        os._exit(1)

    if os.getppid() != parent:  # died before the death signal was armed
        os._exit(1)
    threading.Thread(target=watch, name="geodefence-parent-watch", daemon=True).start()


def _worker_init(parent: int, board: Any) -> None:
    """Pool initializer: exit with the parent, leave SIGINT to it, take a slot on the board."""
    global _board, _slot
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _board = board
    with board.get_lock():
        for slot in range(len(board) // _FIELDS):
            if board[slot * _FIELDS] == 0:
                board[slot * _FIELDS] = os.getpid()
                _slot = slot
                break


def _pool_task(seq: int, chunk: list[InputItem], extractor: Extractor, doc_timeout: float | None) -> list[Result]:
    """A chunk in a pool worker, its documents posted under sequence number ``seq``."""
    global _seq
    _seq = seq
    return process_chunk(chunk, extractor, doc_timeout)


class _Pool:
    """A spawn-context process pool with the board of its workers' current documents."""

    def __init__(self, workers: int):
        ctx = multiprocessing.get_context("spawn")
        self.board: Any = ctx.Array("d", workers * _FIELDS)
        # A futures pool, not multiprocessing.Pool: a worker killed by the OS (out of memory, a
        # signal) breaks the pool with BrokenProcessPool instead of hanging the run forever.
        self.executor = ProcessPoolExecutor(
            max_workers=workers, mp_context=ctx, initializer=_worker_init, initargs=(os.getpid(), self.board)
        )

    def overdue(self, limit: float) -> tuple[int, int, int] | None:
        """(pid, chunk sequence number, document index) of a worker on one document for over ``limit`` s."""
        now = time.time()
        with self.board.get_lock():
            values = list(self.board)
        for base in range(0, len(values), _FIELDS):
            pid, seq, index, started = values[base : base + _FIELDS]
            if pid and started and now - started > limit:
                return int(pid), int(seq), int(index)
        return None

    def stop(self, *, kill: bool) -> None:
        """Shut the pool down; with ``kill`` its workers are killed first (nothing waits for them)."""
        processes = dict(getattr(self.executor, "_processes", None) or {})
        if kill:
            for proc in processes.values():
                with contextlib.suppress(OSError, ValueError):
                    proc.kill()
        self.executor.shutdown(wait=not kill, cancel_futures=kill)
        if kill:
            for proc in processes.values():
                with contextlib.suppress(OSError, ValueError, AssertionError):
                    proc.join(5)


def _pool_results(
    chunks: Iterable[list[InputItem]], workers: int, extractor: Extractor, doc_timeout: float | None
) -> Iterator[Result]:
    """Chunks on a process pool, results in submission order with a bounded number in flight.

    A worker on one document for longer than ``doc_timeout`` plus :func:`_grace` is killed: that
    document becomes a ``timeout`` error item, and the chunks in flight are redone on a new pool.
    """
    window = workers * IN_FLIGHT_PER_WORKER
    source = iter(chunks)
    pending: deque[tuple[int, list[InputItem], Future[list[Result]]]] = deque()
    pool = _Pool(workers)
    seq = 0
    finished = False
    try:
        while True:
            while len(pending) < window:
                chunk = next(source, None)
                if chunk is None:
                    break
                pending.append((seq, chunk, pool.executor.submit(_pool_task, seq, chunk, extractor, doc_timeout)))
                seq += 1
            if not pending:
                break
            head = pending[0][2]
            if doc_timeout is not None and doc_timeout > 0:
                wait([head], timeout=_TICK, return_when=FIRST_COMPLETED)
                stuck = None if head.done() else pool.overdue(doc_timeout + _grace(doc_timeout))
                if stuck is not None:
                    pool.stop(kill=True)
                    pending = _stop_document(pending, stuck, doc_timeout)
                    pool = _Pool(workers)
                    pending = deque(
                        (s, c, pool.executor.submit(_pool_task, s, c, extractor, doc_timeout)) for s, c, _ in pending
                    )
                    continue
                if not head.done():
                    continue
            try:
                done = head.result()
            except BrokenProcessPool as exc:
                raise GeodefenceError(
                    "a worker process died (killed by the operating system?); the output so far is kept: "
                    "rerun with --resume, or with fewer --workers if memory is short"
                ) from exc
            pending.popleft()
            yield from done
        finished = True
    finally:
        pool.stop(kill=not finished)


def _stop_document(
    pending: deque[tuple[int, list[InputItem], Future[list[Result]]]], stuck: tuple[int, int, int], doc_timeout: float
) -> deque[tuple[int, list[InputItem], Future[list[Result]]]]:
    """``pending`` with the stuck document made a ``timeout`` error item (the futures are stale)."""
    _, stuck_seq, index = stuck
    out: deque[tuple[int, list[InputItem], Future[list[Result]]]] = deque()
    for seq, chunk, future in pending:
        if seq == stuck_seq and 0 <= index < len(chunk):
            item = chunk[index]
            chunk = [*chunk]
            chunk[index] = dataclasses.replace(
                item, text=None, error=("timeout", _timeout_message(_where(item), doc_timeout, True))
            )
        out.append((seq, chunk, future))
    return out


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


def results(
    items: Iterable[InputItem],
    *,
    workers: int = 1,
    chunksize: int = CHUNK_SIZE,
    extractor: Extractor = extract,
    engine: str = "local",
    scheduler: str | None = None,
    doc_timeout: float | None = None,
) -> Generator[Result, None, None]:
    """The result of every item, in input order.

    ``workers <= 1`` with the local engine runs in this process (no pool to start). Otherwise a
    spawn-context process pool runs ``workers`` processes (safe on every platform, and no forked
    copies of the parent's threads). ``engine='dask'`` sends chunks to the Dask scheduler at
    ``scheduler`` (or a local cluster of ``workers`` processes). ``doc_timeout`` is each
    document's time budget in seconds (None: unlimited); on Dask, whose tasks run off the main
    thread, it is not enforced.
    """
    chunks = batched(items, max(1, chunksize))
    if engine == "dask":
        from geodefence.dask import dask_results

        yield from dask_results(chunks, scheduler=scheduler, workers=workers, extractor=extractor)
        return
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r}; use local or dask")
    if workers <= 1:
        for chunk in chunks:
            yield from process_chunk(chunk, extractor, doc_timeout)
        return
    yield from _pool_results(chunks, workers, extractor, doc_timeout)


@dataclass
class Summary:
    """What a run did: documents, failures, records per kind, and speed."""

    documents: int = 0
    failed: int = 0
    records: dict[str, int] = field(default_factory=lambda: dict.fromkeys((s.field for s in KINDS.values()), 0))
    seconds: float = 0.0
    resumed: int = 0
    """Documents kept from an interrupted run's partial output (counted in ``documents``)."""

    def add(self, counts: tuple[int, ...], failed: bool) -> None:
        """Count one document."""
        self.documents += 1
        self.failed += failed
        for spec, n in zip(KINDS.values(), counts, strict=True):
            self.records[spec.field] += n

    def add_line(self, line: bytes) -> None:
        """Count one document from its JSON line (used for the lines a resumed run keeps)."""
        doc = orjson.loads(line)
        self.add(tuple(len(doc.get(s.field) or []) for s in KINDS.values()), doc.get("error") is not None)

    @property
    def rate(self) -> float:
        """Documents per second processed in this run (kept lines excluded)."""
        done = self.documents - self.resumed
        return done / self.seconds if self.seconds > 0 else 0.0

    def render(self) -> str:
        """The human summary printed on stderr at the end of a run."""
        kinds = ", ".join(f"{n} {name}" for name, n in self.records.items())
        resumed = f" ({self.resumed} kept from the interrupted run)" if self.resumed else ""
        lines = [
            f"{self.documents} documents{resumed}, {self.failed} failed; records: {kinds}; "
            f"{self.seconds:.1f} s, {self.rate:.1f} docs/s"
        ]
        if self.failed:
            lines.append(f"{self.failed} of {self.documents} documents failed")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """The summary as plain data (for benchmarks and callers)."""
        return {
            "documents": self.documents,
            "failed": self.failed,
            "records": dict(self.records),
            "seconds": self.seconds,
            "docs_per_second": self.rate,
            "resumed": self.resumed,
        }


def default_workers() -> int:
    """All cores, as the default of ``--workers``."""
    return os.cpu_count() or 1


def run(
    items: Iterable[InputItem],
    write: Callable[[bytes], object],
    *,
    workers: int = 1,
    chunksize: int = CHUNK_SIZE,
    extractor: Extractor = extract,
    engine: str = "local",
    scheduler: str | None = None,
    summary: Summary | None = None,
    on_batch: Callable[[Summary], None] | None = None,
    doc_timeout: float | None = None,
) -> Summary:
    """Extract every item and pass each JSON line to ``write``, in input order; return the summary.

    ``on_batch`` is called after each chunk's worth of lines (to flush output and move a progress
    bar). ``summary`` may hold counts from lines kept by a resumed run. ``doc_timeout`` is each
    document's time budget in seconds (see :func:`results`). An exception raised here (an
    interrupt, a write error) stops the workers at once.
    """
    summary = summary or Summary()
    started = time.perf_counter()
    since = 0
    stream = results(
        items,
        workers=workers,
        chunksize=chunksize,
        extractor=extractor,
        engine=engine,
        scheduler=scheduler,
        doc_timeout=doc_timeout,
    )
    with contextlib.closing(stream):
        for line, counts, failed in stream:
            write(line)
            summary.add(counts, failed)
            since += 1
            if since >= chunksize and on_batch is not None:
                summary.seconds = time.perf_counter() - started
                on_batch(summary)
                since = 0
    summary.seconds = time.perf_counter() - started
    if on_batch is not None:
        on_batch(summary)
    return summary


__all__ = [
    "CHUNK_SIZE",
    "DOC_TIMEOUT",
    "DocTimeout",
    "Extractor",
    "Result",
    "Summary",
    "default_workers",
    "ordered",
    "process_chunk",
    "process_item",
    "results",
    "run",
    "time_budget",
]
