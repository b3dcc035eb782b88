"""A hidden (bookkeeping) meter is never named to players (issue 10): not in the news and turn records, not in
text mode (status, levers, why a lever is not usable now), not in the role briefs, not in the computer
players' stated reasons, though every rule reads it. The meter's name here is a word found nowhere else."""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path

import pytest
import yaml

from negotiator.cli import main
from negotiator.engine.players import play_ai_game
from negotiator.scenario import load_scenario
from tests.engine.scenario_factory import BASE

SECRET = "Zorblax"


def write_scenario(tmp_path: Path) -> Path:
    data = copy.deepcopy(BASE)
    data["meters"].append(
        {"id": "fuse", "name": SECRET, "description": "Bookkeeping.", "scope": "shared", "initial": 0.0, "hidden": True}
    )
    data["rules"]["turns"] = 6
    data["rules"]["each_turn"].append({"kind": "meter", "meter": "fuse", "change": 1.0})
    speech = data["levers"][1]
    speech["conditions"], speech["uses"] = [{"meter": "fuse", "op": "<=", "value": 1.0}], 3
    data["levers"][0]["effects"][0]["scaled_by"] = {"meter": "fuse", "per_point": 0.1}
    data["preferences"]["north"]["reservation"]["moved_by"] = [{"meter": "fuse", "per_point": -0.01, "pivot": 0.0}]
    data["events"][0]["trigger"] = {"when": [{"meter": "fuse", "op": ">=", "value": 2.0}]}
    data["events"][1]["trigger"]["chance_moved_by"] = [{"meter": "fuse", "per_point": 0.1}]
    path = tmp_path / "hidden.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_a_hidden_meter_is_never_named_to_players(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_scenario(tmp_path)
    seen: list[str] = []
    for role in ("north", "south"):
        script = "status\nlevers\nissues\n" + "end\nstatus\nlevers\n" * 8
        monkeypatch.setattr("sys.stdin", io.StringIO(script))
        assert main(["text", "--scenario", str(path), "--role", role, "--seed", "3"]) == 0
        seen.append(capsys.readouterr().out)
    assert "not now: a condition the game keeps hidden does not hold now" in "".join(seen)  # it did bite
    assert main(["briefs", "--scenario", str(path), "--out", str(tmp_path / "briefs")]) == 0
    capsys.readouterr()
    roles = sorted((tmp_path / "briefs").glob("*role*.html"))
    assert roles
    seen += [p.read_text(encoding="utf-8") for p in roles]
    assert "a hidden condition" in "".join(seen)
    scenario = load_scenario(path)
    for seed in range(4):
        state = play_ai_game(scenario, seed)
        seen += [json.dumps([e.text, e.data], default=str) for r in state.records for e in r.entries]
    assert not [text for text in seen if SECRET in text]


def test_the_facilitator_moving_a_hidden_meter_does_not_name_it(tmp_path: Path) -> None:
    from negotiator.engine import FACILITATOR, AdjustMeter, new_game

    state = new_game(load_scenario(write_scenario(tmp_path)), seed=1)
    state = state.apply(AdjustMeter(FACILITATOR, meter="fuse", change=2.0))
    assert state.meters["fuse"] == 2.0
    texts = [e.text for r in state.records for e in r.entries] + [e.text for e in state.entries]
    assert any("keeps hidden" in t for t in texts) and not any(SECRET in t for t in texts)
