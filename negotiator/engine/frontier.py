"""The Pareto frontier of a set of utility vectors: which vectors no other vector dominates.

Pure vector arithmetic, shared by the exact analysis over every package (`engine.analysis`) and the
sampled one over a large space (`engine.sampled`). A vector dominates another when it is at least as good in
every coordinate and better in one; identical vectors are all kept.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import numpy as np


def non_dominated(vectors: Sequence[tuple[float, ...]]) -> list[int]:
    """Positions of the vectors that no other vector dominates, ascending.

    Sorting by descending lexicographic order puts every dominator before what it dominates, so each
    distinct vector need only be checked against the frontier found so far. Two and three dimensions use
    a staircase (O(n log n) in practice); more dimensions compare against the frontier directly.
    """
    if not vectors:
        return []
    distinct = sorted(set(vectors), reverse=True)
    dims = len(distinct[0])
    if dims == 0:
        frontier = set(distinct)
    elif dims == 1:
        frontier = {distinct[0]}
    elif dims <= 3:
        frontier = set(_staircase(distinct))
    else:
        frontier = set(_block_filter(distinct))
    return [j for j, v in enumerate(vectors) if v in frontier]


BLOCK = 512  # candidates compared at once in `_block_filter`
FRONT_BLOCK = 256  # frontier members compared with (what is left of) a block at once


def _block_filter(distinct: Sequence[tuple[float, ...]]) -> list[tuple[float, ...]]:
    """Frontier of distinct vectors (any dimension) sorted descending, with numpy, a block at a time.

    A dominator is lexicographically greater, so it comes earlier: each block is checked against the
    frontier so far and against the earlier members of the block itself (a dominated earlier member is
    harmless: whatever dominates it dominates the later one too). 6 parties over 65,536 packages: a
    pairwise Python loop took 15.7 s, this takes a fraction of a second (`benchmarks/engine.py`)."""
    if not distinct:
        return []
    values = np.asarray(distinct, dtype=float)
    # Each coordinate replaced by its rank among that coordinate's values: the same order, exactly, in the
    # narrowest integer type that holds it (a quarter of float64's memory traffic when it fits 16 bits).
    ranks = np.empty(values.shape, dtype=np.int64)
    for d in range(values.shape[1]):
        ranks[:, d] = np.unique(values[:, d], return_inverse=True)[1]
    points = ranks.astype(np.uint16 if ranks.max() < 2**16 else np.int64)
    frontier = np.empty((0, points.shape[1]), dtype=points.dtype)
    kept: list[int] = []
    for start in range(0, len(points), BLOCK):
        block = points[start : start + BLOCK]
        alive = np.ones(len(block), dtype=bool)
        # Against the frontier a slice at a time, each slice only against what the earlier ones left alive:
        # most candidates fall to the first few hundred members, so later slices compare few columns.
        for lo in range(0, len(frontier), FRONT_BLOCK):
            open_ = np.flatnonzero(alive)
            if not len(open_):
                break
            alive[open_] = ~_covers(frontier[lo : lo + FRONT_BLOCK], block[open_]).any(axis=0)
        inner = _covers(block, block)  # inner[i, j]: i >= j everywhere
        inner &= np.tri(len(block), k=-1, dtype=bool).T  # only earlier i (i < j) count
        alive &= ~inner.any(axis=0)
        survivors = np.flatnonzero(alive)
        kept.extend(int(start + j) for j in survivors)
        frontier = np.concatenate([frontier, block[survivors]])
    return [distinct[i] for i in kept]


def _covers(ahead: np.ndarray, block: np.ndarray) -> np.ndarray:
    """covers[i, j]: ahead[i] >= block[j] in every coordinate. One 2-D comparison per dimension: much faster
    than a 3-D array reduced over its short last axis."""
    covers = ahead[:, None, 0] >= block[None, :, 0]
    for d in range(1, block.shape[1]):
        covers &= ahead[:, None, d] >= block[None, :, d]
    return covers


def _staircase(distinct: Sequence[tuple[float, ...]]) -> list[tuple[float, ...]]:
    """Frontier of distinct 2- or 3-vectors sorted descending.

    Every earlier vector is >= the current one in the first coordinate, so the current one is dominated
    iff an earlier frontier vector is >= in the remaining one or two coordinates (distinct vectors make
    the domination strict). The remaining coordinates' frontier is kept as a staircase: `ys` ascending,
    `zs` strictly descending, so the best z among points with y >= v_y sits at the first such position.
    """
    ys: list[float] = []
    zs: list[float] = []
    frontier = []
    for v in distinct:
        y = v[1]
        z = v[2] if len(v) > 2 else 0.0
        pos = bisect.bisect_left(ys, y)
        if pos < len(ys) and zs[pos] >= z:
            continue
        frontier.append(v)
        # Drop staircase points that (y, z) now covers: those with y' <= y and z' <= z, just left of pos.
        start = pos
        while start > 0 and zs[start - 1] <= z:
            start -= 1
        end = pos + 1 if pos < len(ys) and ys[pos] == y else pos
        ys[start:end] = [y]
        zs[start:end] = [z]
    return frontier
