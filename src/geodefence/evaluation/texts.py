"""Where the articles behind a gold file are read from: folders of ``<doc>.txt`` or JSON Lines.

A gold file names its articles by id. Their texts come from any mix of sources given in order:
a folder holding ``<doc>.txt`` (the project's own corpora), or a JSON Lines file of objects with
``id`` and ``text`` and optionally ``url`` (``../shared/realnews/*.jsonl`` as they are; the url is
passed to extraction as the document's ``source``); a gold file may name a long id by its
abbreviation (:func:`abbreviate`). The first source that has a
doc wins. JSON Lines files are streamed and only the wanted ids are kept, so a large file costs
the memory of the articles scored, not of the file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from geodefence.errors import InputError

TextPaths = str | Path | Sequence[str | Path]
"""One text source or several, searched in order."""

ELLIPSIS = "\u2026"
"""Joins the two ends of an abbreviated id: ``wh-2022-01-04-statement-…5148fd``."""


def abbreviate(item_id: str, head: int = 24, tail: int = 6) -> str:
    """A long id written by its two ends, ``<first 24 characters>…<last 6>``.

    Gold files may name an article so: a White House id spells out its headline, and a file of
    such ids would repeat whole headlines of the shared text. :func:`id_matches` resolves it.
    """
    return item_id if len(item_id) <= head + tail + 2 else f"{item_id[:head]}{ELLIPSIS}{item_id[-tail:]}"


def id_matches(doc: str, item_id: str) -> bool:
    """True when ``doc`` names ``item_id``: the same id, or its abbreviation (see :func:`abbreviate`)."""
    if doc == item_id:
        return True
    head, sep, tail = doc.partition(ELLIPSIS)
    return bool(sep) and item_id.startswith(head) and item_id.endswith(tail) and len(item_id) >= len(head) + len(tail)


def as_paths(texts: TextPaths) -> list[Path]:
    """The sources as a list of paths (one path given alone is a list of one)."""
    if isinstance(texts, (str, Path)):
        return [Path(texts)]
    return [Path(p) for p in texts]


def _jsonl_texts(path: Path, wanted: set[str]) -> Iterator[tuple[str, str, str | None]]:
    """(id, text, url) of the wanted items of a JSON Lines file; errors name the file and line."""
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read texts: {exc}", file=str(path)) from None
    abbreviated = {doc: doc for doc in wanted if ELLIPSIS in doc}
    with handle:
        try:
            for number, raw in enumerate(handle, start=1):
                if not raw.strip():
                    continue
                try:
                    item = json.loads(raw)
                except json.JSONDecodeError as exc:
                    raise InputError(f"invalid JSON: {exc.msg}", file=str(path), line=number) from None
                except RecursionError:
                    raise InputError("invalid JSON: nested too deeply to read", file=str(path), line=number) from None
                if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                    raise InputError("a text line must be an object with a string id", file=str(path), line=number, field="id")
                doc = item["id"] if item["id"] in wanted else abbreviated.get(abbreviate(item["id"]))
                if doc is not None and id_matches(doc, item["id"]):
                    text = item.get("text")
                    if not isinstance(text, str):
                        raise InputError("text must be a string", file=str(path), line=number, field="text")
                    url = item.get("url")
                    yield doc, text, url if isinstance(url, str) else None
        except UnicodeDecodeError as exc:
            raise InputError(f"cannot read texts: {exc}", file=str(path)) from None


class TextSource:
    """Article texts by doc id, from folders and JSON Lines files searched in order."""

    def __init__(self, texts: TextPaths, wanted: Iterable[str]) -> None:
        self.paths = as_paths(texts)
        self._found: dict[str, str] = {}
        self._urls: dict[str, str | None] = {}
        wanted_ids = set(wanted)
        for path in self.paths:
            if path.is_dir():
                continue
            missing = wanted_ids - self._found.keys()
            for doc, text, url in _jsonl_texts(path, missing):
                self._found.setdefault(doc, text)
                self._urls.setdefault(doc, url)

    def get(self, doc: str) -> str | None:
        """The article's text, or None when no source has it (an unreadable file is an error)."""
        if doc in self._found:
            return self._found[doc]
        for path in self.paths:
            if not path.is_dir():
                continue
            file = path / f"{doc}.txt"
            try:
                return file.read_text(encoding="utf-8")
            except FileNotFoundError:
                continue
            except (OSError, UnicodeDecodeError) as exc:
                raise InputError(f"text {file} for doc {doc!r} is unreadable ({exc})", file=str(file)) from None
        return None

    def source(self, doc: str) -> str | None:
        """Where the article was published (a JSON Lines item's ``url``), or None."""
        return self._urls.get(doc)

    def describe(self, doc: str) -> str:
        """Where the doc's text was looked for, for the message that it is missing."""
        if len(self.paths) == 1 and self.paths[0].is_dir():
            return f"text {self.paths[0] / f'{doc}.txt'} for doc {doc!r}"
        return f"text for doc {doc!r} (searched {', '.join(str(p) for p in self.paths)})"

    def present(self) -> bool:
        """True when every source exists."""
        return all(p.exists() for p in self.paths)
