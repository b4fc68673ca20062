"""Fixtures of the export tests (the documents are built in export_helpers)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from export_helpers import make_doc

from geodefence import Document


@pytest.fixture()
def doc() -> Document:
    return make_doc()


@pytest.fixture()
def dataset(tmp_path: Path) -> Path:
    """A JSON Lines dataset: the document above, a failed document, and a second copy with another id."""
    failed: dict[str, Any] = {"doc_id": "bad", "error": {"code": "empty_text", "message": "text is empty"}}
    path = tmp_path / "docs.jsonl"
    lines = [
        make_doc().model_dump_json(),
        Document.model_validate(failed).model_dump_json(),
        make_doc("doc-2").model_dump_json(),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
