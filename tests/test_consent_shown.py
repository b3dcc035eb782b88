"""Per-option consent is shown to players (issue 10): text mode's issue list, the role briefs and the
teacher's guide say whose consent an option needs (the window's issue board: tests/ui/test_table.py)."""

from __future__ import annotations

import copy
import io
from pathlib import Path

import pytest
import yaml

from negotiator.cli import main
from tests.engine.scenario_factory import BASE


def with_consent(tmp_path: Path) -> Path:
    """Trade is signed by South and the broker; closing it needs North's consent too."""
    data = copy.deepcopy(BASE)
    data["issues"][1]["options"][1]["consent"] = ["north"]
    path = tmp_path / "consent.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def issues_listing(path: Path, role: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:
    monkeypatch.setattr("sys.stdin", io.StringIO("issues\nquit\n"))
    main(["text", "--scenario", str(path), "--role", role, "--seed", "1"])
    return capsys.readouterr().out


def test_text_mode_lists_the_consent_an_option_needs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = with_consent(tmp_path)
    south = issues_listing(path, "south", monkeypatch, capsys)
    [closed] = [line for line in south.splitlines() if " closed " in line]
    assert "needs North's consent" in closed
    assert not any("consent" in line for line in south.splitlines() if " open " in line)
    assert "needs your consent" in issues_listing(path, "north", monkeypatch, capsys)


def test_briefs_show_the_consent_an_option_needs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = with_consent(tmp_path)
    out = tmp_path / "briefs"
    assert main(["briefs", "--scenario", str(path), "--out", str(out)]) == 0
    capsys.readouterr()
    north = (out / "role-north.html").read_text(encoding="utf-8")
    assert "needs your consent" in north and "asked where an option needs your consent" in north
    assert "needs North&#x27;s consent" in (out / "role-south.html").read_text(encoding="utf-8")
    assert "needs North&#x27;s consent" in (out / "teacher-guide.html").read_text(encoding="utf-8")
