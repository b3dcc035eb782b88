"""Turn-log exports: JSON and CSV parse back with one row per log entry and one meter row per turn."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from negotiator.classroom import exports
from negotiator.cli import main
from negotiator.engine import GameState
from negotiator.engine.saves import write_save
from negotiator.scenario import scenario_content_hash
from negotiator.scenario.models import Scenario
from tests.classroom.conftest import ISTANBUL, mid_game_with_facilitator


def _entry_count(state: GameState) -> int:
    return sum(len(r.entries) for r in state.records) + len(state.entries)


@pytest.fixture
def save(tmp_path: Path, ai_game: GameState) -> Path:
    return write_save(tmp_path / "game.json", ai_game, scenario_content_hash(ISTANBUL), str(ISTANBUL))


def test_json_export(save: Path, ai_game: GameState, tmp_path: Path) -> None:
    out = tmp_path / "log.json"
    assert main(["report", str(save), "--out", str(out), "--format", "json"]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "negotiator-log" and data["over"] is True
    assert len(data["entries"]) == _entry_count(ai_game)
    assert [row["seq"] for row in data["entries"]] == list(range(1, _entry_count(ai_game) + 1))
    assert all(set(row) == set(exports.LOG_COLUMNS) for row in data["entries"])
    assert set(data["columns"]) == set(exports.LOG_COLUMNS)
    assert len(data["meters"]) == len(ai_game.records) + 1
    assert data["meters"][0]["point"] == "start"
    assert data["outcome"]["ending"] == ai_game.outcome().ending  # type: ignore[union-attr]
    offers = [row for row in data["entries"] if row["kind"] == "offer"]
    assert offers and all(row["terms"] and row["reason"] for row in offers)


def test_csv_export_from_the_extension(save: Path, ai_game: GameState, tmp_path: Path) -> None:
    out = tmp_path / "log.csv"
    assert main(["report", str(save), "--out", str(out)]) == 0
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == _entry_count(ai_game)
    assert list(rows[0]) == list(exports.LOG_COLUMNS)
    assert {row["facilitator"] for row in rows} == {"0"}
    assert {row["turn"] for row in rows} == {str(r.turn) for r in ai_game.records}
    levers = [row for row in rows if row["kind"] == "lever"]
    assert levers and {row["success"] for row in levers} <= {"0", "1"}
    meters_file = tmp_path / "log-meters.csv"
    with meters_file.open(encoding="utf-8-sig", newline="") as handle:
        meter_rows = list(csv.DictReader(handle))
    assert len(meter_rows) == len(ai_game.records) + 1
    assert list(meter_rows[0]) == exports.meter_columns(ai_game.scenario)
    assert "escalation" in meter_rows[0] and "no_deal@kyiv" in meter_rows[0]
    assert float(meter_rows[-1]["no_deal@kyiv"]) == ai_game.records[-1].reservations["kyiv"]


def test_exports_of_a_game_in_progress_mark_the_facilitator(istanbul: Scenario, tmp_path: Path) -> None:
    state = mid_game_with_facilitator(istanbul)
    rows = exports.log_rows(state)
    assert len(rows) == _entry_count(state)
    marked = [row for row in rows if row["facilitator"]]
    assert [row["kind"] for row in marked] == ["bulletin"]
    assert marked[0]["phase"] == "facilitator" and marked[0]["actor"] is None
    meters = exports.meter_rows(state)
    assert len(meters) == len(state.records) + 2 and meters[-1]["point"] == "now"
    written = exports.write_csv(state, tmp_path / "mid.csv")
    with written[0].open(encoding="utf-8-sig", newline="") as handle:
        assert sum(1 for _ in csv.DictReader(handle)) == len(rows)
    assert written[1].name == "mid-meters.csv"


def test_meter_changes_are_numbers_a_spreadsheet_can_add(scenarios: dict[Path, Scenario]) -> None:
    """Every described number change of every entry comes out as KEY=DELTA with a meter key the meters table uses
    (or no_deal@ / deal_value@ an actor), the same delta as the text; the table's own changes stay words."""
    from negotiator.engine.meters import initial_meters
    from negotiator.engine.players import play_ai_game

    for scenario in scenarios.values():
        state = play_ai_game(scenario, seed=6)
        keys = set(initial_meters(scenario))
        actors = {a.id for a in scenario.actors}
        for row in exports.log_rows(state):
            described = [c for c in row["changes"].split("; ") if c] if row["changes"] else []
            numeric = [c for c in described if " -> " in c or " no-deal value " in c or " value of a deal " in c]
            pairs = [p.split("=") for p in row["meter_changes"].split("; ")] if row["meter_changes"] else []
            assert len(pairs) == len(numeric), (row["changes"], row["meter_changes"])
            for (key, delta), text in zip(pairs, numeric, strict=True):
                if key.startswith(("no_deal@", "deal_value@")):
                    assert key.split("@")[1] in actors and float(delta) == float(text.rsplit(" ", 1)[1])
                else:
                    before, after = text.rsplit(" ", 3)[1], text.rsplit(" ", 1)[1]
                    assert key in keys and int(delta) == int(after) - int(before)


def test_a_signed_minus_zero_change_is_read_as_zero() -> None:
    """A generated scenario's deal bonus of -0.0 is written "+-0" by the engine; the export read it as a float and
    stopped the whole report (found by test_every_valid_scenario_plays)."""
    from negotiator.classroom.exports import _VALUE_CHANGE

    m = _VALUE_CHANGE.match("A1 value of a deal +-0")
    assert m is not None and float(m.group("amount")) == 0.0
    m = _VALUE_CHANGE.match("Moscow no-deal value -0.03")
    assert m is not None and float(m.group("amount")) == -0.03
    m = _VALUE_CHANGE.match("Kyiv no-deal value +0.05")
    assert m is not None and float(m.group("amount")) == 0.05
