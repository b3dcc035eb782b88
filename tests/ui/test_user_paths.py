"""Paths a person types, on the command line and in the window's path fields: `~` is expanded (never a folder
literally named `~`), and a place that cannot be reached is refused with a sentence, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from table_helpers import ISTANBUL, TUTORIAL, frames

from negotiator.cli import main
from negotiator.engine.players import play_ai_game
from negotiator.engine.saves import save_path, write_save
from negotiator.files import unreachable, user_path
from negotiator.scenario import load_scenario, scenario_content_hash
from negotiator.ui.app import App
from negotiator.ui.scenes.chooser import ScenarioChooser
from negotiator.ui.scenes.error import ErrorDialog
from negotiator.ui.scenes.message import MessageDialog
from negotiator.ui.scenes.save_notices import SaveErrorDialog
from negotiator.ui.scenes.saves_dialog import LoadDialog


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.chdir(tmp_path)
    return folder


def a_save(where: Path) -> Path:
    state = play_ai_game(load_scenario(ISTANBUL), 3)
    return write_save(where, state, scenario_content_hash(ISTANBUL), ISTANBUL)


def test_user_path_expands_home_and_refuses_nobodys_home(home: Path) -> None:
    assert user_path(" '~/games/x.json' ") == home / "games" / "x.json"
    with pytest.raises(ValueError, match="names no home folder"):
        user_path("~nobody_by_this_name/x.json")
    with pytest.raises(ValueError, match="NUL"):
        user_path("a\x00b")


def test_cli_arguments_expand_home(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a_save(home / "game.json")
    assert main(["replay", "~/game.json"]) == 0
    assert main(["schema", "--out", "~/schema.json"]) == 0
    assert (home / "schema.json").is_file()
    assert not Path("~").exists()  # nothing written into a folder literally named ~


@pytest.mark.parametrize(
    "argv",
    [
        ["replay", "~nobody_by_this_name/x.json"],
        ["schema", "--out", "{file}/schema.json"],
        ["simulate", "--scenario", "{tutorial}", "--games", "1", "--save-games", "{file}/games"],
        ["report", "{save}", "--out", "{file}/report.html"],
    ],
)
def test_cli_refuses_an_unreachable_path_with_a_sentence(
    home: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = home / "plain.txt"
    blocker.write_text("a file where a folder should be")
    save = a_save(home / "game.json")
    args = [a.format(file=blocker, save=save, tutorial=TUTORIAL) for a in argv]
    try:
        code = main(args)
    except SystemExit as exit_info:  # argparse refuses ~nobody before the command runs
        code = exit_info.code  # type: ignore[assignment]
    assert code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert any(why in err for why in ("names no home folder", "is in the way", "is a file, not a folder"))


def test_the_save_dialogs_name_expands_home_and_refuses_a_file_in_the_way(home: Path) -> None:
    assert save_path("~/mine") == home / "mine.json"
    (home / "plain.txt").write_text("x")
    with pytest.raises(ValueError, match=r"Cannot save there: .* is a file, not a folder"):
        save_path(str(home / "plain.txt" / "mine"))
    assert unreachable(home / "new" / "deeper" / "x.json") is None  # missing folders are created on writing


def test_the_load_dialogs_path_field_expands_home(ui_app: App, home: Path) -> None:
    save = a_save(home / "game.json")
    dialog = LoadDialog(ui_app)
    ui_app.push(dialog)
    frames(ui_app, 2)
    dialog.open_path("~/game.json")
    assert dialog.selected == save and dialog.current is not None and dialog.current.ok
    dialog.open_path("~nobody_by_this_name/game.json")
    frames(ui_app, 2)
    assert isinstance(ui_app.top, SaveErrorDialog) and "names no home folder" in ui_app.top.error.message
    assert not any(isinstance(s, ErrorDialog) for s in ui_app.stack)


def test_the_chooser_path_field_expands_home(ui_app: App, home: Path) -> None:
    (home / "mine.yaml").write_text(ISTANBUL.read_text())
    chooser = ScenarioChooser(ui_app, lambda path, scenario: None)
    ui_app.push(chooser)
    frames(ui_app, 2)
    chooser.open_path("~/mine.yaml")
    assert chooser.current is not None and chooser.current.path == home / "mine.yaml" and chooser.current.ok
    chooser.open_path("~nobody_by_this_name/mine.yaml")
    frames(ui_app, 2)
    assert isinstance(ui_app.top, MessageDialog) and "names no home folder" in ui_app.top.body
    assert not any(isinstance(s, ErrorDialog) for s in ui_app.stack)
