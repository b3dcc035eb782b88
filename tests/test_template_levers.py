"""The template every new author starts from shows levers worth using: each is used by its owner's AI in
100 games (issue 10: 'Lobby the board' gained its owner nothing, and once no AI pays for nothing it was never
used, so `simulate` warned on an untouched template)."""

from __future__ import annotations

from pathlib import Path

from negotiator.engine.simulate import simulate
from negotiator.scenario import load_scenario
from negotiator.scenario.template import TEMPLATE


def test_every_template_lever_is_used(tmp_path: Path) -> None:
    path = tmp_path / "my_scenario.yaml"
    path.write_text(TEMPLATE, encoding="utf-8")
    summary = simulate(load_scenario(path), str(path), 100, seed=1)
    assert summary.unused_levers == {}
    assert all(share > 0.5 for share in summary.lever_use.values()), summary.lever_use
