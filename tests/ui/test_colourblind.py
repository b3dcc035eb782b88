"""The colour-blind palette: sides and good/bad stay apart under simulated red-green colour blindness."""

from __future__ import annotations

import itertools

import pygame
import pytest
from table_helpers import ROOT  # type: ignore[import-not-found]

from negotiator.scenario import load_scenario
from negotiator.ui.theme import actor_colours, build_theme

SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))

# Machado et al. (2009) simulation matrices at full severity, applied to sRGB values (good enough for a check).
DEUTAN = ((0.367, 0.861, -0.228), (0.280, 0.673, 0.047), (-0.012, 0.043, 0.969))
PROTAN = ((0.152, 1.053, -0.205), (0.115, 0.786, 0.099), (-0.004, -0.048, 1.052))


def _seen(colour: pygame.Color, matrix: tuple[tuple[float, float, float], ...]) -> tuple[float, ...]:
    rgb = (colour.r, colour.g, colour.b)
    return tuple(min(255.0, max(0.0, sum(m * c for m, c in zip(row, rgb, strict=True)))) for row in matrix)


def _distance(a: pygame.Color, b: pygame.Color, matrix: tuple[tuple[float, float, float], ...]) -> float:
    return sum((x - y) ** 2 for x, y in zip(_seen(a, matrix), _seen(b, matrix), strict=True)) ** 0.5


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_sides_stay_distinguishable(path) -> None:  # type: ignore[no-untyped-def]
    palette = build_theme(colourblind=True).palette
    scenario = load_scenario(path)
    colours = actor_colours([a.colour for a in scenario.actors], palette)
    assert len({tuple(c) for c in colours}) == len(colours)
    for matrix in (DEUTAN, PROTAN):
        for a, b in itertools.combinations(colours, 2):
            assert _distance(a, b, matrix) > 40, (a, b)


def test_good_and_bad_stay_distinguishable() -> None:
    palette = build_theme(colourblind=True).palette
    for matrix in (DEUTAN, PROTAN):
        assert _distance(palette["good"], palette["bad"], matrix) > 80
        assert _distance(palette["bad"], palette["accent"], matrix) > 30


def test_standard_palette_keeps_the_scenario_colours() -> None:
    palette = build_theme(colourblind=False).palette
    assert actor_colours(["#2b6cb0", "#c53030"], palette) == [pygame.Color("#2b6cb0"), pygame.Color("#c53030")]
