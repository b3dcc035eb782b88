"""`text`: terminal play driven by scripted input. Bad input gets a message and a hint, never a crash;
EOF and `quit` stop cleanly with an autosave; a game played with `end` alone runs to its outcome."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from negotiator.cli import main
from negotiator.engine.saves import latest_autosave, read_save
from negotiator.scenario import load_scenario

ROOT = Path(__file__).resolve().parent.parent
ISTANBUL = ROOT / "scenarios" / "istanbul_talks.yaml"
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


def play(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], script: str, *argv: str
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(script))
    code = main(["text", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_help_bad_input_offer_and_quit(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    script = "\n".join(
        [
            "help",
            "dance wildly",
            "accept 9",
            "offer territory=moon",
            "lever mass_airstrikes kyiv",
            "offer territory=freeze_contact_line ceasefire=immediate",
            "offer prisoners=all_for_all",
            "issues",
            "levers",
            "offers",
            "status",
            "log",
            "quit",
            "end",
        ]
    )
    code, out, err = play(monkeypatch, capsys, script + "\n", "--role", "kyiv", "--seed", "3")
    assert code == 0, err
    assert "offer ISSUE=OPTION" in out  # help
    assert "unknown command 'dance'" in out and "hint: type 'help'" in out
    assert "there is no offer 9" in out
    assert "has no option 'moon'" in out and "'issues' lists" in out
    assert "belongs to Moscow" in out and "hint: 'levers'" in out
    assert "Kyiv offers #1 to Moscow" in out
    assert "all the offers a turn allows" in out
    assert "Freeze on the contact line" in out and "0.55" in out  # the issue board with Kyiv's values
    assert "Prisoner swap (prisoner_swap" in out
    assert "Turn 1 of 7" in out
    assert "Stopping." in out and "Autosaved" in out
    assert "Traceback" not in out + err
    save = latest_autosave()
    assert save is not None and read_save(save).actions[0].actor == "kyiv"


def test_eof_quits_cleanly_with_an_autosave(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = play(monkeypatch, capsys, "status\n", "--role", "kyiv")
    assert code == 0
    assert "End of input" in out
    assert latest_autosave() is not None


def test_a_full_game_with_end_repeated(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = play(monkeypatch, capsys, "end\n" * 60, "--role", "kyiv", "--seed", "2")
    assert code == 0
    assert "=== The game is over ===" in out
    assert "Scores (outcome + meters + commitments + ending; each against its own role's start)" in out
    assert "Questions for Kyiv, from your own moves:" in out and "  1. " in out
    assert "why:" in out  # the AI's reasons are shown
    assert "-- end of turn 1; meters:" in out
    assert "End of input" not in out
    save = latest_autosave()
    assert save is not None and json.loads(save.read_text())["outcome"] is not None
    # the autosave of the finished game replays
    assert main(["replay", str(save)]) == 0


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("uk", ["кожен — від початку своєї ролі", "Київ: питання з ваших власних ходів:", "Власна копія підсумків"]),
        (
            "ru",
            ["каждый — от начала своей роли", "Киев: вопросы по вашим собственным ходам:", "Собственная копия итогов"],
        ),
    ],
)
def test_the_ending_and_each_teams_questions_in_the_language_asked_for(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], lang: str, said: list[str]
) -> None:
    code, out, err = play(monkeypatch, capsys, "end\n" * 60, "--role", "kyiv", "--seed", "2", "--lang", lang)
    assert code == 0, err
    for words in said:
        assert words in out, (words, out[-3000:])
    assert "--student kyiv" in out and "Questions for" not in out and "Scores (" not in out


def test_hotseat_deal_without_the_ai(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    scenario = load_scenario(TUTORIAL)
    terms = " ".join(f"{i.id}={i.options[1].id}" for i in scenario.issues)
    first, second = (a.id for a in scenario.negotiators)
    script = f"offer {terms}\nend\naccept 1\nend\n"
    code, out, _ = play(monkeypatch, capsys, script, "--scenario", str(TUTORIAL), "--role", first, "--role", second)
    assert code == 0
    assert "awaits your answer" in out and "worth" in out
    assert "=== The game is over ===" in out and "Agreed" in out


def test_save_and_load(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "mine.json"
    code, out, _ = play(monkeypatch, capsys, f"end\nsave {target}\nquit\n", "--role", "kyiv")
    assert code == 0 and f"Saved to {target}" in out
    saved = read_save(target)
    assert saved.actions[0].actor == "kyiv"
    code, out, _ = play(monkeypatch, capsys, "end\n" * 60, "--load", str(target))
    assert code == 0
    assert "resumed at turn 2" in out
    assert "=== The game is over ===" in out


def test_save_without_a_file_name(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = play(monkeypatch, capsys, "save\nquit\n", "--role", "kyiv")
    assert code == 0 and "usage: save FILE" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--role", "us_senate"], "not a playable role"),
        (["--role", "atlantis"], "not a playable role"),
        (["--scenario", "no/such/file.yaml"], "no such file"),
        (["--load", "no/such/save.json"], "no such save file"),
    ],
)
def test_bad_setup_exits_2(
    argv: list[str], message: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = play(monkeypatch, capsys, "quit\n", *argv)
    assert code == 2
    assert message in err


def test_a_note_after_an_action_is_the_teams_reason_in_the_save_and_report(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    save = tmp_path / "noted.json"
    script = "\n".join(
        [
            "offer territory=freeze_contact_line ceasefire=immediate # we open on the ceasefire \x1b[31m first",
            "end#",
            f"save {save}",
            "quit",
        ]
    )
    code, out, err = play(monkeypatch, capsys, script + "\n", "--role", "kyiv", "--seed", "3")
    assert code == 0, err
    assert "why: we open on the ceasefire [31m first" in out  # the escape character is dropped, the rest kept
    actions = [a for a in read_save(save).actions if a.actor == "kyiv"]
    assert actions[0].reason == "we open on the ceasefire [31m first"
    assert actions[1].reason == ""  # an empty note is no note
    report = tmp_path / "r.html"
    assert main(["report", str(save), "--out", str(report), "--no-par"]) == 0
    from tests.classroom.conftest import page_text

    assert "Player's note: we open on the ceasefire" in page_text(report.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("uk", ["ви граєте: Київ", "ходить Київ: лишилося 2 очки дії", "Хід 1 з 7", "Стамбульські переговори"]),
        ("ru", ["вы играете: Киев", "ходит Киев: осталось 2 очка действия", "Ход 1 из 7", "Стамбульские переговоры"]),
    ],
)
def test_the_terminal_plays_in_the_language_asked_for(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], lang: str, said: list[str]
) -> None:
    code, out, err = play(monkeypatch, capsys, "status\nissues\nend\nend\nquit\n", "--role", "kyiv", "--lang", lang)
    assert code == 0, err
    for words in said:
        assert words in out, (words, out[:2000])
    # the scenario's news in the reader's language, the article's quote in English with its translation beside it
    assert '"This is not a serious basis for negotiation."' in out
    quote = {"uk": "Це не серйозна основа для переговорів.", "ru": "Это не серьёзная основа для переговоров."}[lang]
    assert f"({quote})" in out
    assert "At the Istanbul round" not in out
    assert "Action points" not in out and "Type 'help'" not in out
