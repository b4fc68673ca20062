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
from concurrent.futures import process as cf_process
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

import orjson

from geodefence.corpus import work
from geodefence.corpus.readers import InputItem, batched
from geodefence.corpus.work import (
    _FIELDS,
    IN_FLIGHT_PER_WORKER,
    DocTimeout,
    Extractor,
    Result,
    _timeout_message,
    _where,
    check_stop,
    ordered,
    process_chunk,
    process_item,
    time_budget,
)
from geodefence.errors import GeodefenceError
from geodefence.kinds import KINDS
from geodefence.pipeline import extract

CHUNK_SIZE = 64
"""Documents per task: amortises inter-process overhead while keeping the tail of a run short."""

DOC_TIMEOUT = 120.0
"""Default time budget of one document, in seconds (generous: a 1 MB fact-dense text takes under 10 s)."""

PARENT_POLL = 0.5
"""Seconds between a worker's checks that its parent is still alive (where PR_SET_PDEATHSIG is missing)."""

_TICK = 0.2
"""Seconds between the parent's checks of its workers' current documents while it waits."""


def _grace(doc_timeout: float) -> float:
    """How long past its budget the parent waits for a worker before it kills and replaces it."""
    return 1.0 + doc_timeout / 4


# --- pool workers: exiting with the parent, a slot on the board the parent watches ---------------


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
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    work._board = board
    with board.get_lock():
        for slot in range(len(board) // _FIELDS):
            if board[slot * _FIELDS] == 0:
                board[slot * _FIELDS] = os.getpid()
                work._slot = slot
                break


def _pool_task(seq: int, chunk: list[InputItem], extractor: Extractor, doc_timeout: float | None) -> list[Result]:
    """A chunk in a pool worker, its documents posted under sequence number ``seq``."""
    work._seq = seq
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
        # (shutdown drops the executor's manager thread and result queue: keep them for _forget_manager)
        manager = getattr(self.executor, "_executor_manager_thread", None)
        writer = getattr(getattr(self.executor, "_result_queue", None), "_writer", None)
        if kill:
            for proc in processes.values():
                with contextlib.suppress(OSError, ValueError):
                    proc.kill()
        self.executor.shutdown(wait=not kill, cancel_futures=kill)
        if kill:
            for proc in processes.values():
                with contextlib.suppress(OSError, ValueError, AssertionError):
                    proc.join(5)
            _forget_manager(manager, writer)


def _forget_manager(manager: Any, writer: Any) -> None:
    """Let a killed pool's manager thread end, then drop it from the interpreter's exit hook.

    ``manager`` and ``writer`` (the result pipe's writing end) are taken before ``shutdown()``,
    which clears both from the executor. On Python 3.11 the exit hook of ``concurrent.futures``
    joins every pool's manager: one stuck on a half-sent result would hang the process for ever,
    and one that already closed its wake-up pipe makes the hook print an ignored ``OSError``.
    """
    if manager is None:
        return
    manager.join(1)
    if manager.is_alive():
        # A worker killed in the middle of sending its result leaves half a message in the result
        # pipe, and the manager waits for the rest for ever (the exit hook then joins it for ever:
        # a run that never ends). The parent's own copy of the pipe's writing end is what keeps it
        # open; closing it gives the manager end-of-file, so it marks the pool broken and ends.
        if writer is not None:
            with contextlib.suppress(OSError):
                writer.close()
        manager.join(5)
    if not manager.is_alive():
        wakeups = getattr(cf_process, "_threads_wakeups", None)
        if wakeups is not None:
            with contextlib.suppress(KeyError, TypeError):
                del wakeups[manager]


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
            check_stop()
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
            check_stop()
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
