"""Streaming readers for article corpora: .txt and .html files, folders, JSON Lines, JSON, CSV, gzip, stdin.

Every input document becomes exactly one :class:`InputItem`, in a deterministic order, and the
corpus is never held in memory: files are opened one at a time and read line by line. A fault in
the input (malformed JSON, a line that is not an object, a missing or empty text, a truncated gzip
member, a file that vanished) becomes an item carrying an error, so the run goes on and the
output still has one line per input. Invalid UTF-8 is decoded with replacement characters and the
item carries an ``invalid_utf8`` warning; a byte-order mark is dropped.

Document ids are unique within a corpus. A .txt file is named by its stem, or where stems collide
by its path relative to the folder given (``a/story``, ``b/story``); a repeated id from JSON Lines
or CSV makes the repeat an error item (``duplicate_id``) with its location as id. A folder is read
without geodefence's own output inside it (JSON Lines whose first line is a Document, table
folders, partial files of a run), so ``-o`` inside an input folder is never read back.

Standard input is JSON Lines when its first non-blank character is ``{``, a JSON array when it is
``[``, and otherwise one plain-text document. A ``.json`` file is a JSON array (or one object).
A folder may hold a sidecar ``metadata.csv`` (or ``metadata.jsonl``) with columns ``id``,
``published`` and ``source`` that gives its .txt and .html files their dates and sources; a
``published`` date from any input is read in the common formats (:mod:`geodefence.corpus.dates`),
and one that cannot be read becomes an ``invalid_date`` warning and a null date, never a lost
document. A path that does not exist but holds ``*``, ``?`` or ``[`` is a glob pattern.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import glob
import gzip
import hashlib
import io
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, cast

import orjson

from geodefence.corpus.dates import ACCEPTED, read_published
from geodefence.errors import InputError
from geodefence.streams import Prepended

STDIN = "-"
"""The path that means standard input (JSON Lines, a JSON array or plain text, by its first non-blank character)."""

SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".json", ".csv")
"""Input formats, by file suffix; each may also be gzip'd (``.jsonl.gz``)."""

FOLDER_KINDS = frozenset({"txt", "html", "jsonl", "csv"})
"""The formats read from a folder (a ``.json`` file is read only when named: folders hold other JSON)."""

TEXT_KINDS = frozenset({"txt", "html"})
"""Formats whose whole file is one document, named by its stem (HTML is detected and stripped by the extractor)."""

INPUT_FORMATS = ("auto", "jsonl", "json", "text", "html", "csv")
"""``--input-format`` values: ``auto`` reads each file by its suffix and stdin by its first character."""

SIDECARS = ("metadata.csv", "metadata.jsonl")
"""Names of the file beside a folder's documents that gives their ``published`` and ``source`` by ``id``."""

_GLOB_CHARS = re.compile(r"[*?\[]")

_BOM = b"\xef\xbb\xbf"
_GZIP_ERRORS = (EOFError, zlib.error, gzip.BadGzipFile)
"""What a truncated or corrupt gzip member raises while it is being read."""

_OUTPUT_HEAD = b'{"schema_version":'
"""How every line geodefence writes begins (a Document's first field): marks its output in a folder."""
_TABLES_NAME = re.compile(rb'"name"\s*:\s*"geodefence-records"')
"""The name in the datapackage.json of a table folder geodefence wrote."""
_RUN_FOLDER = re.compile(r"^\..+\.(?:tables\.partial|old)$")
"""Hidden folders a table run leaves beside its output (being written, or being replaced)."""

csv.field_size_limit(2**31 - 1)  # an article is one CSV field; the default 128 KiB limit would cut long ones


@dataclass(frozen=True)
class Limits:
    """Bytes of one input held in memory at once, so a huge line or file cannot exhaust it.

    The extractor reads at most ``max_chars`` characters of a text, so more is never needed: a
    text file is read up to 4 bytes per character (UTF-8's widest) and cut there (the extractor
    then cuts at a sentence boundary and says so); a JSON line may hold 8 bytes per character
    (escapes such as ``\\u00e9``) plus 1 MiB for its other fields, and a longer one is skipped, as an
    error record, without being held. A JSON array element and a CSV row have the same limit.
    """

    text_bytes: int | None = None
    line_bytes: int | None = None
    max_chars: int | None = None

    @classmethod
    def of(cls, max_chars: int | None) -> Limits:
        """The limits for an extractor that reads ``max_chars`` characters (None: no limit)."""
        if max_chars is None:
            return cls()
        return cls(text_bytes=4 * max_chars + 4, line_bytes=8 * max_chars + (1 << 20), max_chars=max_chars)


NO_LIMITS = Limits()


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
        """An item from a ``{id, text, published, source}`` dict (extra keys as in :meth:`to_dict`).

        ``published`` is read as :class:`Corpus` reads it: common formats accepted, an unreadable
        date a warning and None.
        """
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
        item = cls(
            doc_id=_str_or_none(record.get("id")) or "",
            text=text if isinstance(text, str) else None,
            published=_str_or_none(published),
            source=_str_or_none(record.get("source")),
            file=_str_or_none(record.get("file")),
            line=int(line) if line is not None else None,
            warnings=[(str(c), str(m)) for c, m in record.get("warnings") or []],
            error=(str(error[0]), str(error[1])) if error else None,
        )
        return normalise_published(item)


def _str_or_none(value: object) -> str | None:
    """A JSON scalar as a string (ids may be numbers); None, NaN and empty strings as None."""
    if value is None or value != value:  # NaN (a missing cell in pandas) is the only value unequal to itself
        return None
    text = str(value)
    return text or None


def _kind(path: Path) -> str | None:
    """The input format of a file from its name ('txt', 'html', 'jsonl', 'json', 'csv'), or None when it is not one."""
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            return "html" if suffix == ".htm" else suffix[1:]
    return None


def _stem(path: Path) -> str:
    """The document id of a .txt or .html file: its name without .txt, .html or .htm (and .gz)."""
    name = path.name[:-3] if path.name.lower().endswith(".gz") else path.name
    for suffix in (".txt", ".html", ".htm"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return Path(name).stem


@dataclass(frozen=True)
class Listing:
    """The input files in order, the folder argument each was found in, and what was left out."""

    files: list[str]
    roots: list[str | None]
    """The folder argument a file was found under; None for a file (or stdin) named directly."""
    skipped: list[str]
    """Files of earlier geodefence output found in a folder and not read (named ones are read)."""
    sidecars: dict[str, str] = field(default_factory=dict)
    """Folder argument -> its sidecar metadata file (not read as an input)."""
    unreadable: dict[str, str] = field(default_factory=dict)
    """Folders that could not be listed (also in ``files``, where each is one error item) -> why."""


def _is_output(path: Path) -> bool:
    """Whether a JSON Lines file found in a folder is geodefence output: its first line is a Document."""
    try:
        with path.open("rb") as raw:
            if path.name.lower().endswith(".gz"):
                with gzip.GzipFile(fileobj=raw, mode="rb") as gz:
                    head = gz.read(len(_OUTPUT_HEAD))
            else:
                head = raw.read(len(_OUTPUT_HEAD))
    except (OSError, *_GZIP_ERRORS):
        return False  # read (and reported) as an input
    return head == _OUTPUT_HEAD


def _is_run_folder(folder: Path) -> bool:
    """A table folder geodefence wrote (its datapackage.json names it), or one a table run is writing."""
    if _RUN_FOLDER.match(folder.name):
        return True
    try:
        with (folder / "datapackage.json").open("rb") as fh:
            head = fh.read(512)
    except OSError:
        return False
    return _TABLES_NAME.search(head) is not None


def _walk(folder: Path, unreadable: dict[str, str]) -> list[Path]:
    """Every path under ``folder`` in sorted path order; a folder that cannot be listed is kept with its reason."""
    found: list[Path] = []

    def failed(exc: OSError) -> None:
        where = str(exc.filename or folder)
        unreadable[where] = exc.strerror or str(exc)
        if Path(where) == folder:  # a subfolder is already listed by its parent
            found.append(folder)

    for top, dirs, files in os.walk(folder, onerror=failed):
        base = Path(top)
        found.extend(base / name for name in dirs)
        found.extend(base / name for name in files)
    return sorted(found)


def _folder_files(folder: Path, skipped: list[str], unreadable: dict[str, str] | None = None) -> list[str]:
    """The input files under ``folder`` in sorted path order, without geodefence's own output.

    A subfolder that cannot be listed (no permission) is listed itself, and named in ``unreadable``
    with the reason, so the reader makes it an error item instead of leaving its files out unsaid.
    """
    unreadable = {} if unreadable is None else unreadable
    verdicts: dict[Path, bool] = {}

    def inside_run_folder(path: Path) -> bool:
        parent = path.parent
        if parent == folder:
            return False
        if parent not in verdicts:
            verdicts[parent] = inside_run_folder(parent) or _is_run_folder(parent)
        return verdicts[parent]

    out: list[str] = []
    sidecars = {folder / name for name in SIDECARS}
    for path in _walk(folder, unreadable):
        if str(path) in unreadable:
            out.append(str(path))
            continue
        kind = _kind(path)
        if kind not in FOLDER_KINDS or path in sidecars or not path.is_file() or inside_run_folder(path):
            continue
        if kind == "jsonl" and _is_output(path):
            skipped.append(str(path))
            continue
        out.append(str(path))
    return out


def list_inputs(paths: Sequence[str | Path]) -> Listing:
    """The input files, in order: each argument in turn, a folder as its inputs in sorted path order.

    Only the file names are listed, and of JSON Lines files in folders the first bytes, to leave out
    geodefence's own output (see :class:`Listing`). A missing argument raises FileNotFoundError (a
    usage error), unless it is a glob pattern (``news/*.jsonl``) that matches something; a file
    argument with another suffix is read as JSON Lines.
    """
    files: list[str] = []
    roots: list[str | None] = []
    skipped: list[str] = []
    sidecars: dict[str, str] = {}
    unreadable: dict[str, str] = {}
    for raw in paths:
        if str(raw) == STDIN:
            files.append(STDIN)
            roots.append(None)
            continue
        for path in _expand_glob(str(raw)):
            if path.is_dir():
                found = _folder_files(path, skipped, unreadable)
                files.extend(found)
                roots.extend([str(path)] * len(found))
                sidecar = next((path / n for n in SIDECARS if (path / n).is_file()), None)
                if sidecar is not None:
                    sidecars[str(path)] = str(sidecar)
            else:
                files.append(str(path))
                roots.append(None)
    return Listing(files, roots, skipped, sidecars, unreadable)


def _expand_glob(raw: str) -> list[Path]:
    """``raw`` itself when it exists, else the sorted matches of it as a glob pattern; FileNotFoundError when neither."""
    path = Path(raw)
    if path.exists():
        return [path]
    if _GLOB_CHARS.search(raw):
        matches = sorted(glob.glob(raw, recursive=True))
        if matches:
            return [Path(m) for m in matches]
        raise FileNotFoundError(f"no file matches {raw}")
    raise FileNotFoundError(f"no such file or folder: {raw}")


def expand(paths: Sequence[str | Path]) -> list[str]:
    """The input files, in order (see :func:`list_inputs`)."""
    return list_inputs(paths).files


def _without_suffix(path: Path) -> str:
    """``path`` as a POSIX string without its .txt (and .gz) suffix."""
    return (path.parent / _stem(path)).as_posix()


def txt_ids(listing: Listing) -> dict[str, str]:
    """The document id of every .txt file: its stem, unless another .txt file has the same stem.

    Colliding stems give the path relative to the folder argument without the suffix
    (``a/story``); a file named directly gives its path as written. Where those collide too
    (``story.txt`` in two folder arguments) the path as listed is taken, without the suffix,
    then with it (``story.txt`` and ``story.txt.gz`` in one folder). The same file listed twice
    keeps one id, and the reader makes the repeat an error item.
    """
    txt = [(name, root) for name, root in zip(listing.files, listing.roots, strict=True) if name != STDIN]
    txt = [(name, root) for name, root in txt if _kind(Path(name)) in TEXT_KINDS]

    def candidates(name: str, root: str | None) -> tuple[str, ...]:
        path = Path(name)
        rel = path.relative_to(root) if root is not None else path
        return _stem(path), _without_suffix(rel), _without_suffix(path), rel.as_posix(), path.as_posix()

    ids: dict[str, str] = {}
    pending = txt
    for step in range(5):
        proposed = {name: candidates(name, root)[step] for name, root in pending}
        counts: dict[str, int] = {}
        for doc_id in proposed.values():
            counts[doc_id] = counts.get(doc_id, 0) + 1
        ids.update(proposed)
        pending = [(name, root) for name, root in pending if counts[proposed[name]] > 1]
    return ids


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
    """The documents of a list of files, read lazily; ``bytes_read`` tracks progress through them.

    ``published`` is the publication date of every document that does not give its own (in its
    JSON or CSV field, or in its folder's sidecar metadata file).
    """

    def __init__(
        self,
        paths: Sequence[str | Path],
        fields: Fields | None = None,
        stdin: BinaryIO | None = None,
        *,
        published: str | None = None,
        input_format: str = "auto",
        published_from_name: re.Pattern[str] | None = None,
        max_chars: int | None = None,
    ):
        if input_format not in INPUT_FORMATS:
            raise ValueError(f"input format {input_format!r}: choose from {', '.join(INPUT_FORMATS)}")
        listing = list_inputs(paths)
        self.files = listing.files
        self.skipped = listing.skipped
        """Earlier geodefence output found in input folders and not read."""
        self.fields = fields or Fields()
        self.total_bytes = input_bytes(self.files)
        self.bytes_read = 0
        self.published = published
        self.input_format = input_format
        """How every input is read: ``auto`` (by suffix; stdin by its first character) or one format for all."""
        self.published_from_name = published_from_name
        """A pattern whose match in a file's path gives the date of its documents that have none of their own."""
        self.limits = Limits.of(max_chars)
        """How much of one text or one JSON line is held in memory (from the extractor's ``max_chars``)."""
        self._stdin = stdin
        self._txt_ids = txt_ids(listing)
        self._metadata = _sidecar_metadata(listing)
        self._unreadable = listing.unreadable

    def __iter__(self) -> Iterator[InputItem]:
        self.bytes_read = 0
        seen = _SeenIds()
        for index, name in enumerate(self.files):
            for item in self._read_file(name):
                meta = self._metadata.get(name)
                if meta is not None and item.error is None:
                    item.published = meta[0] or item.published
                    item.source = meta[1] or item.source
                if item.published is None and item.error is None and self.published_from_name is not None:
                    item.published = date_from_name(self.published_from_name, name)
                if item.published is None and item.error is None:
                    item.published = self.published
                yield seen.check(normalise_published(item), index, self.files)

    def _read_file(self, name: str) -> Iterator[InputItem]:
        """The items of one file; a file that cannot be opened is one error item naming it."""
        for item in self._read_items(name):
            if name in self._txt_ids and _FORCED.get(self.input_format, "txt") in TEXT_KINDS:  # a .txt file: one item
                item.doc_id = self._txt_ids[name]
            yield item

    def _read_items(self, name: str) -> Iterator[InputItem]:
        if name == STDIN:
            stream = self._stdin or (sys.stdin.buffer if sys.stdin is not None else None)
            if stream is None:  # started with stdin closed (`geodefence extract - <&-`)
                yield InputItem(
                    doc_id="<stdin>", file="<stdin>", error=("unreadable_file", "<stdin>: standard input is closed; pipe the input in")
                )
                return
            yield from _stdin_items(stream, self.fields, self.input_format, self.limits)
            return
        if name in self._unreadable:
            yield InputItem(
                doc_id=name,
                file=name,
                error=(
                    "unreadable_folder",
                    f"{name}: cannot list this folder ({self._unreadable[name]}); its documents were not read: "
                    "give read permission and run again",
                ),
            )
            return
        path = Path(name)
        kind = _FORCED.get(self.input_format) or _kind(path) or "jsonl"
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
            if kind in TEXT_KINDS:
                items: Iterator[InputItem] = iter([_txt_item(stream, path, name, self.limits)])
            elif kind == "csv":
                items = _csv_items(stream, name, self.fields, self.limits)
            elif kind == "json":
                items = _json_items(stream, name, self.fields, self.limits)
            else:
                items = _jsonl_items(stream, name, self.fields, self.limits)
            for item in items:
                with contextlib.suppress(OSError, ValueError):
                    self.bytes_read = done + raw.tell()
                yield item


class _SeenIds:
    """The ids given so far, to turn a repeat into an error item that points at the first.

    Keeps a 64-bit digest of each id and where it was first seen (two small ints, about 100 bytes
    per document), never the ids themselves.
    """

    def __init__(self) -> None:
        self._first: dict[int, tuple[int, int]] = {}

    @staticmethod
    def _key(doc_id: str) -> int:
        digest = hashlib.blake2b(doc_id.encode("utf-8", "surrogatepass"), digest_size=8).digest()
        return int.from_bytes(digest, "big")

    def check(self, item: InputItem, index: int, files: list[str]) -> InputItem:
        """``item`` itself, or when its id was seen before, the item renamed and made an error."""
        key = self._key(item.doc_id)
        first = self._first.get(key)
        if first is None:
            self._first[key] = (index, item.line or 0)
            return item
        file, line = files[first[0]], first[1]
        earlier = "<stdin>" if file == STDIN else file
        earlier = f"{earlier}:{line}" if line else earlier
        here = f"{item.file}:{item.line}" if item.line else (item.file or item.doc_id)
        message = (
            f"{here}: id {item.doc_id!r} was already given to the document at {earlier}; give every document its own id"
        )
        new_id, n = here, 1
        while self._key(new_id) in self._first:
            n += 1
            new_id = f"{here}#{n}"
        self._first[self._key(new_id)] = (index, item.line or 0)
        item.doc_id = new_id
        if item.error is None:
            item.error = ("duplicate_id", message)
            item.text = None
        else:
            item.warnings.append(("duplicate_id", message))
        return item


def read_corpus(
    paths: Sequence[str | Path], fields: Fields | None = None, *, published: str | None = None
) -> Iterator[InputItem]:
    """Every document of the given files and folders, in order (see :class:`Corpus`)."""
    return iter(Corpus(paths, fields, published=published))


def normalise_published(item: InputItem) -> InputItem:
    """``item`` with its publication date as an ISO date; an unreadable one becomes a warning and None."""
    if item.published is None or item.error is not None:
        return item
    iso = read_published(item.published)
    if iso is None:
        where = f"{item.file}:{item.line}" if item.line else (item.file or item.doc_id)
        item.warnings.append(
            (
                "invalid_date",
                f"{where}: publication date {item.published!r} is not a date ({ACCEPTED}); read without one",
            )
        )
    item.published = iso
    return item


def _sidecar_metadata(listing: Listing) -> dict[str, tuple[str | None, str | None]]:
    """Input file -> (published, source) from the sidecar metadata files of its folder argument.

    A sidecar row's ``id`` names a file by its document id, by its path relative to the folder
    (with or without the suffix) or by its file name. A sidecar without an ``id`` column, or
    that cannot be read, raises :class:`InputError` naming it.
    """
    if not listing.sidecars:
        return {}
    ids = txt_ids(listing)
    out: dict[str, tuple[str | None, str | None]] = {}
    for root, sidecar in listing.sidecars.items():
        rows = _read_sidecar(Path(sidecar))
        for name, file_root in zip(listing.files, listing.roots, strict=True):
            if file_root != root or _kind(Path(name)) not in TEXT_KINDS:
                continue
            path = Path(name)
            rel = path.relative_to(root)
            for key in (ids.get(name), _without_suffix(rel), rel.as_posix(), path.name, _stem(path)):
                if key is not None and key in rows:
                    out[name] = rows[key]
                    break
    return out


def _read_sidecar(path: Path) -> dict[str, tuple[str | None, str | None]]:
    """id -> (published, source) rows of a metadata.csv (header row) or metadata.jsonl file."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the metadata file: {exc}", file=str(path)) from None
    records: list[tuple[int, dict[str, Any]]] = []
    if path.name.endswith(".jsonl"):
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                obj = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                raise InputError(f"not JSON: {exc}", file=str(path), line=number) from None
            if not isinstance(obj, dict):
                raise InputError("expected a JSON object with id, published and source", file=str(path), line=number)
            records.append((number, obj))
    else:
        reader = csv.DictReader(io.StringIO(text))
        if reader.fieldnames is None or "id" not in reader.fieldnames:
            raise InputError(
                f"a metadata file needs a header row with an 'id' column (and 'published', 'source'); found {reader.fieldnames or 'no header'}",
                file=str(path),
                line=1,
            )
        records = [(reader.line_num, dict(row)) for row in reader]
    rows: dict[str, tuple[str | None, str | None]] = {}
    for number, obj in records:
        key = _str_or_none(obj.get("id"))
        if key is None:
            raise InputError("a row without an id", file=str(path), line=number, field="id")
        rows[key] = (_str_or_none(obj.get("published")), _str_or_none(obj.get("source")))
    return rows


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


_UNICODE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
"""Byte-order marks of the UTF-16 and UTF-32 encodings (UTF-32 LE first: its mark begins with UTF-16 LE's)."""

BINARY_SHARE = 0.10
"""Share of a text's bytes that may be invalid UTF-8 before it is taken for a binary file, not text."""


def decode_text(data: bytes, where: str, warnings: list[tuple[str, str]]) -> tuple[str | None, str | None]:
    """A whole text file's bytes as ``(text, None)``, or ``(None, reason)`` when they are not text.

    UTF-16 and UTF-32 with a byte-order mark are decoded; otherwise UTF-8 as by :func:`decode`. NUL
    bytes, or more than :data:`BINARY_SHARE` of the bytes (and at least 16) invalid UTF-8, mark a
    binary file (an image, a PDF, a word-processor file, UTF-16 without its mark).
    """
    for bom, encoding in _UNICODE_BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding).lstrip("\ufeff"), None
            except UnicodeDecodeError as exc:
                name = encoding.upper()
                return None, f"{where}: starts with a {name} byte-order mark but is not {name} ({exc.reason} at byte {exc.start})"
    nul = data.find(b"\0")
    if nul >= 0:
        return None, (
            f"{where}: holds a NUL byte at byte {nul}: a binary file (or UTF-16 without a byte-order mark), "
            "not text; convert it to UTF-8 text"
        )
    text = decode(data, where, warnings)
    if warnings and warnings[-1][0] == "invalid_utf8":
        bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")  # runs of invalid bytes, each one U+FFFD
        if bad >= 16 and bad > BINARY_SHARE * len(data):
            warnings.pop()
            return None, (
                f"{where}: {bad} runs of its {len(data)} bytes are not UTF-8: a binary file or another encoding, "
                "not text; convert it to UTF-8 text"
            )
    return text, None


def _txt_item(stream: BinaryIO, path: Path, name: str, limits: Limits = NO_LIMITS) -> InputItem:
    """A whole .txt file as one document (id = file stem; :class:`Corpus` renames it where stems collide).

    The text is the file's decoded content as is (CRLF kept): evidence offsets must point into
    the file a user will open, and the extractor's normaliser treats '\\r' as a space.
    """
    warnings: list[tuple[str, str]] = []
    try:
        data = _read_bounded(stream, name, limits, warnings)
    except _GZIP_ERRORS as exc:
        return InputItem(doc_id=_stem(path), file=name, error=("truncated_gzip", f"{name}: {exc}"))
    except OSError as exc:
        return InputItem(doc_id=_stem(path), file=name, error=("unreadable_file", f"{name}: {exc}"))
    text, fault = decode_text(data, name, warnings)
    if text is None:
        return InputItem(doc_id=_stem(path), file=name, warnings=warnings, error=("not_text", fault or name))
    item = InputItem(doc_id=_stem(path), text=text, source=name, file=name, warnings=warnings)
    if not text.strip():
        item.error = ("empty_text", f"{name}: the file holds no text")
    return item


def _read_bounded(stream: BinaryIO, name: str, limits: Limits, warnings: list[tuple[str, str]]) -> bytes:
    """A whole text file, or its first ``limits.text_bytes`` (cut between UTF-8 characters) with a warning."""
    if limits.text_bytes is None:
        return stream.read()
    data = stream.read(limits.text_bytes + 1)
    if len(data) <= limits.text_bytes:
        return data
    cut = limits.text_bytes
    while cut > 0 and data[cut] & 0xC0 == 0x80:  # do not split a UTF-8 character
        cut -= 1
    warnings.append(
        (
            "input_cut",
            f"{name}: longer than {limits.text_bytes} bytes; read its first {cut} bytes, more than the "
            f"{limits.max_chars} characters extracted (--max-chars)",
        )
    )
    return data[:cut]


def _lines(
    stream: BinaryIO, name: str, limits: Limits = NO_LIMITS
) -> Iterator[tuple[int, bytes | None, tuple[str, str] | None]]:
    """(line number, bytes without the line ending, None) for each line.

    A line longer than ``limits.line_bytes`` is (n, None, ("line_too_long", why)), read past
    without being held; a gzip fault ends the lines with (n, None, ("truncated_gzip", why)).
    """
    number = 0
    limit = limits.line_bytes
    try:
        while True:
            raw = stream.readline() if limit is None else stream.readline(limit + 2)
            if not raw:
                break
            number += 1
            if limit is not None and len(raw) > limit + 1 and not raw.endswith(b"\n"):
                size = len(raw)
                while raw and not raw.endswith(b"\n"):
                    raw = stream.readline(1 << 20)
                    size += len(raw)
                yield number, None, (
                    "line_too_long",
                    f"{name}:{number}: a line of {size} bytes, more than the {limit} read for --max-chars "
                    f"{limits.max_chars}; skipped: raise --max-chars to read it",
                )
                continue
            line = raw[:-1] if raw.endswith(b"\n") else raw
            if line.endswith(b"\r"):
                line = line[:-1]
            if number == 1 and line.startswith(_BOM):
                line = line[len(_BOM) :]
            yield number, line, None
    except _GZIP_ERRORS as exc:
        yield number + 1, None, ("truncated_gzip", f"{name}: gzip data truncated or corrupt after line {number}: {exc}")


def _jsonl_items(stream: BinaryIO, name: str, fields: Fields, limits: Limits = NO_LIMITS) -> Iterator[InputItem]:
    """One item per non-blank line of a JSON Lines stream."""
    for number, line, fault in _lines(stream, name, limits):
        where = f"{name}:{number}"
        if line is None:
            code, why = fault or ("truncated_gzip", where)
            yield InputItem(doc_id=where, file=name, line=number, error=(code, why))
            if code == "truncated_gzip":
                return
            continue
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


def _stdin_items(
    stream: BinaryIO, fields: Fields, input_format: str = "auto", limits: Limits = NO_LIMITS
) -> Iterator[InputItem]:
    """Standard input in ``input_format``; ``auto``: by its first non-blank character, ``{`` JSON Lines, ``[`` a JSON array, else one text."""
    forced = _FORCED.get(input_format)
    if forced == "jsonl":
        yield from _jsonl_items(stream, "<stdin>", fields, limits)
        return
    if forced == "json":
        yield from _json_items(stream, "<stdin>", fields, limits)
        return
    if forced == "csv":
        yield from _csv_items(stream, "<stdin>", fields, limits)
        return
    if forced in TEXT_KINDS:
        yield _stdin_text(stream, limits)
        return
    head = b""
    first: int | None = None
    while first is None:
        chunk = stream.read(1 << 16)
        if not chunk:
            break
        head += chunk
        body = head[len(_BOM) :] if head.startswith(_BOM) else head
        found = re.search(rb"\S", body)
        first = body[found.start()] if found else None
    replay = cast(BinaryIO, io.BufferedReader(Prepended(head, stream)))
    if first == ord("{"):
        yield from _jsonl_items(replay, "<stdin>", fields, limits)
    elif first == ord("["):
        yield from _json_items(replay, "<stdin>", fields, limits)
    elif first is not None:
        yield _stdin_text(replay, limits)


def _stdin_text(stream: BinaryIO, limits: Limits) -> InputItem:
    """All of standard input (up to ``limits``) as one plain-text (or HTML) document."""
    warnings: list[tuple[str, str]] = []
    data = _read_bounded(stream, "<stdin>", limits, warnings)
    text, fault = decode_text(data, "<stdin>", warnings)
    if text is None:
        return InputItem(doc_id="<stdin>", file="<stdin>", warnings=warnings, error=("not_text", fault or "<stdin>"))
    if not text.strip():
        return InputItem(doc_id="<stdin>", file="<stdin>", warnings=warnings, error=("empty_text", "<stdin>: no text"))
    return InputItem(doc_id="", text=text, file="<stdin>", warnings=warnings)


_FORCED = {"jsonl": "jsonl", "json": "json", "text": "txt", "html": "html", "csv": "csv"}
"""``--input-format`` value -> the reader's kind; ``auto`` is absent (each file by its suffix)."""


def date_from_name(pattern: re.Pattern[str], name: str) -> str | None:
    """The publication date a file's path gives through ``pattern`` (``--published-from-name``), or None.

    The pattern is searched in the path as listed (``news/2025-03-05-talks.txt``). The date is its
    ``date`` group, else its ``year``/``month``/``day`` groups joined, else its first group, else
    the whole match; it is read like any ``published`` value (an unreadable one becomes a warning).
    """
    found = pattern.search(name.replace("\\", "/"))
    if found is None:
        return None
    groups = found.groupdict()
    if groups.get("date"):
        return groups["date"]
    year, month, day = groups.get("year"), groups.get("month"), groups.get("day")
    if year and month and day:
        if month.isdigit() and day.isdigit():
            return f"{year}-{int(month):02d}-{int(day):02d}"
        return f"{day} {month} {year}"  # a month by name: 5 March 2025
    if pattern.groups and found.group(1):
        return found.group(1)
    return found.group(0)


def _json_items(stream: BinaryIO, name: str, fields: Fields, limits: Limits = NO_LIMITS) -> Iterator[InputItem]:
    """One item per element of a JSON array (or per object of a file of concatenated JSON objects).

    An element longer than ``limits.line_bytes`` is an error item, scanned past without being held.
    """
    from geodefence.validate.reader import ReadError, _scan_json  # the dataset reader's streaming array scanner

    def chunks() -> Iterator[bytes]:
        first = True
        while True:
            try:
                chunk = stream.read(1 << 20)
            except _GZIP_ERRORS as exc:
                raise ReadError(f"gzip data truncated or corrupt: {exc}", file=name) from None
            if not chunk:
                return
            if first and chunk.startswith(_BOM):
                chunk = chunk[len(_BOM) :]
            first = False
            yield chunk

    progress = [0]
    index = 0
    try:
        for raw in _scan_json(chunks(), name, progress, limits.line_bytes):
            where = f"{name}[{index}]"
            index += 1
            if raw.oversize:
                yield InputItem(
                    doc_id=where,
                    file=name,
                    line=raw.line,
                    error=(
                        "item_too_long",
                        f"{where}: an item of {raw.oversize} bytes, more than the {limits.line_bytes} read for "
                        f"--max-chars {limits.max_chars}; skipped: raise --max-chars to read it",
                    ),
                )
                continue
            warnings: list[tuple[str, str]] = []
            text = decode(raw.data, where, warnings)
            try:
                obj = orjson.loads(text)
            except orjson.JSONDecodeError as exc:
                yield InputItem(
                    doc_id=where, file=name, line=raw.line, warnings=warnings, error=("invalid_json", f"{where}: {exc}")
                )
                continue
            yield _from_mapping(obj, where, name, raw.line, fields, warnings)
    except ReadError as exc:
        yield InputItem(doc_id=f"{name}[{index}]", file=name, line=exc.line, error=("invalid_json", str(exc)))


class _RowTooLong(Exception):
    """A CSV row grew past the line limit; ``why`` says how (raised from the reader's feed)."""

    def __init__(self, why: str, resync: bool):
        super().__init__(why)
        self.why = why
        self.resync = resync
        """True: the row's end must still be found (its quotes counted); False: it ended with the line."""


def _csv_items(stream: BinaryIO, name: str, fields: Fields, limits: Limits = NO_LIMITS) -> Iterator[InputItem]:
    """One item per row of a CSV file with a header row (a quoted field may span lines).

    A quoted field never closed would swallow every later line into one document: it is an
    ``unclosed_quote`` error item naming the line it opens on, and the lines after it are read
    again as rows of their own. A row longer than ``limits.line_bytes`` is a ``line_too_long``
    error item, read past without being held.
    """
    bad_lines: list[int] = []
    faults: list[str] = []
    too_long: dict[int, str] = {}

    def numbered() -> Iterator[tuple[int, str | None]]:
        for number, line, fault in _lines(stream, name, limits):
            if line is None:
                if fault is not None and fault[0] == "line_too_long":
                    too_long[number] = fault[1]
                    yield number, None
                    continue
                faults.append(fault[1] if fault else name)
                return
            try:
                yield number, line.decode("utf-8") + "\n"
            except UnicodeDecodeError:
                bad_lines.append(number)
                yield number, line.decode("utf-8", errors="replace") + "\n"

    last = [0]
    yield from _csv_rows(numbered(), name, fields, None, bad_lines, last, limits, too_long)
    if faults:
        number = last[0] + 1
        yield InputItem(doc_id=f"{name}:{number}", file=name, line=number, error=("truncated_gzip", faults[0]))


def _skip_to_row_end(lines: Iterator[tuple[int, str | None]], quotes: int, last: list[int]) -> int:
    """Read past the rest of a CSV row whose lines so far held ``quotes`` quote characters.

    A row ends at the first line end where its count of ``"`` is even (a quote inside a quoted
    field is doubled). Returns the number of the row's last line.
    """
    end = last[0]
    while quotes % 2:
        step = next(lines, None)
        if step is None:
            break
        end, text = step
        last[0] = max(last[0], end)
        if text is None:  # an overlong line inside the row: its quotes are unknown, take it as the end
            break
        quotes += text.count('"')
    return end


def _csv_rows(
    lines: Iterator[tuple[int, str | None]],
    name: str,
    fields: Fields,
    header: list[str] | None,
    bad_lines: list[int],
    last: list[int],
    limits: Limits = NO_LIMITS,
    too_long: dict[int, str] | None = None,
) -> Iterator[InputItem]:
    """The items of numbered CSV lines (the header first when ``header`` is None); ``last`` gets the last line number.

    A line given as None was longer than the limit (its reason in ``too_long``).
    """
    taken: list[tuple[int, str]] = []
    exhausted = [False]
    held = [0]
    limit = limits.line_bytes
    reasons = too_long if too_long is not None else {}

    def feed() -> Iterator[str]:
        for number, text in lines:
            last[0] = max(last[0], number)
            if text is None:
                start = taken[0][0] if taken else number
                quotes = sum(t.count('"') for _, t in taken)
                held[0] = 0
                raise _RowTooLong(reasons.pop(number, f"{name}:{number}: a line too long"), resync=quotes % 2 == 1)
            held[0] += len(text)
            if limit is not None and held[0] > limit:
                start = taken[0][0] if taken else number
                quotes = sum(t.count('"') for _, t in taken) + text.count('"')
                held[0] = 0
                raise _RowTooLong(
                    f"{name}:{start}: a row of more than {limit} bytes, more than the {limit} read for --max-chars "
                    f"{limits.max_chars}; skipped: raise --max-chars to read it",
                    resync=quotes % 2 == 1,
                )
            taken.append((number, text))
            yield text
        exhausted[0] = True

    reader = csv.reader(feed())
    if header is None:
        try:
            header = next(reader)
        except StopIteration:
            return
        except (csv.Error, _RowTooLong) as exc:
            yield InputItem(doc_id=f"{name}:1", file=name, line=1, error=("invalid_csv", f"{name}:1: {exc}"))
            return
        taken.clear()
        bad_lines.clear()
        held[0] = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except _RowTooLong as exc:
            start = taken[0][0] if taken else last[0]
            taken.clear()
            if exc.resync:
                _skip_to_row_end(lines, 1, last)
            where = f"{name}:{start}"
            yield InputItem(doc_id=where, file=name, line=start, error=("line_too_long", exc.why))
            bad_lines.clear()
            yield from _csv_rows(lines, name, fields, header, bad_lines, last, limits, reasons)
            return
        except csv.Error as exc:
            start = taken[0][0] if taken else last[0]
            taken.clear()
            held[0] = 0
            where = f"{name}:{start}"
            yield InputItem(doc_id=where, file=name, line=start, error=("invalid_csv", f"{where}: {exc}"))
            continue
        row_lines = taken[:]
        taken.clear()
        held[0] = 0
        start = row_lines[0][0] if row_lines else last[0]
        where = f"{name}:{start}"
        if exhausted[0] and row and row[-1].endswith("\n"):  # the file ended inside a quoted field
            end = row_lines[-1][0] if row_lines else start
            rest = f"; lines {start + 1}-{end} are read as rows of their own" if end > start else ""
            yield InputItem(
                doc_id=where,
                file=name,
                line=start,
                error=(
                    "unclosed_quote",
                    f"{where}: a quoted field that opens on this line is never closed{rest}; close the quote",
                ),
            )
            bad_lines.clear()
            yield from _csv_rows(iter(row_lines[1:]), name, fields, header, bad_lines, last, limits, reasons)
            return
        if not any(cell.strip() for cell in row):
            continue
        warnings: list[tuple[str, str]] = []
        if bad_lines:
            warnings.append(("invalid_utf8", f"{where}: invalid UTF-8; undecodable bytes replaced with U+FFFD"))
            bad_lines.clear()
        yield _from_mapping(dict(zip(header, row, strict=False)), where, name, start, fields, warnings)


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


__all__ = [
    "FOLDER_KINDS",
    "INPUT_FORMATS",
    "SIDECARS",
    "STDIN",
    "SUFFIXES",
    "TEXT_KINDS",
    "Corpus",
    "Fields",
    "InputItem",
    "Listing",
    "batched",
    "date_from_name",
    "decode",
    "decode_text",
    "expand",
    "list_inputs",
    "normalise_published",
    "read_corpus",
    "txt_ids",
]
