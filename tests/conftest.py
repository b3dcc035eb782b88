"""Test-wide setup: headless SDL, and shared fixtures."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
# A par (the computer playing every seat) takes a few seconds at full size; tests need only its shape.
os.environ.setdefault("NEGOTIATOR_PAR_GAMES", "12")

import pytest

from negotiator import i18n, resources

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))

# The tests exercise this checkout's built-in files, whatever copy of negotiator is installed (main.py does the same).
resources.use_source_tree(ROOT)


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep saves and settings written by tests out of the real user's folders."""
    home = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("NEGOTIATOR_DATA_DIR", str(home))


@pytest.fixture(autouse=True)
def _english() -> None:
    """Every test starts in English, whatever language an earlier test's window chose."""
    i18n.set_language(i18n.DEFAULT)
