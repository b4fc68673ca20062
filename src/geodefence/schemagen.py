"""JSON Schemas generated from the models: export, load and drift detection.

The committed ``schemas/`` folder and the copy shipped in the package are both written by
:func:`export`; a test compares them with :func:`render` so they never drift from the models.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from geodefence.errors import SchemaError
from geodefence.kinds import KINDS
from geodefence.parts import SCHEMA_VERSION
from geodefence.records import Document

BASE_URI = "https://geodefence.dev/schemas"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _models() -> dict[str, type[BaseModel]]:
    models: dict[str, type[BaseModel]] = {"document": Document}
    models.update({name: spec.model for name, spec in KINDS.items()})
    return models


SCHEMA_NAMES: tuple[str, ...] = ("document", *KINDS)
"""Every schema this release publishes."""


def file_name(name: str) -> str:
    """File name of a schema, e.g. ``document.schema.json``."""
    return f"{name}.schema.json"


def build(name: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one model, with ``$id``, title and description."""
    models = _models()
    if name not in models:
        raise SchemaError(f"unknown schema {name!r}; expected one of: {', '.join(SCHEMA_NAMES)}")
    model = models[name]
    body = model.model_json_schema(mode="validation")
    doc = (model.__doc__ or "").strip().splitlines()[0]
    head: dict[str, Any] = {
        "$schema": DIALECT,
        "$id": f"{BASE_URI}/{SCHEMA_VERSION}/{file_name(name)}",
        "title": f"geodefence {name} (schema {SCHEMA_VERSION})",
        "description": doc,
    }
    body.pop("title", None)
    body.pop("description", None)
    return {**head, **body}


def render(name: str) -> str:
    """The schema as stable text: sorted keys, two-space indent, trailing newline."""
    return json.dumps(build(name), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def export(directory: str | Path) -> list[Path]:
    """Write every schema into ``directory`` (made when missing); return the paths written.

    Raises SchemaError, one line naming the path and what to do, when ``directory`` is a file,
    lies under one, or cannot be written.
    """
    out = Path(directory)
    for path in (out, *out.parents):
        if path.exists():
            if not path.is_dir():
                raise SchemaError(f"cannot write the schemas into {out}: {path} is a file, not a folder; give a folder")
            break
    written = []
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name in SCHEMA_NAMES:
            path = out / file_name(name)
            path.write_text(render(name), encoding="utf-8")
            written.append(path)
    except OSError as exc:
        where = exc.filename or out
        raise SchemaError(
            f"cannot write the schemas into {out}: {where}: {exc.strerror or exc}; give a folder you can write to"
        ) from None
    return written


def drift(directory: str | Path) -> list[str]:
    """Names of schemas whose file in ``directory`` is missing or differs from the models."""
    out = Path(directory)
    stale = []
    for name in SCHEMA_NAMES:
        path = out / file_name(name)
        if not path.is_file() or path.read_text(encoding="utf-8") != render(name):
            stale.append(name)
    return stale


def schema(name: str = "document") -> dict[str, Any]:
    """The published schema shipped in the installed package (``document``, ``agreement``, ...)."""
    if name not in SCHEMA_NAMES:
        raise SchemaError(f"unknown schema {name!r}; expected one of: {', '.join(SCHEMA_NAMES)}")
    text = resources.files("geodefence.schemas").joinpath(file_name(name)).read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded
