"""Start-up checks that must give one clear line instead of a traceback: the right pygame, and a display.

Imported before pygame itself, so it can set the environment pygame reads at import time.
"""

from __future__ import annotations

import os
import sys

NO_DISPLAY_MESSAGE = (
    "negotiator: no display available for the game window; to play in the terminal run: python main.py text"
)
WRONG_PYGAME_MESSAGE = (
    "negotiator: the installed 'pygame' is not pygame-ce, which the window needs; "
    "run: pip uninstall -y pygame && pip install --force-reinstall pygame-ce==2.5.8"
)
HEADLESS_DRIVERS = {"dummy", "offscreen"}


class StartupError(Exception):
    """The window cannot open; `str()` is the one line to show the player."""


def prepare_environment() -> None:
    """Quiet pygame's banner; must run before the first `import pygame`."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


def require_pygame_ce() -> None:
    """pygame and pygame-ce share one folder; the wrong one breaks pygame_gui in confusing ways."""
    prepare_environment()
    try:
        import pygame
    except ImportError as exc:
        raise StartupError(WRONG_PYGAME_MESSAGE) from exc
    if not getattr(pygame, "IS_CE", False):
        raise StartupError(WRONG_PYGAME_MESSAGE)


def display_problem(environ: dict[str, str] | None = None, platform: str | None = None) -> str | None:
    """The no-display message when there is obviously no display, before SDL is even asked."""
    env = os.environ if environ is None else environ
    platform = platform or sys.platform
    driver = env.get("SDL_VIDEODRIVER", "").strip().lower()
    if driver in HEADLESS_DRIVERS:
        return None
    on_unix_desktop = platform.startswith("linux") or "bsd" in platform
    if on_unix_desktop and not driver and not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        return NO_DISPLAY_MESSAGE
    return None
