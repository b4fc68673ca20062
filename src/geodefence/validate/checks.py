"""The checks a dataset goes through: the JSON Schema, then data-quality rules it cannot express.

Every check has a stable id (listed once in :data:`CHECKS`, with its reason) that appears in
each issue and in the summary counts, so a CI job can count or filter by it. Quality checks run
only on items that pass the schema, so they can trust the shapes they read.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

import jsonschema_rs

from geodefence.schemagen import schema

CHECKS: dict[str, str] = {
    "malformed": "an item that is not valid JSON (bad syntax, invalid UTF-8) or not a JSON object",
    "schema": "the item does not match the published JSON Schema, formats (date, date-time) included",
    "schema-version": "schema_version has a major version this release cannot read; its schema checks are skipped",
    "duplicate-doc-id": "a doc_id already used earlier in the dataset",
    "evidence-order": "an evidence span ends before it starts",
    "evidence-range": "an evidence span lies outside the text",
    "evidence-quote": "an evidence quote differs from text[start:end]",
    "text-sha256": "text_sha256 is not the SHA-256 of the document's text",
    "date-order": "an end date before its start (exercise start/end, visit date/end)",
    "validity-order": "an agreement's valid_until before its date or valid_from",
    "state-code": "a state code that is not an ISO 3166-1 alpha-3 code",
    "duplicate-party": "an agreement lists the same party twice",
    "duplicate-participant": "an exercise lists the same participant twice",
    "missing-evidence": "a record without any evidence span",
    "text-missing": "--text-dir holds no DOC_ID.txt for a document (warning: its evidence is not checked)",
    "unreadable": "an input that cannot be read: missing, binary, truncated or corrupt",
    "too-large": "a JSON line longer than the 64 MiB validate holds for one item: read past, not checked",
    "internal": "a check failed unexpectedly on the item (a bug: please report it); the item counts as invalid",
}
"""Check ids and what each one catches, in the order they run."""

USER_ASSIGNED_CODES: dict[str, str] = {
    "XKX": "Kosovo: user-assigned code used by the EU, IMF and World Bank; not in ISO 3166-1",
}
"""State codes accepted although ISO 3166-1 does not list them, each with the reason."""

MAX_MESSAGE = 300
"""Messages quote the offending value; long values are cut so a 50 MB string stays readable."""

MAX_VERSION_SHOWN = 40
"""Characters of a schema_version quoted in a message (a 5,000-digit version is cut)."""

_CODE3 = re.compile(r"[A-Z]{3}")
_FULL_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

Emit = Callable[[str, str, str], None]
"""Callback receiving (json path, check id, message) for each finding."""

Json = dict[str, Any]


def json_path(parts: Iterator[str | int] | list[str | int] | tuple[str | int, ...], root: str = "$") -> str:
    """``$.agreements[0].parties[1].code`` from path parts (keys that are not names get ``["…"]``)."""
    out = [root]
    for part in parts:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif _IDENT.fullmatch(part):
            out.append(f".{part}")
        else:
            escaped = part.replace("\\", "\\\\").replace('"', '\\"')
            out.append(f'["{escaped}"]')
    return "".join(out)


def _short(message: str, limit: int = MAX_MESSAGE) -> str:
    return message if len(message) <= limit else message[: limit - 1] + "…"


def is_full_date(value: str) -> bool:
    """The ``date`` format: an RFC 3339 full-date (``YYYY-MM-DD``, ASCII digits) of a real day.

    Stricter than jsonschema-rs's own check in one point, so the validator agrees with the models:
    the year must be 0001 or later (``0000-01-01`` cannot be read into a Python date).
    """
    if not _FULL_DATE.fullmatch(value):
        return False
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


FORMATS: dict[str, Callable[[str], bool]] = {"date": is_full_date}
"""Format checkers that replace jsonschema-rs's own; every other format it knows (``date-time``
among them) is enforced with its RFC 3339 checker."""


@cache
def state_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-3 codes from pycountry, plus :data:`USER_ASSIGNED_CODES`; loaded once."""
    import pycountry  # loading its database costs ~50 ms: only runs that check codes pay it

    return frozenset(c.alpha_3 for c in pycountry.countries) | frozenset(USER_ASSIGNED_CODES)


class SchemaChecker:
    """One published schema compiled once with jsonschema-rs, its formats enforced.

    JSON Schema 2020-12 treats ``format`` as an annotation by default; here ``date`` and
    ``date-time`` values that are not real dates are errors, as they are for the models.
    Valid items take the fast path (``is_valid``). For an invalid item the errors are listed;
    a nullable ``anyOf`` failure (``X or null``) on a non-null value is replaced by the errors of
    ``X`` itself, so the message names the real field and reason instead of "not valid under any
    of the schemas".
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.schema = schema(name)
        self._validator = compile_schema(self.schema)
        self._branches: dict[str, Any] = {}

    def is_valid(self, instance: Any) -> bool:
        """True when the instance matches the schema (the fast path)."""
        return bool(self._validator.is_valid(instance))

    def errors(self, instance: Any) -> list[tuple[str, str]]:
        """(JSON path, message) for every schema violation of an invalid instance."""
        out: list[tuple[str, str]] = []
        self._collect(self._validator, instance, (), out, depth=0)
        return out

    def _collect(
        self, validator: Any, instance: Any, prefix: tuple[str | int, ...], out: list[tuple[str, str]], depth: int
    ) -> None:
        for error in validator.iter_errors(instance):
            parts = (*prefix, *error.instance_path)
            if isinstance(error.kind, jsonschema_rs.ValidationErrorKind.AnyOf) and depth < 16:
                value = error.instance
                branch = self._non_null_branch(list(error.schema_path)) if value is not None else None
                if branch is not None:
                    self._collect(branch, value, parts, out, depth + 1)
                    continue
            out.append((json_path(parts), _short(error.message)))

    def _non_null_branch(self, schema_path: list[str | int]) -> Any:
        """A validator for the one non-null alternative of a nullable ``anyOf``, else None."""
        key = "/".join(str(p) for p in schema_path)
        if key in self._branches:
            return self._branches[key]
        node: Any = self.schema
        for part in schema_path:
            node = node[part]
        others = [alt for alt in node if alt != {"type": "null"}] if isinstance(node, list) else []
        validator = None
        if len(others) == 1 and len(others) < len(node):
            validator = compile_schema({**others[0], "$defs": self.schema.get("$defs", {})})
        self._branches[key] = validator
        return validator


def compile_schema(schema_: dict[str, Any]) -> Any:
    """A jsonschema-rs validator that enforces formats, with :data:`FORMATS` in place of its own."""
    return jsonschema_rs.validator_for(schema_, validate_formats=True, formats=FORMATS)


# Which fields of each record kind hold actors, places, dates and quantities: (field, role, is_list).
_FIELDS: dict[str, tuple[tuple[str, str, bool], ...]] = {
    "agreement": (
        ("parties", "actor", True),
        ("signatories", "actor", True),
        ("location", "place", False),
        ("date", "date", False),
        ("valid_from", "date", False),
        ("valid_until", "date", False),
        ("quantities", "quantity", True),
    ),
    "visit": (
        ("visitor", "actor", False),
        ("host", "actor", False),
        ("met_with", "actor", True),
        ("places", "place", True),
        ("date", "date", False),
        ("end", "date", False),
    ),
    "exercise": (
        ("participants", "actor", True),
        ("host", "actor", False),
        ("location", "place", False),
        ("start", "date", False),
        ("end", "date", False),
    ),
    "stance": (
        ("holder", "actor", False),
        ("target", "actor", False),
    ),
}

# Date pairs that must not run backwards, per kind: (earlier field, later field, check id).
_DATE_PAIRS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "exercise": (("start", "end", "date-order"),),
    "visit": (("date", "end", "date-order"),),
    "agreement": (("date", "valid_until", "validity-order"), ("valid_from", "valid_until", "validity-order")),
}

# The list of actors in which a repeat is an error, per kind.
_UNIQUE_ACTORS: dict[str, tuple[str, str]] = {
    "agreement": ("parties", "duplicate-party"),
    "exercise": ("participants", "duplicate-participant"),
}

DOCUMENT_FIELDS: tuple[tuple[str, str], ...] = (
    ("agreements", "agreement"),
    ("visits", "visit"),
    ("exercises", "exercise"),
    ("stances", "stance"),
)
"""The Document fields holding records, with the kind of record each holds."""


def _offset(value: int | float) -> int:
    """An evidence offset as an int: JSON Schema counts ``27.0`` as the integer 27 (so do the models)."""
    return value if isinstance(value, int) else int(value)


def check_span(ev: Json, path: str | Callable[[], str], text: str | None, emit: Emit) -> None:
    """``evidence-order``, ``evidence-range`` and ``evidence-quote`` for one Evidence object.

    ``path`` may be a callable, so the fast path never formats a JSON path it does not report.
    Offsets written as integral numbers (``27.0``) are valid JSON Schema integers and are
    checked as the integers they stand for.
    """
    start, end = _offset(ev["start"]), _offset(ev["end"])
    if end >= start and (text is None or (end <= len(text) and text[start:end] == ev["text"])):
        return
    where = path if isinstance(path, str) else path()
    if end < start:
        emit(where, "evidence-order", f"end {end} is before start {start}")
    elif text is not None and end > len(text):
        emit(where, "evidence-range", f"span {start}:{end} ends beyond the text ({len(text)} characters)")
    elif text is not None:
        quote = text[start:end]
        emit(where, "evidence-quote", _short(f"quote {ev['text']!r} differs from text[{start}:{end}] = {quote!r}"))


def _check_code(value: Any, path: Callable[[], str], what: str, emit: Emit) -> None:
    if value not in state_codes():
        emit(path(), "state-code", _short(f"{what} {value!r} is not an ISO 3166-1 alpha-3 code"))


def _check_party(value: Any, path: Callable[[], str], what: str, emit: Emit) -> None:
    """A party code may be a state's or an organisation's ("SCO", "CIS" are not misspelt states)."""
    if value not in org_codes():
        _check_code(value, path, what, emit)


@cache
def org_codes() -> frozenset[str]:
    """The organisation codes of the package vocabulary (read from its data file, once)."""
    from importlib import resources

    import yaml

    data = yaml.safe_load(resources.files("geodefence.data").joinpath("organizations.yaml").read_text(encoding="utf-8"))
    return frozenset(str(entry["code"]) for entry in data.get("organizations", []) if "code" in entry)


def _check_part(value: Json, role: str, path: Callable[[], str], text: str | None, emit: Emit) -> None:
    """State codes and evidence of one actor, place, date or quantity at the (lazy) ``path``."""
    if role == "actor":
        if value["type"] == "state" and value.get("code") is not None:
            _check_code(value["code"], lambda: f"{path()}.code", "state code", emit)
        country = value.get("country")
        if country is not None and _CODE3.fullmatch(country):
            _check_party(country, lambda: f"{path()}.country", "country code", emit)
    elif role == "place" and value.get("country") is not None:
        _check_code(value["country"], lambda: f"{path()}.country", "country code", emit)
    ev = value.get("evidence")
    if ev is not None:
        check_span(ev, lambda: f"{path()}.evidence", text, emit)


def _lazy_path(path: str, name: str, index: int | None) -> Callable[[], str]:
    """A function giving ``path.name`` or ``path.name[index]``, formatted only when called."""
    if index is None:
        return lambda: f"{path}.{name}"
    return lambda: f"{path}.{name}[{index}]"


def _actor_key(actor: Json) -> tuple[str, str]:
    code = actor.get("code")
    return (actor["type"], code if code else " ".join(actor["name"].casefold().split()))


def _date_before(later: str, earlier: str) -> bool:
    """True when ``later`` is strictly before ``earlier``, compared at their common precision."""
    n = min(len(later), len(earlier))
    return later[:n] < earlier[:n]


def check_record(kind: str, record: Json, path: str, text: str | None, emit: Emit) -> None:
    """Every quality check of one schema-valid record of ``kind`` at JSON path ``path``."""
    evidence = record.get("evidence")
    if not evidence:
        emit(f"{path}.evidence", "missing-evidence", f"{kind} record has no evidence span")
    else:
        for i, ev in enumerate(evidence):
            check_span(ev, _lazy_path(path, "evidence", i), text, emit)
    for name, role, many in _FIELDS[kind]:
        value = record.get(name)
        if not value:
            continue
        if many:
            for i, item in enumerate(value):
                _check_part(item, role, _lazy_path(path, name, i), text, emit)
        else:
            _check_part(value, role, _lazy_path(path, name, None), text, emit)
    if kind == "visit":
        party = record.get("visitor_party")
        if party is not None and _CODE3.fullmatch(party):
            _check_party(party, lambda: f"{path}.visitor_party", "visitor_party", emit)
    for first, second, check in _DATE_PAIRS.get(kind, ()):
        a, b = record.get(first), record.get(second)
        if a is None or b is None:
            continue
        va, vb = a.get("value"), b.get("value")
        if va is not None and vb is not None and _date_before(vb, va):
            emit(f"{path}.{second}.value", check, f"{second} {vb} is before {first} {va}")
    unique = _UNIQUE_ACTORS.get(kind)
    if unique is not None:
        field_name, check = unique
        seen: dict[tuple[str, str], int] = {}
        for i, actor in enumerate(record.get(field_name) or ()):
            key = _actor_key(actor)
            if key in seen:
                emit(
                    f"{path}.{field_name}[{i}]",
                    check,
                    f"{actor['name']!r} repeats {path}.{field_name}[{seen[key]}]",
                )
            else:
                seen[key] = i


def check_document(doc: Json, text: str | None, emit: Emit) -> None:
    """Every quality check of one schema-valid document, against ``text`` when it is at hand."""
    sha = doc.get("text_sha256")
    if sha is not None and doc.get("text") is not None:
        actual = hashlib.sha256(doc["text"].encode("utf-8", "surrogatepass")).hexdigest()
        if actual != sha:
            emit("$.text_sha256", "text-sha256", f"text_sha256 {sha} does not match the text (SHA-256 {actual})")
    for field_name, kind in DOCUMENT_FIELDS:
        records = doc.get(field_name)
        if not records:
            continue
        for i, record in enumerate(records):
            check_record(kind, record, f"$.{field_name}[{i}]", text, emit)


def record_has_evidence(kind: str, record: Json) -> bool:
    """True when a schema-valid record of ``kind`` holds an evidence span (its own or a part's)."""
    if record.get("evidence"):
        return True
    for name, _role, many in _FIELDS[kind]:
        value = record.get(name)
        if not value:
            continue
        for part in value if many else (value,):
            if part.get("evidence") is not None:
                return True
    return False


def document_has_evidence(doc: Json) -> bool:
    """True when any record of a schema-valid document holds an evidence span."""
    return any(
        record_has_evidence(kind, record)
        for field_name, kind in DOCUMENT_FIELDS
        for record in doc.get(field_name) or ()
    )


def schema_major(version: str) -> str | None:
    """The major number of a ``MAJOR.MINOR.PATCH`` version, or None if it has no leading number.

    The number comes back as ASCII digits without leading zeros (``"0001.2.3"`` gives ``"1"``),
    not as an int: a major of 5,000 digits is past what ``int()`` converts, and a superscript
    ``¹`` passes :meth:`str.isdigit` but is no version number (the schema's pattern reports it).
    """
    head = version.partition(".")[0]
    if not head or not head.isascii() or not head.isdigit():
        return None
    return head.lstrip("0") or "0"


def clip(value: str, limit: int = MAX_VERSION_SHOWN) -> str:
    """``value`` cut to ``limit`` characters (with ``…``), for quoting user data in a message."""
    return _short(value, limit)
