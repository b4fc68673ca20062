"""The PLOVER and CAMEO mapping tables: every enumeration value maps or says why not, and the data is checked on load."""

from __future__ import annotations

import typing
from enum import Enum
from typing import Any

import pytest
import yaml

from geodefence.errors import DataError
from geodefence.export import mapping
from geodefence.export.mapping import SPLITS, cameo_table, plover_modes, plover_schema, plover_table
from geodefence.kinds import KINDS, agreement, exercise, stance, visit
from geodefence.parts import ActorType

RULES = {
    "agreement": set(),
    "visit": {rule for rule, _, _ in visit.TRIGGERS},
    "exercise": set(),
    "stance": {rule for rule, _, _ in stance.CUES},
}
"""Rule ids a table may refine by (the kinds' ordered rule lists)."""

_ = (agreement, exercise)


def _enum_of(annotation: Any) -> type[Enum] | None:
    """The Enum inside an annotation such as ``Status``, ``Status | None`` or ``list[Provision]``."""
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return annotation
    for arg in typing.get_args(annotation):
        found = _enum_of(arg)
        if found is not None:
            return found
    return None


def enum_fields(kind: str) -> dict[str, type[Enum]]:
    """Every enumeration-typed field of a record model."""
    out: dict[str, type[Enum]] = {}
    for name, info in KINDS[kind].model.model_fields.items():
        found = _enum_of(info.annotation)
        if found is not None:
            out[name] = found
    return out


TABLES = {"plover": plover_table, "cameo": cameo_table}
CASES = [(t, k, f) for t in TABLES for k in KINDS for f in enum_fields(k)]


def test_every_kind_has_enum_fields_and_a_table() -> None:
    assert {k for _, k, _ in CASES} == set(KINDS)
    for load in TABLES.values():
        assert set(load().kinds) == set(KINDS)


@pytest.mark.parametrize(("table", "kind", "field"), CASES, ids=[f"{t}-{k}-{f}" for t, k, f in CASES])
def test_every_enum_value_maps_or_says_why_not(table: str, kind: str, field: str) -> None:
    kt = TABLES[table]().kinds[kind]
    values = {e.value for e in enum_fields(kind)[field]}
    if field == kt.field:
        assert set(kt.values) == values
        for value in values:
            entry = kt.values[value]
            targets = list(entry.values()) if isinstance(entry, dict) else [entry]
            for target in targets:
                assert target.reason.strip()
                coded = getattr(target, "event", None) if table == "plover" else getattr(target, "code", None)
                if coded is None:  # unmapped: the reason is what a user reads
                    assert len(target.reason) > 20
    elif field in kt.contexts:
        assert set(kt.contexts[field]) == values
        assert all(extra if isinstance(extra, list) else extra.strip() for extra in kt.contexts[field].values())
    else:
        assert kt.ignored.get(field, "").strip(), (
            f"{table}.yaml: {kind}.{field} is neither mapped nor listed as ignored"
        )


@pytest.mark.parametrize("table", list(TABLES))
def test_refining_rules_exist_and_keep_their_position(table: str) -> None:
    for kind, kt in TABLES[table]().kinds.items():
        assert set(kt.rules) <= RULES[kind], f"{table}.yaml names rules the {kind} extractor does not have"
    for rule in TABLES[table]().kinds["stance"].rules:
        position = next(p for r, _, p in stance.CUES if r == rule)
        assert rule.startswith(f"stance.{position}.")


def test_every_actor_type_maps_or_says_why_not() -> None:
    actors = plover_table().actors
    assert set(actors) == {t.value for t in ActorType}
    assert actors["other"].code is None and "IGO" in actors["other"].reason


def test_plover_categories_and_modes_are_the_specifications() -> None:
    schema = plover_schema()
    assert list(plover_table().categories) == schema["$defs"]["category"]["enum"]
    modes = plover_modes()
    assert modes["CONSULT"] == ("visit", "third-party", "multilateral", "phone")
    assert modes["AGREE"] == ()
    assert {"AGREE", "CONSULT", "SUPPORT", "REJECT", "ACCUSE", "COOPERATE", "MOBILIZE"} <= set(modes)


def test_cameo_codes_used_have_names_and_roots() -> None:
    table = cameo_table()
    assert table.codes["057"] == "Sign formal agreement"
    assert table.codes["042"] == "Make a visit" and table.codes["043"] == "Host a visit"
    assert table.codes["051"] == "Praise or endorse" and table.codes["111"] == "Criticize or denounce"
    assert all(len(root) == 2 for root in table.codes if root.startswith(("0", "1", "2")) and len(root) == 2)
    assert len([c for c in table.codes if len(c) == 2]) == 20


def test_splits_are_complete() -> None:
    for load in TABLES.values():
        for kt in load().kinds.values():
            for entry in kt.values.values():
                if isinstance(entry, dict):
                    assert tuple(entry) == SPLITS


def _with(monkeypatch: pytest.MonkeyPatch, name: str, edit: Any) -> None:
    real = mapping._load_yaml

    def load(file: str) -> Any:
        data = real(file)
        if file == name:
            edit(data)
        return data

    monkeypatch.setattr(mapping, "_load_yaml", load)
    mapping.plover_table.cache_clear()
    mapping.cameo_table.cache_clear()


@pytest.fixture(autouse=True)
def _fresh_tables() -> Any:
    yield
    mapping.plover_table.cache_clear()
    mapping.cameo_table.cache_clear()


@pytest.mark.parametrize(
    ("name", "edit", "message"),
    [
        (
            "plover.yaml",
            lambda d: d["kinds"]["visit"]["values"]["completed"].update(event="VISIT"),
            r"plover\.yaml: kinds\.visit\.values\.completed: 'VISIT' is no PLOVER category",
        ),
        (
            "plover.yaml",
            lambda d: d["kinds"]["visit"]["values"]["completed"].update(mode=["phone-call"]),
            r"mode 'phone-call' is not a mode of CONSULT",
        ),
        (
            "plover.yaml",
            lambda d: d["kinds"]["agreement"]["values"]["signed"].update(context=["naval"]),
            r"context 'naval' is no PLOVER context",
        ),
        (
            "plover.yaml",
            lambda d: d["kinds"]["stance"]["values"]["support"].update(colour="red"),
            r"plover\.yaml: kinds\.stance\.values\.support.*colour",
        ),
        (
            "plover.yaml",
            lambda d: d["kinds"]["stance"]["values"]["neutral"].update(dyad="directed"),
            r"not coded has no mode, context or dyad",
        ),
        (
            "cameo.yaml",
            lambda d: d["kinds"]["visit"]["values"]["completed"].update(code="999"),
            r"cameo\.yaml: kinds\.visit\.values\.completed: code '999'",
        ),
        (
            "cameo.yaml",
            lambda d: d["kinds"]["exercise"]["values"]["planned"].pop("solo"),
            r"exactly joint, solo and unknown",
        ),
    ],
)
def test_a_bad_entry_fails_naming_file_and_entry(
    monkeypatch: pytest.MonkeyPatch, name: str, edit: Any, message: str
) -> None:
    _with(monkeypatch, name, edit)
    with pytest.raises(DataError, match=message):
        plover_table() if name == "plover.yaml" else cameo_table()


def test_the_data_files_name_their_source() -> None:
    for load in TABLES.values():
        table = load()
        assert "openeventdata/PLOVER" in table.source and table.codebook


def test_yaml_files_have_no_duplicate_keys() -> None:
    class Unique(yaml.SafeLoader):
        pass

    def construct(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
        keys = [loader.construct_object(k) for k, _ in node.value]
        assert len(keys) == len(set(keys)), f"duplicate keys at line {node.start_mark.line + 1}"
        return loader.construct_mapping(node)

    Unique.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct)
    from importlib.resources import files

    for name in ("plover.yaml", "cameo.yaml"):
        yaml.load(files("geodefence").joinpath("data").joinpath(name).read_text(encoding="utf-8"), Loader=Unique)
