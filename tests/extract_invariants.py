"""What every Document from ``extract`` must satisfy, whatever the text (property tests and fuzzer)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

import jsonschema_rs
import orjson

from geodefence import Document, schema

EVIDENCE_KEYS = frozenset({"start", "end", "text", "rule"})


@cache
def document_validator() -> Any:
    """A validator of the published document schema (draft 2020-12)."""
    return jsonschema_rs.Draft202012Validator(schema("document"))


def evidences(node: object, path: str = "$") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every evidence object in a dumped document (records and every slot), with its JSON path."""
    if isinstance(node, dict):
        if node.keys() >= EVIDENCE_KEYS:
            yield path, node
        for key, value in node.items():
            yield from evidences(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from evidences(value, f"{path}[{i}]")


def check_document(text: str, doc: Document) -> list[str]:
    """Every broken invariant of ``doc`` extracted from ``text`` (empty when all hold)."""
    problems: list[str] = []
    data = orjson.loads(doc.model_dump_json())
    problems.extend(
        f"schema: {err.message} at {list(err.instance_path)}" for err in document_validator().iter_errors(data)
    )
    for path, ev in evidences(data):
        start, end = ev["start"], ev["end"]
        if not 0 <= start <= end <= len(text):
            problems.append(f"{path}: span {start}:{end} outside the text of {len(text)} characters")
        elif ev["text"] != text[start:end]:
            problems.append(f"{path}: quote {ev['text']!r} != text[{start}:{end}] {text[start:end]!r}")
    return problems
