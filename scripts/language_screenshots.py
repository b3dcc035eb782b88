"""Screenshots of the translated screens: each screen of the catalogue in Ukrainian and Russian (or the languages
given), at 1280x720, into docs/screenshots/<screen>-<lang>-1280x720.png, headless.

Usage: python scripts/language_screenshots.py [--lang uk ru] [--screens title chooser setup briefing ...]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
os.environ.setdefault("NEGOTIATOR_DATA_DIR", tempfile.mkdtemp(prefix="negotiator-shots-"))
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "ui")]

from negotiator import i18n, resources  # noqa: E402

resources.use_source_tree(ROOT)

from scene_catalogue import SCENES, open_scene  # noqa: E402

from negotiator.ui.app import App, save_screenshot  # noqa: E402
from negotiator.ui.scenes.title import TitleScene  # noqa: E402
from negotiator.ui.settings import Settings  # noqa: E402

DEFAULT_SCREENS = ["title", "chooser", "setup", "briefing", "settings", "help", "table"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", nargs="+", default=["uk", "ru"], choices=[*i18n.LANGUAGES, i18n.PSEUDO])
    parser.add_argument("--screens", nargs="+", default=DEFAULT_SCREENS, choices=list(SCENES))
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    for lang in args.lang:
        for screen in args.screens:
            app = App(Settings(window_size=(width, height), language=lang), title_factory=TitleScene)
            try:
                app.reset_to_title()
                open_scene(app, screen)
                for _ in range(4):
                    app.step(1 / 60, [])
                app.draw()
                path = save_screenshot(app.screen, args.out / f"{screen}-{lang}-{args.size}.png")
                print(path)
            finally:
                app.close()


if __name__ == "__main__":
    main()
