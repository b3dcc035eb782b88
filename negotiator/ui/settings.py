"""Player settings, persisted as JSON in the user data folder.

A settings file is user-editable and may be damaged; loading never raises for a bad file. It is read like
every JSON file the game reads (`negotiator.files`: a regular file of at most `MAX_BYTES`, guarded JSON,
the `Settings` model); a bad one is moved aside to `settings.json.bad` and the defaults are used, with a
notice the UI shows once, so a typo never costs the player the game (nor their file).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from negotiator import files, paths

TextSize = Literal["small", "normal", "large", "x_large"]
Language = Literal["en", "uk", "ru", "qps"]  # negotiator.i18n.LANGUAGES and its pseudo-locale

TEXT_SCALE: dict[str, float] = {"small": 0.9, "normal": 1.0, "large": 1.15, "x_large": 1.3}
MIN_WINDOW = (1024, 600)
MAX_WINDOW_SIDE = 16384  # the largest texture SDL renderers handle
MAX_BYTES = 64_000
_Side = Annotated[int, Field(strict=True, ge=1, le=MAX_WINDOW_SIDE)]


class Settings(BaseModel):
    """Everything the settings dialog can change. Immutable: change with `model_copy(update=...)`."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    window_size: tuple[_Side, _Side] = Field(default=(1280, 720), description="Window size when not fullscreen.")
    fullscreen: bool = False
    ui_scale: float = Field(default=1.0, ge=0.75, le=1.5, description="Spacing and control size factor.")
    colourblind: bool = Field(default=False, description="Use the colour-blind-safe palette.")
    text_size: TextSize = "normal"
    animation_speed: float = Field(default=1.0, ge=0.25, le=4.0, description="1 is normal; higher is faster.")
    sound: bool = True
    language: Language = Field(default="en", description="The language of the interface (qps: the layout check).")
    tutorial_offered: bool = Field(
        default=False, description="The tutorial was selected for a first game once; New game no longer selects it."
    )

    @property
    def text_scale(self) -> float:
        return TEXT_SCALE[self.text_size]

    @property
    def clamped_window_size(self) -> tuple[int, int]:
        return (max(self.window_size[0], MIN_WINDOW[0]), max(self.window_size[1], MIN_WINDOW[1]))


def load_settings(path: Path | None = None) -> tuple[Settings, str | None]:
    """Read settings; on a missing file return defaults, on a bad one defaults plus a notice for the player
    (the bad file is kept aside as `settings.json.bad`)."""
    try:
        path = path or paths.settings_path()
    except OSError as exc:  # the data folder itself is unusable: play on with the defaults
        return Settings(), f"Your settings cannot be read or saved ({exc}); default settings are used."
    if not os.path.lexists(path):
        return Settings(), None
    try:
        data = files.load_json(files.read_regular(path, MAX_BYTES, "settings file"), path, "settings file")
        if not isinstance(data, dict):
            raise files.FileReadError(path, "the settings file does not hold a JSON object")
        return Settings.model_validate(data), None
    except files.FileReadError as exc:
        reason = exc.message
    except ValidationError as exc:
        reason = files.validation_message(exc, limit=2)
    kept = _set_aside(path)
    where = f" The file was kept as {kept.name}." if kept else ""
    return Settings(), f"Your settings file could not be read ({reason}); default settings are used.{where}"


def _set_aside(path: Path) -> Path | None:
    """Move a bad settings file out of the way (replacing an older bad one), so it is neither lost nor read
    again; None if it cannot be moved."""
    aside = path.with_name(path.name + ".bad")
    with contextlib.suppress(OSError):
        if aside.is_dir() and not aside.is_symlink():
            return None
        os.replace(path, aside)
        return aside
    return None


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write settings atomically (`negotiator.files.atomic_write`) so a crash never leaves half a file."""
    import json

    path = path or paths.settings_path()
    files.atomic_write(path, json.dumps(settings.model_dump(mode="json"), indent=2) + "\n")
    return path
