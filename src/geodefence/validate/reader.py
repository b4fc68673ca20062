"""Streaming readers for datasets: JSON Lines, JSON arrays, gzip, stdin.

Everything is read in fixed-size chunks, so a 1 GB file never sits in memory: JSON Lines are
split on newlines (a long line is joined from its parts once), and JSON arrays are cut into their
top-level items by a small scanner that only tracks brackets and strings. Each item comes with the
1-based line it starts on; decoding the JSON is left to the caller, so one malformed item never
stops the run.
"""

from __future__ import annotations

import gzip
import io
import re
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from geodefence.errors import InputError
from geodefence.streams import Prepended

CHUNK_SIZE = 1 << 20
"""Bytes read at a time: large enough for throughput, small enough to keep memory flat."""

MAX_ITEM_BYTES = 64 << 20
"""Longest JSON line held to be checked (64 MiB: a document with a 1,000,000-character text and
its records is a few MiB). A longer line is reported as ``too-large`` and read past, never held."""

STDIN = "-"
"""The path that means standard input."""

_GZIP_MAGIC = b"\x1f\x8b"
_BINARY_PROBE = 8192
"""NUL bytes in the first 8 KiB mark a binary (or UTF-16) file, which is not a JSON dataset."""

_BOM = b"\xef\xbb\xbf"
_NON_WS = re.compile(rb"[^ \t\r\n]")
_IN_VALUE = re.compile(rb'[\[\]{}",]')
_IN_STRING = re.compile(rb'["\\]')


class ReadError(InputError):
    """An input that cannot be read (any further): missing, binary, truncated or corrupt."""


@dataclass(frozen=True)
class RawItem:
    """One undecoded item of a dataset: the bytes of a line or array element, and where it starts."""

    line: int
    data: bytes
    oversize: int = 0
    """Bytes of a line longer than :data:`MAX_ITEM_BYTES` (then ``data`` is empty); 0 otherwise."""



def display_name(path: str | Path) -> str:
    """The name used in messages: ``<stdin>`` for ``-``, else the path as given."""
    return "<stdin>" if str(path) == STDIN else str(path)


def _open(path: str | Path) -> io.BufferedIOBase:
    """Open a path (or stdin) for binary reading, transparently decompressing gzip."""
    name = display_name(path)
    if str(path) == STDIN:
        if sys.stdin is None:  # started with stdin closed (`geodefence validate - <&-`)
            raise ReadError("standard input is closed; pipe the dataset in", file=name)
        raw: BinaryIO = sys.stdin.buffer
    else:
        p = Path(path)
        if p.is_dir():
            raise ReadError("is a directory, not a dataset file", file=name)
        try:
            raw = p.open("rb")
        except FileNotFoundError:
            raise ReadError("no such file", file=name) from None
        except OSError as exc:
            raise ReadError(f"cannot open: {exc.strerror or exc}", file=name) from None
    magic = raw.read(2)
    stream: io.BufferedIOBase = io.BufferedReader(Prepended(magic, raw), CHUNK_SIZE)
    if magic == _GZIP_MAGIC:
        stream = gzip.GzipFile(fileobj=stream, mode="rb")
    return stream


def _chunks(stream: io.BufferedIOBase, name: str, progress: list[int]) -> Iterator[bytes]:
    """Chunks of the (decompressed) stream; read failures become :class:`ReadError`.

    ``progress[0]`` is the last complete line handed out, so a truncation error can say how far
    the reading got.
    """
    while True:
        try:
            chunk = stream.read1(CHUNK_SIZE)  # read1: a truncated gzip still yields what precedes the cut
        except EOFError:
            raise ReadError(
                f"truncated gzip stream: input ends after line {progress[0]}; the lines before were checked",
                file=name,
                line=progress[0] or None,
            ) from None
        except (gzip.BadGzipFile, zlib.error) as exc:
            raise ReadError(
                f"corrupt gzip stream after line {progress[0]}: {exc}", file=name, line=progress[0] or None
            ) from None
        except OSError as exc:
            raise ReadError(f"read failed after line {progress[0]}: {exc}", file=name) from None
        if not chunk:
            return
        yield chunk


def iter_raw(path: str | Path, *, array: bool | None = None) -> Iterator[RawItem]:
    """Yield the items of one dataset file without decoding them.

    ``array`` forces JSON-array/concatenated-JSON scanning (True) or JSON Lines (False); by
    default a ``.json`` file, or any input whose first byte is ``[``, is scanned as JSON and
    everything else is read as JSON Lines. Raises :class:`ReadError` for an unreadable input,
    possibly after yielding the items read before the failure.
    """
    name = display_name(path)
    stream = _open(path)
    progress = [0]
    try:
        chunks = _chunks(stream, name, progress)
        head = b""
        for chunk in chunks:  # the probe: at least 8 KiB (or the whole input) to sniff the format
            head += chunk
            if len(head) >= _BINARY_PROBE:
                break
        if head.startswith(_BOM):  # editors on Windows write one; it is not part of the JSON
            head = head[len(_BOM) :]
        if b"\x00" in head[:_BINARY_PROBE]:
            raise ReadError("binary file (NUL bytes), not JSON or JSON Lines", file=name)
        if array is None:
            suffixes = [s.lower() for s in Path(str(path)).suffixes]
            if suffixes and suffixes[-1] == ".gz":
                suffixes.pop()
            first = _NON_WS.search(head)
            array = (bool(suffixes) and suffixes[-1] == ".json") or (first is not None and head[first.start()] == 0x5B)
        body = _chain(head, chunks)
        if array:
            yield from _scan_json(body, name, progress)
        else:
            yield from _split_lines(body, progress)
    finally:
        if str(path) != STDIN:
            stream.close()


def _chain(head: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    if head:
        yield head
    yield from rest


def _split_lines(chunks: Iterator[bytes], progress: list[int], limit: int = MAX_ITEM_BYTES) -> Iterator[RawItem]:
    """JSON Lines: every non-blank line is an item. Parts of a long line are joined once.

    A line longer than ``limit`` is not joined: its parts are counted and dropped, and it comes
    out as an item with ``oversize`` set, so memory stays bounded however long one line is.
    """
    line = 0
    tail: list[bytes] = []
    held = 0  # bytes in tail
    skipped = 0  # bytes of an oversize line read past so far (0: not in one)
    for chunk in chunks:
        if b"\n" not in chunk:
            if skipped:
                skipped += len(chunk)
                continue
            tail.append(chunk)
            held += len(chunk)
            if held > limit:
                skipped, tail, held = held, [], 0
            continue
        lines = chunk.split(b"\n")
        first = lines[0]
        rest_start = 0
        if skipped:
            line += 1
            progress[0] = line
            yield RawItem(line, b"", oversize=skipped + len(first))
            skipped = 0
            rest_start = 1
        elif tail:
            tail.append(first)
            lines[0] = b"".join(tail)
        tail = [lines.pop()]
        held = len(tail[0])
        for data in lines[rest_start:]:
            line += 1
            progress[0] = line
            if len(data) > limit:
                yield RawItem(line, b"", oversize=len(data))
            elif data.strip():
                yield RawItem(line, data)
    if skipped:
        yield RawItem(line + 1, b"", oversize=skipped)
        progress[0] = line + 1
        return
    last = b"".join(tail)
    if len(last) > limit:
        yield RawItem(line + 1, b"", oversize=len(last))
        progress[0] = line + 1
    elif last.strip():
        yield RawItem(line + 1, last)
        progress[0] = line + 1


def _scan_json(
    chunks: Iterator[bytes], name: str, progress: list[int], limit: int | None = MAX_ITEM_BYTES
) -> Iterator[RawItem]:
    """Cut a JSON array (or a sequence of concatenated JSON values) into its top-level items.

    Only brackets, commas and strings are tracked; each item's bytes are decoded later, so a
    broken item is reported on its own line and the scan goes on. An item longer than ``limit``
    is scanned to its end but not held: it comes out with ``oversize`` set. Raises
    :class:`ReadError` when the array is not closed or data follows it.
    """
    line = 1  # line of position `counted` in the current chunk
    started = closed = in_array = False
    in_value = in_string = escape = False
    depth = 0
    value_line = 0
    parts: list[bytes] = []
    held = 0  # bytes in parts
    over = 0  # bytes of an item found too long, read past so far (0: not too long)
    value_start = 0
    for chunk in chunks:
        n = len(chunk)
        pos = counted = 0
        if in_value:
            value_start = 0
        while pos < n:
            if in_string:
                if escape:
                    escape = False
                    pos += 1
                    continue
                m = _IN_STRING.search(chunk, pos)
                if m is None:
                    pos = n
                    break
                p = m.start()
                if chunk[p] == 0x5C:  # backslash: skip the escaped byte
                    if p + 1 < n:
                        pos = p + 2
                    else:
                        escape = True
                        pos = n
                else:
                    in_string = False
                    pos = p + 1
                continue
            if not in_value:
                m = _NON_WS.search(chunk, pos)
                if m is None:
                    break
                p = m.start()
                c = chunk[p]
                line += chunk.count(b"\n", counted, p)
                counted = p
                if closed:
                    raise ReadError("data after the end of the JSON array", file=name, line=line)
                if not started and c == 0x5B:  # '[' opens the dataset array
                    started = in_array = True
                    pos = p + 1
                    continue
                started = True
                if in_array and c == 0x2C:  # ',' between items
                    pos = p + 1
                    continue
                if in_array and c == 0x5D:  # ']' closes the array
                    closed = True
                    pos = p + 1
                    continue
                if c in (0x2C, 0x5D, 0x7D):  # a stray ',' ']' '}' outside an array: one malformed item
                    pos = p + 1
                    progress[0] = line
                    yield RawItem(line, chunk[p : p + 1])
                    continue
                in_value = True
                value_start = pos = p
                value_line = line
                depth = 0
                parts = []
                held = over = 0
                continue
            m = _IN_VALUE.search(chunk, pos)
            if m is None:
                pos = n
                break
            p = m.start()
            c = chunk[p]
            end = -1
            if c == 0x22:  # '"'
                in_string = True
                pos = p + 1
            elif c in (0x5B, 0x7B):  # '[' '{'
                depth += 1
                pos = p + 1
            elif c in (0x5D, 0x7D):  # ']' '}'
                if depth == 0:  # the array's own ']' ends a scalar item
                    end = pos = p
                else:
                    depth -= 1
                    pos = p + 1
                    if depth == 0:
                        end = p + 1
            else:  # ','
                if depth == 0:
                    end = pos = p
                else:
                    pos = p + 1
            if end >= 0:
                size = over + held + end - value_start
                data = b"" if over else b"".join([*parts, chunk[value_start:end]])
                parts = []
                in_value = False
                line += chunk.count(b"\n", counted, end)
                counted = end
                progress[0] = line
                if over or (limit is not None and size > limit):
                    yield RawItem(value_line, b"", oversize=size)
                else:
                    yield RawItem(value_line, data.strip())
        if in_value:
            if over:
                over += n - value_start
            else:
                parts.append(chunk[value_start:])
                held += n - value_start
                if limit is not None and held > limit:  # too long to hold: count the rest
                    over, parts, held = held, [], 0
        line += chunk.count(b"\n", counted)
    if in_value:
        data = b"".join(parts).strip()
        if in_array or depth or in_string:
            raise ReadError(
                f"JSON ends inside the item starting on line {value_line} (truncated or unbalanced brackets)",
                file=name,
                line=value_line,
            )
        progress[0] = line
        yield RawItem(value_line, b"", oversize=over) if over else RawItem(value_line, data)
    elif in_array and not closed:
        raise ReadError("JSON array is not closed (missing ']')", file=name, line=line)
