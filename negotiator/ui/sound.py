"""Short, calm UI sounds: an offer arrives, a deal is ratified, a lever resolves, the timer is low, a game ends.

Loaded once when the app starts (never in the frame loop). Sound is a nicety: when the mixer cannot start (no
audio device) or a file is missing or broken, that sound (or all of them) stays silent and nothing raises.
The sound setting is read at every `play`, so switching it off in the settings takes effect at once.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pygame

from negotiator import resources

log = logging.getLogger(__name__)

NAMES = ("offer", "deal", "lever", "timer", "end")
MIXER = {"frequency": 22050, "size": -16, "channels": 1, "buffer": 512}  # the files' own format: no resampling


@contextlib.contextmanager
def quiet_stderr() -> Iterator[None]:
    """Silence C libraries while the mixer starts: on a machine without a sound card ALSA prints its errors
    straight to the terminal, and the player should see nothing (the failure is logged instead)."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def start_mixer() -> bool:
    """Start the mixer if it is not running; False (and a log line) when there is no usable audio device."""
    if pygame.mixer.get_init():
        return True
    try:
        with quiet_stderr():
            pygame.mixer.init(**MIXER)
    except (pygame.error, NotImplementedError) as exc:
        log.info("no sound: the audio mixer could not start (%s)", exc)
        return False
    return True


class Sounds:
    """The loaded sounds; `play(name)` plays one when sound is on, and does nothing otherwise."""

    def __init__(self, sounds: dict[str, pygame.mixer.Sound], enabled: Callable[[], bool]) -> None:
        self.sounds = sounds
        self.enabled = enabled

    @classmethod
    def load(cls, enabled: Callable[[], bool], folder: Path | None = None) -> Sounds:
        """Every sound that can be loaded from `folder` (default: the built-in sounds); none at all when the
        mixer cannot start or the built-in sounds are missing."""
        sounds: dict[str, pygame.mixer.Sound] = {}
        if folder is None:
            try:
                folder = resources.folder("sounds")
            except resources.ResourceError as exc:
                log.info("no sound: %s", exc)
                return cls(sounds, enabled)
        if start_mixer():
            for name in NAMES:
                path = folder / f"{name}.wav"
                try:
                    sounds[name] = pygame.mixer.Sound(path)
                except (pygame.error, OSError, FileNotFoundError) as exc:
                    log.info("sound %s not loaded: %s", path.name, exc)
        return cls(sounds, enabled)

    def play(self, name: str) -> bool:
        """Play a sound if sound is on and it loaded; True if it was started. Never raises."""
        sound = self.sounds.get(name)
        if sound is None or not self.enabled():
            return False
        try:
            sound.play()
        except pygame.error as exc:
            log.info("sound %s could not play: %s", name, exc)
            return False
        return True
