"""``geodefence extract``: the thin CLI wrapper over the corpus readers, runner and writers.

Exit codes: 0 every document extracted, 1 some documents failed (each has an error record; the
summary says how many), 2 usage error (no such path, no input at all, bad option combination,
missing extra, an ``-o`` that is an input or cannot be written), 130 interrupted by SIGINT
(Ctrl-C) and 143 by SIGTERM (one ``interrupted`` line; the partial output stays for ``--resume``,
and the workers are stopped).
"""

from __future__ import annotations

import contextlib
import functools
import re
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from enum import Enum
from itertools import islice
from pathlib import Path
from typing import Annotated, Any

import orjson
import typer

from geodefence.corpus.dates import ACCEPTED, read_published
from geodefence.corpus.progress import Progress
from geodefence.corpus.readers import Corpus, Fields
from geodefence.corpus.resume import finished_output
from geodefence.corpus.runner import CHUNK_SIZE, DOC_TIMEOUT, Summary, default_workers, run
from geodefence.corpus.shape import Shaped
from geodefence.corpus.work import Terminated, clear_stop, request_stop
from geodefence.corpus.writers import (
    JsonlOutput,
    OutputError,
    OutputLock,
    check_output,
    check_table_folder,
    fingerprint,
    fingerprint_difference,
    inputs_path,
    iter_lines,
    partial_path,
    read_fingerprint,
    require_pyarrow,
    same_file,
    write_error,
    write_fingerprint,
    write_tables,
)
from geodefence.errors import GeodefenceError, InputError
from geodefence.kinds import KINDS
from geodefence.pipeline import MAX_CHARS, extract


class OutputFormat(str, Enum):
    """JSON Lines (a file or stdout) or one table per record kind (a folder)."""

    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


class EvidenceOption(str, Enum):
    """How much evidence the output keeps (see :mod:`geodefence.corpus.shape`)."""

    all = "all"
    records = "records"
    none = "none"


class InputFormat(str, Enum):
    """How inputs are read (``auto``: each file by its suffix, stdin by its first character)."""

    auto = "auto"
    jsonl = "jsonl"
    json = "json"
    text = "text"
    html = "html"
    csv = "csv"


class Engine(str, Enum):
    """Where extraction runs: a local process pool or a Dask cluster."""

    local = "local"
    dask = "dask"


_FILE_SUFFIXES = frozenset({".csv", ".parquet", ".jsonl", ".json", ".gz", ".txt", ".tsv"})
"""Suffixes that make ``-o`` look like a file name, which a folder of tables cannot be."""


def _on_sigterm(signum: int, frame: object) -> None:
    """SIGTERM stops the run as Ctrl-C does (exit 143): at once, and between documents should
    the exception be lost (see :func:`geodefence.corpus.work.request_stop`)."""
    request_stop()
    raise Terminated


@contextlib.contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """While the run lasts, SIGTERM interrupts it like Ctrl-C (main thread only; restored after)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    clear_stop()
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
        clear_stop()


def _write_pretty(line: bytes) -> None:
    """One document as indented JSON on stdout, for people."""
    sys.stdout.buffer.write(orjson.dumps(orjson.loads(line), option=orjson.OPT_INDENT_2) + b"\n")


def _usage(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(2)


def _extractor(base: Any, kinds: tuple[str, ...] | None, evidence: EvidenceOption, exclude_none: bool) -> Any:
    """``base`` itself, or wrapped in :class:`Shaped` when an output option is given."""
    if kinds is None and evidence == EvidenceOption.all and not exclude_none:
        return base
    return Shaped(base, kinds=kinds, evidence=evidence.value, exclude_none=exclude_none)


def extract_command(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Inputs: .txt and .html files, folders (recursed for .txt, .html, .jsonl, .csv, also .gz; a metadata.csv "
            "in the folder gives id, published, source), JSON Lines, a .json array, CSV, glob patterns, or - for stdin "
            "(JSON Lines, a JSON array, or one plain-text document)."
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write here instead of stdout: FILE.jsonl[.gz], or a folder for csv/parquet."
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="jsonl, or csv/parquet tables (needs -o DIR).")
    ] = OutputFormat.jsonl,
    workers: Annotated[
        int | None, typer.Option("--workers", "-j", min=1, help="Worker processes (default: all cores).")
    ] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Continue an interrupted run into the same -o.")] = False,
    pretty: Annotated[bool, typer.Option("--pretty", help="Indented JSON for people (stdout only).")] = False,
    text_field: Annotated[str, typer.Option("--text-field", help="JSON key / CSV column of the text.")] = "text",
    id_field: Annotated[str, typer.Option("--id-field", help="JSON key / CSV column of the document id.")] = "id",
    date_field: Annotated[
        str, typer.Option("--date-field", help="JSON key / CSV column of the publication date.")
    ] = "published",
    source_field: Annotated[
        str, typer.Option("--source-field", help="JSON key / CSV column of the source URL.")
    ] = "source",
    engine: Annotated[Engine, typer.Option("--engine", help="local (process pool) or dask.")] = Engine.local,
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Dask scheduler address; a local cluster when omitted.")
    ] = None,
    chunk_size: Annotated[
        int, typer.Option("--chunk-size", min=1, help="Documents per task sent to a worker.")
    ] = CHUNK_SIZE,
    max_chars: Annotated[
        int,
        typer.Option(
            "--max-chars", min=1, help="Longest text read per document; a longer one is cut at a sentence boundary."
        ),
    ] = MAX_CHARS,
    include_text: Annotated[
        bool,
        typer.Option(
            "--include-text", help="Copy each text into its document, so `geodefence validate` can check the evidence."
        ),
    ] = False,
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            help="Publication date of every document that gives none of its own (its field, or the folder's metadata.csv).",
        ),
    ] = None,
    published_from_name: Annotated[
        str | None,
        typer.Option(
            "--published-from-name",
            help="Regular expression whose match in a file's path gives its documents' publication date "
            "(its 'date' group, else year/month/day groups, else group 1, else the match), e.g. '\\d{4}-\\d{2}-\\d{2}'.",
        ),
    ] = None,
    input_format: Annotated[
        InputFormat,
        typer.Option(
            "--input-format",
            help="auto: each file by its suffix, stdin by its first character ({ JSON Lines, [ a JSON array, else text); "
            "or read every input as this one format.",
        ),
    ] = InputFormat.auto,
    kinds: Annotated[
        str | None,
        typer.Option("--kinds", help="Keep only these record kinds, comma-separated (agreement,visit,exercise,stance)."),
    ] = None,
    evidence: Annotated[
        EvidenceOption,
        typer.Option(
            "--evidence",
            help="all: every evidence span; records: each record's own spans, none on its actors, places and dates; none: no spans.",
        ),
    ] = EvidenceOption.all,
    exclude_none: Annotated[
        bool,
        typer.Option("--exclude-none", help="Leave out null values and empty lists (read back as their defaults)."),
    ] = False,
    doc_timeout: Annotated[
        float,
        typer.Option(
            "--doc-timeout",
            min=0,
            help="Seconds one document may take; a slower one becomes an error record with code timeout (0: no limit).",
        ),
    ] = DOC_TIMEOUT,
) -> None:
    """Extract records from a corpus: one JSON line (or table rows) per input document, in input order."""
    tables = output_format != OutputFormat.jsonl
    if tables and output is None:
        raise _usage(f"--format {output_format.value} writes a folder of tables: give -o DIR")
    if tables and output is not None and not output.is_dir() and output.suffix.lower() in _FILE_SUFFIXES:
        raise _usage(
            f"--format {output_format.value} writes a folder of tables (documents.{output_format.value}, "
            f"agreements.{output_format.value}, ...), not one file: give -o DIR instead of -o {output}"
        )
    if published is not None and read_published(published) is None:
        raise _usage(f"--published {published!r} is not a date: give {ACCEPTED}")
    if "-" in paths and sys.stdin is None:  # started with stdin closed (`geodefence extract - <&-`)
        raise _usage("standard input is closed: pipe the input in, or name files instead of -")
    date_pattern: re.Pattern[str] | None = None
    if published_from_name is not None:
        try:
            date_pattern = re.compile(published_from_name)
        except re.error as exc:
            raise _usage(f"--published-from-name {published_from_name!r} is not a regular expression: {exc}") from None
    kept_kinds: tuple[str, ...] | None = None
    if kinds is not None:
        kept_kinds = tuple(k.strip() for k in kinds.split(",") if k.strip())
        unknown = [k for k in kept_kinds if k not in KINDS]
        if unknown or not kept_kinds:
            raise _usage(f"--kinds {kinds!r}: {', '.join(unknown) or 'no kind'} unknown; choose from {', '.join(KINDS)}")
    if pretty and output is not None:
        raise _usage("--pretty is for reading on a terminal; it cannot be combined with -o")
    if resume and output is None:
        raise _usage("--resume continues a run written with -o; give the same -o")
    if scheduler and engine != Engine.dask:
        raise _usage("--scheduler needs --engine dask")
    try:
        corpus = Corpus(
            paths,
            Fields(text=text_field, id=id_field, published=date_field, source=source_field),
            published=published,
            input_format=input_format.value,
            published_from_name=date_pattern,
            max_chars=max_chars,
        )
        if not corpus.files:
            raise InputError(
                f"no input found in {', '.join(paths)}: a folder is read for .txt, .html, .jsonl and .csv files (also .gz)"
            )
        if output_format == OutputFormat.parquet:
            require_pyarrow()
        if output is not None:
            check_output(output, folder=tables)
            if tables:
                check_table_folder(output)
            clash = same_file(output, corpus.files)
            if clash is not None:
                raise OutputError(f"-o {output} is the input {clash}; write the output to another file")
    except (FileNotFoundError, OutputError, InputError) as exc:
        raise _usage(str(exc)) from None
    if corpus.skipped:
        shown = ", ".join(corpus.skipped[:3]) + (", ..." if len(corpus.skipped) > 3 else "")
        typer.echo(
            f"note: not reading {len(corpus.skipped)} earlier geodefence output file(s) in the input folders "
            f"({shown}); name a file to read it",
            err=True,
        )
    if engine == Engine.dask:
        try:
            import dask.bag  # noqa: F401
            import distributed  # noqa: F401
        except ImportError:
            raise _usage("--engine dask needs Dask: pip install 'geodefence[dask]'") from None

    lock = OutputLock(output) if output is not None else None
    if lock is not None:
        try:
            lock.acquire()
        except OutputError as exc:
            raise _usage(str(exc)) from None
        except OSError as exc:
            raise _usage(str(write_error(exc, output or lock.path))) from None
    try:
        n_workers = workers or default_workers()
        summary = Summary()
        sink: JsonlOutput | None = None
        items: Any = corpus
        if output is not None:
            partial = partial_path(output)
            if resume:
                done = finished_output(output, corpus, output_format.value)
                if done is not None:
                    typer.echo(f"nothing to resume: {output} is complete ({done} documents); 0 new documents", err=True)
                    return
            sink = JsonlOutput(partial, None if tables else output, compress=output.name.endswith(".gz"))
            if partial.exists() and not resume:
                typer.echo(
                    f"note: discarding the partial output of an earlier run ({partial}); use --resume to continue it",
                    err=True,
                )
            inputs = inputs_path(output)
            settings = {
                "fields": [text_field, id_field, date_field, source_field],
                "published": published,
                "max_chars": max_chars,
                "include_text": include_text,
                "kinds": list(kept_kinds) if kept_kinds is not None else None,
                "evidence": evidence.value,
                "exclude_none": exclude_none,
            }
            current = fingerprint(corpus.files, settings)
            if resume and partial.exists() and partial.stat().st_size > 0:
                recorded = read_fingerprint(inputs)
                if recorded is None:
                    typer.echo(f"note: {partial} has no record of its inputs; resuming without checking them", err=True)
                else:
                    difference = fingerprint_difference(recorded, current)
                    if difference is not None:
                        raise _usage(
                            f"--resume: {partial} was written from other inputs ({difference}); "
                            "give the same inputs and options, or run without --resume to start over"
                        )
            try:
                kept = sink.open(resume=resume)
                write_fingerprint(inputs, current)
            except OSError as exc:
                raise _usage(str(write_error(exc, output))) from None
            for line in islice(iter_lines(partial), kept):
                summary.add_line(line)
            summary.resumed = kept
            items = islice(corpus, kept, None)
            if resume:
                typer.echo(f"resuming after {kept} documents already written", err=True)
            write: Callable[[bytes], object] = sink.write
        elif pretty:
            write = _write_pretty
        else:
            write = sys.stdout.buffer.write

        progress = Progress(corpus, sys.stderr.isatty())
        if sink is None:
            write = progress.guard(write)

        def on_batch(s: Summary) -> None:
            if sink is not None:
                sink.flush()
            else:
                sys.stdout.buffer.flush()
            progress.update(s)

        try:
            with _sigterm_interrupts():
                run(
                    items,
                    write,
                    workers=n_workers,
                    chunksize=chunk_size,
                    extractor=_extractor(
                        functools.partial(extract, max_chars=max_chars, include_text=include_text),
                        kept_kinds,
                        evidence,
                        exclude_none,
                    ),
                    engine=engine.value,
                    scheduler=scheduler,
                    summary=summary,
                    on_batch=on_batch,
                    doc_timeout=doc_timeout or None,
                )
        except KeyboardInterrupt as exc:
            progress.stop()
            if sink is not None:
                with contextlib.suppress(OSError):
                    sink.flush()
                    sink.close()
                typer.echo(
                    f"interrupted: {summary.documents} documents in {sink.partial}; run again with --resume", err=True
                )
            else:
                typer.echo(f"interrupted after {summary.documents} documents", err=True)
            raise typer.Exit(143 if isinstance(exc, Terminated) else 130) from None
        except BrokenPipeError:
            progress.stop()
            raise typer.Exit(1) from None
        except GeodefenceError as exc:  # a worker died: keep what was written, say how to go on
            progress.stop()
            if sink is not None:
                sink.flush()
                sink.close()
            typer.echo(f"error: {exc} ({summary.documents} documents written)", err=True)
            raise typer.Exit(2) from None
        except OSError as exc:  # the output cannot be written (disk full, a folder gone read-only)
            progress.stop()
            if sink is None:
                raise _usage(
                    f"cannot write to standard output: {exc.strerror or exc}; write with -o FILE instead"
                ) from None
            with contextlib.suppress(OSError):
                sink.close()
            raise _usage(str(write_error(exc, output or sink.partial))) from None
        progress.stop()
        if summary.documents == 0:  # e.g. empty stdin, or folders holding only empty files
            if sink is not None:
                with contextlib.suppress(OSError):
                    sink.close()
                    sink.partial.unlink()
                if output is not None:
                    inputs_path(output).unlink(missing_ok=True)
            named = ", ".join("standard input" if p == "-" else p for p in paths)
            raise _usage(f"no documents found in {named}; nothing was written")
        if sink is not None:
            try:
                sink.commit()
                if tables and output is not None:
                    write_tables(iter_lines(sink.partial), output, output_format.value)
                    sink.partial.unlink()
                if output is not None:
                    inputs_path(output).unlink(missing_ok=True)
            except OSError as exc:
                raise _usage(str(write_error(exc, output or sink.partial))) from None
        typer.echo(summary.render(), err=True)
        if summary.failed:
            raise typer.Exit(1)

    finally:
        if lock is not None:
            lock.release()


__all__ = ["extract_command"]
