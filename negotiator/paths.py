"""Where the game keeps user files: saves, autosaves, settings and the user's own scenarios.

`NEGOTIATOR_DATA_DIR` overrides the platform's user data folder (tests and portable installs use it).
Folders are created on first use, not at import time.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "negotiator"


def user_data_dir() -> Path:
    override = os.environ.get("NEGOTIATOR_DATA_DIR")
    base = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    base.mkdir(parents=True, exist_ok=True)
    return base


def _subdir(name: str) -> Path:
    path = user_data_dir() / name
    path.mkdir(parents=True, exist_ok=True)
    return path


def saves_dir() -> Path:
    return _subdir("saves")


def autosaves_dir() -> Path:
    return _subdir("autosaves")


def user_scenarios_dir() -> Path:
    return _subdir("scenarios")


def settings_path() -> Path:
    return user_data_dir() / "settings.json"


def log_file() -> Path:
    """The game window's log file (the window creates it; this only says where it is)."""
    return user_data_dir() / "logs" / "negotiator.log"


def cache_dir() -> Path:
    """Derived data that can be recomputed at any time (the par of each scenario)."""
    return _subdir("cache")
