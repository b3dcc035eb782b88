"""The facilitator PIN (only ever as a salted hash) and the move timer travel with saves: Save/Load, Continue,
a branch from a save and a branch from the end screen keep them, so after a "what if" no student can press F9
past a PIN the teacher set. A branch's saves say it is one, and a table with teams but no seat open is not
called a spectator's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from table_helpers import click, frames
from test_saves_dialogs import StandInTable, app, button, finished_save  # noqa: F401  (fixture)

from negotiator import i18n, paths
from negotiator.engine.saves import Classroom, latest_autosave, load_game, read_save, write_save
from negotiator.scenario import load_scenario
from negotiator.ui.app import App
from negotiator.ui.facilitation import Facilitation, hash_pin, pin_matches
from negotiator.ui.resume import branch_session, open_live_branch
from negotiator.ui.savefiles import summarise
from negotiator.ui.scenes.saves_dialog import LoadDialog
from negotiator.ui.session import GameSession
from negotiator.ui.table.header import seat_line

ROOT = Path(__file__).resolve().parents[2]
ISTANBUL = ROOT / "scenarios" / "istanbul_talks.yaml"


def timed_session(humans: tuple[str, ...] = ("kyiv",)) -> GameSession:
    session = GameSession.quick(ISTANBUL, load_scenario(ISTANBUL), 3, humans)
    session.facilitation = Facilitation(timer_seconds=60, on_timeout="ai")
    session.facilitation.set_pin("4821")
    return session


def test_pin_is_hashed_with_a_salt_and_checked() -> None:
    one, two = hash_pin("4821"), hash_pin("4821")
    assert one != two and "4821" not in one  # salted: the same PIN hashes differently
    assert pin_matches("4821", one) and pin_matches(" 4821 ", two)
    assert not pin_matches("4822", one) and not pin_matches("", one)
    assert pin_matches("anything", "") and not pin_matches("4821", "pbkdf2_sha256$x$zz$00")
    fac = Facilitation()
    fac.set_pin("4821")
    assert fac.has_pin and fac.check_pin("4821") and not fac.check_pin("1234")
    assert "4821" not in repr(fac)


def test_a_save_holds_the_pin_hash_and_timer_never_the_pin(tmp_path: Path) -> None:
    session = timed_session()
    target = session.save(tmp_path / "class.json")
    text = target.read_text()
    assert "4821" not in text
    saved = json.loads(text)["classroom"]
    assert saved["timer_seconds"] == 60 and saved["on_timeout"] == "ai"
    assert pin_matches("4821", saved["pin_hash"])
    back = GameSession.from_loaded(load_game(target))
    assert back.facilitation.check_pin("4821") and not back.facilitation.check_pin("0000")
    assert (back.facilitation.timer_seconds, back.facilitation.on_timeout) == (60, "ai")
    assert not back.facilitation.paused and back.facilitation.remaining is None


def test_a_save_without_teacher_settings_reads_as_before(tmp_path: Path) -> None:
    session = GameSession.quick(ISTANBUL, load_scenario(ISTANBUL), 3, ("kyiv",))
    target = session.save(tmp_path / "plain.json")
    assert "classroom" not in json.loads(target.read_text())
    back = GameSession.from_loaded(load_game(target))
    assert not back.facilitation.has_pin and back.facilitation.timer_seconds is None


def test_a_malformed_pin_hash_is_refused_as_damage(tmp_path: Path) -> None:
    from negotiator.engine.saves import SaveError

    target = timed_session().save(tmp_path / "class.json")
    data = json.loads(target.read_text())
    data["classroom"]["pin_hash"] = "4821"  # a PIN typed into the file in clear is not a hash
    target.write_text(json.dumps(data))
    with pytest.raises(SaveError, match="pin_hash"):
        read_save(target)


def test_continue_keeps_the_pin_and_timer(app: App) -> None:  # noqa: F811
    session = timed_session()
    session.autosave()
    app.reset_to_title()
    click(app, button(app.top, "Continue"))
    table = app.top
    assert isinstance(table, StandInTable)
    assert table.session.facilitation.check_pin("4821") and not table.session.facilitation.check_pin("1")
    assert table.session.facilitation.timer_seconds == 60


def test_a_branch_from_a_save_keeps_them_and_is_marked(tmp_path: Path) -> None:
    session = timed_session()
    while session.state.turn < 3:
        session.step_ai() or session.act(next(iter(session.state.legal_actions(session.human_to_move))))
    source = session.save(paths.saves_dir() / "lesson.json")
    branch = branch_session(load_game(source), 2)
    assert branch.facilitation.check_pin("4821") and branch.facilitation.timer_seconds == 60
    newest = latest_autosave()
    assert newest is not None
    saved = read_save(newest).classroom
    assert (saved.branch_of, saved.branch_turn) == ("lesson.json", 2)
    assert pin_matches("4821", saved.pin_hash)
    row = summarise(newest, "autosaves", {})
    assert "branch of lesson.json from turn 2" in row.headline
    assert row.headlines()[-1].endswith("a branch")
    assert summarise(source, "saves", {}).branch == ""  # the original is not a branch


def test_a_branch_from_the_end_screen_keeps_them(app: App) -> None:  # noqa: F811
    session = timed_session(humans=())
    while session.step_ai() is not None:
        pass
    branch = open_live_branch(app, session, 2, ("kyiv",))
    assert branch.facilitation.check_pin("4821") and branch.facilitation.on_timeout == "ai"
    saved = read_save(latest_autosave()).classroom
    assert saved.branch_turn == 2 and saved.branch_of and pin_matches("4821", saved.pin_hash)


def test_the_load_dialog_lists_a_branch_as_one(app: App) -> None:  # noqa: F811
    path = finished_save()
    loaded = load_game(path)
    write_save(
        paths.saves_dir() / "what-if.json",
        loaded.state,
        loaded.scenario_hash,
        loaded.scenario_path,
        Classroom(branch_of="finished.json", branch_turn=4),
    )
    loader = LoadDialog(app)
    app.push(loader)
    frames(app, 2)
    rows = {s.path.name: s for s in loader.summaries}
    assert rows["what-if.json"].branch == "branch of finished.json from turn 4"
    assert rows["finished.json"].branch == ""
    click(app, next(b for b, p in loader.rows.items() if p.name == "what-if.json"))
    texts = [e.html_text for e in app.manager.get_root_container().elements if hasattr(e, "html_text")]
    texts += [e.html_text for c in app.manager.get_sprite_group().sprites() if hasattr(c, "html_text") for e in [c]]
    assert any("A branch:" in t and "Branch of finished.json from turn 4" in t for t in texts)


def test_a_table_with_teams_and_no_seat_open_is_not_called_a_spectators() -> None:
    teams = GameSession.quick(ISTANBUL, load_scenario(ISTANBUL), 3, ("kyiv", "moscow"))
    watching = GameSession.quick(ISTANBUL, load_scenario(ISTANBUL), 3, ())
    assert "computer" not in seat_line(teams, None, str)
    assert "facilitator" in seat_line(teams, None, str).lower()
    assert seat_line(watching, None, str) == "Watching: every side is played by the computer"
    assert seat_line(teams, "kyiv", lambda a: "Kyiv") == "You are Kyiv"


def test_a_branch_of_a_file_with_an_odd_name_still_saves_and_reads_back(tmp_path: Path) -> None:
    from negotiator.engine.saves import branch_origin

    odd = tmp_path / "lesson\t3b\u200b.json"
    assert branch_origin(odd) == "lesson3b.json"
    session = timed_session()
    session.branch_of, session.branch_turn = branch_origin(odd), 1
    assert read_save(session.save(tmp_path / "b.json")).classroom.branch_of == "lesson3b.json"


def test_the_branch_marks_and_the_public_view_read_in_the_language_shown(tmp_path: Path) -> None:
    teams = GameSession.quick(ISTANBUL, load_scenario(ISTANBUL), 3, ("kyiv", "moscow"))
    source = teams.save(paths.saves_dir() / "lesson.json")
    loaded = load_game(source)
    marked = paths.saves_dir() / "what-if.json"
    write_save(
        marked,
        loaded.state,
        loaded.scenario_hash,
        loaded.scenario_path,
        Classroom(branch_of="lesson.json", branch_turn=2),
    )
    with i18n.using("uk"):
        assert seat_line(teams, None, str) == "Публічний вигляд (ведучий): приватний стіл жодної команди не показано"
        row = summarise(marked, "saves", {})
        assert row.branch == "відгалуження від lesson.json з ходу 2"
        assert row.headlines()[-1].endswith(", відгалуження")
    with i18n.using("ru"):
        assert summarise(marked, "saves", {}).branch == "ответвление от lesson.json с хода 2"
    assert summarise(marked, "saves", {}).branch == "branch of lesson.json from turn 2"
