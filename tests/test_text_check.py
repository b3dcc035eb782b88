"""`check` in text mode: a package's worth and each addressee's estimated answer, without sending it; offers
sent show the same estimate. Bad terms get a message and a hint, never a crash."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from negotiator.cli import main

ROOT = Path(__file__).resolve().parent.parent
ISTANBUL = ROOT / "scenarios" / "istanbul_talks.yaml"
BAND = r"(unlikely|maybe|likely|ruled out)(, \d+(-\d+)?%)?"


def play(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], script: list[str]) -> str:
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(script) + "\n"))
    code = main(["text", "--role", "kyiv", "--seed", "3"])
    out = capsys.readouterr().out
    assert code == 0
    return out


def test_check_estimates_without_sending(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    terms = "territory=freeze_contact_line prisoners=all_for_all sanctions=phased_relief"
    out = play(monkeypatch, capsys, ["end", "end", f"check {terms}", "status", f"offer {terms}", "quit"])
    check = out[out.index("Check: ") :]
    assert "worth 0.5" in check.splitlines()[1] and "your no-deal value" in check.splitlines()[1]
    assert re.search(rf"likely to accept\? Moscow {BAND}; Washington {BAND} \(from what", check)
    assert "offers left this turn 1." in out  # the check used no offer
    sent = out[out.index("Kyiv offers #") :]
    assert re.search(rf"likely to accept\? Moscow {BAND}; Washington {BAND}", sent)
    first = re.search(r"likely to accept\? (.*) \(from", check)
    again = re.search(r"likely to accept\? (.*) \(from", sent)
    assert first and again and first.group(1) == again.group(1)  # the same estimate before and after sending


def test_check_refuses_bad_terms_clearly(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    out = play(monkeypatch, capsys, ["check", "check territory=moon", "check bogus", "help", "quit"])
    assert "name at least one ISSUE=OPTION" in out
    assert "has no option 'moon'" in out and "'issues' lists the ids" in out
    assert "'bogus' is not ISSUE=OPTION" in out
    assert "check ISSUE=OPTION" in out  # in the help
    assert "Traceback" not in out
