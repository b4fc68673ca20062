"""One-to-one pairing of records that share a key: the Hungarian method on integer weights.

Articles rarely hold more than a few records with one key, but brute force over permutations
grows factorially; the Hungarian method is exact, O(n^3), and short.
"""

from __future__ import annotations

from collections.abc import Sequence


def _min_cost(cost: Sequence[Sequence[int]]) -> list[tuple[int, int]]:
    """Rows to columns at minimum total cost, every row assigned (needs rows <= columns)."""
    n, m = len(cost), len(cost[0])
    u = [0] * (n + 1)
    v = [0] * (m + 1)
    owner = [0] * (m + 1)  # owner[j]: the row (1-based) holding column j, 0 for none
    way = [0] * (m + 1)
    for row in range(1, n + 1):
        owner[0] = row
        j0 = 0
        minv = [None] * (m + 1)  # type: list[int | None]
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0 = owner[j0]
            delta: int | None = None
            j1 = 0
            for j in range(1, m + 1):
                if used[j]:
                    continue
                reduced = cost[i0 - 1][j - 1] - u[i0] - v[j]
                current = minv[j]
                if current is None or reduced < current:
                    minv[j] = reduced
                    way[j] = j0
                    current = reduced
                if delta is None or current < delta:
                    delta = current
                    j1 = j
            assert delta is not None  # rows <= columns, so an unused column is always left
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    value = minv[j]
                    if value is not None:
                        minv[j] = value - delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    return sorted((owner[j] - 1, j - 1) for j in range(1, m + 1) if owner[j])


def best_pairing(weights: Sequence[Sequence[int]]) -> list[tuple[int, int]]:
    """Pairs (row, column) of maximum total weight, as many as the smaller side allows.

    ``weights[i][j]`` is what pairing row ``i`` with column ``j`` is worth (non-negative).
    """
    if not weights or not weights[0]:
        return []
    top = max(max(row) for row in weights)
    if len(weights) <= len(weights[0]):
        return _min_cost([[top - w for w in row] for row in weights])
    transposed = [[top - weights[i][j] for i in range(len(weights))] for j in range(len(weights[0]))]
    return sorted((i, j) for j, i in _min_cost(transposed))
