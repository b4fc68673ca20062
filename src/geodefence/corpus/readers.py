"""Streaming readers for article corpora: .txt files, folders, JSON Lines, CSV, gzip, stdin.

Every input document becomes exactly one :class:`InputItem`, in a deterministic order, and the
corpus is never held in memory: files are opened one at a time and read line by line. A fault in
the input (malformed JSON, a line that is not an object, a missing or empty text, a truncated gzip
member, a file that vanished) becomes an item carrying an error, so the run goes on and the
output still has one line per input. Invalid UTF-8 is decoded with replacement characters and the
item carries an ``invalid_utf8`` warning; a byte-order mark is dropped.
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import sys
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, cast

import orjson

STDIN = "-"
"""The path that means standard input (read as JSON Lines)."""

SUFFIXES = (".txt", ".jsonl", ".csv")
"""Input formats, by file suffix; each may also be gzip'd (``.jsonl.gz``)."""

_BOM = b"\xef\xbb\xbf"
_GZIP_ERRORS = (EOFError, zlib.error, gzip.BadGzipFile)
"""What a truncated or corrupt gzip member raises while it is being read."""

csv.field_size_limit(2**31 - 1)  # an article is one CSV field; the default 128 KiB limit would cut long ones


@dataclass(frozen=True)
class Fields:
    """Which JSON keys (or CSV columns) hold the text, id, publication date and source."""

    text: str = "text"
    id: str = "id"
    published: str = "published"
    source: str = "source"


@dataclass
class InputItem:
    """One input document as read, before extraction; plain data so it pickles cheaply.

    ``error`` is ``(code, message)`` when the input could not be read as a document; ``warnings``
    are ``(code, message)`` pairs for faults that were worked around.
    """

    doc_id: str
    text: str | None = None
    published: str | None = None
    source: str | None = None
    file: str | None = None
    line: int | None = None
    warnings: list[tuple[str, str]] = field(default_factory=list)
    error: tuple[str, str] | None = None

    def to_dict(self) -> dict[str, Any]:
        """The item as the plain dict that :mod:`geodefence.dask` partitions carry."""
        return {
            "id": self.doc_id,
            "text": self.text,
            "published": self.published,
            "source": self.source,
            "file": self.file,
            "line": self.line,
            "warnings": [list(w) for w in self.warnings],
            "error": list(self.error) if self.error else None,
        }

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> InputItem:
        """An item from a ``{id, text, published, source}`` dict (extra keys as in :meth:`to_dict`)."""
        error = record.get("error")
        published = record.get("published")
        line = record.get("line")
        text = record.get("text")
        if not error:
            if text is None or text != text:  # None, or NaN from a pandas frame
                error = ["missing_text", "no text"]
            elif not isinstance(text, str):
                error = ["invalid_text", f"text is a {type(text).__name__}, not a string"]
            elif not text.strip():
                error = ["empty_text", "text is empty"]
        return cls(
            doc_id=_str_or_none(record.get("id")) or "",
            text=text if isinstance(text, str) else None,
            published=_str_or_none(published),
            source=_str_or_none(record.get("source")),
            file=_str_or_none(record.get("file")),
            line=int(line) if line is not None else None,
            warnings=[(str(c), str(m)) for c, m in record.get("warnings") or []],
            error=(str(error[0]), str(error[1])) if error else None,
        )


def _str_or_none(value: object) -> str | None:
    """A JSON scalar as a string (ids may be numbers); None, NaN and empty strings as None."""
    if value is None or value != value:  # NaN (a missing cell in pandas) is the only value unequal to itself
        return None
    text = str(value)
    return text or None


def _kind(path: Path) -> str | None:
    """The input format of a file from its name ('txt', 'jsonl', 'csv'), or None when it is not one."""
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            return suffix[1:]
    return None


def _stem(path: Path) -> str:
    """The document id of a .txt file: its name without .txt (and .gz)."""
    name = path.name[:-3] if path.name.lower().endswith(".gz") else path.name
    return name[:-4] if name.lower().endswith(".txt") else Path(name).stem


def expand(paths: Sequence[str | Path]) -> list[str]:
    """The input files, in order: each argument in turn, a folder as its inputs in sorted path order.

    Only the file names are listed (never their contents). A missing argument raises
    FileNotFoundError (a usage error); a file argument with another suffix is read as JSON Lines.
    """
    out: list[str] = []
    for raw in paths:
        if str(raw) == STDIN:
            out.append(STDIN)
            continue
        path = Path(raw)
        if path.is_dir():
            out.extend(str(p) for p in sorted(path.rglob("*")) if p.is_file() and _kind(p) is not None)
        elif path.exists():
            out.append(str(path))
        else:
            raise FileNotFoundError(f"no such file or folder: {raw}")
    return out


def input_bytes(files: Iterable[str]) -> int | None:
    """Total size of the input files (what the progress bar measures), None when stdin is read."""
    total = 0
    for name in files:
        if name == STDIN:
            return None
        try:
            total += Path(name).stat().st_size
        except OSError:
            continue
    return total


class Corpus:
    """The documents of a list of files, read lazily; ``bytes_read`` tracks progress through them."""

    def __init__(self, paths: Sequence[str | Path], fields: Fields | None = None, stdin: BinaryIO | None = None):
        self.files = expand(paths)
        self.fields = fields or Fields()
        self.total_bytes = input_bytes(self.files)
        self.bytes_read = 0
        self._stdin = stdin

    def __iter__(self) -> Iterator[InputItem]:
        self.bytes_read = 0
        for name in self.files:
            yield from self._read_file(name)

    def _read_file(self, name: str) -> Iterator[InputItem]:
        """The items of one file; a file that cannot be opened is one error item naming it."""
        if name == STDIN:
            yield from _jsonl_items(self._stdin or sys.stdin.buffer, "<stdin>", self.fields)
            return
        path = Path(name)
        kind = _kind(path) or "jsonl"
        try:
            raw = path.open("rb")
        except OSError as exc:
            missing = isinstance(exc, FileNotFoundError)
            yield InputItem(
                doc_id=_stem(path) if kind == "txt" else name,
                file=name,
                error=(
                    "file_missing" if missing else "unreadable_file",
                    f"{name}: {'vanished before it was read' if missing else exc.strerror}",
                ),
            )
            return
        done = self.bytes_read
        with raw:
            gz = path.name.lower().endswith(".gz")
            stream = cast(BinaryIO, gzip.GzipFile(fileobj=raw, mode="rb")) if gz else cast(BinaryIO, raw)
            if kind == "txt":
                items: Iterator[InputItem] = iter([_txt_item(stream, path, name)])
            elif kind == "csv":
                items = _csv_items(stream, name, self.fields)
            else:
                items = _jsonl_items(stream, name, self.fields)
            for item in items:
                with contextlib.suppress(OSError, ValueError):
                    self.bytes_read = done + raw.tell()
                yield item


def read_corpus(paths: Sequence[str | Path], fields: Fields | None = None) -> Iterator[InputItem]:
    """Every document of the given files and folders, in order (see :class:`Corpus`)."""
    return iter(Corpus(paths, fields))


def decode(data: bytes, where: str, warnings: list[tuple[str, str]]) -> str:
    """UTF-8 text without a BOM; invalid bytes become U+FFFD and add an 'invalid_utf8' warning."""
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        warnings.append(
            ("invalid_utf8", f"{where}: invalid UTF-8 at byte {exc.start}; undecodable bytes replaced with U+FFFD")
        )
        return data.decode("utf-8", errors="replace")


def _txt_item(stream: BinaryIO, path: Path, name: str) -> InputItem:
    """A whole .txt file as one document (id = file stem).

    The text is the file's decoded content as is (CRLF kept): evidence offsets must point into
    the file a user will open, and the extractor's normaliser treats '\\r' as a space.
    """
    warnings: list[tuple[str, str]] = []
    try:
        data = stream.read()
    except _GZIP_ERRORS as exc:
        return InputItem(doc_id=_stem(path), file=name, error=("truncated_gzip", f"{name}: {exc}"))
    except OSError as exc:
        return InputItem(doc_id=_stem(path), file=name, error=("unreadable_file", f"{name}: {exc}"))
    text = decode(data, name, warnings)
    item = InputItem(doc_id=_stem(path), text=text, source=name, file=name, warnings=warnings)
    if not text.strip():
        item.error = ("empty_text", f"{name}: the file holds no text")
    return item


def _lines(stream: BinaryIO, name: str) -> Iterator[tuple[int, bytes | None, str | None]]:
    """(line number, bytes without the line ending, None) for each line, then (n, None, reason) on a gzip fault."""
    number = 0
    try:
        for number, raw in enumerate(stream, start=1):
            line = raw[:-1] if raw.endswith(b"\n") else raw
            if line.endswith(b"\r"):
                line = line[:-1]
            if number == 1 and line.startswith(_BOM):
                line = line[len(_BOM) :]
            yield number, line, None
    except _GZIP_ERRORS as exc:
        yield number + 1, None, f"{name}: gzip data truncated or corrupt after line {number}: {exc}"


def _jsonl_items(stream: BinaryIO, name: str, fields: Fields) -> Iterator[InputItem]:
    """One item per non-blank line of a JSON Lines stream."""
    for number, line, fault in _lines(stream, name):
        where = f"{name}:{number}"
        if line is None:
            yield InputItem(doc_id=where, file=name, line=number, error=("truncated_gzip", fault or where))
            return
        if not line.strip():
            continue
        warnings: list[tuple[str, str]] = []
        text = decode(line, where, warnings)
        try:
            obj = orjson.loads(text)
        except orjson.JSONDecodeError as exc:
            yield InputItem(
                doc_id=where, file=name, line=number, warnings=warnings, error=("invalid_json", f"{where}: {exc}")
            )
            continue
        yield _from_mapping(obj, where, name, number, fields, warnings)


def _from_mapping(
    obj: object, where: str, name: str, number: int, fields: Fields, warnings: list[tuple[str, str]]
) -> InputItem:
    """An item from one parsed JSON line or CSV row, checking the text, id and date fields."""
    if not isinstance(obj, dict):
        kind = "array" if isinstance(obj, list) else type(obj).__name__
        return InputItem(
            doc_id=where,
            file=name,
            line=number,
            warnings=warnings,
            error=("not_an_object", f"{where}: expected a JSON object, found {kind}"),
        )
    doc_id = _str_or_none(obj.get(fields.id)) or where
    item = InputItem(
        doc_id=doc_id,
        source=_str_or_none(obj.get(fields.source)),
        file=name,
        line=number,
        warnings=warnings,
    )
    text = obj.get(fields.text)
    published = obj.get(fields.published)
    if text is None:
        item.error = ("missing_text", f"{where}: no text in field {fields.text!r}")
    elif not isinstance(text, str):
        item.error = ("invalid_text", f"{where}: field {fields.text!r} is a {type(text).__name__}, not a string")
    elif not text.strip():
        item.error = ("empty_text", f"{where}: field {fields.text!r} is empty")
    elif published is not None and not isinstance(published, str):
        item.error = ("invalid_date", f"{where}: field {fields.published!r} is not an ISO date string")
    else:
        item.text = text
        item.published = published or None
    return item


def _csv_items(stream: BinaryIO, name: str, fields: Fields) -> Iterator[InputItem]:
    """One item per row of a CSV file with a header row (a quoted field may span lines)."""
    bad_lines: list[int] = []
    faults: list[str] = []

    def text_lines() -> Iterator[str]:
        for number, line, fault in _lines(stream, name):
            if line is None:
                faults.append(fault or name)
                return
            try:
                yield line.decode("utf-8") + "\n"
            except UnicodeDecodeError:
                bad_lines.append(number)
                yield line.decode("utf-8", errors="replace") + "\n"

    reader = csv.reader(text_lines())
    try:
        header = next(reader)
    except StopIteration:
        header = []
    except csv.Error as exc:
        yield InputItem(doc_id=f"{name}:1", file=name, line=1, error=("invalid_csv", f"{name}:1: {exc}"))
        return
    bad_lines.clear()
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            where = f"{name}:{start}"
            yield InputItem(doc_id=where, file=name, line=start, error=("invalid_csv", f"{where}: {exc}"))
            continue
        if not any(cell.strip() for cell in row):
            continue
        where = f"{name}:{start}"
        warnings: list[tuple[str, str]] = []
        if bad_lines:
            warnings.append(("invalid_utf8", f"{where}: invalid UTF-8; undecodable bytes replaced with U+FFFD"))
            bad_lines.clear()
        yield _from_mapping(dict(zip(header, row, strict=False)), where, name, start, fields, warnings)
    if faults:
        number = reader.line_num + 1
        yield InputItem(doc_id=f"{name}:{number}", file=name, line=number, error=("truncated_gzip", faults[0]))


def batched(items: Iterable[InputItem], size: int) -> Iterator[list[InputItem]]:
    """Consecutive lists of ``size`` items (the last may be shorter), pulled lazily."""
    chunk: list[InputItem] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


__all__ = ["STDIN", "Corpus", "Fields", "InputItem", "batched", "decode", "expand", "read_corpus"]
