"""The analysis's numpy paths are only fast: per-package tables, rounding, the zone of agreement and the
Pareto block filter give exactly (to the bit) what the plain-Python definitions give."""

from __future__ import annotations

import struct

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from negotiator.engine import frontier
from negotiator.engine.analysis import whole_zone_indexes
from negotiator.engine.utility import PRECISION, UtilityModel, _build_tables, _build_tables_reference, _rounded

VALUE = st.sampled_from([0.0, 0.1, 0.2, 0.3, 0.25, 1 / 3, 0.5, 0.7, 0.9, 1.0]) | st.floats(0.0, 1.0)


@st.composite
def models(draw: st.DrawFn) -> UtilityModel:
    """A random outcome space (1-4 issues of 1-4 options) over 1-5 actors, some with red lines."""
    sizes = draw(st.lists(st.integers(1, 4), min_size=1, max_size=4))
    actors = tuple(f"a{k}" for k in range(draw(st.integers(1, 5))))
    parties = actors[: draw(st.integers(0, len(actors)))]
    weights, values, red = {}, {}, {}
    for a in actors:
        raw = [draw(st.floats(0.0, 5.0)) for _ in sizes]
        total = sum(raw) or 1.0
        weights[a] = tuple(w / total for w in raw)
        values[a] = tuple(tuple(draw(VALUE) for _ in range(n)) for n in sizes)
        red[a] = tuple(frozenset(draw(st.sets(st.integers(0, n - 1), max_size=1))) for n in sizes)
    strides = tuple(int(np.prod(sizes[k + 1 :])) for k in range(len(sizes)))
    return UtilityModel(
        scenario_id="t",
        issue_ids=tuple(f"i{k}" for k in range(len(sizes))),
        option_ids=tuple(tuple(f"o{j}" for j in range(n)) for n in sizes),
        option_labels=tuple(tuple(f"O{j}" for j in range(n)) for n in sizes),
        actors=actors,
        parties=parties,
        weights=weights,
        values=values,
        red_lines=red,
        reservations={a: 0.5 for a in actors},
        strides=strides,
        size=int(np.prod(sizes)),
        signatories=tuple(frozenset(parties) for _ in sizes),
    )


def bits(values: list[float] | tuple[float, ...]) -> list[bytes]:
    return [struct.pack("<d", v) for v in values]


@settings(max_examples=150, deadline=None)
@given(models())
def test_the_numpy_tables_are_the_python_tables(model: UtilityModel) -> None:
    fast, reference = _build_tables(model), _build_tables_reference(model)
    assert fast == reference
    for a in model.actors:  # equal floats may still differ in sign (-0.0): compare the bits
        assert bits(fast[0][a]) == bits(reference[0][a])
        assert all(type(u) is float for u in fast[0][a]) and all(type(v) is bool for v in fast[1][a])
    assert all(type(f) is bool for f in fast[2])


HALVES = st.integers(-(10**13), 10**13).map(lambda n: (n + 0.5) / 10**PRECISION)  # on or next to a tie


@given(st.lists(st.floats(allow_nan=False) | st.floats(-2.0, 2.0) | HALVES, max_size=40))
def test_rounding_in_numpy_is_round(values: list[float]) -> None:
    ours = _rounded(np.array(values, dtype=float), PRECISION)
    assert bits(ours) == bits([round(v, PRECISION) for v in values])


@settings(max_examples=100, deadline=None)
@given(models(), st.lists(st.floats(0.0, 1.0), min_size=5, max_size=5))
def test_the_zone_is_every_feasible_package_each_party_prefers_to_no_deal(model: UtilityModel, r: list[float]) -> None:
    reservations = dict(zip(model.actors, r, strict=False))
    tables = [(model.package_utilities[a], reservations[a]) for a in model.parties]
    expected = (
        [i for i in range(model.size) if model.feasible[i] and all(t[i] >= x for t, x in tables)]
        if model.parties
        else list(range(model.size))
    )
    assert whole_zone_indexes(model, reservations) == expected


GRID = st.integers(0, 3).map(float)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(GRID, GRID, GRID, GRID, GRID), max_size=300), st.integers(1, 64), st.integers(1, 16))
def test_the_block_filter_in_slices_keeps_exactly_the_non_dominated(vectors: list, block: int, front: int) -> None:
    """Small blocks and frontier slices exercise every join (the slices compare only the survivors)."""
    distinct = sorted(set(vectors), reverse=True)
    expected = [
        v for v in distinct if not any(all(a >= b for a, b in zip(u, v, strict=True)) and u != v for u in distinct)
    ]
    saved = frontier.BLOCK, frontier.FRONT_BLOCK
    frontier.BLOCK, frontier.FRONT_BLOCK = block, front
    try:
        assert frontier._block_filter(distinct) == expected
    finally:
        frontier.BLOCK, frontier.FRONT_BLOCK = saved
