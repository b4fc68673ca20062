"""The mapping tables of the exports, as data: ``data/plover.yaml`` and ``data/cameo.yaml``.

Each table is validated on load (unknown keys, categories, modes, contexts and codes outside the
specification are errors naming the file and entry) and says, for every record kind, which field
decides the code, what each of its values maps to, which rules refine that, and why a value maps
to nothing. :func:`resolve` picks the target of one record.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any, Generic, Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from geodefence.errors import DataError

Split = Literal["joint", "solo", "unknown"]
"""How many participants an exercise names: two or more, one, none."""

SPLITS: tuple[Split, ...] = ("joint", "solo", "unknown")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PloverTarget(_Strict):
    """What a record becomes in PLOVER: a category with modes and contexts, or nothing and why."""

    event: str | None = Field(description="PLOVER category; null when the record is not coded.")
    mode: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    dyad: Literal["reciprocal", "directed"] | None = None
    reason: str = Field(min_length=1, description="Why this category, or why none.")

    @model_validator(mode="after")
    def _consistent(self) -> PloverTarget:
        if self.event is None and (self.mode or self.context or self.dyad):
            raise ValueError("a record that is not coded has no mode, context or dyad")
        if self.event is not None and self.dyad is None:
            raise ValueError(f"event {self.event} needs a dyad (reciprocal or directed)")
        return self


class CameoTarget(_Strict):
    """What a record becomes in CAMEO: a code (and the code seen from the second actor), or nothing and why."""

    code: str | None = Field(pattern=r"^\d{3,4}$", description="CAMEO event code; null when none fits.")
    reciprocal: str | None = Field(default=None, pattern=r"^\d{3,4}$")
    reason: str = Field(min_length=1)

    @property
    def root(self) -> str | None:
        """The code's root (cue category): its first two digits."""
        return self.code[:2] if self.code else None


T = TypeVar("T", PloverTarget, CameoTarget)


class KindTable(_Strict, Generic[T]):
    """The mapping of one record kind."""

    field: str
    split: Literal["participants"] | None = None
    values: dict[str, T | dict[Split, T]]
    rules: dict[str, T] = Field(default_factory=dict)
    contexts: dict[str, dict[str, list[str] | str]] = Field(default_factory=dict)
    base_context: tuple[str, ...] = ()
    ignored: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _split_complete(self) -> KindTable[T]:
        for value, entry in self.values.items():
            if isinstance(entry, dict) != (self.split is not None):
                want = "joint, solo and unknown targets" if self.split else "one target"
                raise ValueError(f"value {value!r} must have {want}")
            if isinstance(entry, dict) and set(entry) != set(SPLITS):
                raise ValueError(f"value {value!r} must have exactly joint, solo and unknown")
        return self

    def targets(self) -> list[tuple[str, T]]:
        """Every target of the table with where it is (for checks)."""
        out: list[tuple[str, T]] = []
        for value, entry in self.values.items():
            if isinstance(entry, dict):
                out.extend((f"values.{value}.{k}", t) for k, t in entry.items())
            else:
                out.append((f"values.{value}", entry))
        out.extend((f"rules.{rule}", t) for rule, t in self.rules.items())
        return out


class Category(_Strict):
    quad: Literal[1, 2, 3, 4]
    scale: float = Field(ge=-10, le=10)


class ActorRule(_Strict):
    code: str | None
    sector: str | None = None
    reason: str = Field(min_length=1)


class PloverTable(_Strict):
    """``data/plover.yaml``."""

    codebook: str
    source: str
    categories: dict[str, Category]
    kinds: dict[str, KindTable[PloverTarget]]
    actors: dict[str, ActorRule]


class CameoTable(_Strict):
    """``data/cameo.yaml``."""

    codebook: str
    source: str
    codes: dict[str, str]
    kinds: dict[str, KindTable[CameoTarget]]


def _load_yaml(name: str) -> Any:
    text = files("geodefence").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _fail(name: str, exc: ValidationError) -> DataError:
    err = exc.errors()[0]
    return DataError(f"{name}: {'.'.join(str(p) for p in err['loc'])}: {err['msg']}")


@cache
def plover_schema() -> dict[str, Any]:
    """The JSON Schema of a PLOVER record (``export/plover.schema.json``), written from the specification."""
    text = files("geodefence.export").joinpath("plover.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def plover_modes() -> dict[str, tuple[str, ...]]:
    """Each category's modes, as the schema states them (no modes: empty)."""
    schema = plover_schema()
    out: dict[str, tuple[str, ...]] = {c: () for c in schema["$defs"]["category"]["enum"]}
    for rule in schema["allOf"]:
        event = rule.get("if", {}).get("properties", {}).get("event", {}).get("const")
        mode = rule.get("then", {}).get("properties", {}).get("mode")
        if event and mode is not None and "items" in mode:
            out[event[0]] = tuple(mode["items"]["enum"])
    return out


@cache
def plover_table() -> PloverTable:
    """``data/plover.yaml``, checked against the PLOVER schema's categories, modes and contexts."""
    name = "plover.yaml"
    try:
        table = PloverTable.model_validate(_load_yaml(name))
    except ValidationError as exc:
        raise _fail(name, exc) from None
    modes = plover_modes()
    contexts = set(plover_schema()["$defs"]["context"]["enum"])
    if set(table.categories) != set(modes):
        raise DataError(
            f"{name}: categories differ from the specification's: {sorted(set(table.categories) ^ set(modes))}"
        )
    for kind, kt in table.kinds.items():
        for where, target in kt.targets():
            at = f"{name}: kinds.{kind}.{where}"
            if target.event is not None and target.event not in modes:
                raise DataError(f"{at}: {target.event!r} is no PLOVER category (allowed: {', '.join(modes)})")
            bad = [m for m in target.mode if target.event is None or m not in modes[target.event]]
            if bad:
                raise DataError(
                    f"{at}: mode {bad[0]!r} is not a mode of {target.event} (allowed: {', '.join(modes.get(target.event or '', ())) or 'none'})"
                )
            if any(c not in contexts for c in target.context):
                raise DataError(
                    f"{at}: context {next(c for c in target.context if c not in contexts)!r} is no PLOVER context"
                )
        for field, values in kt.contexts.items():
            for value, extra in values.items():
                if isinstance(extra, list) and any(c not in contexts for c in extra):
                    raise DataError(f"{name}: kinds.{kind}.contexts.{field}.{value}: unknown PLOVER context in {extra}")
        if any(c not in contexts for c in kt.base_context):
            raise DataError(f"{name}: kinds.{kind}.base_context: unknown PLOVER context in {list(kt.base_context)}")
    return table


@cache
def cameo_table() -> CameoTable:
    """``data/cameo.yaml``: every code used is named in its ``codes`` list, with its root."""
    name = "cameo.yaml"
    try:
        table = CameoTable.model_validate(_load_yaml(name))
    except ValidationError as exc:
        raise _fail(name, exc) from None
    for kind, kt in table.kinds.items():
        for where, target in kt.targets():
            for code in (target.code, target.reciprocal):
                if code is not None and (code not in table.codes or code[:2] not in table.codes):
                    raise DataError(
                        f"{name}: kinds.{kind}.{where}: code {code!r} (or its root) is not in the codes list"
                    )
    return table


def split_of(record: dict[str, Any]) -> Split:
    """joint, solo or unknown, from how many participants a record names."""
    n = len(record.get("participants") or [])
    return "joint" if n >= 2 else "solo" if n == 1 else "unknown"


def first_rule(record: dict[str, Any]) -> str | None:
    """The rule id of a record's first evidence span (the rule that produced it)."""
    evidence = record.get("evidence") or []
    return str(evidence[0].get("rule")) if evidence and evidence[0].get("rule") else None


def _rule_parts(record: dict[str, Any]) -> list[str]:
    """The first evidence span's rule id, then each of its ``+``-joined parts."""
    produced_by = first_rule(record)
    return [produced_by, *produced_by.split("+")] if produced_by else []


def resolve(table: KindTable[T], record: dict[str, Any]) -> T:
    """The target of one record: a rule of its first evidence span if the table names one, else its field's value.

    A value the table does not know (a dataset of a newer schema) raises :class:`DataError`.
    """
    for part in _rule_parts(record):
        if part in table.rules:
            return table.rules[part]
    value = record.get(table.field)
    entry = table.values.get(str(value))
    if entry is None:
        raise DataError(f"no mapping for {table.field} {value!r} (known: {', '.join(table.values)})")
    if isinstance(entry, dict):
        return entry[split_of(record)]
    return entry


__all__ = [
    "SPLITS",
    "CameoTable",
    "CameoTarget",
    "KindTable",
    "PloverTable",
    "PloverTarget",
    "cameo_table",
    "first_rule",
    "plover_modes",
    "plover_schema",
    "plover_table",
    "resolve",
    "split_of",
]
