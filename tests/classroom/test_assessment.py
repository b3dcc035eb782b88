"""Assessment from each team's own game: questions quoting what the team's screen showed, a reflection sheet, the
gradebook CSVs, and the student-safe and projector versions of the report."""

from __future__ import annotations

import csv
import dataclasses
import re
from html import unescape
from pathlib import Path

import pytest

from negotiator.classroom import assessment
from negotiator.classroom.charts import offer_utilities
from negotiator.classroom.report import build_projector_report, build_report, build_student_report
from negotiator.cli import main
from negotiator.engine import GameState, Respond
from negotiator.engine.players import make_ais, role_settings
from negotiator.engine.saves import write_save
from negotiator.engine.state import GameSettings, new_game
from negotiator.engine.utility import utility_model
from negotiator.engine.view import view
from negotiator.scenario import scenario_content_hash
from negotiator.scenario.models import Scenario
from negotiator.ui.predict import own_value
from tests.classroom.conftest import ISTANBUL, page_text

TEAM = "kyiv"
TIMER = "Time ran out; the computer moved for this side: we hold."


def human_game(scenario: Scenario, seed: int = 3) -> GameState:
    """Kyiv is a human team ("Team Blue"): its moves are the AI's choices with the team's own notes on some, and
    the move timer's wording on others; the other seats are the computer."""
    settings = GameSettings(roles=role_settings(scenario, humans=[TEAM], names={TEAM: "Team Blue"}))
    state = new_game(scenario, seed, settings)
    ais = make_ais(scenario, seed)
    n = 0
    while not state.is_over():
        actor = state.current_actor
        assert actor is not None
        action = ais[actor].decide(view(state, actor))
        if actor == TEAM:
            n += 1
            note = f"Our note {n}: we want more on territory." if n % 3 == 1 else TIMER if n % 3 == 2 else ""
            action = dataclasses.replace(action, reason=note)
        state = state.apply(action)
    return state


@pytest.fixture(scope="module")
def game(istanbul: Scenario) -> GameState:
    return human_game(istanbul)


def test_every_number_in_a_question_is_what_the_team_saw(game: GameState) -> None:
    """Replaying to each of the team's answers, the offer's value and the no-deal value the question quotes are
    the ones the seat's offer card showed (`ui.predict.own_value` and the view's no-deal value)."""
    replay = new_game(game.scenario, game.seed, game.settings)
    seen: dict[int, tuple[str, str]] = {}
    for action in game.actions:
        if action.actor == TEAM and isinstance(action, Respond):
            v = view(replay, TEAM)
            offer = next(o for o in v.offers if o.id == action.offer_id)
            value = own_value(v, offer.terms_dict())
            assert value is not None
            seen[action.offer_id] = (f"{value:.2f}", f"{v.reservation:.2f}")
        replay = replay.apply(action)
    questions = assessment.team_questions(game, TEAM)
    assert 3 <= len(questions) <= assessment.MAX_QUESTIONS
    quoted = 0
    for q in questions:
        m = re.search(r"offer #(\d+) .*?worth (\d\.\d\d) to you.*?no-deal value (?:was|of) (\d\.\d\d)", q.text)
        if m and ("rejected" in q.text or "accepted" in q.text):
            offer_id = int(m.group(1))
            assert (m.group(2), m.group(3)) == seen[offer_id], q.text
            quoted += 1
    outcome = game.outcome()
    assert outcome is not None
    last = questions[-1].text
    assert last.startswith(f"The game ended in turn {outcome.turn}")
    assert f"worth {outcome.scores[TEAM].utility:.2f} to you" in last
    assert f"{outcome.scores[TEAM].start_reservation:.2f} at the start" in last
    assert [q.turn for q in questions[:-1]] == sorted(q.turn for q in questions[:-1])


def test_a_rejected_offer_better_than_no_deal_is_asked_about(istanbul: Scenario) -> None:
    """Kyiv turns down the first offer addressed to it that beats its no-deal value: the question says so."""
    settings = GameSettings(roles=role_settings(istanbul, humans=[TEAM]))
    state = new_game(istanbul, 3, settings)
    ais = make_ais(istanbul, 3)
    asked = None
    while not state.is_over() and asked is None:
        actor = state.current_actor
        assert actor is not None
        v = view(state, actor)
        if actor == TEAM:
            model = utility_model(istanbul)
            for offer in v.awaiting_me:
                value = own_value(v, offer.terms_dict())
                if (
                    value is not None
                    and value > v.reservation + 0.01
                    and not model.violates_red_line(TEAM, model.terms_from_ids(offer.terms_dict()))
                ):
                    asked = (offer.id, f"{value:.2f}", f"{v.reservation:.2f}", state.turn)
                    state = state.apply(Respond(TEAM, offer_id=offer.id, accept=False))
                    break
            else:
                state = state.apply(ais[actor].decide(v))
        else:
            state = state.apply(ais[actor].decide(v))
    assert asked is not None, "no offer above Kyiv's no-deal value came in this game"
    offer_id, value, reservation, turn = asked
    texts = [q.text for q in assessment.team_questions(state, TEAM)]
    expected = f"In turn {turn} you rejected offer #{offer_id}"
    hit = [t for t in texts if t.startswith(expected)]
    assert hit and f"worth {value} to you when your no-deal value was {reservation}: why?" in hit[0]


def test_the_teams_own_notes_are_quoted_and_the_timers_never(game: GameState) -> None:
    texts = " ".join(q.text for q in assessment.team_questions(game, TEAM))
    assert "your team wrote: \u201cOur note 1: we want more on territory\u201d. Looking back" in texts
    assert "Time ran out" not in texts
    row = next(r for r in assessment.gradebook_rows(game) if r["role"] == TEAM)
    assert "Our note 1" in row["notes"] and "Time ran out" not in row["notes"]
    assert row["moves_by_timer"] == sum(1 for a in game.actions if a.actor == TEAM and a.reason == TIMER) > 0
    others = [r for r in assessment.gradebook_rows(game) if r["role"] != TEAM]
    assert all(r["notes"] == "" and r["played_by"] == "computer" for r in others)  # AI reasons are no notes


def test_the_gradebook_has_team_names_scores_and_every_offers_value(game: GameState, tmp_path: Path) -> None:
    written = assessment.write_gradebook(game, tmp_path / "grades.csv")
    assert [p.name for p in written] == ["grades.csv", "grades-offers.csv"]
    with written[0].open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    outcome = game.outcome()
    assert outcome is not None
    assert list(rows[0]) == list(assessment.GRADEBOOK_COLUMNS)
    assert [r["role"] for r in rows] == [a.id for a in game.scenario.negotiators]
    kyiv = next(r for r in rows if r["role"] == TEAM)
    assert kyiv["team"] == "Team Blue" and kyiv["played_by"] == "human"
    for r in rows:
        assert float(r["score_total"]) == pytest.approx(outcome.scores[r["role"]].total, abs=0.006)
        assert float(r["outcome_value"]) == pytest.approx(outcome.scores[r["role"]].utility, abs=1e-4)
    with written[1].open(encoding="utf-8-sig", newline="") as f:
        offers = list(csv.DictReader(f))
    expected = offer_utilities(game, utility_model(game.scenario))
    assert len(offers) == len(expected) == len(game.offers)
    for row, (offer_id, _turn, proposer, utilities, _) in zip(offers, expected, strict=True):
        assert int(row["offer_id"]) == offer_id and row["proposer"] == proposer
        for party, value in utilities.items():
            assert float(row[f"value@{party}"]) == pytest.approx(value, abs=1e-4)
    noted = [r for r in offers if r["note"]]
    assert noted and all(r["proposer"] == TEAM and "Time ran out" not in r["note"] for r in noted)
    assert all(r["team"] == ("Team Blue" if r["proposer"] == TEAM else "") for r in offers)


def test_the_student_copy_leaves_out_every_other_sides_hidden_numbers(game: GameState) -> None:
    html = build_student_report(game, TEAM)
    text = page_text(html)
    scenario = game.scenario
    for actor in scenario.negotiators:
        if actor.id == TEAM:
            assert actor.confidential_brief.split(".")[0] in text
        else:
            assert actor.confidential_brief.split(".")[0] not in text, actor.id
            assert f"Confidential brief of {actor.short_name}" not in text
    titles = [unescape(t) for t in re.findall(r"<svg[^>]*><title>([^<]*)</title>", html)]
    assert not any(t.startswith("Packages in the utility space") for t in titles)  # no frontier charts
    assert [t for t in titles if t.startswith("Every offer's value to")] == ["Every offer's value to Kyiv"]
    ours = text[: text.rindex("Discussion questions")]  # the scenario's own questions may name the ideas
    assert "Nash" not in ours and "Hidden preferences revealed" not in ours and "zone of possible" not in ours
    assert "Scores: " not in text  # the ending summary lists every side's score
    score_table = html[html.index('id="scores"') : html.index('id="bargaining"')]
    assert score_table.count('class="who"') == 1
    for actor in scenario.negotiators:  # no other side's no-deal change in numbers, as at the table
        if actor.id != TEAM:
            assert f"{actor.short_name} no-deal value " not in text
    assert "not shown in this copy" in text  # whether another side's public red line was a true one
    assert "Questions about your game" in text and "Reflection sheet" in text
    assert "Team Blue" in text


def test_the_teachers_report_holds_every_human_teams_questions(game: GameState) -> None:
    text = page_text(build_report(game))
    assert "Questions for each team" in text and "Questions about your game: Kyiv (Team Blue)" in text
    assert "Questions about your game: Moscow" not in text  # the computer's seats get none when people play


def test_the_projector_copy_is_a_few_large_screens(game: GameState) -> None:
    html = build_projector_report(game)
    slides = re.findall(r'<section class="slide" id="slide-(\d+)"', html)
    assert slides == [str(n) for n in range(1, len(slides) + 1)] and 5 <= len(slides) <= 10
    css = html[html.index("<style>") : html.index("</style>")]
    # type follows the screen's width: at 1920 pixels (1 vw = 19.2 px) the body reads at 26 px and more
    sizes = [
        float(vw) * 19.2 for vw in re.findall(r"section\.slide [^{]*\{[^}]*font-size: clamp\(\d+px, ([\d.]+)vw", css)
    ]
    assert sizes and min(sizes) >= 16
    body = re.search(
        r"section\.slide \.lead, section\.slide li, section\.slide p \{ font-size: clamp\((\d+)px, ([\d.]+)vw", css
    )
    assert body and int(body.group(1)) >= 16 and float(body.group(2)) * 19.2 >= 26
    text = page_text(html)
    for part in ("How it ended", "against what was possible", "Commitments ledger", "Turn by turn", "Scores"):
        assert part in text
    for record in game.records:
        assert f"Turn {record.turn}" in text


def test_report_command_writes_each_version_and_refuses_what_makes_no_sense(
    game: GameState, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save = write_save(tmp_path / "g.json", game, scenario_content_hash(ISTANBUL), str(ISTANBUL))
    base = ["report", str(save), "--no-par"]
    assert main([*base, "--out", str(tmp_path / "p.html"), "--projector"]) == 0
    assert 'class="slide"' in (tmp_path / "p.html").read_text(encoding="utf-8")
    assert main([*base, "--out", str(tmp_path / "s.html"), "--student", TEAM]) == 0
    assert "The copy for Kyiv" in page_text((tmp_path / "s.html").read_text(encoding="utf-8"))
    assert main([*base, "--out", str(tmp_path / "grades.csv"), "--format", "gradebook"]) == 0
    assert (tmp_path / "grades-offers.csv").is_file()
    capsys.readouterr()
    assert main([*base, "--out", str(tmp_path / "x.html"), "--student", "nobody"]) == 2
    assert "choose from: kyiv" in capsys.readouterr().err
    assert main([*base, "--out", str(tmp_path / "x.csv"), "--projector"]) == 2
    assert not (tmp_path / "x.html").exists() and not (tmp_path / "x.csv").exists()


def test_the_class_set_is_the_report_the_projector_copy_and_each_human_teams(game: GameState, tmp_path: Path) -> None:
    from negotiator.classroom.report import write_class_set

    written = write_class_set(game, tmp_path / "lesson.html")
    assert [p.name for p in written] == ["lesson.html", "lesson-projector.html", "lesson-kyiv.html"]
    assert "The copy for Kyiv" in page_text((tmp_path / "lesson-kyiv.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize("finished", [True, False], ids=["finished", "mid-game"])
def test_every_copy_of_every_scenario_is_a_well_formed_page(scenarios: dict[Path, Scenario], finished: bool) -> None:
    from negotiator.engine.players import play_ai_game
    from tests.classroom.conftest import mid_game_with_facilitator

    for scenario in scenarios.values():
        state = play_ai_game(scenario, seed=4) if finished else mid_game_with_facilitator(scenario)
        page_text(build_projector_report(state))
        for actor in scenario.negotiators:
            text = page_text(build_student_report(state, actor.id))
            assert f"The copy for {actor.short_name}" in text
        assert len(assessment.gradebook_rows(state)) == len(scenario.negotiators)
        assert len(assessment.offer_rows(state)) == len(state.offers)
    with pytest.raises(ValueError, match="not a negotiating role"):
        build_student_report(state, "nobody")


def test_a_public_red_line_proposed_later_and_a_bluff_are_asked_about(scenarios: dict[Path, Scenario]) -> None:
    from negotiator.engine import DeclareRedLine, MakeOffer
    from negotiator.engine.state import RoleSetting

    scenario = next(s for p, s in scenarios.items() if p.stem == "tutorial")
    state = new_game(scenario, 1, GameSettings(roles={"union": RoleSetting(human=True, name="Team A")}))
    state = state.apply(DeclareRedLine("union", issue="weekends", option="mandatory", reason="Family time."))
    terms = (("pay", "pay_3"), ("breaks", "breaks_30"), ("weekends", "mandatory"))
    state = state.apply(MakeOffer("union", terms=terms))
    texts = [q.text for q in assessment.team_questions(state, "union")]
    label = scenario.option_label("weekends", "mandatory")
    assert any(
        t.startswith(f"In turn 1 you proposed '{label}'") and "ruled out in public in turn 1" in t for t in texts
    )
    assert any(t.startswith(f"In turn 1 you ruled out '{label}'") and "not among your red lines" in t for t in texts)
    assert any("your team wrote: \u201cFamily time\u201d" in t for t in texts)
    assert texts[-1].startswith("The game was saved in turn 1, before it ended")
