"""Validate a dataset: read it item by item, run the checks, collect a :class:`Report`.

:class:`Validator` streams issues as they are found (the CLI prints them at once);
:func:`validate_dataset` runs one to the end and returns the report with its issues.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import orjson
from pydantic import BaseModel

from geodefence.errors import InputError
from geodefence.kinds import KINDS
from geodefence.parts import SUPPORTED_SCHEMA_MAJOR
from geodefence.validate.checks import (
    MAX_MESSAGE,
    SchemaChecker,
    check_document,
    check_record,
    clip,
    document_has_evidence,
    json_path,
    record_has_evidence,
    schema_major,
)
from geodefence.validate.reader import MAX_ITEM_BYTES, ReadError, display_name, iter_raw
from geodefence.validate.report import Issue, Report, Severity

Source = str | os.PathLike[str] | Iterable[Any]
"""A path (``-`` is stdin), a list of paths, or an iterable of documents (dicts, models, JSON text)."""

ITERABLE_NAME = "<iterable>"
"""The file name issues carry when the items came from an iterable."""


class Validator:
    """Validates items of documents (or, with ``kind``, of single records) and tallies a report.

    ``text_dir`` is a folder of ``DOC_ID.txt`` files used for evidence checks when a document
    carries no ``text``. ``max_errors`` stops the run after that many errors. ``keep_issues``
    keeps every issue in ``report.issues`` (turn it off when issues are streamed elsewhere).
    """

    def __init__(
        self,
        *,
        kind: str | None = None,
        text_dir: str | os.PathLike[str] | None = None,
        max_errors: int | None = None,
        keep_issues: bool = True,
    ) -> None:
        if kind is not None and kind not in KINDS:
            raise InputError(f"unknown kind {kind!r}; expected one of: {', '.join(KINDS)}")
        if max_errors is not None and max_errors < 1:
            raise InputError(f"max_errors must be at least 1, got {max_errors}")
        self.kind = kind
        self.text_dir = Path(text_dir) if text_dir is not None else None
        if self.text_dir is not None and not self.text_dir.is_dir():
            raise InputError("text directory does not exist", file=str(self.text_dir))
        self.max_errors = max_errors
        self.keep_issues = keep_issues
        self.report = Report()
        self._schema = SchemaChecker(kind or "document")
        self._doc_ids: dict[str, tuple[int, int]] = {}
        self._file_names: list[str] = []
        self._version_reported: set[tuple[str, str]] = set()
        self._pending: list[Issue] = []

    # -- sources -------------------------------------------------------------------------------

    def run_paths(self, paths: Iterable[str | os.PathLike[str]]) -> Iterator[Issue]:
        """Validate each file in turn, yielding issues as they are found."""
        for path in paths:
            name = display_name(os.fspath(path))
            self._start_file(name)
            items = iter_raw(os.fspath(path))
            try:
                for raw in items:
                    if raw.oversize:
                        yield from self._too_large(name, raw.line, raw.oversize)
                    else:
                        yield from self._item(name, raw.line, raw.data)
                    if self.report.stopped:
                        return
            except ReadError as exc:
                self.report.unreadable += 1
                yield from self._flush_one(Issue(name, exc.line, "$", "unreadable", exc.message))
                if self.report.stopped:
                    return

    def run_items(self, items: Iterable[Any], name: str = ITERABLE_NAME) -> Iterator[Issue]:
        """Validate in-memory items: dicts, pydantic models, or JSON text (str or bytes)."""
        self._start_file(name)
        for line, item in enumerate(items, start=1):
            if isinstance(item, BaseModel):
                item = item.model_dump(mode="json")
            yield from self._item(name, line, item)
            if self.report.stopped:
                return

    # -- one item ------------------------------------------------------------------------------

    def _start_file(self, name: str) -> None:
        self.report.files += 1
        self._file_names.append(name)

    def _flush_one(self, issue: Issue) -> Iterator[Issue]:
        self._pending.append(issue)
        return self._flush()

    def _flush(self) -> Iterator[Issue]:
        pending, self._pending = self._pending, []
        report = self.report
        for issue in pending:
            if report.stopped:
                return
            report.counts[issue.check] += 1
            if issue.severity == "error":
                report.errors += 1
            else:
                report.warnings += 1
            if self.keep_issues:
                report.issues.append(issue)
            yield issue
            if self.max_errors is not None and report.errors >= self.max_errors:
                report.stopped = True

    def _too_large(self, name: str, line: int, size: int) -> Iterator[Issue]:
        """A line too long to hold: one invalid document, read past rather than checked."""
        self.report.documents += 1
        message = (
            f"a line of {size} bytes, more than the {MAX_ITEM_BYTES} bytes validate holds for one item; "
            "not checked (a geodefence document is a few MiB at most)"
        )
        return self._flush_one(Issue(name, line, "$", "too-large", message))

    def _item(self, name: str, line: int, item: Any) -> Iterator[Issue]:
        self.report.documents += 1
        try:
            self._check(name, line, item)
        except Exception as exc:  # a bug in one check must not hide the items after it
            message = f"a check failed on this item ({type(exc).__name__}: {exc}); please report it"
            self._pending.append(Issue(name, line, "$", "internal", clip(message, MAX_MESSAGE)))
        if not self._pending:
            self.report.valid_documents += 1
            return
        if all(issue.severity != "error" for issue in self._pending):
            self.report.valid_documents += 1
        yield from self._flush()

    def _check(self, name: str, line: int, item: Any) -> None:
        """Run every check on one item, appending issues to the pending list."""

        def emit(path: str, check: str, message: str, severity: Severity = "error") -> None:
            self._pending.append(Issue(name, line, path, check, message, severity))

        if isinstance(item, (bytes, bytearray, memoryview, str)):
            try:
                item = orjson.loads(item)
            except orjson.JSONDecodeError as exc:
                emit("$", "malformed", f"not valid JSON: {exc}")
                return
        if not isinstance(item, Mapping):
            emit("$", "malformed", f"expected a JSON object, got {_json_type(item)}")
            return
        if not isinstance(item, dict):
            item = dict(item)
        version = item.get("schema_version")
        if isinstance(version, str):
            major = schema_major(version)
            if major is not None and major != str(SUPPORTED_SCHEMA_MAJOR):
                self.report.skipped += 1
                key = (name, version)
                if key not in self._version_reported:
                    self._version_reported.add(key)
                    emit(
                        "$.schema_version",
                        "schema-version",
                        f"schema_version {clip(version)} has major version {clip(major)}; this release reads "
                        f"major {SUPPORTED_SCHEMA_MAJOR} only, so items with it are not checked (reported once per file)",
                    )
                return
        try:
            schema_ok = self._schema.is_valid(item)
            schema_errors = [] if schema_ok else self._schema.errors(item)
        except UnicodeEncodeError:  # only Python callers can pass such a str: JSON decoding refuses it
            emit(_surrogate_path(item), "malformed", "a string holds a lone surrogate (not Unicode text, so not JSON)")
            return
        for path, message in schema_errors:
            emit(path, "schema", message)
        if self.kind is not None:
            if schema_ok:
                check_record(self.kind, item, "$", None, emit)
                if record_has_evidence(self.kind, item):
                    self.report.unchecked_quotes += 1
            return
        doc_id = item.get("doc_id")
        if isinstance(doc_id, str):
            first = self._doc_ids.get(doc_id)
            if first is None:
                self._doc_ids[doc_id] = (len(self._file_names) - 1, line)
            else:
                where = f"{self._file_names[first[0]]}:{first[1]}"
                emit("$.doc_id", "duplicate-doc-id", f"doc_id {doc_id!r} was already used at {where}")
        if not schema_ok:
            return
        text = item.get("text")
        if text is None and self.text_dir is not None:
            text = self._read_text(item["doc_id"], emit)
        check_document(item, text, emit)
        if text is None and document_has_evidence(item):
            self.report.unchecked_quotes += 1

    def _read_text(self, doc_id: str, emit: Callable[..., None]) -> str | None:
        """The text of ``doc_id`` from ``text_dir``, or None (with a warning) when it is not there."""
        assert self.text_dir is not None
        if os.sep in doc_id or (os.altsep and os.altsep in doc_id) or "\x00" in doc_id or doc_id in (".", ".."):
            shown = clip(repr(doc_id), MAX_MESSAGE // 2)
            emit("$.doc_id", "text-missing", f"doc_id {shown} is not a file name; evidence not checked", "warning")
            return None
        path = self.text_dir / f"{doc_id}.txt"
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            emit("$.doc_id", "text-missing", f"no {path} for doc_id {doc_id!r}; evidence not checked", "warning")
        except (OSError, ValueError) as exc:  # ValueError: undecodable file, or a name the OS cannot encode
            message = f"cannot read {path}: {exc}; evidence not checked"
            emit("$.doc_id", "text-missing", clip(message, MAX_MESSAGE), "warning")
        return None


def _surrogate_path(item: Any) -> str:
    """The JSON path of the first key or string in ``item`` that UTF-8 cannot encode (``$`` if none)."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(item, ())]
    while stack:
        value, parts = stack.pop()
        if isinstance(value, str):
            if not _encodable(value):
                return json_path(parts)
        elif isinstance(value, Mapping):
            for key, child in reversed(list(value.items())):
                if isinstance(key, str) and not _encodable(key):
                    return json_path(parts)
                stack.append((child, (*parts, str(key))))
        elif isinstance(value, (list, tuple)):
            stack.extend((child, (*parts, i)) for i, child in reversed(list(enumerate(value))))
    return "$"


def _encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return type(value).__name__


def validate_dataset(
    source: Source,
    *,
    kind: str | None = None,
    text_dir: str | os.PathLike[str] | None = None,
    max_errors: int | None = None,
) -> Report:
    """Validate a dataset and return its :class:`Report` (``report.ok``, ``report.issues``).

    ``source`` is a path (JSON Lines, a JSON array, either gzipped; ``-`` reads stdin), a list
    or tuple of paths, or any other iterable of documents given as dicts, pydantic models or JSON
    text. With ``kind`` (``agreement``, ``visit``, ``exercise``, ``stance``) the items are single
    records instead of documents. Unreadable input is reported in the report (``unreadable``,
    exit code 2), not raised; a bad ``kind`` or ``text_dir`` raises :class:`InputError`.
    """
    validator = Validator(kind=kind, text_dir=text_dir, max_errors=max_errors)
    if isinstance(source, (str, os.PathLike)):
        issues = validator.run_paths([source])
    elif isinstance(source, (list, tuple)) and source and all(isinstance(s, os.PathLike) for s in source):
        issues = validator.run_paths(source)
    else:
        issues = validator.run_items(source)
    for _ in issues:
        pass
    return validator.report
