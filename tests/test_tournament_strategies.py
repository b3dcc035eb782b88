"""Every scripted strategy of the exploit tournament plays a whole legal game in every seat of both shipped
scenarios: a strategy that crashes or gets stuck would silently drop out of the benchmark's figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from negotiator.scenario import load_scenario
from negotiator.tournament.runner import lineup, play
from negotiator.tournament.strategies import STRATEGIES

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = {
    p.stem: load_scenario(p) for p in (ROOT / "scenarios" / "istanbul_talks.yaml", ROOT / "scenarios" / "tutorial.yaml")
}


@pytest.mark.parametrize("name", sorted(STRATEGIES))
def test_the_strategy_plays_every_seat_to_the_end(name: str) -> None:
    for scenario in SCENARIOS.values():
        for actor in scenario.negotiators:
            scores = play(scenario, 3, lineup(**{actor.id: f"strategy:{name}"}))
            assert set(scores) == {a.id for a in scenario.negotiators}
