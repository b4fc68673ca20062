"""The corpus runner: extraction over a stream of inputs on all cores, in input order.

Inputs are cut into chunks and handed to a process pool (or a Dask cluster) with a bounded
number of chunks in flight, so memory stays flat however large the corpus; results are taken
back in submission order, so the output is the same bytes for any number of workers. Workers
serialise each Document to its JSON line themselves; the parent only writes bytes and counts.
Anything raised while extracting one document becomes that document's error record.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
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


def _error_document(item: InputItem, code: str, message: str, warnings: list[DocumentWarning]) -> Document:
    doc_id = item.doc_id or (f"{item.file}:{item.line}" if item.file else "unknown")
    return Document(
        doc_id=doc_id,
        source=item.source,
        warnings=warnings,
        error=ErrorInfo(code=code, message=message, file=item.file, line=item.line),
    )


def process_item(item: InputItem, extractor: Extractor = extract) -> Document:
    """Extract one input item; a reading fault or an exception in the extractor gives an error Document."""
    warnings = [DocumentWarning(code=code, message=message) for code, message in item.warnings]
    if item.error is not None:
        return _error_document(item, item.error[0], item.error[1], warnings)
    where = f"{item.file}:{item.line}" if item.line else (item.file or item.doc_id)
    try:
        doc = extractor(item.text, published=item.published, doc_id=item.doc_id or None, source=item.source)
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


def process_chunk(chunk: list[InputItem], extractor: Extractor = extract) -> list[Result]:
    """Extract a chunk and serialise each Document to its JSON line (runs in a worker).

    An extractor with a ``dump_json(doc) -> bytes`` method (:class:`geodefence.corpus.shape.Shaped`)
    serialises its own Documents (kinds kept, evidence and nulls left out).
    """
    dump: Callable[[Document], bytes] = getattr(extractor, "dump_json", _dump)
    out: list[Result] = []
    for item in chunk:
        doc = process_item(item, extractor)
        try:
            line = dump(doc) + b"\n"
        except Exception as exc:  # e.g. a lone surrogate that cannot be encoded
            doc = _error_document(item, "extract_failed", f"cannot serialise document: {exc}", [])
            line = dump(doc) + b"\n"
        counts = tuple(len(getattr(doc, spec.field)) for spec in KINDS.values())
        out.append((line, counts, doc.error is not None))
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
) -> Iterator[Result]:
    """The result of every item, in input order.

    ``workers <= 1`` with the local engine runs in this process (no pool to start). Otherwise a
    spawn-context process pool runs ``workers`` processes (safe on every platform, and no forked
    copies of the parent's threads). ``engine='dask'`` sends chunks to the Dask scheduler at
    ``scheduler`` (or a local cluster of ``workers`` processes).
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
            yield from process_chunk(chunk, extractor)
        return
    ctx = multiprocessing.get_context("spawn")
    # A futures pool, not multiprocessing.Pool: a worker killed by the OS (out of memory, a
    # signal) breaks the pool with BrokenProcessPool instead of hanging the run forever.
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        try:
            yield from ordered(chunks, lambda chunk: pool.submit(process_chunk, chunk, extractor), workers * IN_FLIGHT_PER_WORKER)
        except BrokenProcessPool as exc:
            raise GeodefenceError(
                "a worker process died (killed by the operating system?); the output so far is kept: "
                "rerun with --resume, or with fewer --workers if memory is short"
            ) from exc


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
) -> Summary:
    """Extract every item and pass each JSON line to ``write``, in input order; return the summary.

    ``on_batch`` is called after each chunk's worth of lines (to flush output and move a progress
    bar). ``summary`` may hold counts from lines kept by a resumed run.
    """
    summary = summary or Summary()
    started = time.perf_counter()
    since = 0
    for line, counts, failed in results(
        items, workers=workers, chunksize=chunksize, extractor=extractor, engine=engine, scheduler=scheduler
    ):
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
    "Extractor",
    "Result",
    "Summary",
    "default_workers",
    "ordered",
    "process_chunk",
    "process_item",
    "results",
    "run",
]
