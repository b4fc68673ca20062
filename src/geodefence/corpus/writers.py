"""Writers: atomic JSON Lines output with resume, and CSV / Parquet tables with a datapackage.json.

The JSON Lines written by a run are the source of truth: a run appends lines to a partial file
next to the output (``.NAME.partial``), flushed after every batch, and renames it into place at
the end after an fsync, so the output path only ever holds a complete result. An interrupted run
leaves the partial file; ``--resume`` keeps its complete lines, drops a trailing half-written one
and continues. Tables are converted from the finished JSON Lines in one streaming pass into a
temporary folder that is renamed into place.

Beside the partial file a run keeps the fingerprint of its inputs (``.NAME.partial.inputs``:
each input's path, size and a digest of its first bytes, and the options that shape the lines),
so ``--resume`` refuses to continue a partial file from other inputs. While a run writes an
output it holds an advisory lock on ``.NAME.lock`` beside it (``flock``, where the platform has
it), so a second run onto the same output stops at once instead of mixing its lines in.
"""

from __future__ import annotations

import csv
import errno
import gzip
import hashlib
import os
import shutil
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

import orjson

from geodefence.corpus.tables import TABLES, Table, datapackage, document_rows, unflatten
from geodefence.errors import GeodefenceError
from geodefence.records import Document

FORMATS = ("jsonl", "csv", "parquet")
"""Output formats: JSON Lines (a file, optionally .gz) or one table per kind (a folder)."""

_BLOCK = 1 << 20
_ROW_GROUP = 16384
"""Rows buffered per Parquet table before a row group is written (keeps memory flat)."""


class OutputError(GeodefenceError):
    """An output that cannot be written (a folder that is not ours to replace, a missing extra)."""


def check_output(output: Path, *, folder: bool) -> None:
    """Raise OutputError when ``-o`` cannot be written: under a file, or a folder where a file goes.

    Checked before a run, so a run never ends in an error it could have been told at the start.
    A missing folder is fine: it is made when the output is opened.
    """
    for parent in output.parents:
        if parent.exists():
            if not parent.is_dir():
                raise OutputError(f"cannot write {output}: {parent} is a file, not a folder; choose another -o")
            break
    if not folder and output.is_dir():
        raise OutputError(
            f"-o {output} is a folder; give a file name (FILE.jsonl), or --format csv/parquet to write tables into it"
        )


def same_file(output: Path, inputs: Iterable[str]) -> str | None:
    """The input that ``output`` is (the same file under any spelling or link), or None."""
    try:
        out = output.stat()
    except OSError:
        return None
    for name in inputs:
        try:
            st = os.stat(name)
        except OSError:
            continue
        if (st.st_dev, st.st_ino) == (out.st_dev, out.st_ino):
            return name
    return None


def write_error(exc: OSError, output: Path) -> OutputError:
    """A one-line error for an OS error while writing ``output``: the path at fault and what to do."""
    where = exc.filename or output
    hint = "free some space" if exc.errno == errno.ENOSPC else "choose a folder you can write to"
    return OutputError(f"cannot write {where}: {exc.strerror or exc}; {hint} (-o {output})")


def partial_path(output: Path) -> Path:
    """The deterministic partial file of an output: ``dir/.NAME.partial`` (tables: ``.NAME.jsonl.partial``)."""
    name = output.name if output.name.endswith((".jsonl", ".jsonl.gz")) else f"{output.name}.jsonl"
    return output.with_name(f".{name}.partial")


def lock_path(output: Path) -> Path:
    """The lock file of an output: ``dir/.NAME.lock``."""
    return output.with_name(f".{output.name}.lock")


class OutputLock:
    """An exclusive advisory lock on an output, held while one run writes it (a no-op without fcntl).

    The lock file is removed on release; a run that locked a file another run had just removed
    tries again on the new one, so two runs never both hold the lock.
    """

    def __init__(self, output: Path):
        self.output = output
        self.path = lock_path(output)
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock, or raise OutputError naming the output when another run holds it."""
        if sys.platform == "win32":
            return
        import fcntl

        self.path.parent.mkdir(parents=True, exist_ok=True)
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                raise OutputError(
                    f"another run is writing {self.output} (it holds {self.path}); "
                    "wait for it to finish, or write to another -o"
                ) from None
            except OSError:  # a file system without locks: go on unlocked
                os.close(fd)
                return
            try:
                same = os.fstat(fd).st_ino == os.stat(self.path).st_ino
            except FileNotFoundError:
                same = False
            if same:
                self._fd = fd
                return
            os.close(fd)  # removed by the run that held it: lock the new file

    def release(self) -> None:
        """Remove the lock file and let go of the lock."""
        if self._fd is None:
            return
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            pass
        finally:
            os.close(self._fd)
            self._fd = None


_HEAD = 1 << 16
"""Bytes of each input that its fingerprint digests (with its size: cheap on any corpus)."""


def inputs_path(output: Path) -> Path:
    """The fingerprint of the inputs of an output's partial file: ``dir/.NAME.partial.inputs``."""
    partial = partial_path(output)
    return partial.with_name(partial.name + ".inputs")


def fingerprint(files: Sequence[str], settings: Mapping[str, Any]) -> dict[str, Any]:
    """What a resumed run must share with the run it continues: its inputs and the options shaping its lines.

    Each input is its absolute path, size and the SHA-256 of its first 64 KiB (standard input is
    only ``-``: it cannot be checked); a file that cannot be read has no size.
    """
    entries: list[dict[str, Any]] = []
    for name in files:
        if name == "-":
            entries.append({"path": "-"})
            continue
        entry: dict[str, Any] = {"path": os.path.abspath(name), "size": None, "head": None}
        try:
            with open(name, "rb") as fh:
                entry["size"] = os.fstat(fh.fileno()).st_size
                entry["head"] = hashlib.sha256(fh.read(_HEAD)).hexdigest()
        except OSError:
            pass
        entries.append(entry)
    return {"inputs": entries, "settings": dict(settings)}


def fingerprint_difference(old: Mapping[str, Any], new: Mapping[str, Any]) -> str | None:
    """How the inputs of ``new`` differ from those ``old`` recorded, in a few words; None when the same."""
    before, now = old.get("inputs") or [], new.get("inputs") or []
    for index, (a, b) in enumerate(zip(before, now, strict=False)):
        if a.get("path") != b.get("path"):
            return f"input {index + 1} was {a.get('path')}, now {b.get('path')}"
        if a != b:
            return f"{b.get('path')} has changed since (size or first bytes)"
    if len(before) != len(now):
        return f"it was written from {len(before)} input file(s), now {len(now)}"
    if old.get("settings") != new.get("settings"):
        changed = sorted(
            key
            for key in {*(old.get("settings") or {}), *(new.get("settings") or {})}
            if (old.get("settings") or {}).get(key) != (new.get("settings") or {}).get(key)
        )
        return f"it was written with other options ({', '.join(changed)})"
    return None


def read_fingerprint(path: Path) -> dict[str, Any] | None:
    """The fingerprint recorded at ``path``; None when there is none (or it cannot be read)."""
    try:
        value = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    return value if isinstance(value, dict) else None


def write_fingerprint(path: Path, value: Mapping[str, Any]) -> None:
    """Record a fingerprint at ``path`` (written aside, then renamed into place)."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(orjson.dumps(value))
    os.replace(tmp, path)


def _fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def complete_lines(path: Path) -> int:
    """Cut a trailing partial line off ``path`` and return how many complete lines remain."""
    count = 0
    last_end = 0
    offset = 0
    with path.open("rb") as fh:
        while block := fh.read(_BLOCK):
            n = block.count(b"\n")
            if n:
                count += n
                last_end = offset + block.rindex(b"\n") + 1
            offset += len(block)
    if last_end != offset:
        with path.open("r+b") as fh:
            fh.truncate(last_end)
    return count


def iter_lines(path: Path) -> Iterator[bytes]:
    """The lines of a (possibly gzip'd) JSON Lines file, with their newline."""
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rb") as fh:
        yield from fh


class JsonlOutput:
    """JSON Lines written to a partial file and committed atomically; resumable after a crash."""

    def __init__(self, partial: Path, final: Path | None, *, compress: bool = False):
        self.partial = partial
        self.final = final
        self.compress = compress
        self._fh: IO[bytes] | None = None

    def open(self, *, resume: bool) -> int:
        """Open for writing; with ``resume`` keep the complete lines already written and return their count."""
        self.partial.parent.mkdir(parents=True, exist_ok=True)
        kept = complete_lines(self.partial) if resume and self.partial.exists() else 0
        self._fh = self.partial.open("ab" if kept else "wb")
        return kept

    def write(self, data: bytes) -> None:
        """Append bytes (whole lines)."""
        assert self._fh is not None, "open() first"
        self._fh.write(data)

    def flush(self) -> None:
        """Hand what was written to the OS, so a killed run keeps it."""
        if self._fh is not None:
            self._fh.flush()

    def close(self) -> None:
        """Close the partial file (it stays for --resume)."""
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def commit(self) -> None:
        """fsync the partial file and rename it to the final path (gzip'd deterministically when asked)."""
        assert self._fh is not None, "open() first"
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self.close()
        if self.final is None:
            return
        source = self.partial
        if self.compress:
            source = self.partial.with_name(self.partial.name + ".gz")
            with self.partial.open("rb") as src, source.open("wb") as raw:
                with gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as gz:
                    shutil.copyfileobj(src, gz, _BLOCK)
                raw.flush()
                os.fsync(raw.fileno())
        os.replace(source, self.final)
        if source != self.partial:
            self.partial.unlink()
        _fsync_dir(self.final.parent)


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _csv_value(text: str, kind: str) -> Any:
    if text == "":
        return None
    if kind == "integer":
        return int(text)
    if kind == "number":
        return float(text)
    if kind == "boolean":
        return text == "true"
    return text


def _arrow_schema(table: Table) -> Any:
    import pyarrow as pa

    types = {
        "string": pa.string(),
        "integer": pa.int64(),
        "number": pa.float64(),
        "boolean": pa.bool_(),
        "date": pa.date32(),
    }
    return pa.schema([pa.field(c.name, types[c.type], nullable=not c.required) for c in table.columns])


def require_pyarrow() -> None:
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise OutputError(
            "Parquet output needs pyarrow: pip install 'geodefence[parquet]' (or use --format csv)"
        ) from None


class _TableSink:
    """Rows of every table streamed to CSV files or Parquet row groups in one folder."""

    def __init__(self, folder: Path, fmt: str):
        self.folder = folder
        self.fmt = fmt
        self._files: list[IO[str]] = []
        self._csv: dict[str, Any] = {}
        self._buffers: dict[str, list[dict[str, Any]]] = {t.name: [] for t in TABLES}
        self._parquet: dict[str, Any] = {}
        folder.mkdir(parents=True)
        for table in TABLES:
            if fmt == "csv":
                fh = (folder / f"{table.name}.csv").open("w", encoding="utf-8", newline="")
                self._files.append(fh)
                writer = csv.writer(fh, lineterminator="\n")
                writer.writerow([c.name for c in table.columns])
                self._csv[table.name] = writer
            else:
                import pyarrow.parquet as pq

                self._parquet[table.name] = pq.ParquetWriter(folder / f"{table.name}.parquet", _arrow_schema(table))

    def add(self, rows: dict[str, list[dict[str, Any]]]) -> None:
        for table in TABLES:
            batch = rows[table.name]
            if not batch:
                continue
            if self.fmt == "csv":
                writer = self._csv[table.name]
                names = [c.name for c in table.columns]
                writer.writerows([_csv_cell(row.get(n)) for n in names] for row in batch)
            else:
                buffer = self._buffers[table.name]
                buffer.extend(batch)
                if len(buffer) >= _ROW_GROUP:
                    self._write_group(table)

    def _write_group(self, table: Table) -> None:
        import datetime as _dt

        import pyarrow as pa

        buffer = self._buffers[table.name]
        columns: dict[str, list[Any]] = {}
        for c in table.columns:
            values = [row.get(c.name) for row in buffer]
            if c.type == "date":
                values = [_dt.date.fromisoformat(v) if isinstance(v, str) else v for v in values]
            columns[c.name] = values
        self._parquet[table.name].write_table(pa.Table.from_pydict(columns, schema=_arrow_schema(table)))
        buffer.clear()

    def close(self) -> None:
        for fh in self._files:
            fh.close()
        for table in TABLES:
            if self.fmt == "parquet":
                if self._buffers[table.name]:
                    self._write_group(table)
                self._parquet[table.name].close()
        (self.folder / "datapackage.json").write_bytes(
            orjson.dumps(datapackage(self.fmt), option=orjson.OPT_INDENT_2) + b"\n"
        )


def _replace_folder(tmp: Path, final: Path) -> None:
    """Rename ``tmp`` to ``final``, replacing an empty folder or an earlier geodefence table folder."""
    if final.exists():
        if final.is_dir() and not any(final.iterdir()):
            final.rmdir()
        elif final.is_dir() and (final / "datapackage.json").exists():
            old = final.with_name(f".{final.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            os.replace(final, old)
            os.replace(tmp, final)
            shutil.rmtree(old, ignore_errors=True)
            _fsync_dir(final.parent)
            return
        else:
            raise OutputError(f"{final} exists and is not a geodefence table folder; choose another -o")
    os.replace(tmp, final)
    _fsync_dir(final.parent)


def check_table_folder(folder: Path) -> None:
    """Raise OutputError when ``folder`` exists and is not ours to replace (checked before a run)."""
    if folder.exists() and not (
        folder.is_dir() and (not any(folder.iterdir()) or (folder / "datapackage.json").exists())
    ):
        raise OutputError(f"{folder} exists and is not a geodefence table folder; choose another -o")


def write_tables(lines: Iterable[bytes], folder: Path, fmt: str) -> None:
    """Write Document JSON lines as tables (``csv`` or ``parquet``) plus datapackage.json, atomically."""
    if fmt not in ("csv", "parquet"):
        raise OutputError(f"unknown table format {fmt!r}; use csv or parquet")
    if fmt == "parquet":
        require_pyarrow()
    check_table_folder(folder)
    tmp = folder.with_name(f".{folder.name}.tables.partial")
    shutil.rmtree(tmp, ignore_errors=True)
    sink = _TableSink(tmp, fmt)
    try:
        for line in lines:
            if line.strip():
                sink.add(document_rows(orjson.loads(line)))
    finally:
        sink.close()
    _replace_folder(tmp, folder)


def _read_rows(folder: Path, table: Table, fmt: str) -> Iterator[dict[str, Any]]:
    if fmt == "csv":
        types = {c.name: c.type for c in table.columns}
        with (folder / f"{table.name}.csv").open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                yield {k: _csv_value(v, types[k]) for k, v in row.items()}
    else:
        require_pyarrow()
        import pyarrow.parquet as pq

        yield from pq.read_table(folder / f"{table.name}.parquet").to_pylist()


def read_tables(folder: str | os.PathLike[str]) -> list[Document]:
    """Reassemble the Documents from a table folder written by :func:`write_tables` (in output order).

    Loads every table into memory: meant for checking a round trip and for small outputs.
    ``folder`` is a path or a string.
    """
    root = Path(folder)
    package = orjson.loads((root / "datapackage.json").read_bytes())
    fmt = package["resources"][0]["format"]
    items: dict[str, dict[str, list[tuple[int, Any]]]] = {}  # table -> parent key -> [(ordinal, item)]
    docs: list[dict[str, Any]] = []
    for table in TABLES:
        for row in _read_rows(root, table, fmt):
            item = unflatten(row, table)
            if table.name == "documents":
                docs.append(item)
                continue
            key = row["record_id"] if table.kind is not None and table.parent != "documents" else row["doc_id"]
            if table.parent == "documents" and table.kind is not None:
                item = (row["id"], item)
            items.setdefault(table.name, {}).setdefault(key, []).append((row["ordinal"], item))
    out = []
    for doc in docs:
        doc_id = doc["doc_id"]
        for table in TABLES:
            if table.parent != "documents":
                continue
            entries = [item for _, item in sorted(items.get(table.name, {}).get(doc_id, []), key=lambda e: e[0])]
            if table.kind is None:
                doc[table.source] = entries
                continue
            records = []
            for rid, record in entries:
                for child in TABLES:
                    if child.parent == table.name:
                        kids = items.get(child.name, {}).get(rid, [])
                        record[child.source] = [v for _, v in sorted(kids, key=lambda e: e[0])]
                records.append(record)
            doc[table.source] = records
        out.append(Document.model_validate(doc))
    return out


__all__ = [
    "FORMATS",
    "JsonlOutput",
    "OutputError",
    "OutputLock",
    "check_output",
    "check_table_folder",
    "complete_lines",
    "fingerprint",
    "fingerprint_difference",
    "inputs_path",
    "iter_lines",
    "lock_path",
    "partial_path",
    "read_fingerprint",
    "read_tables",
    "require_pyarrow",
    "same_file",
    "write_error",
    "write_fingerprint",
    "write_tables",
]
