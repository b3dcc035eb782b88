"""Player settings, persisted as JSON in the user data folder.

A settings file is user-editable and may be damaged; loading never raises for a bad file. It falls back
to the defaults and returns a notice the UI shows once, so a typo never costs the player the game.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from negotiator import paths

TextSize = Literal["small", "normal", "large", "x_large"]

TEXT_SCALE: dict[str, float] = {"small": 0.9, "normal": 1.0, "large": 1.15, "x_large": 1.3}
MIN_WINDOW = (1024, 600)


class Settings(BaseModel):
    """Everything the settings dialog can change. Immutable: change with `model_copy(update=...)`."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    window_size: tuple[int, int] = Field(default=(1280, 720), description="Window size when not fullscreen.")
    fullscreen: bool = False
    ui_scale: float = Field(default=1.0, ge=0.75, le=1.5, description="Spacing and control size factor.")
    colourblind: bool = Field(default=False, description="Use the colour-blind-safe palette.")
    text_size: TextSize = "normal"
    animation_speed: float = Field(default=1.0, ge=0.25, le=4.0, description="1 is normal; higher is faster.")
    sound: bool = True

    @property
    def text_scale(self) -> float:
        return TEXT_SCALE[self.text_size]

    @property
    def clamped_window_size(self) -> tuple[int, int]:
        return (max(self.window_size[0], MIN_WINDOW[0]), max(self.window_size[1], MIN_WINDOW[1]))


def load_settings(path: Path | None = None) -> tuple[Settings, str | None]:
    """Read settings; on a missing file return defaults, on a bad one defaults plus a notice for the player."""
    path = path or paths.settings_path()
    if not path.exists():
        return Settings(), None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("the file does not hold a JSON object")
        return Settings.model_validate(data), None
    except (OSError, UnicodeDecodeError, ValueError, ValidationError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return Settings(), f"Your settings file could not be read ({reason}); default settings are used."


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write settings atomically (write then rename) so a crash never leaves half a file."""
    path = path or paths.settings_path()
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(settings.model_dump(mode="json"), indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path
