"""Overlapping evidence spans as a tree of text pieces and marks, for the page to build.

Evidence spans overlap freely: a visit's sentence holds an agreement's phrase, three records
name the same city, and two spans may cross. HTML elements nest, so a span that crosses the
one it opens inside is cut where that one ends and continues after it: one highlight may then
be drawn as several ``<mark>`` fragments carrying the same highlight id, and the page joins
them back. The tree is plain data (strings and ``[id, children]`` pairs); the page turns
strings into text nodes, so no text is ever parsed as HTML.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from typing import TypeAlias

Node: TypeAlias = "str | tuple[int, list[Node]]"
"""A piece of text, or a highlight (its id) around the nodes it covers."""


def nest(text: str, spans: Sequence[tuple[int, int, int]]) -> list[Node]:
    """The text as nested nodes, each ``(start, end, id)`` span around exactly ``text[start:end]``.

    Spans are opened in order of start, the longer first and then in the order given (so, for
    identical spans, the first given is the outer one). Empty spans and spans outside the text
    are left out: the caller checks its spans against the text first. Joining every string of
    the tree in order gives back ``text``.
    """
    root: list[Node] = []
    stack: list[tuple[int, list[Node]]] = [(len(text), root)]
    pos = 0

    def advance(to: int) -> None:
        """Write the text up to ``to``, closing every open span that ends on the way."""
        nonlocal pos
        while len(stack) > 1 and stack[-1][0] <= to:
            end, children = stack.pop()
            if end > pos:
                children.append(text[pos:end])
                pos = end
        if to > pos:
            stack[-1][1].append(text[pos:to])
            pos = to

    queue = [(s, -e, seq, hid) for seq, (s, e, hid) in enumerate(spans) if 0 <= s < e <= len(text)]
    heapq.heapify(queue)
    while queue:
        start, neg_end, seq, hid = heapq.heappop(queue)
        end = -neg_end
        advance(start)
        outer_end = stack[-1][0]  # > start: advance() closed every span ending at or before it
        if end > outer_end:  # crosses the span it opens in: cut here, the rest continues after it
            heapq.heappush(queue, (outer_end, neg_end, seq, hid))
            end = outer_end
        children: list[Node] = []
        stack[-1][1].append((hid, children))
        stack.append((end, children))
    advance(len(text))
    return root


def flatten(nodes: Sequence[Node]) -> str:
    """The text a tree covers (the inverse of :func:`nest`), for checks."""
    return "".join(node if isinstance(node, str) else flatten(node[1]) for node in nodes)


def covered(nodes: Sequence[Node]) -> dict[int, str]:
    """Each highlight id with the text its fragments cover, joined in order (for checks)."""
    out: dict[int, str] = {}

    def walk(items: Sequence[Node], open_ids: list[int]) -> None:
        for node in items:
            if isinstance(node, str):
                for hid in open_ids:
                    out[hid] = out.get(hid, "") + node
            else:
                out.setdefault(node[0], "")
                walk(node[1], [*open_ids, node[0]])

    walk(nodes, [])
    return out
