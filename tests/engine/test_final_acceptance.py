"""The hard AI's last-moment acceptance: the ultimatum game's mixed responder (`acceptance.final_chance`)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from negotiator.engine.ai.acceptance import STEEPNESS, final_chance

unit = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


@given(unit, unit, unit, unit)
def test_the_chance_rises_with_the_offer_and_is_sure_at_the_threshold(a: float, b: float, r: float, t: float) -> None:
    low, high = sorted((a, b))
    floor, threshold = sorted((r, t))
    assert 0.0 <= final_chance(low, floor, threshold) <= final_chance(high, floor, threshold) <= 1.0
    assert final_chance(threshold, floor, threshold) == 1.0
    if threshold > floor + 1e-6:
        assert final_chance(floor, floor, threshold) == 0.0


@given(st.floats(min_value=0.0, max_value=0.5), st.floats(min_value=0.2, max_value=0.5))
def test_squeezing_below_three_quarters_of_the_way_does_not_pay(floor: float, span: float) -> None:
    """A squeezer that keeps `1 - v` of a unit surplus when offering `v` expects `chance(v) * (1 - v)`: with the
    steep chance, offering the threshold beats offering anything below the point 3/4 of the way up."""
    threshold = floor + span
    pie = threshold + 0.3  # what the squeezer keeps is what the pie leaves after the offer
    at_threshold = pie - threshold
    for k in range(0, 60):
        offer = floor + span * k / 100  # up to 0.6 of the way
        expected = final_chance(offer, floor, threshold) * (pie - offer)
        assert expected <= at_threshold + 1e-9, (offer, expected, at_threshold, STEEPNESS)
