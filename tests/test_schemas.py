"""The published schemas: generated from the models, committed, shipped, and free of drift."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import geodefence
from geodefence import schemagen
from geodefence.errors import SchemaError

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("folder", ["schemas", "src/geodefence/schemas"])
def test_committed_schemas_match_models(folder: str) -> None:
    assert schemagen.drift(ROOT / folder) == [], f"run: geodefence schema export {folder}"


def test_drift_is_detected(tmp_path: Path) -> None:
    schemagen.export(tmp_path)
    assert schemagen.drift(tmp_path) == []
    path = tmp_path / "visit.schema.json"
    path.write_text(path.read_text().replace("host state", "hosting state"))
    (tmp_path / "stance.schema.json").unlink()
    assert schemagen.drift(tmp_path) == ["visit", "stance"]


def test_export_is_byte_stable(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    schemagen.export(a)
    schemagen.export(b)
    for name in schemagen.SCHEMA_NAMES:
        fa, fb = a / schemagen.file_name(name), b / schemagen.file_name(name)
        assert fa.read_bytes() == fb.read_bytes()
        assert fa.read_bytes().endswith(b"}\n")


@pytest.mark.parametrize("name", schemagen.SCHEMA_NAMES)
def test_shipped_schema_is_valid_draft_2020_12(name: str) -> None:
    loaded = geodefence.schema(name)
    jsonschema.Draft202012Validator.check_schema(loaded)
    assert loaded["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert loaded["$id"].endswith(f"/{geodefence.SCHEMA_VERSION}/{name}.schema.json")
    assert loaded["title"] and loaded["description"]


def _descriptions_missing(node: object, path: str = "$") -> list[str]:
    missing: list[str] = []
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict):
            missing += [f"{path}.{k}" for k, v in props.items() if "description" not in v]
        for key, value in node.items():
            missing += _descriptions_missing(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            missing += _descriptions_missing(value, f"{path}[{i}]")
    return missing


@pytest.mark.parametrize("name", schemagen.SCHEMA_NAMES)
def test_every_field_is_documented(name: str) -> None:
    assert _descriptions_missing(schemagen.build(name)) == []


def test_enumerations_document_each_value() -> None:
    defs = schemagen.build("document")["$defs"]
    for def_name, body in defs.items():
        if "enum" in body:
            for value in body["enum"]:
                assert f"``{value}``" in body["description"], (def_name, value)


def test_unknown_schema_name_is_an_error() -> None:
    with pytest.raises(SchemaError, match="expected one of"):
        geodefence.schema("treaty")
    with pytest.raises(SchemaError):
        schemagen.build("treaty")


def test_document_example_validates_against_published_schema() -> None:
    doc = geodefence.Document(doc_id="x")
    jsonschema.validate(json.loads(doc.model_dump_json()), geodefence.schema("document"))
