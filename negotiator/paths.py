"""Where the game keeps user files: saves, autosaves, settings and the user's own scenarios.

`NEGOTIATOR_DATA_DIR` overrides the platform's user data folder (tests and portable installs use it).
Folders are created on first use, not at import time. A data folder that cannot be used (a file in the
way, no permission, a device such as /dev/null) raises `DataFolderError`, an OSError whose `str()` is one
line saying what to do; `data_root()` and `autosaves_path()` name a place without creating anything.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import platformdirs

from negotiator.files import FileWriteError, ensure_folder, shown_path

APP_NAME = "negotiator"
ENV = "NEGOTIATOR_DATA_DIR"


class DataFolderError(FileWriteError):
    """The user data folder (or one inside it) cannot be created or written."""


def data_root() -> Path:
    """The user data folder's path (not created)."""
    override = os.environ.get(ENV)
    return Path(override).expanduser() if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def _ensure(path: Path) -> Path:
    try:
        return ensure_folder(path)
    except FileWriteError as exc:
        why = exc.message.removeprefix("cannot use this folder: ")
        hint = f"set {ENV} to a folder you can write to" if os.environ.get(ENV) else f"or set {ENV} to another folder"
        raise DataFolderError(
            path, f"the game's data folder cannot be used ({why}); {hint}", exc.errno or errno.EIO
        ) from None


def autosaves_path() -> Path:
    """Where autosaves live, without creating the folder."""
    return data_root() / "autosaves"


def check_data_folder() -> str | None:
    """At start-up: None when the data folder and its subfolders can be written, else one line saying why."""
    try:
        for folder in (user_data_dir(), saves_dir(), autosaves_dir(), library_dir(), user_scenarios_dir()):
            if not os.access(folder, os.W_OK | os.X_OK):
                return (
                    f"negotiator: the game's data folder {shown_path(folder)} is not writable; "
                    f"set {ENV} to a folder you can write to"
                )
    except OSError as exc:
        return f"negotiator: {exc}"
    return None


def user_data_dir() -> Path:
    return _ensure(data_root())


def _subdir(name: str) -> Path:
    user_data_dir()
    return _ensure(data_root() / name)


def saves_dir() -> Path:
    return _subdir("saves")


def autosaves_dir() -> Path:
    return _subdir("autosaves")


def library_dir() -> Path:
    """Finished games, one file each, kept apart from the autosave rotation (nothing deletes them but the player)."""
    return _subdir("finished")


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
