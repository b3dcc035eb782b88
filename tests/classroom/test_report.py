"""`report`: the debrief page of a finished or saved game, and clean failures for bad saves."""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

import pytest

from negotiator.classroom.describe import signed
from negotiator.classroom.report import build_report, write_report
from negotiator.cli import main
from negotiator.engine import GameState
from negotiator.engine.players import play_ai_game
from negotiator.engine.saves import write_save
from negotiator.scenario import load_scenario, scenario_content_hash
from negotiator.scenario.models import Scenario
from tests.classroom.conftest import ISTANBUL, SCENARIOS, mid_game_with_facilitator, page_text, parse_html, squash


def _save(tmp_path: Path, state: GameState, scenario_path: Path, name: str = "game.json") -> Path:
    return write_save(tmp_path / name, state, scenario_content_hash(scenario_path), str(scenario_path))


def _svg_titles(html: str) -> list[str]:
    return [unescape(t) for t in re.findall(r"<svg[^>]*><title>([^<]*)</title>", html)]


@pytest.mark.parametrize("scenario_path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_report_of_an_ai_game_has_everything(
    scenario_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = load_scenario(scenario_path)
    state = play_ai_game(scenario, seed=4)
    save = _save(tmp_path, state, scenario_path)
    out = tmp_path / "report.html"
    assert main(["report", str(save), "--out", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    html = out.read_text(encoding="utf-8")
    text = page_text(html)
    outcome = state.outcome()
    assert outcome is not None
    assert squash(outcome.ending_text) in text
    for actor in scenario.negotiators:
        assert actor.name in text and squash(actor.confidential_brief) in text
    for record in state.records:
        assert f'id="turn-{record.turn}"' in html and f"Turn {record.turn}" in text
    titles = _svg_titles(html)
    for meter in scenario.meters:
        assert any(meter.name in t for t in titles), f"no chart for meter {meter.id}"
    assert any(t.startswith("Packages in the utility space") for t in titles), "no Pareto chart"
    assert any(t.startswith("Every offer's value to") for t in titles), "no offer chart"
    assert "Nash bargaining point" in text
    for party in scenario.negotiators:
        b = outcome.scores[party.id].breakdown
        for part in ("outcome", "meters", "commitments", "ending"):
            shown = b[part] + (b.get("promises", 0.0) if part == "outcome" else 0.0)  # promises count as outcome
            assert signed(shown, 1) in text
    assert scenario.teaching is not None
    for question in scenario.teaching.discussion_questions:
        assert squash(question.text) in text
    assert "<script" not in html.lower()


def test_report_shows_reasons_commitments_and_hidden_preferences(ai_game: GameState, istanbul: Scenario) -> None:
    text = page_text(build_report(ai_game, istanbul))
    reasons = {e.data["reason"] for r in ai_game.records for e in r.entries if e.data.get("reason") and e.kind != "end"}
    assert reasons and all(squash(r) in text for r in reasons)
    assert "AI's reasoning" in text
    assert "Commitments ledger" in text
    declared = [e for r in ai_game.records for e in r.entries if e.kind == "red_line"]
    assert declared, "the AI declares public red lines in this game"
    assert "Hidden preferences revealed" in text
    assert "(red line)" in text  # option values with red lines, revealed


def test_report_of_a_game_saved_mid_turn_with_a_facilitator_bulletin(istanbul: Scenario, tmp_path: Path) -> None:
    state = mid_game_with_facilitator(istanbul)
    assert not state.is_over()
    save = _save(tmp_path, state, ISTANBUL)
    out = tmp_path / "mid.html"
    assert main(["report", str(save), "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    text = page_text(html)
    assert "not over" in text and "(in progress when saved)" in text
    assert "Facilitator" in text and 'class="facilitator"' in html
    assert "<b>ten minutes</b>" in text and "&lt;b&gt;ten minutes&lt;/b&gt;" in html  # escaped, not markup


def test_write_report_is_the_end_screen_entry_point(ai_game: GameState, istanbul: Scenario, tmp_path: Path) -> None:
    written = write_report(ai_game, istanbul, tmp_path / "sub" / "r.html")
    assert written == [tmp_path / "sub" / "r.html"]
    parse_html(written[0].read_text(encoding="utf-8"))
    with pytest.raises(ValueError, match="unknown report format"):
        write_report(ai_game, istanbul, tmp_path / "r.pdf", format="pdf")  # type: ignore[arg-type]


def test_truncated_save_exits_2_and_writes_nothing(
    ai_game: GameState, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save = _save(tmp_path, ai_game, ISTANBUL)
    text = save.read_text(encoding="utf-8")
    save.write_text(text[: len(text) // 2], encoding="utf-8")
    for fmt in ("html", "json", "csv"):
        out = tmp_path / f"report.{fmt}"
        assert main(["report", str(save), "--out", str(out), "--format", fmt]) == 2
        err = capsys.readouterr().err
        assert "truncated" in err and "hint:" in err and "nothing was written" in err
        assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["game.json"]


def test_save_of_an_edited_scenario_exits_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "scenario.yaml"
    shutil.copyfile(SCENARIOS[-1], copy)
    state = play_ai_game(load_scenario(copy), seed=1)
    save = _save(tmp_path, state, copy)
    with copy.open("a", encoding="utf-8") as handle:
        handle.write("# edited after the game was saved\n")
    out = tmp_path / "report.html"
    assert main(["report", str(save), "--out", str(out), "--scenario", str(copy)]) == 2
    err = capsys.readouterr().err
    assert "has changed since this game was saved" in err
    assert not out.exists()


def test_save_for_another_scenario_exits_2(
    ai_game: GameState, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save = _save(tmp_path, ai_game, ISTANBUL)
    other = next(p for p in SCENARIOS if p != ISTANBUL)
    out = tmp_path / "report.html"
    assert main(["report", str(save), "--out", str(out), "--scenario", str(other)]) == 2
    assert "not '" in capsys.readouterr().err
    assert not out.exists()


def test_commitments_ledger_shows_a_broken_public_red_line() -> None:
    from negotiator.engine import DeclareRedLine, MakeOffer, new_game
    from negotiator.engine.state import GameSettings, RoleSetting

    scenario = load_scenario(next(p for p in SCENARIOS if p.stem == "tutorial"))
    state = new_game(scenario, 1, GameSettings(roles={"union": RoleSetting(human=True, name="Team A")}))
    state = state.apply(
        DeclareRedLine("union", issue="weekends", option="mandatory", reason="Weekends are family time.")
    )
    state = state.apply(
        MakeOffer(
            "union", terms=(("pay", "pay_3"), ("breaks", "breaks_30"), ("weekends", "mandatory")), reason="A trade."
        )
    )
    text = page_text(build_report(state, scenario))
    ledger = text[text.rindex("Commitments ledger") : text.rindex("Turn by turn")]
    assert "Weekend shifts: Mandatory shifts" in ledger
    assert "broken" in ledger and "proposed it in offer #1 (turn 1)" in ledger
    assert "a bargaining position, not a true red line" in ledger  # mandatory weekends are no union red line
    assert "paid the audience cost 1 time" in ledger
    assert "Player's note: Weekends are family time." in text  # a human's reason is not the AI's
    assert "Team A" in text


def test_a_timed_out_move_is_labelled_as_the_timer_not_the_players_note(istanbul: Scenario) -> None:
    import dataclasses

    from negotiator.engine.players import make_ais, role_settings
    from negotiator.engine.state import GameSettings, new_game
    from negotiator.engine.view import view

    humans = [a.id for a in istanbul.negotiators]
    state = new_game(istanbul, 2, GameSettings(roles=role_settings(istanbul, humans=humans)))
    ais = make_ais(istanbul, 2)
    notes = ["Time ran out; the computer moved for this side.", "We want a better offer first"]
    for note in notes:  # the window's timer writes the first; a team types the second
        actor = state.current_actor
        assert actor is not None
        state = state.apply(dataclasses.replace(ais[actor].decide(view(state, actor)), reason=note))
    text = page_text(build_report(state, istanbul))
    assert f"Move timer: {notes[0]}" in text
    assert f"Player's note: {notes[1]}" in text
    assert "Player's note: Time ran out" not in text


def test_the_frontier_charts_show_the_zone_as_it_moved_and_say_what_a_pair_view_hides(istanbul: Scenario) -> None:
    """The shaded zone is at the no-deal values the deal was made at (the end), with the start values drawn too;
    a deal on the frontier of all three parties that sits below one pair's frontier is labelled on the chart."""
    from negotiator.classroom import charts
    from negotiator.classroom.describe import opening_reservations
    from negotiator.engine.analysis import analyze
    from negotiator.engine.utility import utility_model

    state = play_ai_game(istanbul, seed=5)
    html = build_report(state, istanbul)
    figures = re.findall(r'<figure class="pareto">.*?</figure>', html, re.S)
    assert len(figures) == 3
    for figure in figures:
        assert "no-deal value at the start" in figure and "no-deal value at the end" in figure
        assert "better than no deal for both, at the end" in figure
    model = utility_model(istanbul)
    start = analyze(model, opening_reservations(istanbul))
    assert start.is_pareto_optimal(model.package_from_ids(state.settled))
    labelled = ["(on everyone&#x27;s frontier)" in f or "(on everyone's frontier)" in f for f in figures]
    utilities = {
        a: model.partial_utility(a, model.terms_from_ids(state.settled), state.reservation(a)) for a in model.parties
    }
    for (a, b), shown in zip(charts.party_pairs(start.actors), labelled, strict=True):
        points = [model.utilities(model.package_at(i), (a, b)) for i in range(model.size) if model.feasible[i]]
        dominated = any(x >= utilities[a] + 0.005 and y >= utilities[b] + 0.005 for x, y in points)
        assert shown == dominated, (a, b)
    assert any(labelled)
