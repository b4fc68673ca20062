"""Run geodefence on Dask (extra ``geodefence[dask]``), or on any engine that maps partitions.

:func:`extract_partition` is the whole job for one partition: plain dicts in, plain Document
dicts out, no Dask in it, so Spark's ``mapInPandas`` (see the README) or any other engine can call
it. :func:`extract_bag` maps a Dask bag of ``{id, text, published, source}`` dicts with it, and
:func:`read_jsonl_bag` builds that bag from JSON Lines files with the same readers (and the same
fault records) as the command line. The CLI's ``--engine dask`` uses :func:`dask_results`, which
sends the runner's chunks to a cluster and writes the same bytes as the local engine.

This module is ``geodefence.dask``; ``import dask.bag`` below is the Dask package (absolute
imports), never this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from geodefence.corpus.readers import Corpus, Fields, InputItem
from geodefence.corpus.work import IN_FLIGHT_PER_WORKER, Extractor, Result, ordered, process_chunk, process_item
from geodefence.pipeline import extract


def extract_partition(records: Iterable[dict[str, Any]], extractor: Extractor = extract) -> list[dict[str, Any]]:
    """Extract every ``{id, text, published, source}`` dict; returns Document dicts (JSON types).

    Pure: no I/O, no Dask. A record that cannot be processed gives an error Document, as on the
    command line; extra keys ``file``, ``line``, ``warnings`` and ``error`` (as made by
    :func:`read_jsonl_bag`) are honoured.
    """
    return [process_item(InputItem.from_dict(r), extractor).model_dump(mode="json") for r in records]


def _read_files(paths: Iterable[str], fields: Fields) -> list[dict[str, Any]]:
    """All input dicts of a partition's files (one partition per file keeps line numbers exact)."""
    return [item.to_dict() for item in Corpus(list(paths), fields)]


def read_jsonl_bag(paths: str | Iterable[str], fields: Fields | None = None) -> Any:
    """A Dask bag of input dicts from files (JSON Lines, CSV, .txt, gzip'd or not), one partition per file.

    Files are read on the workers, so the paths must be visible to them (a shared file system
    or object-store paths mounted the same way).
    """
    import dask.bag

    files = [paths] if isinstance(paths, str) else list(paths)
    chosen = fields or Fields()
    return dask.bag.from_sequence(  # type: ignore[no-untyped-call]
        files, npartitions=max(1, len(files))
    ).map_partitions(_read_files, chosen)


def extract_bag(bag: Any, extractor: Extractor = extract) -> Any:
    """Map a Dask bag of ``{id, text, published, source}`` dicts to a bag of Document dicts."""
    return bag.map_partitions(extract_partition, extractor)


def dask_results(
    chunks: Iterable[list[InputItem]],
    *,
    scheduler: str | None = None,
    workers: int = 1,
    extractor: Extractor = extract,
) -> Iterator[Result]:
    """The runner's chunks run on a Dask cluster, results in order with a bounded number in flight.

    ``scheduler`` is a scheduler address (``tcp://host:8786``); without one a local cluster of
    ``workers`` single-threaded processes is started and closed at the end.
    """
    from distributed import Client, LocalCluster

    cluster = None
    if scheduler:
        client = Client(scheduler)  # type: ignore[no-untyped-call]
    else:
        cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True, dashboard_address=None)  # type: ignore[no-untyped-call]
        client = Client(cluster)  # type: ignore[no-untyped-call]
    try:
        n = max(1, len(client.scheduler_info().get("workers", {})))

        class _Future:
            def __init__(self, chunk: list[InputItem]):
                self.future = client.submit(process_chunk, chunk, extractor, pure=False)

            def result(self) -> list[Result]:
                value: list[Result] = self.future.result()
                return value

        yield from ordered(chunks, _Future, n * IN_FLIGHT_PER_WORKER)
    finally:
        client.close()  # type: ignore[no-untyped-call]
        if cluster is not None:
            cluster.close()


__all__ = ["dask_results", "extract_bag", "extract_partition", "read_jsonl_bag"]
